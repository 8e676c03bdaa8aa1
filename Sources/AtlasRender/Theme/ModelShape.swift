import Foundation

/// What a page model offers its templates, read from the model's type (not
/// from an instance, so a list that happens to be empty still has its fields):
/// the contract the theme is checked against when it loads.
///
/// The shape is read through the model's synthesized `Decodable` conformance
/// with `ShapeDecoder`, which answers every request with one element per list
/// and a value for every optional, and notes what was asked for. The models
/// are never decoded from data; `Decodable` only lends the compiler's list of
/// fields (Swift has no other way to enumerate a type's fields without an
/// instance), so the contract cannot drift from the code.
public indirect enum ModelShape: Sendable, Equatable {
    /// Markup a template prints with `{{{name}}}`.
    case html
    /// A flag for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
    case flag
    /// A nested value with fields; a section over it sees them.
    case object([String: ModelShape])
    /// A list; a section repeats for each element.
    case list(ModelShape)
    /// Anything else: not allowed in a page model (text must be `HTML`, so
    /// that escaping happens in one place).
    case unsupported(String)

    /// The shape of a model type.
    public static func of<T: Decodable>(_ type: T.Type) -> ModelShape {
        (try? ShapeDecoder.read(T.self).1) ?? .unsupported(String(describing: T.self))
    }

    /// The fields a section over a value of this shape sees.
    var fields: [String: ModelShape] {
        switch self {
        case .object(let f): f
        case .list(let element): element.fields
        default: [:]
        }
    }
}

/// Reads a `Decodable` type's fields (see `ModelShape`).
final class ShapeDecoder: Decoder {
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    private(set) var shape: ModelShape = .unsupported("?")
    /// Set by `HTML.init(from:)` and by `Bool`'s single value.
    var leaf: ModelShape?
    private var fields: FieldBox?
    private var element: ElementBox?

    final class FieldBox { var fields: [String: ModelShape] = [:] }
    final class ElementBox { var shape: ModelShape? }

    static func read<T: Decodable>(_ type: T.Type) throws -> (T, ModelShape) {
        let d = ShapeDecoder()
        let value = try T(from: d)
        return (value, d.finish(T.self))
    }

    private func finish<T>(_ type: T.Type) -> ModelShape {
        if let leaf {
            shape = leaf
        } else if let fields {
            shape = .object(fields.fields)
        } else if let element {
            shape = .list(element.shape ?? .unsupported("?"))
        } else {
            shape = .unsupported(String(describing: T.self))
        }
        return shape
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let box = FieldBox()
        fields = box
        shape = .object([:])
        return KeyedDecodingContainer(Keyed<Key>(box: box))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        let box = ElementBox()
        element = box
        return Unkeyed(box: box)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

    struct Unsupported: Error {}

    /// A value of each primitive type: only `Bool` is a page model's own
    /// (`HTML` reads its string through `leaf`); the rest mark the field unsupported.
    static func primitive<T>(_ type: T.Type) throws -> T {
        switch type {
        case is Bool.Type: return false as! T
        case is String.Type: return "" as! T
        case is Double.Type: return 0.0 as! T
        case is Float.Type: return Float(0) as! T
        case is Int.Type: return 0 as! T
        default: throw Unsupported()
        }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: ShapeDecoder
        var codingPath: [CodingKey] { [] }
        func decodeNil() -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if decoder.leaf == nil { decoder.leaf = type == Bool.self ? .flag : .unsupported(String(describing: T.self)) }
            if let p = try? ShapeDecoder.primitive(type) { return p }
            return try ShapeDecoder.read(type).0
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let box: FieldBox
        var codingPath: [CodingKey] { [] }
        var allKeys: [Key] { [] }
        func contains(_ key: Key) -> Bool { true }
        func decodeNil(forKey key: Key) -> Bool { false }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            if type == Bool.self {
                box.fields[key.stringValue] = .flag
                return false as! T
            }
            if let p = try? ShapeDecoder.primitive(type) {
                box.fields[key.stringValue] = .unsupported(String(describing: T.self))
                return p
            }
            let (value, shape) = try ShapeDecoder.read(type)
            box.fields[key.stringValue] = shape
            return value
        }
        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> { throw Unsupported() }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { throw Unsupported() }
        func superDecoder() throws -> Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> Decoder { throw Unsupported() }
    }

    /// One element, then the end.
    struct Unkeyed: UnkeyedDecodingContainer {
        let box: ElementBox
        var codingPath: [CodingKey] { [] }
        var count: Int? { 1 }
        var isAtEnd: Bool { currentIndex >= 1 }
        var currentIndex = 0
        init(box: ElementBox) { self.box = box }
        mutating func decodeNil() -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            currentIndex += 1
            if type == Bool.self {
                box.shape = .flag
                return false as! T
            }
            if let p = try? ShapeDecoder.primitive(type) {
                box.shape = .unsupported(String(describing: T.self))
                return p
            }
            let (value, shape) = try ShapeDecoder.read(type)
            box.shape = shape
            return value
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy type: N.Type) throws -> KeyedDecodingContainer<N> { throw Unsupported() }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { throw Unsupported() }
        mutating func superDecoder() throws -> Decoder { throw Unsupported() }
    }
}

/// A page model: the values one page kind's template shows, as a value
/// produced before rendering. Its template is `Themes/<name>/templates/<template>.mustache`.
public protocol PageModel: Codable, Sendable {
    static var template: String { get }
}
