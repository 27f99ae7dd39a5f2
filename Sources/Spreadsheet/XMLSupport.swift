import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The XML layer of the small parts (relationships, workbook, styles): Foundation's
/// event-driven `XMLParser` behind a check of the document's prolog, so that no document
/// type declaration (and so no entity declaration) ever reaches the parser. The large
/// parts, worksheets and shared strings, are read by ``XMLTokenizer``, which refuses a
/// document type itself.
enum XMLSupport {
    /// How many bytes of a part's start are kept for ``checkProlog(_:isWholePart:part:fileName:)``.
    static let prologWindow = 64 * 1024

    /// Refuses a part whose prolog declares a document type, is not UTF-8, or does not
    /// reach its root element within ``prologWindow`` bytes.
    ///
    /// XML 1.0 (Fifth Edition) §2.8 allows a document type declaration only in the prolog,
    /// before the root element, and entities are declared only there (§4.2); so a prolog
    /// of XML declaration, comments, processing instructions and white space, then the
    /// root element's `<`, proves that the document declares no entity. Office Open XML
    /// parts never carry one (ECMA-376 Part 2, §8.1.4 forbids DTDs in package parts).
    static func checkProlog(_ head: Data, isWholePart: Bool, part: String, fileName: String) throws {
        let location = SpreadsheetLocation(file: fileName, part: part)
        func malformed(_ why: String) -> SpreadsheetError { SpreadsheetError(.malformedXML(why), at: location) }
        let bytes = [UInt8](head.prefix(prologWindow))
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (bytes.count > 1 && (bytes[0] == 0 || bytes[1] == 0)) {
            throw malformed("\(part) is not UTF-8")
        }
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var at = start
            while at + needle.count <= bytes.count {
                if bytes[at] == needle[0], Array(bytes[at..<(at + needle.count)]) == needle { return at }
                at += 1
            }
            return nil
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<"), index + 1 < bytes.count else { break }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                guard let end = find(Array("?>".utf8), from: index + 2) else { break }
                index = end + 2
            } else if next == UInt8(ascii: "!") {
                if bytes[index...].starts(with: Array("<!--".utf8)) {
                    guard let end = find(Array("-->".utf8), from: index + 4) else { break }
                    index = end + 3
                } else {
                    throw SpreadsheetError(.documentTypeDeclaration, at: location)
                }
            } else {
                return
            }
        }
        if index < bytes.count, bytes[index] != UInt8(ascii: "<") {
            throw malformed("\(part) does not start with an XML element")
        }
        throw malformed(isWholePart || bytes.count < prologWindow
            ? "\(part) holds no XML element" : "\(part) has no root element in its first \(prologWindow) bytes")
    }

    /// The local part of a qualified XML name: `x:row` → `row`.
    @inline(__always)
    static func localName(_ name: String) -> Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }

    /// The value of the attribute with local name `name`, whatever its prefix.
    static func attribute(_ name: String, in attributes: [String: String]) -> String? {
        if let value = attributes[name] { return value }
        for (key, value) in attributes where localName(key) == name { return value }
        return nil
    }

    /// Decodes the `_xHHHH_` escapes of `ST_Xstring` (ECMA-376 Part 1, §22.9.2.19), by
    /// which a workbook stores characters XML cannot hold; `_x005F_` is a literal `_`.
    static func decodeEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var scalars = String.UnicodeScalarView()
        let source = Array(text.unicodeScalars)
        var index = 0
        while index < source.count {
            if source[index] == "_", index + 6 < source.count, source[index + 1] == "x", source[index + 6] == "_" {
                let hex = String(String.UnicodeScalarView(source[(index + 2)..<(index + 6)]))
                if let code = UInt32(hex, radix: 16), hex.allSatisfy(\.isHexDigit), let scalar = Unicode.Scalar(code) {
                    scalars.append(scalar)
                    index += 7
                    continue
                }
            }
            scalars.append(source[index])
            index += 1
        }
        return String(scalars)
    }

    /// Runs `parser` with `delegate`, and turns its failure into a typed error: the
    /// delegate's own error first (a limit, a bad cell, or the caller's error), else the
    /// parser's.
    static func run(_ parser: XMLParser, _ delegate: EventDelegate, part: String, fileName: String) throws {
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let succeeded = parser.parse()
        if let error = delegate.failure { throw error }
        if let error = delegate.parseError ?? (succeeded ? nil : parser.parserError) {
            let line = parser.lineNumber
            throw SpreadsheetError(.malformedXML("\(part), line \(line): \(describe(error))"),
                                   at: SpreadsheetLocation(file: fileName, part: part))
        }
        guard succeeded else {
            throw SpreadsheetError(.malformedXML("\(part) could not be parsed"),
                                   at: SpreadsheetLocation(file: fileName, part: part))
        }
    }

    private static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let code = XMLParser.ErrorCode(rawValue: nsError.code) { return "XML error \(code.rawValue)" }
        return nsError.localizedDescription
    }
}

/// A parser delegate that remembers the first error, whether its own or the parser's, and
/// stops the parse at once; the part-specific delegates derive from it.
class EventDelegate: NSObject, XMLParserDelegate {
    /// An error the delegate raised (a limit, a bad cell, the caller's own error).
    var failure: Error?
    /// The first error the parser reported.
    var parseError: Error?

    /// Records `error` and stops `parser`.
    func fail(_ error: Error, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if self.parseError == nil { self.parseError = parseError }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        fail(SpreadsheetError(.documentTypeDeclaration, at: SpreadsheetLocation(file: "")), parser)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?,
                systemID: String?) {
        fail(SpreadsheetError(.documentTypeDeclaration, at: SpreadsheetLocation(file: "")), parser)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? { nil }

    // The element and text events, implemented here (empty) so that a subclass's
    // overrides are what the protocol dispatches to.

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {}

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }
}
