import Foundation

/// The folder that holds the built `kendali` executable: the build products folder, which
/// also holds this test bundle.
func kendaliBinaryDirectory() throws -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
    for _ in 0..<4 {
        if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("kendali").path) {
            return dir
        }
        dir = dir.deletingLastPathComponent()
    }
    for bundle in Bundle.allBundles {
        let candidate = bundle.bundleURL.deletingLastPathComponent()
        if FileManager.default.isExecutableFile(atPath: candidate.appendingPathComponent("kendali").path) {
            return candidate
        }
    }
    throw CocoaError(.fileNoSuchFile)
}
