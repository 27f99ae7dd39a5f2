import ArgumentParser
import Foundation
import Reports

/// A language on the command line: `id` (Bahasa Indonesia) or `en`.
enum LanguageChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case id, en

    /// The language of the words and number formats.
    var reportLanguage: ReportLanguage {
        switch self {
        case .id: .id
        case .en: .en
        }
    }
}

/// `--lang id|en`: the language of every planner-facing output (tables, the report, charts,
/// `ingest`'s summary and messages), one option type for every command.
///
/// Without `--lang`, the environment variable `KENDALI_LANG` (`id` or `en`) chooses, and
/// without it Bahasa Indonesia. The language changes only what people read: CSV and JSON
/// keep their machine codes and `.` decimals whatever the language.
struct LanguageOption: ParsableArguments {
    /// The environment variable that sets the default language.
    static let environmentVariable = "KENDALI_LANG"

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Language: id (Bahasa Indonesia) or en (default: $\(LanguageOption.environmentVariable), else id).",
        valueName: "id|en"))
    var choice: LanguageChoice?

    /// Refuses a `KENDALI_LANG` that names no language, when it would be used.
    func validate() throws {
        if choice == nil { _ = try Self.environmentChoice() }
    }

    /// The language chosen: `--lang`, else `KENDALI_LANG`, else Bahasa Indonesia.
    var reportLanguage: ReportLanguage {
        (choice ?? (try? Self.environmentChoice()) ?? .id).reportLanguage
    }

    /// The language `KENDALI_LANG` names in `environment` (`id` or `en`, any case, spaces
    /// around ignored), or `nil` when it is unset or empty.
    ///
    /// - Throws: `ValidationError` when it is set to anything else.
    static func environmentChoice(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> LanguageChoice? {
        guard let raw = environment[environmentVariable] else { return nil }
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if value.isEmpty { return nil }
        guard let choice = LanguageChoice(rawValue: value) else {
            throw ValidationError("\(environmentVariable)='\(raw)' is not a language: use id or en")
        }
        return choice
    }
}
