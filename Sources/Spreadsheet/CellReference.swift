/// A cell's position in a worksheet: a 1-based column and a 1-based row, written `C12`.
///
/// The A1 notation of ECMA-376 Part 1, §18.18.62 (`ST_CellRef`): the column as letters in
/// bijective base 26 (`A` = 1 … `Z` = 26, `AA` = 27 … `XFD` = 16,384), then the row number
/// (1 … 1,048,576). `$` anchors (`$C$12`) are accepted and ignored when parsing.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The column, 1-based: `A` is 1.
    public let column: Int
    /// The row, 1-based, as Excel numbers rows.
    public let row: Int

    /// The largest column of the format, `XFD` (ECMA-376 Part 1, §18.3.1.13).
    public static let maximumColumn = 16_384
    /// The largest row of the format (ECMA-376 Part 1, §18.3.1.73).
    public static let maximumRow = 1_048_576

    /// A reference to column `column` and row `row`, both 1-based.
    ///
    /// - Precondition: both are at least 1 (a caller's bug otherwise).
    public init(column: Int, row: Int) {
        precondition(column >= 1 && row >= 1, "cell references are 1-based")
        self.column = column
        self.row = row
    }

    /// Parses A1 notation (`C12`, `$C$12`, `xfd1048576`); `nil` when it is not a cell
    /// reference inside the format's bounds.
    public init?(_ text: some StringProtocol) {
        self.init(bytes: text.utf8)
    }

    /// Parses A1 notation from its UTF-8 bytes, as ``init(_:)``.
    init?(bytes: some Sequence<UInt8>) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, column <= Self.maximumColumn,
              row >= 1, row <= Self.maximumRow else { return nil }
        self.column = column
        self.row = row
    }

    /// Parses only the column letters of a reference (`C` or `C12` give 3); `nil` without
    /// letters or past `XFD`.
    public static func columnNumber(of text: some StringProtocol) -> Int? {
        var column = 0
        var letters = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard letters < 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - UInt8(ascii: "A")) + 1
                letters += 1
            default:
                guard letters > 0, column <= maximumColumn else { return nil }
                return column
            }
        }
        guard letters > 0, column <= maximumColumn else { return nil }
        return column
    }

    /// The letters naming 1-based column `column`: 1 → `A`, 27 → `AA`, 16,384 → `XFD`.
    ///
    /// - Precondition: `column` is at least 1.
    public static func columnName(_ column: Int) -> String {
        precondition(column >= 1, "columns are 1-based")
        var scalars: [UInt8] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            scalars.append(UInt8(ascii: "A") + UInt8(digit))
            rest = (rest - 1) / 26
        }
        return String(decoding: scalars.reversed(), as: UTF8.self)
    }

    /// A1 notation, as `C12`.
    public var description: String { Self.columnName(column) + String(row) }

    /// Row-major order: by row, then by column.
    public static func < (lhs: CellReference, rhs: CellReference) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}
