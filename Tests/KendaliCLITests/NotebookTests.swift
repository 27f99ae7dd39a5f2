import Foundation
import Testing

/// Runs every `console` block of every notebook in `notebooks-md/` and compares the output
/// with what the notebook shows, so the notebooks cannot go stale.
@Suite("Notebooks")
struct NotebookTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func notebookFiles() -> [URL] {
        let dir = root.appendingPathComponent("notebooks-md")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test("The checker's matcher: '...' matches any lines, others must be equal")
    func matcher() {
        #expect(NotebookParser.matches(expected: ["a", "...", "d"], actual: ["a", "b", "c", "d"]))
        #expect(NotebookParser.matches(expected: ["a", "..."], actual: ["a"]))
        #expect(!NotebookParser.matches(expected: ["a", "b"], actual: ["a", "c"]))
        #expect(!NotebookParser.matches(expected: ["a"], actual: ["a", "b"]))
        let parsed = NotebookParser.commands(
            in: "text\n```console\n$ echo hi\nhi\n$ false\n[1]\n```\n```sh\n$ not run\n```\n",
            file: "x.md")
        #expect(parsed.count == 2)
        #expect(parsed.first?.expected == ["hi"])
        #expect(parsed.last?.expectedStatus == 1)
    }

    @Test("Every notebook command prints what the notebook shows")
    func notebooksMatchTheCode() throws {
        let files = Self.notebookFiles()
        #expect(!files.isEmpty, "no notebooks found in notebooks-md/")
        let executable = try #require(
            CLIRunner.executable, "kendali not found; searched \(CLIRunner.searched)")
        let binDir = executable.deletingLastPathComponent()
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let commands = NotebookParser.commands(in: text, file: file.lastPathComponent)
            #expect(!commands.isEmpty, "\(file.lastPathComponent) has no console commands to check")
            for command in commands {
                let result = try runShell(command.command, binDir: binDir)
                let actual = NotebookParser.lines(of: result.output)
                let ok = NotebookParser.matches(expected: command.expected, actual: actual)
                    && result.status == command.expectedStatus
                #expect(
                    ok,
                    """
                    \(command.file):\(command.line): `\(command.command)` differs.
                    --- expected (status \(command.expectedStatus))
                    \(command.expected.joined(separator: "\n"))
                    --- actual (status \(result.status))
                    \(actual.joined(separator: "\n"))
                    """)
            }
        }
    }

    /// Runs `command` with bash from the project root, `kendali` first on PATH; returns the
    /// combined standard output and standard error, and the exit status.
    func runShell(_ command: String, binDir: URL) throws -> (output: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = Self.root
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = binDir.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["OPENBLAS_NUM_THREADS"] = "1"
        env["LC_ALL"] = "C.UTF-8"
        env["KENDALI_LANG"] = nil
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}
