import Foundation

/// Runs the built `kendali` executable end to end, for tests of any command.
///
/// The binary is looked up, in order: the `KENDALI_BINARY` environment variable; next to this
/// test bundle (the build products folder, found from `CommandLine.arguments[0]` and from
/// `Bundle.main`/`Bundle.allBundles`, walking up a few folders for macOS `.xctest` bundles).
/// SwiftPM builds `kendali` before the tests because `KendaliCLITests` depends on it.
enum CLIRunner {
    /// The outcome of one run.
    struct Result: Sendable {
        /// Exit status (or the terminating signal's number when killed by a signal).
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `kendali` executable, or `nil` when it cannot be found.
    static let executable: URL? = locate()

    /// The folders searched, for the message when the binary is missing.
    static var searched: [String] { candidates().map(\.path) }

    private static func candidates() -> [URL] {
        var starts: [URL] = []
        if let arg0 = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: arg0).deletingLastPathComponent())
        }
        starts.append(Bundle.main.bundleURL)
        starts.append(contentsOf: Bundle.allBundles.map(\.bundleURL))
        var folders: [URL] = []
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<4 {
                if !folders.contains(dir) { folders.append(dir) }
                dir = dir.deletingLastPathComponent()
            }
        }
        return folders
    }

    private static func locate() -> URL? {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["KENDALI_BINARY"], fm.isExecutableFile(atPath: explicit) {
            return URL(fileURLWithPath: explicit)
        }
        for dir in candidates() {
            let url = dir.appendingPathComponent("kendali")
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fm.isExecutableFile(atPath: url.path)
            {
                return url
            }
        }
        return nil
    }
}

/// Runs `kendali` with `args`, optional standard input and extra environment variables
/// (added to the test process's environment, less `KENDALI_LANG`; `OPENBLAS_NUM_THREADS`
/// defaults to 1), and
/// returns its exit status and everything it wrote.
///
/// Output goes through temporary files, so a command that writes a lot cannot block on a
/// full pipe. When the binary is missing, the status is 127 and `stderr` says where it looked.
func runKendali(
    _ args: [String], stdin: String? = nil, environment: [String: String] = [:]
) -> (status: Int32, stdout: String, stderr: String) {
    guard let executable = CLIRunner.executable else {
        return (127, "", "kendali binary not found; looked in: \(CLIRunner.searched.joined(separator: ", "))")
    }
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("kendali-cli-\(UUID().uuidString)")
    do {
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
        return (126, "", "cannot create \(scratch.path): \(error)")
    }
    defer { try? fm.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    let inURL = scratch.appendingPathComponent("stdin")
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)
    _ = fm.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

    let process = Process()
    process.executableURL = executable
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    if env["OPENBLAS_NUM_THREADS"] == nil { env["OPENBLAS_NUM_THREADS"] = "1" }
    // The tests choose the language themselves: the tool's default unless they pass one.
    env["KENDALI_LANG"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    do {
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
            try? inHandle.close()
        }
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        process.waitUntilExit()
    } catch {
        return (126, "", "cannot run \(executable.path): \(error)")
    }
    let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (process.terminationStatus, out, err)
}
