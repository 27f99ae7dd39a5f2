import Foundation
import ZIPFoundation

/// One table to write as one worksheet: header rows above the data rows.
public struct SpreadsheetTable: Hashable, Sendable {
    /// The sheet's name: 1–31 characters, none of `: \ / ? * [ ]`, not starting or ending
    /// with `'`, unique in the workbook without regard to case.
    public var name: String
    /// Header rows written above the data (for instance the column names in the reader's
    /// language above their machine names); frozen and optionally bold.
    public var headerRows: [[String]]
    /// The data rows; ``CellValue/empty`` cells are left out of the file.
    public var rows: [[CellValue]]
    /// Column widths in characters of the default font, for columns A, B, …; columns past
    /// the end of the list, or given as `nil`, get a width from their longest value
    /// (8 to 60 characters).
    public var columnWidths: [Double?]
    /// Whether the header rows stay in view when scrolling (a frozen pane).
    public var freezesHeader: Bool
    /// Whether the header rows are bold.
    public var boldHeader: Bool

    /// A table from its parts.
    public init(name: String, headerRows: [[String]] = [], rows: [[CellValue]], columnWidths: [Double?] = [],
                freezesHeader: Bool = true, boldHeader: Bool = true) {
        self.name = name
        self.headerRows = headerRows
        self.rows = rows
        self.columnWidths = columnWidths
        self.freezesHeader = freezesHeader
        self.boldHeader = boldHeader
    }
}

/// Writes tables as an Office Open XML workbook (`.xlsx`, ECMA-376 Part 1 §18, in the
/// package of Part 2), one worksheet a table, that Excel, LibreOffice and openpyxl open.
///
/// Numbers are written as numbers, booleans as booleans, dates as serial numbers of the
/// 1900 date system with a `yyyy-mm-dd` (or `yyyy-mm-dd hh:mm:ss`) number format, and
/// text as shared strings (§18.4), escaped for XML. Nothing is written as a formula, so
/// text such as `=HYPERLINK(…)` stays text. The output is deterministic: the same tables
/// give the same bytes.
public enum WorkbookWriter {
    /// The largest text a cell holds in Excel (Excel's specifications and limits).
    public static let maximumCellText = 32_767

    /// The workbook's bytes.
    ///
    /// - Throws: ``SpreadsheetError`` for an invalid or repeated sheet name, a text longer
    ///   than ``maximumCellText``, or a table past Excel's sheet bounds.
    public static func data(_ tables: [SpreadsheetTable], fileName: String = "workbook.xlsx") throws -> Data {
        let location = SpreadsheetLocation(file: fileName)
        guard !tables.isEmpty else { throw SpreadsheetError(.noSheets, at: location) }
        try validateNames(tables.map(\.name), location: location)
        var strings = SharedStringTable()
        var sheets: [[UInt8]] = []
        for (index, table) in tables.enumerated() {
            sheets.append(try worksheet(table, selected: index == 0, strings: &strings, fileName: fileName))
        }
        let parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", contentTypes(sheetCount: tables.count)),
            ("_rels/.rels", Array(packageRelationships.utf8)),
            ("xl/workbook.xml", workbook(tables.map(\.name))),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: tables.count)),
            ("xl/styles.xml", Array(styles.utf8)),
            ("xl/sharedStrings.xml", strings.xml()),
        ] + sheets.enumerated().map { ("xl/worksheets/sheet\($0.offset + 1).xml", $0.element) }
        return try zip(parts, location: location)
    }

    /// Writes the workbook to `url`, replacing any file there atomically.
    ///
    /// - Throws: as ``data(_:fileName:)``, and ``SpreadsheetError/Kind/io(_:)`` when the
    ///   file cannot be written.
    public static func write(_ tables: [SpreadsheetTable], to url: URL) throws {
        let bytes = try data(tables, fileName: url.lastPathComponent)
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw SpreadsheetError(.io("cannot write the file: \(error.localizedDescription)"),
                                   at: SpreadsheetLocation(file: url.lastPathComponent))
        }
    }

    // MARK: - Validation

    /// Checks Excel's rules for sheet names.
    static func validateNames(_ names: [String], location: SpreadsheetLocation) throws {
        var seen = Set<String>()
        for name in names {
            func refuse(_ why: String) -> SpreadsheetError {
                SpreadsheetError(.invalidSheetName("'\(name)' \(why)"), at: location)
            }
            guard !name.isEmpty else { throw refuse("is empty") }
            guard name.utf16.count <= 31 else { throw refuse("is longer than 31 characters") }
            if let bad = name.first(where: { ":\\/?*[]".contains($0) }) { throw refuse("holds '\(bad)'") }
            guard !name.hasPrefix("'"), !name.hasSuffix("'") else { throw refuse("starts or ends with an apostrophe") }
            guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0xFFFE && $0.value != 0xFFFF }) else {
                throw refuse("holds a control character")
            }
            guard name.lowercased() != "history" else { throw refuse("is reserved by Excel") }
            guard seen.insert(name.lowercased()).inserted else { throw refuse("names two sheets") }
        }
    }

    // MARK: - Zip

    /// The fixed modification time of every entry, so that output is reproducible.
    static let entryDate = Date(timeIntervalSinceReferenceDate: 0)

    private static func zip(_ parts: [(String, [UInt8])], location: SpreadsheetLocation) throws -> Data {
        do {
            let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
            for (path, bytes) in parts {
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: entryDate, compressionMethod: .deflate) { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<min(start + size, data.count))
                }
            }
            guard let data = archive.data else {
                throw SpreadsheetError(.io("the zip archive was not produced"), at: location)
            }
            return data
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError(.io("cannot build the zip archive: \(error)"), at: location)
        }
    }
}

/// The shared-string table being built (ECMA-376 Part 1, §18.4.9): each distinct text
/// once, cells pointing to it by index.
struct SharedStringTable {
    private var indices: [String: Int] = [:]
    private var texts: [String] = []
    private var references = 0

    /// The index of `text`, added when new.
    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indices[text] { return index }
        indices[text] = texts.count
        texts.append(text)
        return texts.count - 1
    }

    /// The `sst` part.
    func xml() -> [UInt8] {
        var xml = XMLText()
        xml.raw(WorkbookWriter.declaration)
        xml.raw("<sst xmlns=\"\(WorkbookWriter.mainNamespace)\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">")
        for text in texts {
            xml.raw(XMLText.needsPreserve(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            xml.escaped(text)
            xml.raw("</t></si>")
        }
        xml.raw("</sst>")
        return xml.bytes
    }
}
