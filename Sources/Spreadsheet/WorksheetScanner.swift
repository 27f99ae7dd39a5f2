/// Reads a worksheet part's `sheetData` (ECMA-376 Part 1, §18.3.1.80) from its bytes as
/// they are inflated, and hands each row to the caller as soon as its end tag is read, so
/// the sheet is never held whole.
///
/// Elements are matched by local name (`x:row` is `row`); a cell's `v` and the `t` runs
/// of its inline string (`is`) are its text, phonetic runs (`rPh`) and formulas (`f`)
/// are left out. Values are decoded from the bytes: plain integers and decimals without
/// building a `String`, everything else as `String` and Swift's own parsers read it.
struct WorksheetScanner {
    private var tokenizer: XMLTokenizer
    private let sheet: String
    private let fileName: String
    private let sharedStrings: [String]
    private let formatKinds: [NumberFormatKind]
    private let dateSystem: DateSystem
    private let limits: SpreadsheetLimits

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var cellCount = 0
    /// The column of the row's last cell so far, empty or not; 0 at a row's start.
    private var lastColumn = 0

    private var inCell = false
    private var cellColumn = 1
    private var cellRow = 1
    private var cellType = CellType.number
    /// The `t` attribute of a cell whose type is ``CellType/unknown``.
    private var unknownType = ""
    private var cellStyle = 0
    private var value = ByteStore(capacity: 64)
    private var inlineText = ByteStore(capacity: 64)
    private var capture = Capture.none
    private var inInlineString = false
    private var phoneticDepth = 0

    private enum Capture { case none, value, inline }

    /// The cell types of ECMA-376 Part 1, §18.18.11, and any other value of `t`.
    private enum CellType {
        case shared, inline, formula, boolean, error, date, number, unknown
    }

    /// The elements the scanner acts on.
    private enum Element { case c, v, t, inlineString, phonetic, row, sheetData, other }

    init(sheet: String, part: String, fileName: String, sharedStrings: [String], formatKinds: [NumberFormatKind],
         dateSystem: DateSystem, limits: SpreadsheetLimits) {
        tokenizer = XMLTokenizer(part: part, fileName: fileName)
        self.sheet = sheet
        self.fileName = fileName
        self.sharedStrings = sharedStrings
        self.formatKinds = formatKinds
        self.dateSystem = dateSystem
        self.limits = limits
        cells.reserveCapacity(32)
    }

    /// Reads the next bytes of the part, handing each completed row to `body`.
    ///
    /// - Throws: ``SpreadsheetError`` for malformed XML, a bad cell or a limit passed;
    ///   `body`'s error as it is.
    mutating func read(_ bytes: UnsafeRawBufferPointer, _ body: (SheetRow) throws -> Void) throws {
        tokenizer.append(bytes)
        try drain(body)
    }

    /// Reads the end of the part and checks that the document is complete.
    mutating func finish(_ body: (SheetRow) throws -> Void) throws {
        tokenizer.finish()
        try drain(body)
    }

    private mutating func drain(_ body: (SheetRow) throws -> Void) throws {
        while let token = try tokenizer.next() {
            switch token {
            case .start(let name):
                try start(Self.element(name))
            case .end(let name):
                try end(Self.element(name), body)
            case .text(let bytes):
                switch capture {
                case .none: break
                case .value: value.append(bytes)
                case .inline: inlineText.append(bytes)
                }
            }
        }
    }

    @inline(__always)
    private static func element(_ name: UnsafeBufferPointer<UInt8>) -> Element {
        switch name.count {
        case 1:
            switch name[0] {
            case UInt8(ascii: "c"): return .c
            case UInt8(ascii: "v"): return .v
            case UInt8(ascii: "t"): return .t
            default: return .other
            }
        case 2:
            return name[0] == UInt8(ascii: "i") && name[1] == UInt8(ascii: "s") ? .inlineString : .other
        case 3:
            if XMLTokenizer.equal(name, "row") { return .row }
            return XMLTokenizer.equal(name, "rPh") ? .phonetic : .other
        case 9:
            return XMLTokenizer.equal(name, "sheetData") ? .sheetData : .other
        default:
            return .other
        }
    }

    private func location(_ reference: CellReference? = nil) -> SpreadsheetLocation {
        SpreadsheetLocation(file: fileName, sheet: sheet, cell: reference)
    }

    private mutating func start(_ element: Element) throws {
        guard inSheetData else {
            if element == .sheetData { inSheetData = true }
            return
        }
        switch element {
        case .c: try startCell()
        case .v where inCell: capture = .value
        case .inlineString where inCell: inInlineString = true
        case .t where inInlineString && phoneticDepth == 0: capture = .inline
        case .phonetic: phoneticDepth += 1
        case .row: try startRow()
        default: break
        }
    }

    private mutating func end(_ element: Element, _ body: (SheetRow) throws -> Void) throws {
        guard inSheetData else { return }
        switch element {
        case .v, .t: capture = .none
        case .inlineString: inInlineString = false
        case .phonetic: phoneticDepth -= 1
        case .c: try endCell()
        case .row:
            guard !cells.isEmpty else { return }
            try body(SheetRow(sheet: sheet, number: rowNumber, cells: cells))
        case .sheetData: inSheetData = false
        case .other: break
        }
    }

    private mutating func startRow() throws {
        var number = rowNumber + 1
        if let text = tokenizer.attribute(oneLetter: UInt8(ascii: "r")) {
            guard let parsed = Self.integer(text), parsed >= 1, parsed <= CellReference.maximumRow else {
                throw SpreadsheetError(.invalidCell("row number '\(Self.string(text))' is not a row number"),
                                       at: location())
            }
            guard parsed > rowNumber else {
                throw SpreadsheetError(.invalidCell("row \(parsed) comes after row \(rowNumber); rows must be in order"),
                                       at: location())
            }
            number = parsed
        }
        guard number <= limits.maximumRows else {
            throw SpreadsheetError(.tooManyRows(limit: limits.maximumRows), at: location())
        }
        rowNumber = number
        lastColumn = 0
        cells.removeAll(keepingCapacity: true)
    }

    private mutating func startCell() throws {
        guard rowNumber >= 1 else {
            throw SpreadsheetError(.malformedXML("a cell outside any row"), at: location())
        }
        var reference: UnsafeBufferPointer<UInt8>?
        var type: UnsafeBufferPointer<UInt8>?
        var style: UnsafeBufferPointer<UInt8>?
        for index in 0..<tokenizer.attributeCount {
            let (name, value) = tokenizer.attribute(at: index)
            guard name.count == 1 else { continue }
            switch name[0] {
            case UInt8(ascii: "r"): reference = value
            case UInt8(ascii: "t"): type = value
            case UInt8(ascii: "s"): style = value
            default: break
            }
        }
        var column = lastColumn + 1
        if let text = reference {
            guard let reference = CellReference(bytes: text) else {
                throw SpreadsheetError(.invalidCell("'\(Self.string(text))' is not a cell reference"), at: location())
            }
            guard reference.row == rowNumber else {
                throw SpreadsheetError(.invalidCell("cell \(reference) is inside row \(rowNumber)"), at: location(reference))
            }
            guard reference.column > lastColumn else {
                throw SpreadsheetError(.invalidCell("cell \(reference) is out of order or repeated"), at: location(reference))
            }
            column = reference.column
        }
        guard column <= limits.maximumColumns, column <= CellReference.maximumColumn else {
            throw SpreadsheetError(.tooManyColumns(limit: min(limits.maximumColumns, CellReference.maximumColumn)),
                                   at: location())
        }
        cellColumn = column
        cellRow = rowNumber
        lastColumn = column
        inCell = true
        cellType = Self.cellType(type)
        if cellType == .unknown, let type { unknownType = Self.string(type) }
        cellStyle = style.flatMap { Self.integer($0) } ?? 0
        value.count = 0
        inlineText.count = 0
    }

    private static func cellType(_ text: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let text else { return .number }
        switch text.count {
        case 0: return .number
        case 1:
            switch text[0] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "n"): return .number
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .date
            default: break
            }
        default:
            if XMLTokenizer.equal(text, "inlineStr") { return .inline }
            if XMLTokenizer.equal(text, "str") { return .formula }
        }
        return .unknown
    }

    private mutating func endCell() throws {
        inCell = false
        capture = .none
        let decoded = try decodeValue()
        guard !decoded.isEmpty else { return }
        cellCount += 1
        guard cellCount <= limits.maximumCells else {
            throw SpreadsheetError(.tooManyCells(limit: limits.maximumCells),
                                   at: location(CellReference(column: cellColumn, row: cellRow)))
        }
        cells.append(Cell(column: cellColumn, value: decoded))
    }

    /// The cell's value from its type (ECMA-376 Part 1, §18.18.11), its `v` or inline
    /// string, and its style's number format.
    private mutating func decodeValue() throws -> CellValue {
        func invalid(_ why: String) -> SpreadsheetError {
            SpreadsheetError(.invalidCell(why), at: location(CellReference(column: cellColumn, row: cellRow)))
        }
        switch cellType {
        case .shared:
            guard value.count > 0 else { return .empty }
            let index = Self.integer(value.bytes) ?? Int(Self.string(value.bytes).trimmingWhitespace())
            guard let index, index >= 0, index < sharedStrings.count else {
                throw invalid("shared string '\(Self.string(value.bytes))' does not exist")
            }
            let text = sharedStrings[index]
            return text.isEmpty ? .empty : .string(text)
        case .inline:
            let text = Self.text(inlineText.count == 0 ? value.bytes : inlineText.bytes)
            return text.isEmpty ? .empty : .string(text)
        case .formula:
            let text = Self.text(value.bytes)
            return text.isEmpty ? .empty : .string(text)
        case .boolean:
            if value.count == 1 {
                if value.base[0] == UInt8(ascii: "1") { return .boolean(true) }
                if value.base[0] == UInt8(ascii: "0") { return .boolean(false) }
            }
            switch Self.string(value.bytes).trimmingWhitespace() {
            case "": return .empty
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            default: throw invalid("'\(Self.string(value.bytes))' is not a boolean")
            }
        case .error:
            return value.count == 0 ? .empty : .error(Self.string(value.bytes))
        case .date:
            guard value.count > 0 else { return .empty }
            let text = Self.string(value.bytes)
            return WorksheetScanner.isoDate(text).map { .date($0) } ?? .string(text)
        case .number:
            let number: Double
            if let plain = Self.plainDecimal(value.bytes) {
                number = plain
            } else {
                let raw = Self.string(value.bytes).trimmingWhitespace()
                guard !raw.isEmpty else { return .empty }
                guard let parsed = Double(raw), parsed.isFinite else { throw invalid("'\(raw)' is not a number") }
                number = parsed
            }
            let kind = cellStyle >= 0 && cellStyle < formatKinds.count ? formatKinds[cellStyle] : .number
            switch kind {
            case .number: return .number(number)
            case .text: return .string(Self.string(value.bytes).trimmingWhitespace())
            case .date: return dateSystem.dateTime(fromSerial: number).map { .date($0) } ?? .number(number)
            }
        case .unknown:
            throw invalid("unknown cell type '\(unknownType)'")
        }
    }

    // MARK: - Bytes to values

    /// UTF-8 bytes (the tokenizer has checked them) as a `String`.
    static func string(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Cell text, with the `_xHHHH_` escapes of `ST_Xstring` decoded.
    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = string(bytes)
        return bytes.contains(UInt8(ascii: "_")) ? XMLSupport.decodeEscapes(text) : text
    }

    /// A decimal integer of at most 18 digits and nothing else; `nil` for anything else
    /// (which Swift's `Int` parser then reads).
    @inline(__always)
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return bytes.isEmpty ? nil : Int(string(bytes)) }
        var result = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return Int(string(bytes)) }
            result = result &* 10 &+ Int(digit)
        }
        return result
    }

    /// Exact powers of ten, 10⁰ … 10²² (each a `Double` without rounding).
    nonisolated(unsafe) private static let powersOfTen: UnsafePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 23)
        var value = 1.0
        for exponent in 0...22 {
            table[exponent] = value
            value *= 10
        }
        return UnsafePointer(table)
    }()

    /// `-?digits(.digits)?` whose digits, taken as one integer, are below 2⁵³, as the
    /// nearest `Double`; `nil` for any other text. The integer and 10^k are both exact
    /// doubles, so their quotient is correctly rounded, as `Double(String)` is
    /// (W. D. Clinger, *How to Read Floating Point Numbers Accurately*, PLDI 1990).
    @inline(__always)
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        var digitsBeforePoint = 0
        while index < bytes.count {
            let byte = bytes[index]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits += 1
                if seenPoint { fractionDigits += 1 }
                guard digits <= 19 else { return nil }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
                digitsBeforePoint = digits
            } else {
                return nil
            }
            index += 1
        }
        guard digits > 0, mantissa < 1 << 53, fractionDigits <= 22 else { return nil }
        if seenPoint && (digitsBeforePoint == 0 || fractionDigits == 0) { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    /// An ISO 8601 date or date and time as the `d` cell type holds it (§18.17.4.2):
    /// `2026-11-27`, `2026-11-27T08:30:00`, with an optional fraction or zone, ignored.
    static func isoDate(_ text: String) -> SpreadsheetDateTime? {
        let bytes = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= bytes.count else { return nil }
            var result = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                result = result * 10 + Int(byte - 48)
            }
            return result
        }
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        if bytes.count >= 19, bytes[10] == UInt8(ascii: "T") {
            guard let h = number(11, 2), let m = number(14, 2), let s = number(17, 2),
                  h < 24, m < 60, s < 60 else { return nil }
            (hour, minute, second) = (h, m, s)
        }
        return SpreadsheetDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
