import Foundation
@testable import Spreadsheet
import Testing

/// The byte-level worksheet and shared-string scanners against Foundation's `XMLParser`
/// (the oracle in `Oracle/`): the same rows and strings on every fixture and on random
/// parts, whatever the chunks the bytes come in.
@Suite("The byte-level scanners read what XMLParser reads")
struct ScannerEquivalenceTests {
    static let fixtureNames = ["openpyxl.xlsx", "openpyxl-1904.xlsx", "xlsxwriter.xlsx", "xlsxwriter-1904.xlsx",
                           "handmade-inline-1904.xlsx"]

    @Test("Every sheet of every fixture, whole and in chunks of 1 to 64 bytes", arguments: fixtureNames)
    func fixtures(name: String) throws {
        let parts = try WorkbookParts(Fixtures.url(name))
        for sheet in parts.reader.sheets {
            let xml = try parts.sheetXML(sheet.name)
            let readers = try parts.readers(sheet.name)
            let oracle = readers.oracle(xml)
            #expect(oracle.error == nil, "\(name) \(sheet.name): \(oracle)")
            #expect(!oracle.rows.isEmpty)
            #expect(try parts.reader.rows(inSheet: sheet.name) == oracle.rows, "\(name) \(sheet.name)")
            var random = SeededGenerator(seed: 17)
            for size in [1, 2, 3, 5, 7, 64] {
                #expect(readers.scanner(xml, nextChunk: { size }) == oracle, "\(name) \(sheet.name), chunks of \(size)")
            }
            #expect(readers.scanner(xml, nextChunk: { Int.random(in: 1...40, using: &random) }) == oracle)
        }
        if let strings = try parts.sharedStringsXML() {
            let oracle = try SharedStringsReaders.oracle(strings).get()
            #expect(parts.reader.sharedStrings == oracle)
            for size in [1, 3, 1000] {
                #expect(try SharedStringsReaders.scanner(strings, nextChunk: { size }).get() == oracle)
            }
        }
    }

    @Test("Random worksheets: the same rows, or the same error for a bad cell")
    func randomWorksheets() throws {
        var agreedRows = 0
        for seed in UInt64(1)...300 {
            var generator = SheetGenerator(seed: seed)
            generator.allowsInvalidCells = seed % 3 == 0
            let strings = (0..<generator.sharedStringCount).map { "s\($0)" }
            let xml = generator.worksheet()
            let readers = SheetReaders(sharedStrings: strings, formatKinds: SheetGenerator.formatKinds,
                                       dateSystem: seed % 2 == 0 ? .date1900 : .date1904)
            let oracle = readers.oracle(xml)
            #expect(!oracle.isXMLFault, "seed \(seed): the generator wrote XML the oracle refuses: \(oracle)")
            var random = SeededGenerator(seed: seed)
            let chunked = readers.scanner(xml, nextChunk: { Int.random(in: 1...300, using: &random) })
            #expect(chunked == oracle, "seed \(seed)\n\(String(decoding: xml, as: UTF8.self))")
            #expect(readers.scanner(xml) == oracle, "seed \(seed), whole")
            if oracle.error == nil { agreedRows += oracle.rows.count }
        }
        #expect(agreedRows > 1000)
    }

    @Test("Random shared-string parts: the same strings")
    func randomSharedStrings() throws {
        for seed in UInt64(1)...100 {
            var generator = SheetGenerator(seed: seed, sharedStringCount: Int(seed % 30))
            let xml = generator.sharedStrings()
            let oracle = SharedStringsReaders.oracle(xml)
            var random = SeededGenerator(seed: seed)
            let scanned = SharedStringsReaders.scanner(xml, nextChunk: { Int.random(in: 1...200, using: &random) })
            #expect(try scanned.get() == oracle.get(), "seed \(seed)")
        }
    }

    @Test("Random workbooks through the reader: rows as the oracle reads them")
    func randomWorkbooks() throws {
        for seed in UInt64(1000)...1040 {
            var generator = SheetGenerator(seed: seed, sharedStringCount: 25)
            let sheet = generator.worksheet(maximumRows: 200)
            let strings = generator.sharedStrings()
            let data = try StyledPackage.workbook(sheet: sheet, strings: strings, date1904: seed % 2 == 1)
            let reader = try WorkbookReader(data: data, fileName: "t.xlsx")
            let oracleStrings = try SharedStringsReaders.oracle(strings).get()
            #expect(reader.sharedStrings == oracleStrings)
            #expect(reader.formatKinds == SheetGenerator.formatKinds)
            let oracle = SheetReaders(sheet: "S", sharedStrings: oracleStrings, formatKinds: reader.formatKinds,
                                      dateSystem: reader.dateSystem).oracle(sheet)
            #expect(oracle.error == nil)
            #expect(try reader.rows() == oracle.rows, "seed \(seed)")
        }
    }
}

/// Workbooks with a styles part (formats: general, a date, text, a date and time) for the
/// reader-level comparisons.
enum StyledPackage {
    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
        <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="49"/><xf numFmtId="22"/></cellXfs>\
        </styleSheet>
        """
    static let workbookRels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
        Target="sharedStrings.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
        Target="styles.xml"/></Relationships>
        """

    static func workbook(sheet: [UInt8], strings: [UInt8], date1904: Bool) throws -> Data {
        let workbook = Package.workbook.replacingOccurrences(
            of: "<sheets>", with: date1904 ? #"<workbookPr date1904="1"/><sheets>"# : "<sheets>")
        return try Package.build([
            ("[Content_Types].xml", .text(Package.contentTypes)), ("_rels/.rels", .text(Package.rels)),
            ("xl/workbook.xml", .text(workbook)), ("xl/_rels/workbook.xml.rels", .text(workbookRels)),
            ("xl/styles.xml", .text(styles)),
            ("xl/worksheets/sheet1.xml", .text(String(decoding: sheet, as: UTF8.self))),
            ("xl/sharedStrings.xml", .text(String(decoding: strings, as: UTF8.self))),
        ])
    }
}
