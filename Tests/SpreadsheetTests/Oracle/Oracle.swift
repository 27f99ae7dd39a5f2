import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Spreadsheet

/// What reading one worksheet gives: the rows handed over before the reading stopped, and
/// the error that stopped it, if any.
struct SheetOutcome: Equatable, CustomStringConvertible {
    var rows: [SheetRow]
    var error: SpreadsheetError?

    /// Whether the error, if any, is a fault of the XML itself (its message depends on
    /// the parser that found it).
    var isXMLFault: Bool {
        switch error?.kind {
        case .malformedXML?, .documentTypeDeclaration?: return true
        default: return false
        }
    }

    var description: String {
        "\(rows.count) rows" + (error.map { ", then \($0)" } ?? "")
    }
}

/// The two ways of reading a worksheet part: the byte-level ``WorksheetScanner`` the
/// reader uses, and Foundation's `XMLParser` with ``WorksheetDelegate`` as the oracle.
struct SheetReaders {
    var sheet = "S"
    var part = "xl/worksheets/sheet1.xml"
    var fileName = "t.xlsx"
    var sharedStrings: [String] = []
    var formatKinds: [NumberFormatKind] = []
    var dateSystem = DateSystem.date1900
    var limits = SpreadsheetLimits.standard

    /// The oracle's reading of `xml`, whole.
    func oracle(_ xml: [UInt8]) -> SheetOutcome {
        var rows: [SheetRow] = []
        let data = Data(xml)
        do {
            try XMLSupport.checkProlog(data, isWholePart: true, part: part, fileName: fileName)
            try withoutActuallyEscaping({ (row: SheetRow) in rows.append(row) }) { body in
                let delegate = WorksheetDelegate(sheet: sheet, fileName: fileName, sharedStrings: sharedStrings,
                                                 formatKinds: formatKinds, dateSystem: dateSystem, limits: limits,
                                                 body: body)
                try XMLSupport.run(XMLParser(data: data), delegate, part: part, fileName: fileName)
            }
            return SheetOutcome(rows: rows, error: nil)
        } catch {
            return SheetOutcome(rows: rows, error: Self.typed(error))
        }
    }

    /// The scanner's reading of `xml`, fed in chunks whose sizes `nextChunk` draws.
    func scanner(_ xml: [UInt8], nextChunk: () -> Int = { 64 * 1024 }) -> SheetOutcome {
        var rows: [SheetRow] = []
        var scanner = WorksheetScanner(sheet: sheet, part: part, fileName: fileName, sharedStrings: sharedStrings,
                                       formatKinds: formatKinds, dateSystem: dateSystem, limits: limits)
        do {
            var at = 0
            while at < xml.count {
                let end = min(xml.count, at + max(1, nextChunk()))
                try xml[at..<end].withUnsafeBytes { try scanner.read($0) { rows.append($0) } }
                at = end
            }
            try scanner.finish { rows.append($0) }
            return SheetOutcome(rows: rows, error: nil)
        } catch {
            return SheetOutcome(rows: rows, error: Self.typed(error))
        }
    }

    /// `error` as a ``SpreadsheetError``; anything else is a failure of the test.
    private static func typed(_ error: Error) -> SpreadsheetError {
        if let error = error as? SpreadsheetError { return error }
        return SpreadsheetError(.io("NOT A SPREADSHEET ERROR: \(error)"), at: SpreadsheetLocation(file: "?"))
    }
}

/// The shared strings of a part, read both ways.
enum SharedStringsReaders {
    static func oracle(_ xml: [UInt8], limit: Int = 1 << 20) -> Result<[String], SpreadsheetError> {
        let data = Data(xml)
        let part = "xl/sharedStrings.xml"
        do {
            try XMLSupport.checkProlog(data, isWholePart: true, part: part, fileName: "t.xlsx")
            let delegate = SharedStringsDelegate(limit: limit, location: SpreadsheetLocation(file: "t.xlsx", part: part))
            try XMLSupport.run(XMLParser(data: data), delegate, part: part, fileName: "t.xlsx")
            return .success(delegate.strings)
        } catch {
            return .failure(error as? SpreadsheetError ?? SpreadsheetError(.io("\(error)"), at: SpreadsheetLocation(file: "?")))
        }
    }

    static func scanner(_ xml: [UInt8], limit: Int = 1 << 20, nextChunk: () -> Int = { 64 * 1024 })
        -> Result<[String], SpreadsheetError>
    {
        var scanner = SharedStringsScanner(part: "xl/sharedStrings.xml", fileName: "t.xlsx", limit: limit)
        do {
            var at = 0
            while at < xml.count {
                let end = min(xml.count, at + max(1, nextChunk()))
                try xml[at..<end].withUnsafeBytes { try scanner.read($0) }
                at = end
            }
            try scanner.finish()
            return .success(scanner.strings)
        } catch {
            return .failure(error as? SpreadsheetError ?? SpreadsheetError(.io("\(error)"), at: SpreadsheetLocation(file: "?")))
        }
    }
}

/// The parts of a workbook file as bytes, for the oracle: its sheets' XML and its shared
/// strings, read with the reader's own archive code.
struct WorkbookParts {
    let reader: WorkbookReader
    let archive: PackageArchive

    init(_ url: URL) throws {
        reader = try WorkbookReader(contentsOf: url)
        archive = try PackageArchive(reader.source, fileName: reader.fileName, limits: reader.limits)
    }

    /// The XML of sheet `name`.
    func sheetXML(_ name: String) throws -> [UInt8] {
        let sheet = try reader.sheet(named: name)
        return [UInt8](try archive.data(of: sheet.part, limit: 1 << 26))
    }

    /// The readers of sheet `name` with this workbook's strings, formats and dates.
    func readers(_ name: String) throws -> SheetReaders {
        let sheet = try reader.sheet(named: name)
        return SheetReaders(sheet: sheet.name, part: sheet.part, fileName: reader.fileName,
                            sharedStrings: reader.sharedStrings, formatKinds: reader.formatKinds,
                            dateSystem: reader.dateSystem)
    }

    /// The shared-string part's XML, if the workbook has one.
    func sharedStringsXML() throws -> [UInt8]? {
        guard archive.contains("xl/sharedStrings.xml") else { return nil }
        return [UInt8](try archive.data(of: "xl/sharedStrings.xml", limit: 1 << 26))
    }
}
