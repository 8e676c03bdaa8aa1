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
let facts = RenderTools.facts(atlas)
var svg = ""
let draw = median { svg = RenderTools.indicatorMap(facts: facts, atlas: atlas, theme: theme!, indicator: "arbeitslosenquote", maps: maps!) }
print("atlas-bench, \(runs) runs each, medians, \(ProcessInfo.processInfo.activeProcessorCount) cores")
print(String(format: "load+validate real data   %8.1f ms", load))
print(String(format: "prepare map geometry      %8.1f ms (topology of 400 districts, 3 levels of detail)", prepare))
print(String(format: "draw one district map     %8.2f ms (%d bytes of SVG with legend)", draw, svg.utf8.count))
