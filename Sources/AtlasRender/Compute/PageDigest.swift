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
        var out: [String: String] = [:]
        for (id, f) in facts {
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
            out[id] = d.hex
        }
        return out
    }

    /// The digest of everything the Steckbrief of `kreis` shows in this language.
    func steckbriefDigest(_ kreis: Region, global: String, cards: CardDigests) -> String {
        var d = DigestBytes()
        d.add("steckbrief 2")
        d.add(global)
        d.add(lang)
        d.add(kreis.code)
        for (theme, indicators) in steckbriefThemes {
            d.add(theme.id)
            for i in indicators {
                d.add(i.id)
                d.add(raw: cards.digest(i.id, kreis.code))
            }
        }
        return d.hex
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
