import Foundation
@testable import Spreadsheet
import Testing

/// The byte-level tokenizer on its own: what it refuses, and that it stays within its
/// bounds; and seeded damage to worksheet parts, read both ways.
@Suite("XML tokenizer: faults, bounds and damage")
struct TokenizerTests {
    static let head = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    static let tail = "</sheetData></worksheet>"

    static func sheet(_ body: String) -> [UInt8] { Array((head + body + tail).utf8) }

    @Test("Malformed documents are refused by both readers", arguments: [
        "<row r=\"1\"><c><v>1</v></row>",                          // mismatched end tag
        "<row r=\"1\"><c r=\"A1\" r=\"A1\"><v>1</v></c></row>",    // attribute given twice
        "<row r=1><c><v>1</v></c></row>",                           // value without quotes
        "<row r=\"1\"><c r=\"A<1\"><v>1</v></c></row>",            // '<' in an attribute value
        "<row r=\"1\"r=\"2\"></row>",                               // attributes not separated
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>",   // undeclared entity
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>&#0;</t></is></c></row>",     // not a character
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>&#xD800;</t></is></c></row>", // a surrogate
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>&amp</t></is></c></row>",     // no ';'
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>a\u{1}b</t></is></c></row>",  // a control character
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>\u{FFFE}</t></is></c></row>",  // a non-character
        "<row r=\"1\"><c t=\"inlineStr\"><is><t>a]]>b</t></is></c></row>",    // ']]>' in text
        "<row r=\"1\"><!-- a -- b --></row>",                      // '--' in a comment
        "<row r=\"1\"><?xml version=\"1.0\"?></row>",              // a late XML declaration
        "<row r=\"1\"></row><",                                     // a lone '<'
        "<row r=\"1\"><1c/></row>",                                 // a name starting with a digit
        "<row r=\"1\"></row></sheetData></worksheet><worksheet>",  // a second root
        "<row r=\"1\"></row></sheetData></worksheet>text",         // text after the root
        "<row r=\"1\"></row></sheetData>",                          // the root never closed
        "<row r=\"1\"><![CDATA[never closed</row>",                 // an unclosed CDATA section
    ])
    func malformed(body: String) {
        var xml = Array((Self.head + body).utf8)
        if !body.contains("</sheetData>") { xml += Array(Self.tail.utf8) }
        let readers = SheetReaders()
        let oracle = readers.oracle(xml)
        #expect(oracle.isXMLFault, "the oracle reads \(body): \(oracle)")
        for size in [1, 4, 1 << 16] {
            let scanned = readers.scanner(xml, nextChunk: { size })
            guard case .malformedXML(let why)? = scanned.error?.kind else {
                Issue.record("\(body), chunks of \(size): \(scanned)")
                continue
            }
            #expect(why.hasPrefix("xl/worksheets/sheet1.xml, byte "), "\(why)")
        }
    }

    @Test("Bytes that are not UTF-8, and a declared encoding other than UTF-8, are refused")
    func encodings() {
        let readers = SheetReaders()
        let latin1 = Array((Self.head + #"<row r="1"><c t="inlineStr"><is><t>"#).utf8) + [0xE9]
            + Array(("</t></is></c></row>" + Self.tail).utf8)
        #expect(readers.oracle(latin1).isXMLFault)
        #expect(readers.scanner(latin1).isXMLFault)
        for cut in [[0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98]] as [[UInt8]] {
            let truncated = Array((Self.head + #"<row r="1"><c t="inlineStr"><is><t>"#).utf8) + cut + Array("<".utf8)
            #expect(readers.scanner(truncated, nextChunk: { 1 }).isXMLFault)
        }
        let declared = Array(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8) + Self.sheet("")
        guard case .malformedXML(let why)? = readers.scanner(declared).error?.kind else {
            Issue.record("a Latin-1 declaration is read")
            return
        }
        #expect(why.hasSuffix("the part declares encoding 'iso-8859-1'; only UTF-8 is read"))
        let utf16 = [UInt8]([0xFF, 0xFE]) + Array("<".utf8)
        #expect(readers.scanner(utf16).error?.kind == .malformedXML("xl/worksheets/sheet1.xml is not UTF-8"))
    }

    @Test("A document type is refused wherever it stands, and nothing before the root but markup")
    func prolog() {
        let readers = SheetReaders()
        let inside = Self.sheet(#"<!DOCTYPE x [<!ENTITY a "b">]><row r="1"></row>"#)
        #expect(readers.scanner(inside).error?.kind == .documentTypeDeclaration)
        let before = Array(("<?xml version=\"1.0\"?>\n<!-- c --><?pi x?><!DOCTYPE worksheet>" + Self.head + Self.tail).utf8)
        #expect(readers.scanner(before, nextChunk: { 3 }).error?.kind == .documentTypeDeclaration)
        let text = Array(("junk" + Self.head + Self.tail).utf8)
        #expect(readers.scanner(text).error?.kind
            == .malformedXML("xl/worksheets/sheet1.xml does not start with an XML element"))
        #expect(readers.scanner([]).error?.kind == .malformedXML("xl/worksheets/sheet1.xml holds no XML element"))
        #expect(readers.scanner(Array("  \n<!-- only -->".utf8)).error?.kind
            == .malformedXML("xl/worksheets/sheet1.xml holds no XML element"))
        // A byte-order mark, the declaration and a self-closing root are a valid, empty sheet.
        let empty = [0xEF, 0xBB, 0xBF] + Array(#"<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="u"/>"#.utf8)
        #expect(readers.scanner(empty, nextChunk: { 1 }) == SheetOutcome(rows: [], error: nil))
    }

    @Test("Nesting and single markup constructs are bounded; long text is not held")
    func bounds() throws {
        let readers = SheetReaders()
        let deep = Self.sheet(String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300))
        guard case .malformedXML(let why)? = readers.scanner(deep).error?.kind else {
            Issue.record("300 nested elements are read")
            return
        }
        #expect(why.hasSuffix("elements nested deeper than 256"))
        let longTag = Self.sheet(#"<row r="1" x=""# + String(repeating: "y", count: 5 << 20) + #""/>"#)
        guard case .malformedXML(let tagWhy)? = readers.scanner(longTag).error?.kind else {
            Issue.record("a 5 MiB tag is read")
            return
        }
        #expect(tagWhy.hasSuffix("markup longer than \(XMLTokenizer.maximumMarkupBytes) bytes"))
        // 16 MiB of white space inside the root, in 64 KiB chunks: the tokenizer keeps no
        // more than a chunk or two.
        var tokenizer = XMLTokenizer(part: "p", fileName: "f")
        let spaces = [UInt8](repeating: 0x20, count: 1 << 16)
        Array(Self.head.utf8).withUnsafeBytes { tokenizer.append($0) }
        var tokens = 0
        for _ in 0..<256 {
            spaces.withUnsafeBytes { tokenizer.append($0) }
            while try tokenizer.next() != nil { tokens += 1 }
        }
        #expect(tokens >= 256)
        #expect(tokenizer.heldCapacity <= 512 << 10)
    }

    @Test("References, CDATA and line ends decode alike at every chunk boundary")
    func decoding() throws {
        let body = #"<row r="1"><c r="A&#49;" t="inlineStr"><is><t>a&amp;b&lt;&#x41;&#66;&quot;&apos;&gt;"#
            + "\r\n\r\u{E9}\u{4E2D}\u{1F600}<![CDATA[<&>\n]]>"
            + #"</t></is></c><c r='B1' t='str'><v>x&#13;y</v></c><c r="C1" x:t="s"><v>1</v></c></row>"#
        let xml = Array((Self.head.replacingOccurrences(of: "<worksheet ", with: "<worksheet xmlns:x=\"u\" ") + body
            + Self.tail).utf8)
        let expected = SheetRow(sheet: "S", number: 1, cells: [
            Cell(column: 1, value: .string("a&b<AB\"'>\n\n\u{E9}\u{4E2D}\u{1F600}<&>\n")),
            Cell(column: 2, value: .string("x\ry")),
            Cell(column: 3, value: .number(1)),
        ])
        let readers = SheetReaders()
        #expect(readers.oracle(xml) == SheetOutcome(rows: [expected], error: nil))
        for size in 1...9 {
            #expect(readers.scanner(xml, nextChunk: { size }) == SheetOutcome(rows: [expected], error: nil), "chunks of \(size)")
        }
        // Line ends inside a CDATA section are normalised too (XML 1.0 §2.11), where
        // libxml2's push parser, under XMLParser, keeps a CR LF as it is.
        let section = Self.sheet(#"<row r="1"><c t="str"><v><![CDATA[a\#r\#nb\#rc]]></v></c></row>"#)
        for size in [1, 2, 1000] {
            #expect(readers.scanner(section, nextChunk: { size }).rows.first?.cells
                == [Cell(column: 1, value: .string("a\nb\nc"))], "chunks of \(size)")
        }
        // Attribute values: white space becomes a space, references are kept as characters.
        var tokenizer = XMLTokenizer(part: "p", fileName: "f")
        Array("<a b=\"1\r\n2\t3&#9;4\" c='&lt;'/>".utf8).withUnsafeBytes { tokenizer.append($0) }
        tokenizer.finish()
        guard case .start? = try tokenizer.next() else {
            Issue.record("no start tag")
            return
        }
        let b = tokenizer.attribute("b").map { Array($0) }
        let c = tokenizer.attribute("c").map { Array($0) }
        let d = tokenizer.attribute("d").map { Array($0) }
        #expect(b == Array("1 2 3\t4".utf8))
        #expect(c == Array("<".utf8))
        #expect(d == nil)
        #expect(tokenizer.attributeCount == 2)
    }

    // MARK: - Damage

    /// `xml` with one to three seeded faults: bytes overwritten, removed, repeated, cut,
    /// or markup inserted.
    static func damaged(_ xml: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = xml
        let insertions = ["<!DOCTYPE x>", "<![CDATA[", "]]>", "&#0;", "&#xD800;", "&foo;", "<?xml version='1.0'?>",
                          "<c>", "</row>", "<row r=\"1\">", "\"", "'", "<", ">", "&", "\u{FFFF}", "<!--", "-->"]
        let specials: [UInt8] = Array("<>&\"'/=;#x]: ".utf8) + [0, 0x0D, 0x80, 0xC3, 0xE2, 0xF0, 0xFF, 0xEF]
        for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: bytes[at] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes[at] = random.pick(specials)
            case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &random)))
            case 3:
                let from = Int.random(in: 0..<bytes.count, using: &random)
                bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + Int.random(in: 1...40, using: &random))], at: at)
            case 4: bytes.removeSubrange(at...)
            default: bytes.insert(contentsOf: Array(random.pick(insertions).utf8), at: at)
            }
        }
        return bytes
    }

    /// The damaged bytes of `xml` in their context, for a message.
    static func damage(_ original: [UInt8], _ xml: [UInt8]) -> String {
        let first = (0..<min(original.count, xml.count)).first { original[$0] != xml[$0] } ?? min(original.count, xml.count)
        let from = max(0, first - 60)
        return "at byte \(first): …" + String(decoding: xml[from..<min(xml.count, first + 60)], as: UTF8.self) + "…"
    }

    @Test("Seeded damage to worksheet parts: a value or a typed error, and the oracle's rows whenever both read it")
    func damage() throws {
        var sources: [(SheetReaders, [UInt8])] = []
        for name in ScannerEquivalenceTests.fixtureNames {
            let parts = try WorkbookParts(Fixtures.url(name))
            for sheet in parts.reader.sheets {
                sources.append((try parts.readers(sheet.name), try parts.sheetXML(sheet.name)))
            }
        }
        for seed in UInt64(1)...20 {
            var generator = SheetGenerator(seed: seed)
            sources.append((SheetReaders(sharedStrings: (0..<20).map { "s\($0)" }, formatKinds: SheetGenerator.formatKinds),
                            generator.worksheet(maximumRows: 12)))
        }
        var random = SeededGenerator(seed: 0xDA4A6E)
        var tally: [String: Int] = [:]
        var onlyOneRefused: [String] = []
        for round in 0..<1500 {
            let (readers, original) = sources[round % sources.count]
            let xml = Self.damaged(original, &random)
            let scanned = readers.scanner(xml, nextChunk: { Int.random(in: 1...97, using: &random) })
            if case .io(let why)? = scanned.error?.kind { Issue.record("round \(round): \(why)") }
            let oracle = readers.oracle(xml)
            switch (oracle.error, scanned.error) {
            case (nil, nil):
                tally["both read", default: 0] += 1
                #expect(scanned.rows == oracle.rows, "round \(round)\n\(String(decoding: xml, as: UTF8.self))")
            case (_?, _?):
                tally["both refused", default: 0] += 1
            case (nil, let error?):
                tally["only the scanner refused", default: 0] += 1
                onlyOneRefused.append("scanner refused: \(error)\n" + Self.damage(original, xml))
            case (let error?, nil):
                tally["only the oracle refused", default: 0] += 1
                onlyOneRefused.append("oracle refused: \(error)\n" + Self.damage(original, xml))
            }
        }
        print("damage: \(tally.sorted { $0.key < $1.key })")
        for line in onlyOneRefused { print("damage: \(line)") }
        #expect(tally["both refused", default: 0] > 300)
    }

    @Test("Every cut of a worksheet part is refused as malformed, never read as a shorter sheet")
    func truncations() throws {
        var generator = SheetGenerator(seed: 99)
        let xml = generator.worksheet(maximumRows: 8)
        let readers = SheetReaders(sharedStrings: (0..<20).map { "s\($0)" }, formatKinds: SheetGenerator.formatKinds)
        let whole = readers.scanner(xml)
        #expect(whole.error == nil)
        let rootEnd = try #require(String(decoding: xml, as: UTF8.self).range(of: "</worksheet>")).upperBound
        let complete = String(decoding: xml, as: UTF8.self)[..<rootEnd].utf8.count
        var random = SeededGenerator(seed: 5)
        for length in 0..<complete {
            let cut = readers.scanner(Array(xml[..<length]), nextChunk: { Int.random(in: 1...64, using: &random) })
            #expect(cut.isXMLFault, "cut at \(length): \(cut)")
            #expect(whole.rows.starts(with: cut.rows))
        }
    }
}
