import KendaliData

/// One cell of a ``DataTable``: typed, so people get language-formatted text and programs
/// get plain values (ISO dates, `.` decimals, fractions for percentages).
public enum Cell: Sendable, Hashable {
    /// Text (from the data or the report's words).
    case text(String)
    /// An integer count.
    case integer(Int)
    /// A number shown with `digits` decimals (written in full in CSV and JSON).
    case number(Double, digits: Int)
    /// A fraction shown as a percentage with `digits` decimals (a fraction in CSV/JSON).
    case percent(Double, digits: Int)
    /// A signed change of a count, shown as `+3` / `−2`.
    case change(Int)
    /// A date.
    case date(Day)
    /// Nothing (shown as `–`, empty in CSV, `null` in JSON).
    case empty

    /// The text shown to people.
    public func display(_ f: ReportFormatter) -> String {
        switch self {
        case let .text(s): s
        case let .integer(n): f.integer(n)
        case let .number(x, digits): f.decimal(x, digits: digits)
        case let .percent(x, digits): f.percent(x, digits: digits)
        case let .change(n): f.signedInteger(n)
        case let .date(d): f.date(d)
        case .empty: ReportFormatter.missing
        }
    }

    /// The value in CSV: plain ASCII numbers, ISO dates.
    public var csv: String {
        switch self {
        case let .text(s): s
        case let .integer(n), let .change(n): String(n)
        case let .number(x, _), let .percent(x, _): Self.plain(x)
        case let .date(d): d.iso
        case .empty: ""
        }
    }

    /// The value as a JSON literal.
    public var json: String {
        switch self {
        case let .text(s): JSONText.string(s)
        case let .integer(n), let .change(n): String(n)
        case let .number(x, _), let .percent(x, _): x.isFinite ? Self.plain(x) : "null"
        case let .date(d): JSONText.string(d.iso)
        case .empty: "null"
        }
    }

    /// `true` for cells that are numbers (right-aligned in tables).
    public var isNumeric: Bool {
        switch self {
        case .integer, .number, .percent, .change: true
        default: false
        }
    }

    /// A locale-free decimal: up to 6 decimals, trailing zeros dropped.
    static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let f = ReportFormatter(.en)
        var s = f.decimal(x, digits: 6).replacing(",", with: "").replacing("−", with: "-")
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }
}

/// A table of the report: machine column names, headers in the report's language and
/// typed rows. Every table is written to `data/NAME.csv` and `data/NAME.json`.
public struct DataTable: Sendable {
    /// One column.
    public struct Column: Sendable, Hashable {
        /// The machine name (CSV header, JSON key), snake case.
        public var key: String
        /// The header shown to people.
        public var header: String

        /// A column.
        public init(_ key: String, _ header: String) {
            self.key = key
            self.header = header
        }
    }

    /// The file stem under `data/`.
    public var name: String
    /// The columns.
    public var columns: [Column]
    /// The rows, one cell per column.
    public var rows: [[Cell]]

    /// A table.
    public init(name: String, columns: [Column], rows: [[Cell]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV with a header of machine names, LF line ends.
    public func csv() -> String {
        var out = columns.map { CSVText.field($0.key) }.joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { CSVText.field($0.csv) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A JSON array of objects keyed by the machine names, one object a line.
    public func json() -> String {
        if rows.isEmpty { return "[]\n" }
        let keys = columns.map { JSONText.string($0.key) }
        let lines = rows.map { row in
            "{" + zip(keys, row).map { $0 + ":" + $1.json }.joined(separator: ",") + "}"
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }
}

/// CSV field quoting (RFC 4180).
enum CSVText {
    /// The field, quoted when it holds a comma, quote, CR or LF, or starts with a space.
    /// Cells starting with `=`, `+`, `-` or `@` that are not numbers get a leading `'` so a
    /// spreadsheet does not run them as formulas.
    static func field(_ s: String) -> String {
        var s = s
        if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") {
            return "\"" + s.replacing("\"", with: "\"\"") + "\""
        }
        return s
    }
}

/// JSON string literals.
enum JSONText {
    /// `s` as a JSON string: quotes, backslashes and control characters escaped; `<`, `>`
    /// and `&` as `\u003c`… so the text is inert if pasted into HTML.
    static func string(_ s: String) -> String {
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
}
