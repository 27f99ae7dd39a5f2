import Foundation
@testable import Spreadsheet

/// SplitMix64 (Steele, Lea & Flood, *Fast splittable pseudorandom number generators*,
/// OOPSLA 2014): seeded, so every generated sheet can be made again from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// One of `items`.
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// Random worksheet and shared-string parts written the many ways XML and SpreadsheetML
/// allow: namespace prefixes, attributes in any order and either quote, references and
/// CDATA, comments and processing instructions, CRLF, self-closing cells, rows and cells
/// without references, rich and phonetic runs, formulas, every cell type. The number
/// formats are ``formatKinds``: style 1 is a date, 2 text, 3 a date and time.
struct SheetGenerator {
    var random: SeededGenerator
    let sharedStringCount: Int
    /// Whether an invalid cell (a bad number, boolean, reference) may be written now and then.
    var allowsInvalidCells = false

    static let formatKinds: [NumberFormatKind] = [.number, .date, .text, .date]

    init(seed: UInt64, sharedStringCount: Int = 20) {
        random = SeededGenerator(seed: seed)
        self.sharedStringCount = sharedStringCount
    }

    // MARK: - Text

    private static let alphabet: [String] = [
        "a", "b", "Z", "0", "9", " ", " ", "-", ".", "_", "x", "&", "<", ">", "\"", "'", "é", "ü", "ñ", "中", "文",
        "😀", "\t", "\n", "]", "]]", "_x000D_", "_x005F_", "_x0041_", "Koperasi", "Desa", "\u{A0}", "\u{2028}",
    ]

    /// A random string of what cells hold.
    mutating func plainText() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &random) { text += random.pick(Self.alphabet) }
        return text
    }

    /// `text` written as XML character data, each character raw, as an entity or as a
    /// character reference; now and then in a CDATA section or with a raw CR LF.
    mutating func characterData(_ text: String) -> String {
        if !text.contains("]]>"), !text.contains("\r"), random.chance(0.1) { return "<![CDATA[" + text + "]]>" }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += random.pick(["&amp;", "&#38;", "&#x26;"])
            case "<": out += random.pick(["&lt;", "&#60;", "&#x3C;"])
            case ">": out += random.pick(["&gt;", out.hasSuffix("]]") ? "&gt;" : ">"])
            case "\n": out += random.pick(["\n", "&#10;", "\r\n", "&#xA;"])
            case "\r": out += "&#13;"
            default:
                switch Int.random(in: 0..<20, using: &random) {
                case 0: out += "&#\(scalar.value);"
                case 1: out += "&#x\(String(scalar.value, radix: 16));"
                case 2 where scalar == "\"": out += "&quot;"
                case 3 where scalar == "'": out += "&apos;"
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// `value` as an attribute value with its quotes.
    mutating func attributeValue(_ value: String) -> String {
        let quote = random.chance(0.5) ? "\"" : "'"
        var out = ""
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += quote == "\"" ? "&quot;" : "\""
            case "'": out += quote == "'" ? "&apos;" : "'"
            default:
                if random.chance(0.05), let scalar = character.unicodeScalars.first {
                    out += "&#\(scalar.value);"
                } else {
                    out.append(character)
                }
            }
        }
        return quote + out + quote
    }

    /// A start tag's attributes in random order, with random spacing around `=`.
    mutating func attributes(_ pairs: [(String, String)]) -> String {
        var out = ""
        for (name, value) in pairs.shuffled(using: &random) {
            out += random.pick([" ", " ", "  ", "\n", "\r\n\t"]) + name
                + random.pick(["=", "=", " = ", "\t="]) + attributeValue(value)
        }
        return out + (random.chance(0.1) ? " " : "")
    }

    /// White space, a comment or a processing instruction between elements, or nothing.
    mutating func filler() -> String {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return "\n"
        case 1: return "\r\n  "
        case 2: return "<!-- a comment with <tags> & - dashes -->"
        case 3: return "<?kendali note=\"x\"?>"
        default: return ""
        }
    }

    // MARK: - Cells

    /// A number as a worksheet's `v` may hold it.
    mutating func numberText() -> String {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return String(Int.random(in: -1_000_000...1_000_000, using: &random))
        case 1: return String(Double.random(in: -1e6...1e6, using: &random))
        case 2: return String(format: "%.2f", Double.random(in: 0...1e8, using: &random))
        case 3: return random.pick(["1E-3", "1.5e10", "-2.25E+2", "0.1", "-0", "007", "5201012001", "3551000"])
        case 4: return random.pick([" 12 ", "\n42", "+3", ".5", "1.", "12345678901234567890", "0.30000000000000004"])
        case 5: return String(Double.random(in: 1...80_000, using: &random))
        default: return String(Int.random(in: 0...100_000_000, using: &random))
        }
    }

    /// One cell at `column` of `row` (`nil` column: without a reference).
    mutating func cell(column: Int?, row: Int, prefix: String) -> String {
        var attributes: [(String, String)] = []
        if let column { attributes.append(("r", CellReference.columnName(column) + String(row))) }
        let style = Int.random(in: 0..<6, using: &random)
        if style < 4, random.chance(0.6) { attributes.append(("s", String(style))) }
        let tag = prefix + "c"
        let v = prefix + "v"
        var content = ""
        switch Int.random(in: 0..<13, using: &random) {
        case 0, 1, 2:
            if random.chance(0.3) { attributes.append(("t", "n")) }
            content = "<\(v)>\(characterData(numberText()))</\(v)>"
        case 3, 4:
            attributes.append(("t", "s"))
            content = "<\(v)>\(Int.random(in: 0..<max(sharedStringCount, 1), using: &random))</\(v)>"
        case 5, 6:
            attributes.append(("t", "inlineStr"))
            content = "<\(prefix)is>" + inlineString(prefix: prefix) + "</\(prefix)is>"
        case 7:
            attributes.append(("t", "str"))
            content = "<\(prefix)f>CONCAT(A1,&quot;x&quot;)</\(prefix)f><\(v)>\(characterData(plainText()))</\(v)>"
        case 8:
            attributes.append(("t", "b"))
            content = "<\(v)>\(random.pick(["0", "1", "true", "false", " 1 "]))</\(v)>"
        case 9:
            attributes.append(("t", "e"))
            content = "<\(prefix)f>1/0</\(prefix)f><\(v)>\(random.pick(["#DIV/0!", "#N/A", "#VALUE!"]))</\(v)>"
        case 10:
            attributes.append(("t", "d"))
            content = "<\(v)>\(random.pick(["2026-11-27", "2026-11-27T08:30:00", "2024-02-29T23:59:59.5Z", "not a date"]))</\(v)>"
        case 11:
            content = "<\(prefix)f t=\"shared\" si=\"0\"/><\(v)>\(numberText())</\(v)>"
        default:
            content = random.pick(["", "<\(v)/>", "<\(v)></\(v)>", "<\(prefix)extLst><\(prefix)ext uri=\"u\"/></\(prefix)extLst>"])
        }
        if allowsInvalidCells, random.chance(0.02) {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: content = "<\(v)>abc</\(v)>"
            case 1: attributes = attributes.filter { $0.0 != "t" } + [("t", "s")]; content = "<\(v)>99999</\(v)>"
            case 2: attributes = attributes.filter { $0.0 != "t" } + [("t", "b")]; content = "<\(v)>2</\(v)>"
            default: attributes = attributes.filter { $0.0 != "t" } + [("t", "q")]
            }
        }
        let attributeText = self.attributes(attributes)
        if content.isEmpty, random.chance(0.5) { return "<\(tag)\(attributeText)/>" }
        return "<\(tag)\(attributeText)>" + content + "</\(tag)>"
    }

    /// An inline string's content: one `t`, or rich runs with a phonetic run.
    mutating func inlineString(prefix: String) -> String {
        let t = prefix + "t"
        func run(_ text: String, _ generator: inout SheetGenerator) -> String {
            let space = text.first == " " || text.last == " " ? " xml:space=\"preserve\"" : ""
            return "<\(t)\(space)>" + generator.characterData(text) + "</\(t)>"
        }
        if random.chance(0.6) { return run(plainText(), &self) }
        var out = ""
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            out += "<\(prefix)r>" + (random.chance(0.5) ? "<\(prefix)rPr><\(prefix)b/><\(prefix)sz val=\"11\"/></\(prefix)rPr>" : "")
                + run(plainText(), &self) + "</\(prefix)r>"
        }
        if random.chance(0.4) {
            out += "<\(prefix)rPh sb=\"0\" eb=\"1\">" + run("phonetic", &self) + "</\(prefix)rPh>"
        }
        return out
    }

    // MARK: - Parts

    /// A whole worksheet part of up to `maximumRows` rows.
    mutating func worksheet(maximumRows: Int = 40) -> [UInt8] {
        let prefix = random.chance(0.25) ? "x:" : ""
        let namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        var xml = random.chance(0.1) ? "\u{FEFF}" : ""
        if random.chance(0.8) {
            xml += random.pick([#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#, "<?xml version='1.0'?>"])
            xml += random.pick(["\n", "\r\n", ""])
        }
        if random.chance(0.1) { xml += "<!-- before the root -->\n" }
        let declaration = prefix.isEmpty ? "xmlns=\"\(namespace)\"" : "xmlns:x=\"\(namespace)\""
        xml += "<\(prefix)worksheet \(declaration) xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
            + " xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">"
        if random.chance(0.5) { xml += "<\(prefix)dimension ref=\"A1:Z99\"/>" }
        if random.chance(0.3) {
            xml += "<\(prefix)sheetViews><\(prefix)sheetView workbookViewId=\"0\"><\(prefix)selection activeCell=\"B2\"/>"
                + "</\(prefix)sheetView></\(prefix)sheetViews>"
        }
        if random.chance(0.3) { xml += "<\(prefix)cols><\(prefix)col min=\"1\" max=\"3\" width=\"12.5\" customWidth=\"1\"/></\(prefix)cols>" }
        xml += filler()
        let rowCount = Int.random(in: 0...maximumRows, using: &random)
        if rowCount == 0 && random.chance(0.5) {
            xml += "<\(prefix)sheetData/>"
        } else {
            xml += "<\(prefix)sheetData>"
            var row = 0
            for _ in 0..<rowCount {
                var attributes: [(String, String)] = []
                let withReference = random.chance(0.85)
                if withReference {
                    row += random.chance(0.8) ? 1 : Int.random(in: 2...50, using: &random)
                    attributes.append(("r", String(row)))
                } else {
                    row += 1
                }
                if random.chance(0.3) { attributes.append(("spans", "1:12")) }
                if random.chance(0.2) { attributes.append(("x14ac:dyDescent", "0.25")) }
                if random.chance(0.1) { attributes.append(("ht", "20")); attributes.append(("customHeight", "1")) }
                let rowTag = prefix + "row"
                var cells = ""
                var column = 0
                for _ in 0..<Int.random(in: 0...14, using: &random) {
                    let referenced = random.chance(0.85)
                    column += referenced && random.chance(0.25) ? Int.random(in: 2...30, using: &random) : 1
                    cells += cell(column: referenced ? column : nil, row: row, prefix: prefix) + filler()
                }
                if cells.isEmpty && random.chance(0.5) {
                    xml += "<\(rowTag)\(self.attributes(attributes))/>"
                } else {
                    xml += "<\(rowTag)\(self.attributes(attributes))>" + cells + "</\(rowTag)>"
                }
                xml += filler()
            }
            xml += "</\(prefix)sheetData>"
        }
        if random.chance(0.3) { xml += "<\(prefix)mergeCells count=\"1\"><\(prefix)mergeCell ref=\"A1:B1\"/></\(prefix)mergeCells>" }
        if random.chance(0.3) {
            xml += "<\(prefix)headerFooter><\(prefix)oddHeader>&amp;C&amp;\"Arial\"Week</\(prefix)oddHeader></\(prefix)headerFooter>"
        }
        xml += "</\(prefix)worksheet>" + random.pick(["", "\n", "\r\n", "<!-- after -->", "<?pi after?>\n"])
        return Array(xml.utf8)
    }

    /// A shared-string part of `sharedStringCount` items.
    mutating func sharedStrings() -> [UInt8] {
        let prefix = random.chance(0.25) ? "x:" : ""
        let declaration = prefix.isEmpty ? "xmlns" : "xmlns:x"
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml += "<\(prefix)sst \(declaration)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
            + " count=\"\(sharedStringCount)\" uniqueCount=\"\(sharedStringCount)\">"
        for _ in 0..<sharedStringCount {
            xml += "<\(prefix)si>" + (random.chance(0.05) ? "<\(prefix)t/>" : inlineString(prefix: prefix)) + "</\(prefix)si>" + filler()
        }
        xml += "</\(prefix)sst>"
        return Array(xml.utf8)
    }
}
