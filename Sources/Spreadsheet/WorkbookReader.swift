import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A reader of Office Open XML workbooks (`.xlsx`, SpreadsheetML: ECMA-376 Part 1, §18;
/// its package: ECMA-376 Part 2).
///
/// Opening reads the workbook's parts other than its sheets: the package relationships,
/// the workbook (sheet names, date system) and the styles with Foundation's event-driven
/// XML parser, and the shared-string table with the byte-level ``XMLTokenizer``. Rows are
/// then streamed from one sheet with ``forEachRow(inSheet:_:)``: the sheet's part is
/// inflated in chunks, its bytes counted against the limits, and each chunk tokenized as
/// it comes, so memory stays bounded whatever the sheet's size. A value type: each call
/// opens the file anew, and a reader can cross threads.
///
/// ```swift
/// let workbook = try WorkbookReader(contentsOf: url)
/// try workbook.forEachRow(inSheet: nil) { row in
///     print(row.number, row[1].text)   // column A of each row with a value
/// }
/// ```
public struct WorkbookReader: Sendable {
    /// A worksheet of the workbook.
    public struct Sheet: Hashable, Sendable {
        /// The name on its tab.
        public let name: String
        /// Whether the sheet is hidden (`state` `hidden` or `veryHidden`).
        public let isHidden: Bool
        /// Its part in the package.
        let part: String
    }

    /// The file's name, used in every error's location.
    public let fileName: String
    /// The worksheets in tab order (chart sheets and macro sheets are left out).
    public let sheets: [Sheet]
    /// The date system serial numbers count from.
    public let dateSystem: DateSystem
    /// The bounds in force.
    public let limits: SpreadsheetLimits

    let source: PackageArchive.Source
    let sharedStrings: [String]
    let formatKinds: [NumberFormatKind]

    /// Opens the workbook at `url`.
    ///
    /// - Throws: ``SpreadsheetError``: ``SpreadsheetError/Kind/notAWorkbook(_:)`` naming
    ///   what the file is when it is no `.xlsx` (an `.xls`, a PDF, a CSV…), or the reason
    ///   the workbook is refused (damaged archive, a part past the limits, a DTD).
    public init(contentsOf url: URL, limits: SpreadsheetLimits = .standard) throws {
        let name = url.lastPathComponent
        let kind = try FileKind.ofFile(at: url)
        guard kind == .xlsx || kind == .zip else {
            throw SpreadsheetError(.notAWorkbook(kind), at: SpreadsheetLocation(file: name))
        }
        try self.init(source: .file(url), fileName: name, limits: limits)
    }

    /// Opens a workbook held in memory; `fileName` names it in errors.
    ///
    /// - Throws: as ``init(contentsOf:limits:)``.
    public init(data: Data, fileName: String, limits: SpreadsheetLimits = .standard) throws {
        let kind = FileKind.sniff(data.prefix(8192), isWholeFile: data.count <= 8192)
        guard kind == .zip else {
            throw SpreadsheetError(.notAWorkbook(kind), at: SpreadsheetLocation(file: fileName))
        }
        try self.init(source: .data(data), fileName: fileName, limits: limits)
    }

    private init(source: PackageArchive.Source, fileName: String, limits: SpreadsheetLimits) throws {
        self.source = source
        self.fileName = fileName
        self.limits = limits
        let archive = try PackageArchive(source, fileName: fileName, limits: limits)

        // The workbook part is the package's officeDocument relationship (Part 1, §11.3.10).
        var workbookPart = "xl/workbook.xml"
        if archive.contains("_rels/.rels") {
            let relationships = try Self.relationships(of: "", in: archive)
            if let office = relationships.first(where: { $0.type.hasSuffix("/officeDocument") && !$0.isExternal }) {
                workbookPart = PartName.resolve(office.target, from: "")
            }
        }
        guard archive.contains(workbookPart) else {
            let kind = FileKind.zipKind(archive.archive)
            if kind != .xlsx && kind != .zip {
                throw SpreadsheetError(.notAWorkbook(kind), at: SpreadsheetLocation(file: fileName))
            }
            throw SpreadsheetError(.missingPart(workbookPart), at: SpreadsheetLocation(file: fileName))
        }
        let workbook = WorkbookDelegate()
        try Self.parse(workbookPart, in: archive, with: workbook)
        let relationships = archive.contains(PartName.relationships(of: workbookPart))
            ? try Self.relationships(of: workbookPart, in: archive) : []
        func target(_ type: String) -> String? {
            relationships.first { $0.type.hasSuffix(type) && !$0.isExternal }
                .map { PartName.resolve($0.target, from: workbookPart) }
        }
        var sheets: [Sheet] = []
        for entry in workbook.sheets {
            guard let relationship = relationships.first(where: { $0.id == entry.relationshipID }),
                  relationship.type.hasSuffix("/worksheet"), !relationship.isExternal else { continue }
            sheets.append(Sheet(name: entry.name, isHidden: entry.state != "visible",
                                part: PartName.resolve(relationship.target, from: workbookPart)))
        }
        self.sheets = sheets
        self.dateSystem = workbook.dateSystem

        if let part = target("/sharedStrings"), archive.contains(part) {
            var scanner = SharedStringsScanner(part: part, fileName: fileName, limit: limits.maximumSharedStrings)
            try archive.extract(part, limit: limits.maximumPartBytes) { chunk in
                try chunk.withUnsafeBytes { try scanner.read($0) }
            }
            try scanner.finish()
            sharedStrings = scanner.strings
        } else {
            sharedStrings = []
        }
        if let part = target("/styles"), archive.contains(part) {
            let delegate = StylesDelegate()
            try Self.parse(part, in: archive, with: delegate)
            formatKinds = delegate.formatKinds
        } else {
            formatKinds = []
        }
    }

    /// The sheet named `name` (compared as Excel compares sheet names, without regard to
    /// case), or the first sheet in tab order when `name` is `nil`.
    ///
    /// - Throws: ``SpreadsheetError/Kind/noSuchSheet(_:available:)`` or
    ///   ``SpreadsheetError/Kind/noSheets``.
    public func sheet(named name: String?) throws -> Sheet {
        guard let name else {
            guard let first = sheets.first else {
                throw SpreadsheetError(.noSheets, at: SpreadsheetLocation(file: fileName))
            }
            return first
        }
        if let sheet = sheets.first(where: { $0.name == name })
            ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        throw SpreadsheetError(.noSuchSheet(name, available: sheets.map(\.name)),
                               at: SpreadsheetLocation(file: fileName))
    }

    /// Streams the rows of sheet `name` (the first sheet when `nil`) to `body`, in order,
    /// each row as soon as it is read; rows without any value are skipped.
    ///
    /// The sheet is checked as it is read: a fault further on (malformed XML, a bad cell,
    /// a limit, a damaged archive) is thrown after the rows before it have been handed to
    /// `body`, so a caller that must not act on part of a sheet collects the rows first.
    /// An error `body` throws stops the reading and is rethrown as it is.
    /// - Throws: ``SpreadsheetError`` naming the sheet and cell (`file.xlsx:Sheet!C12`)
    ///   for a bad cell, a limit passed, or malformed XML; or `body`'s error.
    /// - Complexity: O(size of the sheet part) time; memory O(longest row) beyond the
    ///   shared strings read when opening.
    public func forEachRow(inSheet name: String? = nil, _ body: (SheetRow) throws -> Void) throws {
        let sheet = try sheet(named: name)
        do {
            try stream(sheet, body)
        } catch var error as SpreadsheetError where error.location.sheet == nil && error.location.file == fileName {
            error.location.sheet = sheet.name
            throw error
        }
    }

    private func stream(_ sheet: Sheet, _ body: (SheetRow) throws -> Void) throws {
        let archive = try PackageArchive(source, fileName: fileName, limits: limits)
        var scanner = WorksheetScanner(sheet: sheet.name, part: sheet.part, fileName: fileName,
                                       sharedStrings: sharedStrings, formatKinds: formatKinds,
                                       dateSystem: dateSystem, limits: limits)
        try archive.extract(sheet.part, limit: limits.maximumSheetBytes) { chunk in
            try chunk.withUnsafeBytes { try scanner.read($0, body) }
        }
        try scanner.finish(body)
    }

    /// All rows of sheet `name` (the first sheet when `nil`) with a value.
    ///
    /// - Throws: as ``forEachRow(inSheet:_:)``.
    public func rows(inSheet name: String? = nil) throws -> [SheetRow] {
        var rows: [SheetRow] = []
        try forEachRow(inSheet: name) { rows.append($0) }
        return rows
    }

    // MARK: - Parts

    private static func relationships(of part: String, in archive: PackageArchive) throws -> [Relationship] {
        let delegate = RelationshipsDelegate()
        let rels = part.isEmpty ? "_rels/.rels" : PartName.relationships(of: part)
        try parse(rels, in: archive, with: delegate)
        return delegate.relationships
    }

    /// Parses a small part held in memory (bounded by ``SpreadsheetLimits/maximumPartBytes``).
    private static func parse(_ part: String, in archive: PackageArchive, with delegate: EventDelegate) throws {
        let data = try archive.data(of: part, limit: archive.limits.maximumPartBytes)
        try XMLSupport.checkProlog(data, isWholePart: true, part: part, fileName: archive.fileName)
        try XMLSupport.run(XMLParser(data: data), delegate, part: part, fileName: archive.fileName)
    }
}
