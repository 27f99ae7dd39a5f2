/// UTF-8 XML text built by appending, with the escaping the writer needs.
struct XMLText {
    /// The bytes so far.
    private(set) var bytes: [UInt8] = []

    /// Appends markup as it is (the caller's literal tags and attribute names).
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends `text` as character data or an attribute value: `&`, `<`, `>` and `"`
    /// escaped (XML 1.0 §2.4, §3.3.3), characters XML 1.0 cannot hold (§2.2: C0 controls
    /// other than tab, line feed and carriage return, U+FFFE, U+FFFF) dropped, carriage
    /// return and tab kept as character references so that attribute normalisation
    /// cannot change them, and a `_xHHHH_` sequence protected by escaping its `_` as
    /// `_x005F_` so that a reader does not decode it (ECMA-376 Part 1, §22.9.2.19).
    mutating func escaped(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": raw("&amp;")
            case "<": raw("&lt;")
            case ">": raw("&gt;")
            case "\"": raw("&quot;")
            case "\r": raw("&#13;")
            case "\t": raw("&#9;")
            case "\n": bytes.append(0x0A)
            case "_" where XMLText.escapePattern(at: index, in: scalars):
                raw("_x005F_")
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
    }

    /// Whether `_x` + four hex digits + `_` starts at `index`.
    static func escapePattern(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        index + 6 < scalars.count && scalars[index + 1] == "x" && scalars[index + 6] == "_"
            && scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Whether `text` needs `xml:space="preserve"`: it starts or ends with white space.
    static func needsPreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }
}
