/// When a written field is quoted, and whether it is guarded against spreadsheet formulas.
///
/// Every rule quotes a field holding a quote, CR or LF (RFC 4180 §2, rule 6); the
/// presets differ in which other bytes force quotes.
public struct CSVQuoting: Sendable, Hashable {
    /// Where spaces and tabs at the edges of a field force quotes.
    public enum Blanks: Sendable, Hashable {
        /// A field starting with a space is quoted (a reader that trims would lose it).
        case leadingSpace
        /// A field starting or ending with a space or a tab is quoted.
        case surroundingSpacesAndTabs
    }

    /// ASCII bytes besides `"`, CR and LF that force quotes (the delimiter, at least).
    public let quotedBytes: [UInt8]
    /// Which edge blanks force quotes.
    public let blanks: Blanks
    /// Whether a text starting with `=`, `+`, `-` or `@` that is not a number gets a
    /// leading `'`, so that a spreadsheet shows it rather than running it as a formula
    /// (OWASP, "CSV Injection", <https://owasp.org/www-community/attacks/CSV_Injection>).
    public let guardsFormulas: Bool
    /// One bit per ASCII byte that forces quotes (`"`, CR, LF and `quotedBytes`): bytes
    /// 0 to 63, then 64 to 127.
    let low: UInt64
    let high: UInt64

    /// A rule as given.
    ///
    /// - Precondition: `quotedBytes` are ASCII.
    public init(quotedBytes: [UInt8], blanks: Blanks, guardsFormulas: Bool) {
        precondition(quotedBytes.allSatisfy { $0 < 0x80 }, "quoted bytes are ASCII")
        self.quotedBytes = quotedBytes
        self.blanks = blanks
        self.guardsFormulas = guardsFormulas
        var low: UInt64 = 0
        var high: UInt64 = 0
        for b in quotedBytes + [CSVScanner.quote, CSVScanner.lf, CSVScanner.cr] {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        self.low = low
        self.high = high
    }

    /// True when `b` forces quotes wherever it is.
    @inline(__always)
    func forcesQuotes(_ b: UInt8) -> Bool {
        b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 && high & (1 << UInt64(b &- 64)) != 0
    }

    /// Files for people's spreadsheets and other programs (the report's data tables and
    /// every command's CSV output): `,` delimiter, a leading space quoted, formulas guarded.
    public static let spreadsheet = CSVQuoting(
        quotedBytes: [CSVScanner.comma], blanks: .leadingSpace, guardsFormulas: true)

    /// Data files that must read back exactly (the weekly snapshot's canonical form): no
    /// formula guard, which would change the value; `,` and `;` quoted, so that the file
    /// splits the same under either delimiter; edge spaces and tabs quoted, so that a
    /// reader that trims unquoted fields keeps them.
    public static let exact = CSVQuoting(
        quotedBytes: [CSVScanner.comma, CSVScanner.semicolon], blanks: .surroundingSpacesAndTabs,
        guardsFormulas: false)
}

/// Writes CSV (RFC 4180): fields quoted only where needed, doubled quotes inside quotes,
/// LF line ends; the one CSV writer of the package.
///
/// Reference: RFC 4180, "Common Format and MIME Type for Comma-Separated Values (CSV)
/// Files", §2, <https://www.rfc-editor.org/rfc/rfc4180#section-2>.
public enum CSVWriter {
    /// `s` as one field under `quoting` (``CSVQuoting/spreadsheet`` by default): guarded
    /// when it looks like a formula, then quoted, with doubled quotes, when the rule asks.
    ///
    /// - Complexity: O(length of `s`).
    public static func field(_ s: String, quoting: CSVQuoting = .spreadsheet) -> String {
        if isPlain(s, quoting) { return s }
        var s = s
        if quoting.guardsFormulas, let first = s.first, "=+-@".contains(first), Double(s) == nil {
            s = "'" + s
        }
        guard needsQuotes(s.utf8, quoting) else { return s }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
        }
        return out + "\""
    }

    /// One record: the fields of `values` under `quoting`, joined by `,`, and LF.
    ///
    /// - Complexity: O(total length of the values).
    public static func record(_ values: [String], quoting: CSVQuoting = .spreadsheet) -> String {
        values.map { field($0, quoting: quoting) }.joined(separator: ",") + "\n"
    }

    /// Appends the UTF-8 `text` as one field under `quoting` to `out`, without making a
    /// `String`: the byte-level writer of large files.
    ///
    /// - Precondition: `quoting` does not guard formulas (a guard needs the text parsed as
    ///   a number; use ``field(_:quoting:)``).
    /// - Complexity: O(length of `text`).
    public static func append(_ text: UnsafeRawBufferPointer, quoting: CSVQuoting, to out: inout [UInt8]) {
        precondition(!quoting.guardsFormulas, "the byte-level writer does not guard formulas")
        guard !text.isEmpty else { return }
        guard needsQuotes(text, quoting) else {
            out.append(contentsOf: text)
            return
        }
        out.append(CSVScanner.quote)
        for c in text {
            out.append(c)
            if c == CSVScanner.quote { out.append(CSVScanner.quote) }
        }
        out.append(CSVScanner.quote)
    }

    /// Appends `text` as one field under `quoting` (see ``append(_:quoting:to:)``).
    public static func append(_ text: String, quoting: CSVQuoting, to out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { u in
            append(UnsafeRawBufferPointer(u), quoting: quoting, to: &out)
        }
        if done == nil {
            Array(text.utf8).withUnsafeBytes { append($0, quoting: quoting, to: &out) }
        }
    }

    /// Appends the decimal digits of `value` (with `-` when negative) to `out`.
    ///
    /// - Complexity: O(number of digits).
    @inlinable
    public static func append(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 {
            out.append(0x2D)
            // The magnitude of Int64.min does not fit an Int64.
            append(UInt64(value.magnitude), to: &out)
            return
        }
        append(UInt64(value), to: &out)
    }

    /// Appends the decimal digits of `value` to `out`.
    ///
    /// - Complexity: O(number of digits).
    @inlinable
    public static func append(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        var count = 1
        var t = value
        while t >= 10 {
            t /= 10
            count += 1
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: count))
        var x = value
        var i = start + count - 1
        while x > 0 {
            out[i] = 0x30 &+ UInt8(truncatingIfNeeded: x % 10)
            x /= 10
            i -= 1
        }
    }

    /// True for `=`, `+`, `-` and `@`, the bytes a spreadsheet reads as the start of a
    /// formula.
    @inline(__always)
    static func isFormulaStart(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@")
    }

    /// True when `bytes` must be quoted under `quoting`.
    static func needsQuotes<Bytes: Collection>(_ bytes: Bytes, _ quoting: CSVQuoting) -> Bool
    where Bytes.Element == UInt8 {
        guard let first = bytes.first else { return false }
        switch quoting.blanks {
        case .leadingSpace:
            if first == 0x20 { return true }
        case .surroundingSpacesAndTabs:
            if first == 0x20 || first == 0x09 { return true }
            var last = first
            for b in bytes { last = b }
            if last == 0x20 || last == 0x09 { return true }
        }
        for b in bytes where quoting.forcesQuotes(b) { return true }
        return false
    }

    /// True when `field(s)` is `s` itself for a reason seen on its bytes alone: ASCII only,
    /// no byte that needs quoting, and no first byte that needs a `'` or quoting. Other text
    /// takes the general path.
    ///
    /// - Complexity: O(length).
    static func isPlain(_ s: String, _ quoting: CSVQuoting) -> Bool {
        var first = true
        for b in s.utf8 {
            if b >= 0x80 || quoting.forcesQuotes(b) { return false }
            if first {
                if (quoting.guardsFormulas && isFormulaStart(b)) || b == 0x20 || b == 0x09 { return false }
                first = false
            }
        }
        return quoting.blanks == .leadingSpace || (s.utf8.last != 0x20 && s.utf8.last != 0x09)
    }
}
