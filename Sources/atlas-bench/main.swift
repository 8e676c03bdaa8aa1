// Benchmark of the pipeline's stages on the real data: prints figures, asserts
// nothing. Run in release: swift run -c release atlas-bench [runs]
import AtlasBuild
import AtlasCore
import AtlasRender
import Foundation

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 20 : 20
let clock = ContinuousClock()

func median(_ f: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let t = clock.now
        f()
        times.append((clock.now - t) / .milliseconds(1))
    }
    return times.sorted()[times.count / 2]
}

var atlas: Atlas?
let load = median { atlas = AtlasLoader.load(LoadOptions(data: "Data")).atlas }
guard let atlas else {
    print("atlas-bench: the bundled Data/ does not check clean; run atlas check")
    exit(1)
}
let (theme, _) = Theme.load(directory: "Themes/default", languages: atlas.definition.languages)
var maps: MapGeometry?
let prepare = median { maps = MapGeometry.prepare(atlas) }
var facts: [String: IndicatorFacts] = [:]
let compute = median { facts = RenderTools.facts(atlas) }
var computed: SiteFacts?
let computeAll = median { computed = SiteFacts.compute(atlas).0 }
var svg = ""
let draw = median { svg = RenderTools.indicatorMap(facts: facts, atlas: atlas, theme: theme!, indicator: "arbeitslosenquote", maps: maps!) }
// Rendering and writing apart: `atlas build` streams each page to disk as it
// is rendered; here the whole site is rendered into memory first, then written
// into a fresh folder (the first write also compares with nothing).
let renderRuns = max(1, runs / 4)
var site = Site()
var renderTimes: [Double] = []
for _ in 0..<renderRuns {
    let t = clock.now
    site = SiteRenderer.render(atlas, computed: computed!, theme: theme!)
    renderTimes.append((clock.now - t) / .milliseconds(1))
}
let render = renderTimes.sorted()[renderTimes.count / 2]
var writeTimes: [Double] = []
for _ in 0..<renderRuns {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-bench-\(UUID().uuidString)")
    let t = clock.now
    _ = try SiteWriter.write(site, to: dir.appendingPathComponent("Site").path)
    writeTimes.append((clock.now - t) / .milliseconds(1))
    try? FileManager.default.removeItem(at: dir)
}
let write = writeTimes.sorted()[writeTimes.count / 2]
print("atlas-bench, \(runs) runs each (render and write \(renderRuns)), medians, \(ProcessInfo.processInfo.activeProcessorCount) cores")
print(String(format: "load+validate real data   %8.1f ms", load))
print(String(format: "compute facts             %8.1f ms (ranks and reference values of every indicator)", compute))
print(String(format: "compute stage             %8.1f ms (facts, Gemeinde facts, map geometry, keys' persons)", computeAll))
print(String(format: "render the site to memory %8.1f ms (%d files, %d bytes: pages, downloads, maps)", render, site.files.count, site.byteCount))
print(String(format: "write it to a new folder  %8.1f ms", write))
print(String(format: "prepare map geometry      %8.1f ms (topology of 400 districts, 3 levels of detail)", prepare))
print(String(format: "draw one district map     %8.2f ms (%d bytes of SVG with legend)", draw, svg.utf8.count))
