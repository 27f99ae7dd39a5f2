#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` and a newline to standard error.
func printError(_ text: String) {
    var line = text
    line.append("\n")
    fputs(line, stderr)
}

/// True when standard error is a terminal and `CI` is not set: progress is shown only then.
var progressIsVisible: Bool {
    isatty(2) != 0 && getenv("CI") == nil
}
