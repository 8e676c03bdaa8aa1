import AtlasCore
import AtlasKeys
import Foundation

/// What a rebuild may take over from the previous site without rendering.
///
/// A Steckbrief reads, besides everything that is not an indicator's figures
/// (definition, theme, region tables, borders, offers, editorial pages,
/// options, program — together `global`), per indicator only: the district's
/// own series, its rank, the latest year, its Land's and Germany's value with
/// their coverage, and the histogram of all latest figures. An indicator's page
/// and download read its figures at every level and the reference values
/// formed from them. Their digests hash exactly these; where one equals the
/// previous build's, the previous file is hard-linked instead of making it
/// again. Every other page and download is made as before.
public struct PageReuse: Sendable {
    /// Hash of all inputs except the tables that only hold indicator figures.
    public var global: String
    /// The previous build's digests, by site path.
    public var previous: [String: String]

    public init(global: String, previous: [String: String]) {
        self.global = global
        self.previous = previous
    }
}

/// Bytes for a digest: numbers as their 8 raw bytes, text with a separator
/// (no formatting: this runs for every figure of every Steckbrief).
struct DigestBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func add(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        bytes.append(0x1F)
    }

    mutating func add(_ n: Int) { add(raw: UInt64(bitPattern: Int64(n))) }

    mutating func add(raw: UInt64) {
        withUnsafeBytes(of: raw.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func add(_ v: Double?) {
        if let v {
            bytes.append(1)
            add(raw: v.bitPattern)
        } else {
            bytes.append(0)
        }
    }

    mutating func add(_ o: Observation?) {
        guard let o else { return bytes.append(0xFF) }
        add(o.value)
        bytes.append(contentsOf: o.symbol?.rawValue.utf8 ?? "".utf8)
        bytes.append(0x1F)
        bytes.append(o.flags.rawValue)
        bytes.append(o.restricted ? 1 : 0)
    }

    /// A region's figures, year by year.
    mutating func add(series: [Int: Observation]) {
        for y in series.keys.sorted() {
            add(y)
            add(series[y])
        }
    }

    var hex: String { ContentHash.hex(bytes) }
}

extension PageRenderer {
    /// What a Steckbrief card's histogram shows of all districts — how many,
    /// the lowest and highest figure and the count in each bin — hashed once
    /// per indicator (as `Histogram` bins them on a card). A figure that moves
    /// within its bin changes no other district's card.
    static func histogramDigests(_ facts: [String: IndicatorFacts]) -> [String: String] {
        var out: [String: String] = [:]
        for (id, f) in facts where f.level == .kreis {
            let values = f.latestFigures()
            var d = DigestBytes()
            d.add(values.count)
            if let lo = values.min(), let hi = values.max() {
                d.add(lo)
                d.add(hi)
                let upper = hi > lo ? hi : lo + 1
                for c in Summary.histogram(values, bins: Histogram.cardBins, lower: lo, upper: upper) { d.add(c) }
            }
            out[id] = d.hex
        }
        return out
    }

    /// Per indicator, the digest of everything its page and its download
    /// show besides what is in `global`: its figures at every level and the
    /// reference values formed from them (weighted ones read other figures).
    static func indicatorDigests(_ facts: [String: IndicatorFacts], gemeindeFacts: [String: IndicatorFacts], global: String)
        -> [String: String]
    {
        // Every figure of every indicator hashed: on all cores.
        let ids = facts.keys.sorted()
        let slots = ParallelSlots<String>(count: ids.count)
        DispatchQueue.concurrentPerform(iterations: ids.count) { k in
            let (id, f) = (ids[k], facts[ids[k]]!)
            var d = DigestBytes()
            d.add("indicator 1")
            d.add(global)
            d.add(id)
            for level in [f.level] + (gemeindeFacts[id].map { [$0.level] } ?? []) {
                let values = level == f.level ? f.values : gemeindeFacts[id]!.values
                d.add(level.rawValue)
                for code in values.series.keys.sorted() {
                    d.add(code)
                    d.add(series: values.series[code]!)
                }
            }
            for y in f.years {
                d.add(y)
                d.add(f.germanyValues[y])
                for (land, v) in (f.landValues[y] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    d.add(land)
                    d.add(v)
                }
                for (key, p) in (f.partial[y] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    d.add(key)
                    d.add(p.have)
                    d.add(p.of)
                }
            }
            slots.set(k, d.hex)
        }
        var out: [String: String] = [:]
        for (k, id) in ids.enumerated() { out[id] = slots[k]! }
        return out
    }

    /// The digest of everything a Steckbrief shows besides its cards: the
    /// inputs in `global`, the language, the district and which cards in
    /// which order.
    func steckbriefFrameDigest(_ kreis: Region, global: String) -> String {
        var d = DigestBytes()
        d.add("steckbrief frame 1")
        d.add(global)
        d.add(lang)
        d.add(kreis.code)
        for (theme, indicators) in steckbriefThemes {
            d.add(theme.id)
            for i in indicators where facts[i.id] != nil { d.add(i.id) }
        }
        return d.hex
    }

    /// The previous Steckbrief of `kreis` with the cards whose digest changed
    /// rendered again (a figure that moves into another histogram bin changes
    /// one card on every Steckbrief, not the other 22). `digest` and `before`
    /// are this build's and the previous build's `steckbriefDigest`. Nil where
    /// the frame changed or the previous file does not read as expected: then
    /// the page is rendered whole.
    func spliceSteckbrief(_ kreis: Region, digest: String, before: String?, previousFile: String?) -> String? {
        guard let before, let file = previousFile else { return nil }
        // The same frame means the same cards in the same order.
        let new = digest.split(separator: ":", maxSplits: 1), old = before.split(separator: ":", maxSplits: 1)
        guard new.count == 2, old.count == 2, new[0] == old[0] else { return nil }
        let newCards = new[1].split(separator: ",", omittingEmptySubsequences: false)
        let oldCards = old[1].split(separator: ",", omittingEmptySubsequences: false)
        let shown = steckbriefThemes.flatMap { $0.indicators.filter { facts[$0.id] != nil } }
        guard newCards.count == shown.count, oldCards.count == shown.count else { return nil }
        let changed = shown.indices.filter { newCards[$0] != oldCards[$0] }.map { shown[$0] }
        guard !changed.isEmpty, let data = FileManager.default.contents(atPath: file) else { return nil }
        // On bytes (Foundation's range(of:) on a 75 KB page cost more than
        // rendering it): each changed card's byte range, in file order.
        var page = [UInt8](data)
        let land = kreis.parent.flatMap { atlas.regions.region($0, level: .land) }
        let full = self.path("kreis/\(kreis.code)/index.html")
        let end = Array("</article>".utf8)
        for i in changed {
            // A card is one <article> (cards hold no other article).
            let start = Array(("<article class=\"card\" aria-labelledby=\"ind-" + Escape.attribute(i.id) + "\">").utf8)
            guard let from = Self.find(start, in: page, from: 0),
                Self.find(start, in: page, from: from + start.count) == nil,
                let to = Self.find(end, in: page, from: from + start.count)
            else { return nil }
            page.replaceSubrange(from..<(to + end.count), with: card(i, facts[i.id]!, kreis: kreis, land: land, from: full).raw.utf8)
        }
        return String(decoding: page, as: UTF8.self)
    }

    /// Where `needle` first occurs in `haystack` at or after `from`: memchr
    /// for its first byte, memcmp for the rest.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from <= haystack.count else { return nil }
        return haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                var i = from
                while i + n.count <= h.count {
                    guard let p = memchr(h.baseAddress! + i, Int32(n[0]), h.count - n.count + 1 - i) else { return nil }
                    let at = h.baseAddress!.distance(to: UnsafeRawPointer(p))
                    if memcmp(h.baseAddress! + at, n.baseAddress!, n.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }

    /// The digest of everything the Steckbrief of `kreis` shows in this
    /// language: its frame digest, ":", the digest of each card in page order
    /// (so that a rebuild can tell which cards changed, `spliceSteckbrief`).
    func steckbriefDigest(_ kreis: Region, global: String, cards: CardDigests) -> String {
        var out = steckbriefFrameDigest(kreis, global: global) + ":"
        var first = true
        for (_, indicators) in steckbriefThemes {
            for i in indicators where facts[i.id] != nil {
                if !first { out += "," }
                first = false
                out += String(cards.digest(i.id, kreis.code), radix: 16)
            }
        }
        return out
    }
}

/// Per indicator and district, the digest of what that district's card shows
/// (the same in every language): worked out once per build, on all cores.
final class CardDigests: Sendable {
    private let byIndicator: [String: [String: UInt64]]

    init(_ atlas: Atlas, facts: [String: IndicatorFacts]) {
        let histograms = PageRenderer.histogramDigests(facts)
        let ids = facts.keys.filter { facts[$0]!.level == .kreis }.sorted()
        let kreise = atlas.regions.list(.kreis)
        let slots = ParallelSlots<[String: UInt64]>(count: ids.count)
        DispatchQueue.concurrentPerform(iterations: ids.count) { k in
            let f = facts[ids[k]]!
            var out: [String: UInt64] = [:]
            out.reserveCapacity(kreise.count)
            for kreis in kreise {
                var d = DigestBytes()
                d.add(histograms[ids[k]] ?? "")
                let year = f.latestYear
                d.add(year ?? 0)
                if let r = f.rankByCode[kreis.code] {
                    d.add(r.position)
                    d.add(r.tied)
                    d.add(r.of)
                } else {
                    d.add("unranked")
                }
                for key in [kreis.parent ?? "", "DE"] {
                    d.add(year.flatMap { key == "DE" ? f.germanyValues[$0] : f.landValues[$0]?[key] })
                    if let y = year, let p = f.partial[y]?[key] {
                        d.add(p.have)
                        d.add(p.of)
                    } else {
                        d.add("complete")
                    }
                }
                d.add(series: f.values.series[kreis.code] ?? [:])
                out[kreis.code] = ContentHash.hash64(d.bytes)
            }
            slots.set(k, out)
        }
        var all: [String: [String: UInt64]] = [:]
        for (k, id) in ids.enumerated() { all[id] = slots[k] }
        byIndicator = all
    }

    func digest(_ indicator: String, _ kreis: String) -> UInt64 { byIndicator[indicator]?[kreis] ?? 0 }
}

/// The long downloads (atlas.csv, atlas.json) are one piece per indicator.
/// After a change of figures, the pieces of the other indicators are copied
/// from the previous site's file instead of written again (profiled: the two
/// files were half of the work of a one-value rebuild). Each piece has the
/// digest of all the indicator's figures at every level (plus `global`); the
/// fingerprint keeps digest, offset and length of every piece as the
/// "page" entry `<file>#<indicator>`, and the file's size as `<file>`.
final class DownloadPieces: @unchecked Sendable {
    let path: String
    private let digests: [String: String]
    private var previous: [String: (digest: String, offset: Int, length: Int)] = [:]
    private var fd: Int32 = -1
    private(set) var records: [String: String] = [:]
    private(set) var pieceCount = 0
    private(set) var copied = 0

    /// `previousFile`: where the previous site's file is, if it has one.
    init(path: String, digests: [String: String], previous: [String: String], previousFile: String?) {
        self.path = path
        self.digests = digests
        guard let file = previousFile, let size = previous[path].flatMap({ Int($0.dropFirst("size-".count)) }) else { return }
        let fd = Glibc.open(file, O_RDONLY | O_CLOEXEC)
        var info = stat()
        // A file of another size than the fingerprint says is not the one it describes.
        guard fd >= 0, fstat(fd, &info) == 0, Int(info.st_size) == size else {
            if fd >= 0 { Glibc.close(fd) }
            return
        }
        self.fd = fd
        let prefix = path + "#"
        for (key, value) in previous where key.hasPrefix(prefix) {
            let parts = value.split(separator: ":")
            guard parts.count == 3, let offset = Int(parts[1]), let length = Int(parts[2]), offset >= 0, length >= 0,
                offset + length <= size
            else { continue }
            self.previous[String(key.dropFirst(prefix.count))] = (String(parts[0]), offset, length)
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// The piece of `indicator`: copied if its figures are those of the
    /// previous build, else written by `make`.
    func piece(_ indicator: String, into out: ChunkedText, make: () -> Void) {
        let start = out.count
        let digest = digests[indicator] ?? ""
        pieceCount += 1
        if let p = previous[indicator], p.digest == digest, let bytes = read(offset: p.offset, length: p.length) {
            out.append(bytes)
            copied += 1
        } else {
            make()
        }
        records[path + "#" + indicator] = "\(digest):\(start):\(out.count - start)"
    }

    /// After the last piece and anything after it.
    func finish(size: Int) { records[path] = "size-\(size)" }

    private func read(offset: Int, length: Int) -> [UInt8]? {
        guard fd >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: length)
        var done = 0
        while done < length {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, length - done, off_t(offset + done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    /// Per indicator, the digest of its figures at every level, in the order
    /// the downloads list them; on all cores.
    static func digests(_ atlas: Atlas, global: String) -> [String: String] {
        let indicators = atlas.indicators
        let slots = ParallelSlots<String>(count: indicators.count)
        DispatchQueue.concurrentPerform(iterations: indicators.count) { k in
            var d = DigestBytes()
            d.add("download 1")
            d.add(global)
            d.add(indicators[k].id)
            for level in RegionLevel.allCases {
                guard let values = atlas.values(indicators[k].id, level: level) else { continue }
                d.add(level.rawValue)
                for region in atlas.regions.list(level) {
                    guard let series = values.series[region.code] else { continue }
                    d.add(region.code)
                    d.add(series: series)
                }
            }
            slots.set(k, d.hex)
        }
        var out: [String: String] = [:]
        for (k, i) in indicators.enumerated() { out[i.id] = slots[k]! }
        return out
    }
}
