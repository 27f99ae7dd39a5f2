/// What a cell's number format makes of a number: only dates and text matter to a
/// reader, since a serial number shown as a date is a date, and a number formatted as
/// text (`@`) is text.
enum NumberFormatKind: Hashable, Sendable {
    /// Any number format that shows a number as a number.
    case number
    /// A date, time, or date-and-time format.
    case date
    /// The text format `@`.
    case text

    /// The kind of built-in format `id` (ECMA-376 Part 1, §18.8.30, the table of implied
    /// formats): 14–22 and 45–47 are dates and times, 27–36 and 50–58 the East Asian
    /// dates, 49 is `@`.
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 14...22, 27...36, 45...47, 50...58: return .date
        case 49: return .text
        default: return .number
        }
    }

    /// The kind of a custom format code (ECMA-376 Part 1, §18.8.31).
    ///
    /// A code is a date format when, outside quoted text, escaped characters (`\x`, `_x`,
    /// `*x`) and bracketed parts (`[Red]`, `[$-421]`, but not the elapsed-time `[h]`,
    /// `[mm]`, `[ss]`), it holds one of the date and time letters `y m d h s` (any case).
    /// Only the first section (before `;`) is looked at, as it formats positive numbers.
    static func ofCode(_ code: String) -> NumberFormatKind {
        let trimmed = code.trimmingWhitespace()
        if trimmed == "@" { return .text }
        if trimmed.caseInsensitiveEquals("General") { return .number }
        var inQuotes = false
        var skipNext = false
        var inBracket = false
        var bracket = ""
        for character in trimmed {
            if skipNext {
                skipNext = false
                continue
            }
            if inQuotes {
                if character == "\"" { inQuotes = false }
                continue
            }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    let lower = bracket.lowercased()
                    if !lower.isEmpty, lower.allSatisfy({ "hms".contains($0) }) { return .date }
                    bracket = ""
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case "\"": inQuotes = true
            case "\\", "_", "*": skipNext = true
            case "[": inBracket = true
            case ";": return .number
            case "y", "Y", "m", "M", "d", "D", "h", "H", "s", "S": return .date
            case "@": return .text
            default: break
            }
        }
        return .number
    }
}

extension String {
    /// The string without leading and trailing white space.
    func trimmingWhitespace() -> String {
        let bytes = utf8
        guard let first = bytes.first, let last = bytes.last else { return self }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if !isSpace(first) && !isSpace(last) { return self }
        return String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Case-insensitive comparison for ASCII words.
    func caseInsensitiveEquals(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
