import AtlasBuild
import AtlasCore
import AtlasTestSupport

extension Paths {
    /// `atlas build` of a Data folder with the repository's themes.
    static func build(data: String, output: String) -> BuildResult {
        Builder.build(BuildOptions(load: LoadOptions(data: data), themes: themes, output: output))
    }
}
