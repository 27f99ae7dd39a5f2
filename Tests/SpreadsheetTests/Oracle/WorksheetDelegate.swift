import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Spreadsheet

/// The test oracle for ``WorksheetScanner``: reads a worksheet part's `sheetData`
/// (ECMA-376 Part 1, §18.3.1.80) with Foundation's `XMLParser`, row by row, handing each
/// row to the caller as soon as its end tag is read.
final class WorksheetDelegate: EventDelegate {
    private let sheet: String
    private let fileName: String
    private let sharedStrings: [String]
    private let formatKinds: [NumberFormatKind]
    private let dateSystem: DateSystem
    private let limits: SpreadsheetLimits
    private let body: (SheetRow) throws -> Void

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [Cell] = []
    private var cellCount = 0
    /// The column of the row's last cell so far, empty or not; 0 at a row's start.
    private var lastColumn = 0

    private var inCell = false
    private var cellReference = CellReference(column: 1, row: 1)
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var inlineText = ""
    private var capture = Capture.none
    private var inInlineString = false
    private var phoneticDepth = 0

    private enum Capture { case none, value, inline }

    init(sheet: String, fileName: String, sharedStrings: [String], formatKinds: [NumberFormatKind],
         dateSystem: DateSystem, limits: SpreadsheetLimits, body: @escaping (SheetRow) throws -> Void) {
        self.sheet = sheet
        self.fileName = fileName
        self.sharedStrings = sharedStrings
        self.formatKinds = formatKinds
        self.dateSystem = dateSystem
        self.limits = limits
        self.body = body
    }

    private func location(_ reference: CellReference? = nil) -> SpreadsheetLocation {
        SpreadsheetLocation(file: fileName, sheet: sheet, cell: reference)
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = XMLSupport.localName(elementName)
        guard inSheetData else {
            if name == "sheetData" { inSheetData = true }
            return
        }
        switch name {
        case "c":
            startCell(attributeDict, parser)
        case "v" where inCell:
            capture = .value
        case "is" where inCell:
            inInlineString = true
        case "t" where inInlineString && phoneticDepth == 0:
            capture = .inline
        case "rPh":
            phoneticDepth += 1
        case "row":
            startRow(attributeDict, parser)
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        guard inSheetData else { return }
        switch XMLSupport.localName(elementName) {
        case "v", "t":
            capture = .none
        case "is":
            inInlineString = false
        case "rPh":
            phoneticDepth -= 1
        case "c":
            endCell(parser)
        case "row":
            endRow(parser)
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .none: break
        case .value: value += string
        case .inline: inlineText += string
        }
    }

    private func startRow(_ attributes: [String: String], _ parser: XMLParser) {
        var number = rowNumber + 1
        if let text = attributes["r"] {
            guard let parsed = Int(text), parsed >= 1, parsed <= CellReference.maximumRow else {
                fail(SpreadsheetError(.invalidCell("row number '\(text)' is not a row number"), at: location()), parser)
                return
            }
            guard parsed > rowNumber else {
                fail(SpreadsheetError(.invalidCell("row \(parsed) comes after row \(rowNumber); rows must be in order"),
                                      at: location()), parser)
                return
            }
            number = parsed
        }
        guard number <= limits.maximumRows else {
            fail(SpreadsheetError(.tooManyRows(limit: limits.maximumRows), at: location()), parser)
            return
        }
        rowNumber = number
        lastColumn = 0
        cells.removeAll(keepingCapacity: true)
    }

    private func startCell(_ attributes: [String: String], _ parser: XMLParser) {
        guard rowNumber >= 1 else {
            fail(SpreadsheetError(.malformedXML("a cell outside any row"), at: location()), parser)
            return
        }
        var column = lastColumn + 1
        if let text = attributes["r"] {
            guard let reference = CellReference(text) else {
                fail(SpreadsheetError(.invalidCell("'\(text)' is not a cell reference"), at: location()), parser)
                return
            }
            guard reference.row == rowNumber else {
                fail(SpreadsheetError(.invalidCell("cell \(reference) is inside row \(rowNumber)"),
                                      at: location(reference)), parser)
                return
            }
            guard reference.column > lastColumn else {
                fail(SpreadsheetError(.invalidCell("cell \(reference) is out of order or repeated"),
                                      at: location(reference)), parser)
                return
            }
            column = reference.column
        }
        guard column <= limits.maximumColumns, column <= CellReference.maximumColumn else {
            fail(SpreadsheetError(.tooManyColumns(limit: min(limits.maximumColumns, CellReference.maximumColumn)),
                                  at: location()), parser)
            return
        }
        cellReference = CellReference(column: column, row: rowNumber)
        lastColumn = column
        inCell = true
        cellType = attributes["t"] ?? ""
        cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
        value = ""
        inlineText = ""
    }

    private func endCell(_ parser: XMLParser) {
        inCell = false
        capture = .none
        let decoded: CellValue
        do {
            decoded = try decodeValue()
        } catch {
            fail(error, parser)
            return
        }
        guard !decoded.isEmpty else { return }
        cellCount += 1
        guard cellCount <= limits.maximumCells else {
            fail(SpreadsheetError(.tooManyCells(limit: limits.maximumCells), at: location(cellReference)), parser)
            return
        }
        cells.append(Cell(column: cellReference.column, value: decoded))
    }

    private func endRow(_ parser: XMLParser) {
        guard !cells.isEmpty else { return }
        do {
            try body(SheetRow(sheet: sheet, number: rowNumber, cells: cells))
        } catch {
            fail(error, parser)
        }
    }

    /// The cell's value from its type (ECMA-376 Part 1, §18.18.11), its `v` or inline
    /// string, and its style's number format.
    private func decodeValue() throws -> CellValue {
        switch cellType {
        case "s":
            guard !value.isEmpty else { return .empty }
            guard let index = Int(value.trimmingWhitespace()), index >= 0, index < sharedStrings.count else {
                throw SpreadsheetError(.invalidCell("shared string '\(value)' does not exist"), at: location(cellReference))
            }
            let text = sharedStrings[index]
            return text.isEmpty ? .empty : .string(text)
        case "inlineStr":
            let text = XMLSupport.decodeEscapes(inlineText.isEmpty ? value : inlineText)
            return text.isEmpty ? .empty : .string(text)
        case "str":
            let text = XMLSupport.decodeEscapes(value)
            return text.isEmpty ? .empty : .string(text)
        case "b":
            switch value.trimmingWhitespace() {
            case "": return .empty
            case "1", "true": return .boolean(true)
            case "0", "false": return .boolean(false)
            default:
                throw SpreadsheetError(.invalidCell("'\(value)' is not a boolean"), at: location(cellReference))
            }
        case "e":
            return value.isEmpty ? .empty : .error(value)
        case "d":
            guard !value.isEmpty else { return .empty }
            return WorksheetScanner.isoDate(value).map { .date($0) } ?? .string(value)
        case "", "n":
            let raw = value.trimmingWhitespace()
            guard !raw.isEmpty else { return .empty }
            guard let number = Double(raw), number.isFinite else {
                throw SpreadsheetError(.invalidCell("'\(raw)' is not a number"), at: location(cellReference))
            }
            let kind = cellStyle >= 0 && cellStyle < formatKinds.count ? formatKinds[cellStyle] : .number
            switch kind {
            case .number: return .number(number)
            case .text: return .string(raw)
            case .date: return dateSystem.dateTime(fromSerial: number).map { .date($0) } ?? .number(number)
            }
        default:
            throw SpreadsheetError(.invalidCell("unknown cell type '\(cellType)'"), at: location(cellReference))
        }
    }
}

/// The test oracle for ``SharedStringsScanner``: reads the shared-string table
/// (ECMA-376 Part 1, §18.4.9) with Foundation's `XMLParser`: each `si` item's text, the
/// runs of rich text joined, phonetic runs (`rPh`) left out.
final class SharedStringsDelegate: EventDelegate {
    var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private let limit: Int
    private let location: SpreadsheetLocation

    init(limit: Int, location: SpreadsheetLocation) {
        self.limit = limit
        self.location = location
    }

    override func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch XMLSupport.localName(elementName) {
        case "si":
            inItem = true
            current = ""
        case "rPh":
            phoneticDepth += 1
        case "t":
            inText = inItem && phoneticDepth == 0
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                         qualifiedName qName: String?) {
        switch XMLSupport.localName(elementName) {
        case "si":
            guard strings.count < limit else {
                fail(SpreadsheetError(.tooManyStrings(limit: limit), at: location), parser)
                return
            }
            strings.append(XMLSupport.decodeEscapes(current))
            inItem = false
        case "rPh":
            phoneticDepth -= 1
        case "t":
            inText = false
        default:
            break
        }
    }

    override func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }
}
