import ArgumentParser
import Foundation

/// Finds an option that the called command does not declare, so that a mistyped option
/// gets the same message whether a value follows it or not.
///
/// ArgumentParser runs a command's own checks before it looks for options it did not use,
/// so in `status --db x.sqlite --frmat csv` the stray `csv` is taken as the FOLDER and the
/// command's check on its data source answers first. When parsing fails, `main` asks this
/// first, which gives `unknown option '--frmat'; did you mean '--format'?` in every case.
enum UnknownOption {
    /// Options that every command understands without declaring them.
    static let builtIn: Set<String> = [
        "--help", "--version", "--experimental-dump-help", "--generate-completion-script",
    ]

    /// The most edits (insertions, deletions, substitutions) between a mistyped option and a
    /// declared one for the declared one to be suggested (ArgumentParser's own limit).
    static let suggestionDistance = 3

    /// The error for the first `--option` of `arguments` that the command they call (the
    /// leading words naming a subcommand of `root`, then its subcommands) does not declare,
    /// or `nil` when there is none or the words name no command without subcommands (then
    /// ArgumentParser says what is wrong).
    ///
    /// A `--name=value` is checked by its name; nothing after a lone `--` is checked.
    static func check(_ arguments: [String], root: ParsableCommand.Type) -> CLIError? {
        var command = root
        var path = [commandName(root)]
        var rest = arguments[...]
        while let word = rest.first,
              let sub = command.configuration.subcommands.first(where: { commandName($0) == word })
        {
            command = sub
            path.append(word)
            rest = rest.dropFirst()
        }
        guard command.configuration.subcommands.isEmpty else { return nil }
        let candidates = rest.prefix { $0 != "--" }.filter { $0.hasPrefix("--") && $0.count > 2 }
        guard !candidates.isEmpty else { return nil }
        guard let declared = longOptions(of: command) else { return nil }
        for argument in candidates {
            let name = String(argument.prefix { $0 != "=" })
            if declared.contains(name) || builtIn.contains(name) { continue }
            var message = "unknown option '\(name)'"
            if let near = closest(to: name, among: declared) { message += "; did you mean '\(near)'?" }
            message += "\nUsage: \(root.usageString(for: command))"
            message += "\n  See '\(path.joined(separator: " ")) --help' for more information."
            return CLIError(message, exitCode: .validationFailure)
        }
        return nil
    }

    /// The declared option that is fewest edits from `name`, within ``suggestionDistance``
    /// and fewer edits than `name` has letters (so `--x` suggests nothing); the first
    /// declared one on a tie.
    static func closest(to name: String, among declared: [String]) -> String? {
        let letters = name.drop { $0 == "-" }.count
        var best: (name: String, distance: Int)?
        for candidate in declared {
            let d = editDistance(name, candidate)
            if d <= suggestionDistance, d < letters, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// The Levenshtein distance between `a` and `b`, in characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let b = Array(b)
        var row = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, cb) in b.enumerated() {
                let above = row[j + 1]
                row[j + 1] = min(above + 1, row[j] + 1, diagonal + (ca == cb ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }

    private static func commandName(_ command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }

    /// The `--long` names `command` declares, in declaration order, read from
    /// ArgumentParser's description of the command (the one `--experimental-dump-help` prints);
    /// `nil` when that description cannot be read (then nothing is reported).
    static func longOptions(of command: ParsableCommand.Type) -> [String]? {
        struct Tool: Decodable { var command: Command }
        struct Command: Decodable { var arguments: [Argument]? }
        struct Argument: Decodable { var names: [Name]? }
        struct Name: Decodable { var kind: String; var name: String }
        guard let tool = try? JSONDecoder().decode(Tool.self, from: Data(command._dumpHelp().utf8)) else {
            return nil
        }
        var names: [String] = []
        for argument in tool.command.arguments ?? [] {
            for name in argument.names ?? [] where name.kind == "long" && !names.contains("--" + name.name) {
                names.append("--" + name.name)
            }
        }
        return names
    }
}
