import Foundation

/// One `$ command` of a notebook with the output the notebook says it prints.
struct NotebookCommand: Equatable {
    /// The notebook file name, for messages.
    var file: String
    /// 1-based line of the `$ ` line in the notebook.
    var line: Int
    /// The shell command after `$ `.
    var command: String
    /// The expected output lines; a line `...` matches any number of lines (zero or more).
    var expected: [String]
    /// The expected exit status (cram convention: a last line `[N]`; 0 when absent).
    var expectedStatus: Int32
}

/// Reads the executable blocks of a Markdown notebook (cram style).
///
/// A fenced block whose info string is `console` holds lines `$ command`, each followed by the
/// command's exact output up to the next `$ ` line or the end of the block. A line `...` alone
/// matches any lines; a last output line `[N]` means the command exits with status N.
enum NotebookParser {
    static func commands(in text: String, file: String) -> [NotebookCommand] {
        var result: [NotebookCommand] = []
        var inConsole = false
        var inOtherFence = false
        var current: NotebookCommand?
        func finish() {
            guard var c = current else { return }
            if let last = c.expected.last, last.hasPrefix("["), last.hasSuffix("]"),
               let status = Int32(last.dropFirst().dropLast()) {
                c.expected.removeLast()
                c.expectedStatus = status
            }
            result.append(c)
            current = nil
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in lines.enumerated() {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if inConsole {
                    finish()
                    inConsole = false
                } else if inOtherFence {
                    inOtherFence = false
                } else if trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces) == "console" {
                    inConsole = true
                } else {
                    inOtherFence = true
                }
                continue
            }
            guard inConsole else { continue }
            if line.hasPrefix("$ ") {
                finish()
                current = NotebookCommand(
                    file: file, line: index + 1, command: String(line.dropFirst(2)),
                    expected: [], expectedStatus: 0)
            } else if current != nil {
                current?.expected.append(line)
            }
        }
        return result
    }

    /// True when `actual` matches `expected`, where an expected line `...` stands for any
    /// number of actual lines.
    static func matches(expected: [String], actual: [String]) -> Bool {
        var memo: [Int: Bool] = [:]
        func match(_ e: Int, _ a: Int) -> Bool {
            let key = e * (actual.count + 1) + a
            if let known = memo[key] { return known }
            let value: Bool
            if e == expected.count {
                value = a == actual.count
            } else if expected[e] == "..." {
                value = match(e + 1, a) || (a < actual.count && match(e, a + 1))
            } else {
                value = a < actual.count && expected[e] == actual[a] && match(e + 1, a + 1)
            }
            memo[key] = value
            return value
        }
        return match(0, 0)
    }

    /// Output text as lines, without the final newline's empty line.
    static func lines(of output: String) -> [String] {
        var parts = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}
