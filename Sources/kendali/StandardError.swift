import Foundation

/// Writes `text` and a newline to standard error: progress, notes and warnings, which are
/// not failures (a failure is a thrown ``CLIError``).
func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// True when standard error is a terminal and `CI` is not set: progress is shown only then.
var progressIsVisible: Bool {
    isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"] == nil
}
