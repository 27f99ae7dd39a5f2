import Foundation
import Spreadsheet
import Testing
import ZIPFoundation

/// Builds small packages part by part, to make damaged and hostile workbooks.
enum Package {
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """
    static let rels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="xl/workbook.xml"/></Relationships>
        """
    static let workbook = """
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
        <sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let workbookRels = """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
        Target="sharedStrings.xml"/></Relationships>
        """
    static let sheetHead = #"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    static let sheetTail = "</sheetData></worksheet>"

    /// A workbook whose one sheet holds `sheet` and whose shared strings are `strings`.
    static func workbook(sheet: String, strings: String? = nil) throws -> Data {
        var parts: [(String, Entry)] = [
            ("[Content_Types].xml", .text(contentTypes)), ("_rels/.rels", .text(rels)),
            ("xl/workbook.xml", .text(workbook)), ("xl/_rels/workbook.xml.rels", .text(workbookRels)),
            ("xl/worksheets/sheet1.xml", .text(sheet)),
        ]
        if let strings { parts.append(("xl/sharedStrings.xml", .text(strings))) }
        return try build(parts)
    }

    /// A part's content: text, or `count` bytes of one repeated byte made on the fly.
    enum Entry {
        case text(String)
        case repeated(UInt8, count: Int, prefix: String)
    }

    /// A zip archive of `parts`, deflated.
    static func build(_ parts: [(String, Entry)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (path, entry) in parts {
            switch entry {
            case .text(let text):
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                     compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                }
            case .repeated(let byte, let count, let prefix):
                let head = Data(prefix.utf8)
                let filler = Data(repeating: byte, count: 1 << 16)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(count),
                                     compressionMethod: .deflate, bufferSize: 1 << 16) { position, size in
                    if position == 0 { return head + filler.prefix(size - head.count) }
                    return filler.prefix(size)
                }
            }
        }
        return archive.data ?? Data()
    }

    /// `data` with every declared uncompressed size of `path` (local header and central
    /// directory) set to `size`: a zip bomb that lies about its size.
    static func lyingAboutSize(_ data: Data, path: String, size: UInt32) -> Data {
        var bytes = [UInt8](data)
        let name = Array(path.utf8)
        func patch(signature: [UInt8], sizeOffset: Int, nameOffset: Int) {
            var index = 0
            while index + nameOffset + name.count <= bytes.count {
                if Array(bytes[index..<(index + 4)]) == signature,
                   Array(bytes[(index + nameOffset)..<(index + nameOffset + name.count)]) == name {
                    for shift in 0..<4 { bytes[index + sizeOffset + shift] = UInt8((size >> (8 * UInt32(shift))) & 0xFF) }
                }
                index += 1
            }
        }
        patch(signature: [0x50, 0x4B, 0x03, 0x04], sizeOffset: 22, nameOffset: 30)
        patch(signature: [0x50, 0x4B, 0x01, 0x02], sizeOffset: 24, nameOffset: 46)
        return Data(bytes)
    }
}

/// A zip archive written byte by byte (APPNOTE 6.3.x §4.3), so that an entry's
/// compressed data can be made to say anything.
enum RawZip {
    struct Entry {
        var name: String
        var method: UInt16
        var data: [UInt8]
        var uncompressedSize: UInt32
        var crc: UInt32
    }

    /// A stored (method 0) entry with its true size and CRC-32.
    static func stored(_ name: String, _ text: String) -> Entry {
        let bytes = Array(text.utf8)
        return Entry(name: name, method: 0, data: bytes, uncompressedSize: UInt32(bytes.count), crc: crc32(bytes))
    }

    static func archive(_ entries: [Entry]) -> Data {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: UInt32, _ to: inout [UInt8]) { for s in 0..<4 { to.append(UInt8((v >> (8 * UInt32(s))) & 0xFF)) } }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let offset = UInt32(out.count)
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(Int(entry.method), &out)
            le16(0, &out); le16(0x21, &out); le32(entry.crc, &out); le32(UInt32(entry.data.count), &out)
            le32(entry.uncompressedSize, &out); le16(name.count, &out); le16(0, &out)
            out += name + entry.data
            le32(0x0201_4B50, &directory); le16(20, &directory); le16(20, &directory); le16(0, &directory)
            le16(Int(entry.method), &directory); le16(0, &directory); le16(0x21, &directory)
            le32(entry.crc, &directory); le32(UInt32(entry.data.count), &directory)
            le32(entry.uncompressedSize, &directory); le16(name.count, &directory)
            for _ in 0..<4 { le16(0, &directory) }
            le32(0, &directory); le32(offset, &directory)
            directory += name
        }
        var end: [UInt8] = []
        le32(0x0605_4B50, &end); le16(0, &end); le16(0, &end); le16(entries.count, &end); le16(entries.count, &end)
        le32(UInt32(directory.count), &end); le32(UInt32(out.count), &end); le16(0, &end)
        return Data(out + directory + end)
    }

    /// CRC-32 (ISO 3309, as zip uses it), bit by bit.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// The error reading `data` raises, whether on opening or on reading rows.
func readingError(_ data: Data, limits: SpreadsheetLimits = .standard) -> SpreadsheetError? {
    do {
        let reader = try WorkbookReader(data: data, fileName: "hostile.xlsx", limits: limits)
        try reader.forEachRow { _ in }
        return nil
    } catch let error as SpreadsheetError {
        return error
    } catch {
        Issue.record("not a SpreadsheetError: \(error)")
        return nil
    }
}

@Suite("Hostile and damaged input")
struct HostileInputTests {
    @Test("A zip bomb that declares its size is refused before any byte is inflated")
    func declaredBomb() throws {
        let data = try Package.build([
            ("_rels/.rels", .text(Package.rels)), ("xl/workbook.xml", .text(Package.workbook)),
            ("xl/_rels/workbook.xml.rels", .text(Package.workbookRels)),
            ("xl/worksheets/sheet1.xml", .repeated(0x20, count: 16 << 20, prefix: Package.sheetHead)),
        ])
        #expect(data.count < 1 << 20, "the bomb compresses ~1000:1")
        let limits = SpreadsheetLimits(maximumSheetBytes: 4 << 20)
        let error = try #require(readingError(data, limits: limits))
        #expect(error.kind == .partTooLarge(limit: 4 << 20))
        #expect(error.description.hasPrefix("hostile.xlsx:S: refused: a part of the workbook expands to more than"))
    }

    @Test("A zip bomb that lies about its size is stopped at the limit while inflating")
    func lyingBomb() throws {
        let honest = try Package.build([
            ("_rels/.rels", .text(Package.rels)), ("xl/workbook.xml", .text(Package.workbook)),
            ("xl/_rels/workbook.xml.rels", .text(Package.workbookRels)),
            ("xl/worksheets/sheet1.xml", .repeated(0x20, count: 16 << 20, prefix: Package.sheetHead)),
            ("xl/sharedStrings.xml", .repeated(0x20, count: 16 << 20, prefix: "<sst>")),
        ])
        var lying = Package.lyingAboutSize(honest, path: "xl/worksheets/sheet1.xml", size: 1000)
        lying = Package.lyingAboutSize(lying, path: "xl/sharedStrings.xml", size: 1000)
        let limits = SpreadsheetLimits(maximumSheetBytes: 2 << 20, maximumPartBytes: 1 << 20)
        let error = try #require(readingError(lying, limits: limits))
        #expect(error.kind == .partTooLarge(limit: 1 << 20), "the shared strings, held in memory, are stopped first")
        #expect(error.location.part == "xl/sharedStrings.xml")
        // Without the shared strings, the sheet is stopped at its own limit.
        let sheetOnly = Package.lyingAboutSize(try Package.build([
            ("_rels/.rels", .text(Package.rels)), ("xl/workbook.xml", .text(Package.workbook)),
            ("xl/_rels/workbook.xml.rels", .text(Package.workbookRels)),
            ("xl/worksheets/sheet1.xml", .repeated(0x20, count: 16 << 20, prefix: Package.sheetHead)),
        ]), path: "xl/worksheets/sheet1.xml", size: 1000)
        let sheetError = try #require(readingError(sheetOnly, limits: limits))
        #expect(sheetError.kind == .partTooLarge(limit: 2 << 20))
        #expect(sheetError.location.sheet == "S")
    }

    @Test("More rows, columns or cells than the limits allow are refused with the sheet named")
    func sizeLimits() throws {
        let rows = (1...50).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c><c r="B\#($0)"><v>1</v></c></row>"# }
        let data = try Package.workbook(sheet: Package.sheetHead + rows.joined() + Package.sheetTail)
        #expect(readingError(data) == nil)
        #expect(readingError(data, limits: SpreadsheetLimits(maximumRows: 49))?.kind == .tooManyRows(limit: 49))
        #expect(readingError(data, limits: SpreadsheetLimits(maximumCells: 99))?.kind == .tooManyCells(limit: 99))
        #expect(readingError(data, limits: SpreadsheetLimits(maximumColumns: 1))?.kind == .tooManyColumns(limit: 1))
        let far = try Package.workbook(sheet: Package.sheetHead + #"<row r="900000"><c><v>1</v></c></row>"# + Package.sheetTail)
        let error = try #require(readingError(far, limits: SpreadsheetLimits(maximumRows: 100_000)))
        #expect(error.description == "hostile.xlsx:S: refused: the sheet has more than 100000 rows")
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\
        <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">\
        <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">\
        <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">\
        <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">\
        <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">\
        <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
        """

    @Test("XML that declares entities is refused, never expanded, in any part")
    func entities() throws {
        let sheet = Self.billionLaughs + #"<worksheet xmlns="x"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"#
        let inSheet = try #require(readingError(try Package.workbook(sheet: sheet)))
        #expect(inSheet.kind == .documentTypeDeclaration)
        #expect(inSheet.location.sheet == "S")
        let strings = Self.billionLaughs + "<sst><si><t>&lol9;</t></si></sst>"
        let inStrings = try #require(readingError(try Package.workbook(sheet: Package.sheetHead + Package.sheetTail,
                                                                        strings: strings)))
        #expect(inStrings.kind == .documentTypeDeclaration)
        #expect(inStrings.description.hasPrefix("hostile.xlsx (xl/sharedStrings.xml): refused: the XML declares a document type"))
        // After a comment and a processing instruction, and an external entity.
        let external = #"<?xml version="1.0"?><!-- c --><?pi x?><!DOCTYPE x SYSTEM "file:///etc/passwd"><worksheet/>"#
        #expect(readingError(try Package.workbook(sheet: external))?.kind == .documentTypeDeclaration)
        // An undeclared entity is malformed XML, not an expansion.
        let undeclared = Package.sheetHead + #"<row r="1"><c t="inlineStr"><is><t>&lol;</t></is></c></row>"# + Package.sheetTail
        guard case .malformedXML = try #require(readingError(try Package.workbook(sheet: undeclared))).kind else {
            Issue.record("an undeclared entity should be malformed XML")
            return
        }
    }

    @Test("Malformed XML and bad cells are refused with the cell named")
    func malformed() throws {
        func error(_ body: String, strings: String? = nil) throws -> SpreadsheetError {
            try #require(readingError(try Package.workbook(sheet: Package.sheetHead + body + Package.sheetTail, strings: strings)))
        }
        #expect(try error(#"<row r="1"><c r="C1" t="s"><v>7</v></c></row>"#).description
            == "hostile.xlsx:S!C1: shared string '7' does not exist")
        #expect(try error(#"<row r="2"><c r="B2"><v>abc</v></c></row>"#).description
            == "hostile.xlsx:S!B2: 'abc' is not a number")
        #expect(try error(#"<row r="2"><c r="B2" t="b"><v>2</v></c></row>"#).description
            == "hostile.xlsx:S!B2: '2' is not a boolean")
        #expect(try error(#"<row r="2"><c r="B3"><v>1</v></c></row>"#).description
            == "hostile.xlsx:S!B3: cell B3 is inside row 2")
        #expect(try error(#"<row r="2"><c r="C2"><v>1</v></c><c r="B2"><v>1</v></c></row>"#).description
            == "hostile.xlsx:S!B2: cell B2 is out of order or repeated")
        #expect(try error(#"<row r="3"></row><row r="2"></row>"#).description
            == "hostile.xlsx:S: row 2 comes after row 3; rows must be in order")
        #expect(try error(#"<row r="1"><c r="1A"><v>1</v></c></row>"#).description
            == "hostile.xlsx:S: '1A' is not a cell reference")
        guard case .malformedXML = try error(#"<row r="1"><c><v>1</v></row>"#).kind else {
            Issue.record("mismatched tags should be malformed XML")
            return
        }
    }

    @Test("An error thrown by the caller stops the reading and comes back as it is")
    func callerError() throws {
        struct Stop: Error {}
        let rows = (1...5).map { #"<row r="\#($0)"><c><v>\#($0)</v></c></row>"# }
        let reader = try WorkbookReader(data: try Package.workbook(sheet: Package.sheetHead + rows.joined() + Package.sheetTail),
                                        fileName: "x.xlsx")
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            try reader.forEachRow { row in
                seen.append(row.number)
                if row.number == 2 { throw Stop() }
            }
        }
        #expect(seen == [1, 2])
    }

    @Test("Files that are not workbooks are named by what they are")
    func notWorkbooks() throws {
        let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        let cases: [(Data, String)] = [
            (xls, "x.xlsx: an old Excel 97-2003 workbook (.xls) or a password-protected workbook; "
                + "save it as Excel Workbook (.xlsx) without a password, or as CSV UTF-8"),
            (Data("%PDF-1.7\n".utf8), "x.xlsx: a PDF document, not a table; export the table from its source as .xlsx or CSV UTF-8"),
            (Data("kode,nama\n1,a\n".utf8), "x.xlsx: a UTF-8 text file"),
            (Data(), "x.xlsx: the file is empty"),
        ]
        for (data, message) in cases {
            let error = try #require(throws: SpreadsheetError.self) { try WorkbookReader(data: data, fileName: "x.xlsx") }
            #expect(error.description == message)
        }
        // The same through a file on disk.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("old-\(UUID().uuidString).xls")
        defer { try? FileManager.default.removeItem(at: url) }
        try xls.write(to: url)
        let error = try #require(throws: SpreadsheetError.self) { try WorkbookReader(contentsOf: url) }
        #expect(error.kind == .notAWorkbook(.oleCompound))
    }

    @Test("A deflate stream that runs past the end of the file is refused, not inflated for ever")
    func unterminatedStream() throws {
        // A stored deflate block (not the last) announcing 65,535 bytes of which 4 are
        // there: an inflater that reads on past the entry reaches the end of the file
        // with the stream unfinished.
        let unfinished: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("<wor".utf8)
        let data = RawZip.archive([
            RawZip.stored("_rels/.rels", Package.rels), RawZip.stored("xl/workbook.xml", Package.workbook),
            RawZip.stored("xl/_rels/workbook.xml.rels", Package.workbookRels),
            RawZip.Entry(name: "xl/worksheets/sheet1.xml", method: 8, data: unfinished, uncompressedSize: 100, crc: 0),
        ])
        let error = try #require(readingError(data))
        #expect(error.description == "hostile.xlsx:S: not a readable .xlsx workbook (the zip archive is damaged: "
            + "xl/worksheets/sheet1.xml: the compressed data ends before its stream does)")
        // The same parts stored whole are a valid workbook.
        let valid = RawZip.archive([
            RawZip.stored("_rels/.rels", Package.rels), RawZip.stored("xl/workbook.xml", Package.workbook),
            RawZip.stored("xl/_rels/workbook.xml.rels", Package.workbookRels),
            RawZip.stored("xl/worksheets/sheet1.xml", Package.sheetHead + #"<row r="1"><c><v>7</v></c></row>"# + Package.sheetTail),
        ])
        #expect(try WorkbookReader(data: valid, fileName: "v.xlsx").rows() == [
            SheetRow(sheet: "S", number: 1, cells: [Cell(column: 1, value: .number(7))]),
        ])
    }

    @Test("A truncated or damaged archive is refused, never crashes")
    func truncated() throws {
        let whole = try Data(contentsOf: Fixtures.url("xlsxwriter.xlsx"))
        for length in [4, 30, 100, whole.count / 2, whole.count - 10, whole.count - 1] {
            let error = try #require(readingError(whole.prefix(length)), "length \(length)")
            guard case .unreadableArchive = error.kind else {
                Issue.record("length \(length): \(error)")
                continue
            }
        }
    }

    @Test("Seeded random damage to real workbooks: every outcome is a value or a typed error")
    func mutations() throws {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var refused = 0
        for name in ["openpyxl.xlsx", "xlsxwriter.xlsx", "handmade-inline-1904.xlsx"] {
            let original = [UInt8](try Data(contentsOf: Fixtures.url(name)))
            for _ in 0..<60 {
                var bytes = original
                for _ in 0..<(1 + Int(next() % 4)) {
                    bytes[Int(next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: next())
                }
                if readingError(Data(bytes)) != nil { refused += 1 }
            }
        }
        #expect(refused > 0)
    }
}
