/// XML escaping for text content and attribute values.
enum XMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'` and drops the characters XML 1.0 forbids
    /// (C0 controls other than tab, line feed and carriage return, lone surrogates
    /// cannot occur in a Swift `String`, and U+FFFE/U+FFFF), so any caller string
    /// becomes inert character data that keeps the document well-formed.
    ///
    /// Reference: Extensible Markup Language (XML) 1.0, §2.2 Characters and §2.4
    /// Character Data and Markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
