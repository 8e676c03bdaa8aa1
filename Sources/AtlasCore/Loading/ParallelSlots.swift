import Foundation

/// One result per index, filled from any thread (DispatchQueue.concurrentPerform)
/// and read in index order afterwards, so that parallel work gives results in
/// a fixed order.
public final class ParallelSlots<T>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()

    public init(count: Int) { items = Array(repeating: nil, count: count) }

    public func set(_ k: Int, _ item: T?) { lock.withLock { items[k] = item } }

    public subscript(_ k: Int) -> T? { lock.withLock { items[k] } }
}
