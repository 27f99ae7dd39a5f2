/// JSON string literals: the one JSON string escaping of the package (the report's data
/// tables and every JSON the command-line tool writes), kept beside the CSV writer as the
/// other text format for programs.
///
/// Reference: T. Bray (ed.), "The JavaScript Object Notation (JSON) Data Interchange
/// Format", RFC 8259, 2017, §7, <https://www.rfc-editor.org/rfc/rfc8259#section-7>.
public enum JSONText {
    /// `s` as a JSON string: quotes, backslashes and control characters escaped; `<`, `>`
    /// and `&` as `\u003c`… so the text is inert if pasted into HTML.
    public static func string(_ s: String) -> String {
        if !needsEscaping(s) { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// False when `string(s)` escapes nothing in `s`, so that it is `s` between quotes: no
    /// quote, backslash, control character, `<`, `>` or `&`, and no byte `E2` (the first
    /// byte of U+2028 and U+2029, and of other characters, which then take the general
    /// path).
    ///
    /// - Complexity: O(length).
    static func needsEscaping(_ s: String) -> Bool {
        for b in s.utf8 {
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "<")
                || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == 0xE2
            {
                return true
            }
        }
        return false
    }
}
