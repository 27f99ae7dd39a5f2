/// Where in a workbook something went wrong: the file, and when known the sheet and cell
/// or the package part. Written `file.xlsx:Sheet!C12`, `file.xlsx:Sheet`, or
/// `file.xlsx (xl/sharedStrings.xml)`.
public struct SpreadsheetLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it (its last path component).
    public var file: String
    /// The worksheet's name, when the problem is inside one.
    public var sheet: String?
    /// The cell, when the problem is one cell.
    public var cell: CellReference?
    /// The package part (a path inside the zip archive), when no sheet applies.
    public var part: String?

    /// A location from its parts.
    public init(file: String, sheet: String? = nil, cell: CellReference? = nil, part: String? = nil) {
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.part = part
    }

    /// `file.xlsx:Sheet!C12`, with the sheet name quoted as Excel quotes it in formulas
    /// (`'Week 48'!C12`) when it holds anything but letters, digits and `_`.
    public var description: String {
        if let sheet {
            var text = file + ":" + SpreadsheetLocation.quotedSheetName(sheet)
            if let cell { text += "!" + cell.description }
            return text
        }
        if let part { return file + " (" + part + ")" }
        return file
    }

    /// A sheet name as a formula writes it: bare when plain, else in apostrophes with
    /// apostrophes doubled.
    public static func quotedSheetName(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        return plain ? name : "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// Why a workbook could not be read or written; every case says where.
public struct SpreadsheetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The file is not an `.xlsx` workbook; the associated kind says what it is.
        case notAWorkbook(FileKind)
        /// The zip archive cannot be read (truncated, corrupt, or not a zip archive).
        case unreadableArchive(String)
        /// A part the workbook needs is missing from the package.
        case missingPart(String)
        /// A part would expand past the limit, in bytes (declared or counted while
        /// extracting): a zip bomb, or a workbook far larger than expected.
        case partTooLarge(limit: Int)
        /// The archive holds more entries than the limit.
        case tooManyEntries(limit: Int)
        /// A sheet holds more rows than the limit.
        case tooManyRows(limit: Int)
        /// A row holds a cell past the column limit.
        case tooManyColumns(limit: Int)
        /// A sheet holds more cells with a value than the limit.
        case tooManyCells(limit: Int)
        /// The shared-string table holds more strings or characters than the limit.
        case tooManyStrings(limit: Int)
        /// The XML declares a document type (a DTD, where entities are declared); refused
        /// so that no entity is ever expanded.
        case documentTypeDeclaration
        /// The XML is not well-formed or not the expected shape; the text says how.
        case malformedXML(String)
        /// A cell's content contradicts the format (bad reference, shared-string index out
        /// of range, a number that is not a number); the text says how.
        case invalidCell(String)
        /// No sheet of that name; the associated list names the sheets there are.
        case noSuchSheet(String, available: [String])
        /// The workbook holds no worksheet.
        case noSheets
        /// A sheet name given to the writer is not valid in Excel; the text says why.
        case invalidSheetName(String)
        /// The file could not be read or written by the system.
        case io(String)
    }

    /// What went wrong.
    public var kind: Kind
    /// Where.
    public var location: SpreadsheetLocation

    /// An error of `kind` at `location`.
    public init(_ kind: Kind, at location: SpreadsheetLocation) {
        self.kind = kind
        self.location = location
    }

    /// One line: the location, then what went wrong.
    public var description: String { location.description + ": " + message }

    /// What went wrong, without the location.
    public var message: String {
        switch kind {
        case .notAWorkbook(let kind):
            return kind.summary
        case .unreadableArchive(let why):
            return "not a readable .xlsx workbook (the zip archive is damaged: \(why))"
        case .missingPart(let part):
            return "not a complete .xlsx workbook: \(part) is missing"
        case .partTooLarge(let limit):
            return "refused: a part of the workbook expands to more than \(limit) bytes "
                + "(a damaged or hostile file, or far larger than any table this tool reads)"
        case .tooManyEntries(let limit):
            return "refused: the workbook's archive holds more than \(limit) entries"
        case .tooManyRows(let limit):
            return "refused: the sheet has more than \(limit) rows"
        case .tooManyColumns(let limit):
            return "refused: a row has a cell past column \(CellReference.columnName(limit))"
        case .tooManyCells(let limit):
            return "refused: the sheet has more than \(limit) cells"
        case .tooManyStrings(let limit):
            return "refused: the workbook's shared-string table is larger than \(limit)"
        case .documentTypeDeclaration:
            return "refused: the XML declares a document type (DTD); workbooks never do, "
                + "and its entities are not expanded"
        case .malformedXML(let why):
            return "not a readable .xlsx workbook (malformed XML: \(why))"
        case .invalidCell(let why):
            return why
        case .noSuchSheet(let name, let available):
            return "no sheet named '\(name)'; the workbook has "
                + available.map { "'\($0)'" }.joined(separator: ", ")
        case .noSheets:
            return "the workbook has no worksheet"
        case .invalidSheetName(let why):
            return "invalid sheet name: \(why)"
        case .io(let why):
            return why
        }
    }
}

/// Bounds on what a reader accepts, so a hostile or absurd workbook is refused in bounded
/// time and memory.
///
/// The defaults are Excel's own sheet bounds and part sizes far above any real workbook
/// of that size; a caller reading a known kind of table lowers ``maximumRows``.
public struct SpreadsheetLimits: Hashable, Sendable {
    /// The most bytes one worksheet part may expand to. Worksheets are tokenized as they
    /// are inflated, so this bounds time, not memory.
    public var maximumSheetBytes: Int
    /// The most bytes any other part (workbook, relationships, styles, shared strings)
    /// may expand to; all but the shared strings are held in memory while parsed.
    public var maximumPartBytes: Int
    /// The most entries the zip archive may list.
    public var maximumEntries: Int
    /// The most rows a sheet may have (by row number: a last row of 2,000,000 is refused
    /// even when the rows before it are missing).
    public var maximumRows: Int
    /// The highest column a cell may have.
    public var maximumColumns: Int
    /// The most cells with a value a sheet may have.
    public var maximumCells: Int
    /// The most strings the shared-string table may hold (their bytes are bounded by
    /// ``maximumPartBytes``).
    public var maximumSharedStrings: Int

    /// Limits from their parts; each defaults to its value in ``standard``.
    public init(
        maximumSheetBytes: Int = 512 << 20,
        maximumPartBytes: Int = 128 << 20,
        maximumEntries: Int = 10_000,
        maximumRows: Int = CellReference.maximumRow,
        maximumColumns: Int = CellReference.maximumColumn,
        maximumCells: Int = 50_000_000,
        maximumSharedStrings: Int = 16_000_000
    ) {
        self.maximumSheetBytes = maximumSheetBytes
        self.maximumPartBytes = maximumPartBytes
        self.maximumEntries = maximumEntries
        self.maximumRows = maximumRows
        self.maximumColumns = maximumColumns
        self.maximumCells = maximumCells
        self.maximumSharedStrings = maximumSharedStrings
    }

    /// Excel's bounds (1,048,576 rows × 16,384 columns), 512 MiB a worksheet part, 128 MiB
    /// any other part, 10,000 archive entries, 50 million cells, 16 million shared strings.
    public static let standard = SpreadsheetLimits()
}
