import CSV
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
    public var columns: [Column] { didSet { numericColumns = Self.numericColumns(columns, rows) } }
    /// The rows, one cell per column.
    public var rows: [[Cell]] { didSet { numericColumns = Self.numericColumns(columns, rows) } }

    /// A table.
    public init(name: String, columns: [Column], rows: [[Cell]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
        numericColumns = Self.numericColumns(columns, rows)
    }

    /// Per column: `true` when every non-empty cell is a number (right-aligned). Kept with
    /// the table (every page of a large table asks for it).
    public private(set) var numericColumns: [Bool]

    /// Per column of `columns`: whether `rows` hold a number there and nothing but numbers
    /// and empty cells.
    ///
    /// - Complexity: O(rows × columns), one pass over the rows.
    static func numericColumns(_ columns: [Column], _ rows: [[Cell]]) -> [Bool] {
        var anyNumber = [Bool](repeating: false, count: columns.count)
        var onlyNumbers = [Bool](repeating: true, count: columns.count)
        for row in rows {
            for c in 0..<min(row.count, columns.count) {
                let cell = row[c]
                if cell.isNumeric {
                    anyNumber[c] = true
                } else if cell != .empty {
                    onlyNumbers[c] = false
                }
            }
        }
        return columns.indices.map { anyNumber[$0] && onlyNumbers[$0] }
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
        var out = keep.map { CSVWriter.field(columns[$0].key) }.joined(separator: ",") + "\n"
        out.reserveCapacity(out.utf8.count + rows.count * max(1, keep.count) * 12)
        for row in rows {
            for (i, c) in keep.enumerated() {
                if i > 0 { out += "," }
                out += CSVWriter.field(c < row.count ? row[c].csv : "")
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
