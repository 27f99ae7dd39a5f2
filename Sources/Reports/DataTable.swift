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
    /// A zone (its name in the report's language; the raw `hijau`/`kuning`/`merah` for
    /// programs).
    case zone(Zone)
    /// A machine code shown to people as a label in the report's language (`land` /
    /// "Lahan"); an empty code is empty in CSV and `null` in JSON (e.g. a date beyond the
    /// horizon, shown as "after …").
    case coded(String, label: String)
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
        case let .zone(z): ReportText(f.language).zoneName(z)
        case let .coded(_, label): label
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
        case let .zone(z): z.rawValue
        case let .coded(code, _): code
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
        case let .zone(z): JSONText.string(z.rawValue)
        case let .coded(code, _): code.isEmpty ? "null" : JSONText.string(code)
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

    /// A locale-free decimal: up to 6 decimals, trailing zeros dropped (`0.125`, `-3`,
    /// `1234.5`).
    static func plain(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let scaled = (x.magnitude * 1_000_000).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return String(describing: x.rounded()) }
        let n = UInt64(scaled)
        let whole = n / 1_000_000
        var fraction = n % 1_000_000
        var sign = x < 0 && n != 0 ? "-" : ""
        guard fraction != 0 else { return sign + String(whole) }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        sign += String(whole) + "."
        return sign + String(repeating: "0", count: digits - text.count) + text
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
        /// Shown in the HTML and Markdown tables (machine-only columns are not).
        public var isShown: Bool
        /// Written to CSV and JSON (display-only columns, such as a value with its interval
        /// as one text, are not).
        public var isExported: Bool

        /// A column shown to people and written for programs.
        public init(_ key: String, _ header: String) {
            self.init(key, header, shown: true, exported: true)
        }

        /// A column with explicit visibility.
        public init(_ key: String, _ header: String, shown: Bool, exported: Bool) {
            self.key = key
            self.header = header
            self.isShown = shown
            self.isExported = exported
        }

        /// A column for programs only (CSV and JSON).
        public static func data(_ key: String, _ header: String) -> Column {
            Column(key, header, shown: false, exported: true)
        }

        /// A column for people only (HTML and Markdown).
        public static func display(_ key: String, _ header: String) -> Column {
            Column(key, header, shown: true, exported: false)
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

    /// Per column: `true` when every non-empty cell is a number (right-aligned).
    public var numericColumns: [Bool] {
        columns.indices.map { c in
            rows.contains { c < $0.count && $0[c].isNumeric }
                && rows.allSatisfy { c >= $0.count || $0[c].isNumeric || $0[c] == .empty }
        }
    }

    /// The indices of the columns shown to people.
    public var shownColumns: [Int] { columns.indices.filter { columns[$0].isShown } }

    /// The indices of the columns written for programs.
    public var exportedColumns: [Int] { columns.indices.filter { columns[$0].isExported } }

    /// RFC 4180 CSV with a header of machine names, LF line ends (exported columns only).
    ///
    /// - Complexity: O(total length of the cells), appended to one string.
    public func csv() -> String {
        let keep = exportedColumns
        var out = keep.map { CSVText.field(columns[$0].key) }.joined(separator: ",") + "\n"
        out.reserveCapacity(out.utf8.count + rows.count * max(1, keep.count) * 12)
        for row in rows {
            for (i, c) in keep.enumerated() {
                if i > 0 { out += "," }
                out += CSVText.field(c < row.count ? row[c].csv : "")
            }
            out += "\n"
        }
        return out
    }

    /// A JSON array of objects keyed by the machine names, one object a line (exported
    /// columns only).
    ///
    /// - Complexity: O(total length of the cells), appended to one string.
    public func json() -> String {
        if rows.isEmpty { return "[]\n" }
        let keep = exportedColumns
        let keys = keep.map { JSONText.string(columns[$0].key) + ":" }
        var out = "[\n"
        out.reserveCapacity(rows.count * (keys.reduce(0) { $0 + $1.utf8.count } + keep.count * 10 + 4))
        for (r, row) in rows.enumerated() {
            if r > 0 { out += ",\n" }
            out += "{"
            for (i, c) in keep.enumerated() {
                if i > 0 { out += "," }
                out += keys[i]
                out += c < row.count ? row[c].json : "null"
            }
            out += "}"
        }
        out += "\n]\n"
        return out
    }
}

/// CSV field quoting (RFC 4180), with the spreadsheet-formula guard: the one CSV quoting of
/// the package (the report's data tables and every CSV the command-line tool writes).
public enum CSVText {
    /// The field, quoted when it holds a comma, quote, CR or LF, or starts with a space.
    /// Cells starting with `=`, `+`, `-` or `@` that are not numbers get a leading `'` so a
    /// spreadsheet does not run them as formulas.
    public static func field(_ s: String) -> String {
        if isPlain(s) { return s }
        var s = s
        if let first = s.first, "=+-@".contains(first), Double(s) == nil { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") {
            return "\"" + s.replacing("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// True when `field(s)` is `s` itself for a reason seen on its bytes alone: ASCII only
    /// (so each character is one byte; `\r` is excluded, so no `\r\n` pair makes one
    /// character of two bytes), no byte that needs quoting, and no first byte that needs a
    /// `'` or quoting. Other text takes the general path.
    ///
    /// - Complexity: O(length).
    static func isPlain(_ s: String) -> Bool {
        var first = true
        for b in s.utf8 {
            if b >= 0x80 || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n")
                || b == UInt8(ascii: "\r")
            {
                return false
            }
            if first {
                if b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
                    || b == UInt8(ascii: "@") || b == UInt8(ascii: " ")
                {
                    return false
                }
                first = false
            }
        }
        return true
    }
}

/// JSON string literals (RFC 8259 §7): the one JSON string escaping of the package (the
/// report's data tables and every JSON the command-line tool writes).
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
