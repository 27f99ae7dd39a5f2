import Reports

/// Escaping shared by every command's JSON and CSV output: the report's own
/// (``Reports/JSONText`` and ``Reports/CSVText``), so that a CSV cell starting with `=`,
/// `+`, `-` or `@` is never run as a spreadsheet formula, whichever command wrote it.
enum TextEncoding {
    /// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters
    /// escaped, and `<`, `>`, `&` as `\u003c`… so the text is inert if pasted into HTML.
    static func jsonString(_ s: String) -> String { JSONText.string(s) }

    /// A CSV field (RFC 4180): quoted, with doubled quotes, when it holds a comma, a quote or
    /// a line break or starts with a space; a non-numeric text starting with `=`, `+`, `-`
    /// or `@` gets a leading `'`.
    static func csvField(_ s: String) -> String { CSVText.field(s) }
}
