/// How many issues of one column and kind there are.
public struct SnapshotIssueCount: Hashable, Sendable, Codable {
    /// The column, as named in the spec; `nil` for issues of no column.
    public var column: String?
    /// The kind.
    public var kind: SnapshotIssue.Kind
    /// How many.
    public var count: Int

    /// `count` issues of `kind` in `column`.
    public init(column: String?, kind: SnapshotIssue.Kind, count: Int) {
        self.column = column
        self.kind = kind
        self.count = count
    }
}

// The message of a rejected file: the total, the first errors one by one, then the rest
// counted by column and kind, so that a file with a thousand faulty cells reads in a
// screenful.
extension SnapshotFileError {
    /// Most errors listed one by one in `description`.
    public static let listedErrors = 20

    /// Every error of the file: those in `issues` (less the `tooManyErrors` line) and those
    /// `omitted`.
    public var errorCount: Int {
        issues.filter { $0.kind != .tooManyErrors }.count + omitted.reduce(0) { $0 + $1.count }
    }

    /// The errors not listed one by one (all but the first `listedErrors` of `issues`, and
    /// the `omitted`), counted by column and kind: the largest counts first, then in the
    /// order they are first met.
    public var unlistedCounts: [SnapshotIssueCount] {
        struct Key: Hashable {
            var column: String?
            var kind: SnapshotIssue.Kind
        }
        var counts: [SnapshotIssueCount] = []
        var index: [Key: Int] = [:]
        func add(_ column: String?, _ kind: SnapshotIssue.Kind, _ count: Int) {
            let key = Key(column: column, kind: kind)
            if let k = index[key] {
                counts[k].count += count
            } else {
                index[key] = counts.count
                counts.append(SnapshotIssueCount(column: column, kind: kind, count: count))
            }
        }
        for issue in listable.dropFirst(Self.listedErrors) { add(issue.column, issue.kind, 1) }
        for group in omitted { add(group.column, group.kind, group.count) }
        return counts.enumerated().sorted {
            $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset
        }.map(\.element)
    }

    /// The issues that may be listed one by one: all but the `tooManyErrors` line, which
    /// the counts of `unlistedCounts` replace.
    private var listable: [SnapshotIssue] { issues.filter { $0.kind != .tooManyErrors } }

    /// `FILE: rejected, N errors` (N every error, listed or not), the first
    /// `listedErrors` errors one per line, then one line per column and kind for the rest
    /// (`and 887 more in omzet_bulanan: not a whole number ≥ 0`); one line alone for a
    /// file that is no table.
    public var description: String {
        if issues.count == 1, issues[0].kind == .notATable { return issues[0].description }
        let n = errorCount
        var s = "\(fileName): rejected, \(n) error\(n == 1 ? "" : "s")"
        for issue in listable.prefix(Self.listedErrors) { s += "\n  " + issue.description }
        for group in unlistedCounts {
            s += "\n  and \(group.count) more" + (group.column.map { " in \($0)" } ?? "")
                + ": " + group.kind.label
        }
        return s
    }
}

extension SnapshotIssue.Kind {
    /// A few words naming the kind, for the counts of a long list of errors.
    public var label: String {
        switch self {
        case .invalidUTF8: "neither UTF-8 nor Windows-1252"
        case .missingHeader: "no header row"
        case .unterminatedQuote: "quote not closed"
        case .malformedQuote: "text after a closing quote"
        case .tooManyErrors: "too many errors"
        case .missingColumn: "column missing"
        case .duplicateColumn: "column named twice"
        case .noRows: "no rows"
        case .unreadableFile: "unreadable file"
        case .notATable: "not a table"
        case .wrongFieldCount: "wrong number of fields"
        case .malformedCode: "not a 10-digit code"
        case .duplicateCode: "code used twice"
        case .unreadableDate: "not a date"
        case .differingDate: "not the week's date"
        case .unknownTahap: "unknown tahap"
        case .unknownStatusLahan: "unknown status_lahan"
        case .invalidFlag: "not 0 or 1"
        case .progressNotNumber: "not a number"
        case .progressOutOfRange: "outside 0–100"
        case .unitsOutOfRange: "not an integer 0–7"
        case .negativeCount: "negative"
        case .invalidCount: "not a whole number ≥ 0"
        case .ambiguousNumber: "thousands separator or decimal point"
        case .missingValue: "empty"
        case .unknownColumn: "unknown column"
        case .progressDecreased: "progress went down"
        case .tahapBackwards: "tahap went back"
        case .cooperativeMissing: "cooperative missing"
        case .completeButUnderConstruction: "100 while pembangunan"
        case .duplicateRow: "repeated row"
        case .windows1252Text: "Windows-1252 text"
        case .unregisteredCode: "code not in the register"
        case .fileNameDate: "not the file name's date"
        case .registerMismatch: "name differs from the register"
        case .newCode: "new code"
        case .unusualWeekday: "unusual weekday"
        case .notReported: "not reported"
        }
    }
}
