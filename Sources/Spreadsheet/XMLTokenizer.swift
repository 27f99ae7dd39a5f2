/// A streaming tokenizer of UTF-8 XML 1.0 that works on bytes: the worksheet and
/// shared-string parts, the large parts of a workbook, are read with it.
///
/// Bytes are appended in chunks as they are inflated, and ``next()`` yields the tokens
/// that are complete: start tags (their attributes through ``attribute(_:)``), end tags
/// (a self-closing tag gives both) and character data, with references decoded and line
/// ends normalised (XML 1.0 §2.11, §3.3.3, §4.1, §4.6). Comments, processing
/// instructions and the XML declaration are checked and skipped; CDATA sections are
/// character data. Element names are given without their namespace prefix (`x:row` →
/// `row`); prefixes are not resolved.
///
/// It checks what a conforming parser checks of a document without a DTD: UTF-8, the
/// characters XML allows (§2.2), names, attribute syntax and duplicates, matching tags,
/// one root element, and that a reference names one of the five predefined entities
/// (§4.6) or a character. A document type declaration is refused
/// (``SpreadsheetError/Kind/documentTypeDeclaration``), so no entity is ever declared,
/// let alone expanded; every other fault is ``SpreadsheetError/Kind/malformedXML(_:)``
/// with the byte offset. Memory is bounded by the longest single markup construct
/// (at most ``maximumMarkupBytes``) and the nesting depth (at most ``maximumDepth``),
/// never by the document's size.
struct XMLTokenizer {
    /// One token. Its bytes point into the tokenizer's memory and stay valid until the
    /// next call to ``next()`` or ``append(_:)``.
    enum Token {
        /// A start tag, by its local name.
        case start(UnsafeBufferPointer<UInt8>)
        /// An end tag (or the end of a self-closing tag), by its local name.
        case end(UnsafeBufferPointer<UInt8>)
        /// Character data: text with references decoded, or a CDATA section.
        case text(UnsafeBufferPointer<UInt8>)
    }

    /// The longest tag, comment, processing instruction or CDATA section read, in bytes.
    static let maximumMarkupBytes = 4 << 20
    /// The deepest nesting of elements read (libxml2's default bound).
    static let maximumDepth = 256

    /// An attribute of the last start tag: where its name and value lie.
    struct Attribute {
        var nameStart: Int
        var nameCount: Int
        /// In the input when `inScratch` is false, else in the decoding buffer.
        var valueStart: Int
        var valueCount: Int
        var inScratch: Bool
    }

    enum Phase { case start, prolog, root, epilog, done }
    enum Step { case token(Token), skip, needMore }

    let part: String
    let location: SpreadsheetLocation

    // The state below is shared with the extensions in XMLTokenizer+Markup.swift and
    // XMLTokenizer+Bytes.swift; nothing outside the tokenizer touches it.

    /// The bytes appended and not yet dropped.
    var input: ByteStore

    /// Index of the first byte not yet tokenized.
    var position = 0
    /// Offset in the document of the input's first byte.
    var offsetOfInput = 0
    var isFinal = false
    var phase = Phase.start
    /// Decoded text and attribute values.
    var scratch: ByteStore
    /// The attributes of the last start tag.
    var attributes: PlainStore<Attribute>
    /// The names of the open elements, one after another, and where each ends.
    var openNames: ByteStore
    var openEnds: PlainStore<Int>
    /// What each byte may be (``ByteClass``), by byte.
    let classes: UnsafePointer<UInt8> = ByteClass.table
    /// The self-closing tag whose end is yielded next: start and length of its name.
    var pendingEnd: (start: Int, count: Int)?

    /// A tokenizer for part `part` of file `fileName` (named in errors).
    init(part: String, fileName: String) {
        self.part = part
        self.location = SpreadsheetLocation(file: fileName, part: part)
        input = ByteStore(capacity: 128 * 1024)
        scratch = ByteStore(capacity: 4096)
        attributes = PlainStore(capacity: 16)
        openNames = ByteStore(capacity: 256)
        openEnds = PlainStore(capacity: Self.maximumDepth + 1)
    }

    // MARK: - Input

    /// Appends the next bytes of the document. Tokens yielded before are invalidated.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(!isFinal, "bytes appended after the end")
        if position > 0 {
            let kept = input.count - position
            if kept > 0 { UnsafeMutableRawPointer(input.base).copyMemory(from: input.base + position, byteCount: kept) }
            input.count = kept
            offsetOfInput += position
            position = 0
        }
        input.append(bytes)
    }

    /// Says that no bytes follow: ``next()`` then yields the last tokens, checks that the
    /// document is complete, and returns `nil` at its end.
    mutating func finish() { isFinal = true }

    /// The next complete token; `nil` when more bytes are needed (or, after ``finish()``,
    /// at the end of a complete document).
    ///
    /// - Throws: ``SpreadsheetError`` at the first fault.
    mutating func next() throws -> Token? {
        if let pending = pendingEnd {
            pendingEnd = nil
            return .end(localName(pending.start, pending.count))
        }
        while true {
            let step: Step
            if phase == .start {
                guard try readDocumentStart() else { return nil }
                continue
            }
            if position >= input.count {
                if isFinal { try endOfInput() }
                return nil
            }
            if input.base[position] == UInt8(ascii: "<") {
                step = try markup()
            } else {
                step = try characterData()
            }
            switch step {
            case .token(let token): return token
            case .skip: continue
            case .needMore:
                if isFinal { throw malformed("the part ends inside markup or a reference", at: position) }
                if input.count - position > Self.maximumMarkupBytes {
                    throw malformed("markup longer than \(Self.maximumMarkupBytes) bytes", at: position)
                }
                return nil
            }
        }
    }

    /// The bytes of memory the tokenizer holds for its input and decoded text.
    var heldCapacity: Int { input.capacity + scratch.capacity }

    /// How many attributes the last start tag has.
    var attributeCount: Int { attributes.count }

    /// The name (prefix included) and value (decoded and normalised, §3.3.3) of the last
    /// start tag's attribute `index`, in the order written.
    @inline(__always)
    mutating func attribute(at index: Int) -> (name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        let attribute = attributes.base[index]
        let base = attribute.inScratch ? scratch.base : input.base
        return (UnsafeBufferPointer(start: input.base + attribute.nameStart, count: attribute.nameCount),
                UnsafeBufferPointer(start: base + attribute.valueStart, count: attribute.valueCount))
    }

    /// The value of the last start tag's attribute whose whole name is the one letter
    /// `letter`, as ``attribute(_:)``.
    @inline(__always)
    mutating func attribute(oneLetter letter: UInt8) -> UnsafeBufferPointer<UInt8>? {
        for index in 0..<attributes.count {
            let attribute = attributes.base[index]
            if attribute.nameCount == 1 && input.base[attribute.nameStart] == letter {
                let base = attribute.inScratch ? scratch.base : input.base
                return UnsafeBufferPointer(start: base + attribute.valueStart, count: attribute.valueCount)
            }
        }
        return nil
    }

    /// The value of the last start tag's attribute named exactly `name` (prefix included),
    /// decoded and normalised (§3.3.3).
    mutating func attribute(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for index in 0..<attributes.count {
            let attribute = attributes.base[index]
            if attribute.nameCount == wanted.count,
               Self.equal(input.base + attribute.nameStart, wanted.baseAddress!, wanted.count) {
                let base = attribute.inScratch ? scratch.base : input.base
                return UnsafeBufferPointer(start: base + attribute.valueStart, count: attribute.valueCount)
            }
        }
        return nil
    }

    // MARK: - Errors

    /// A malformed-XML error at index `index` of the input.
    func malformed(_ what: String, at index: Int) -> SpreadsheetError {
        SpreadsheetError(.malformedXML("\(part), byte \(offsetOfInput + index): \(what)"), at: location)
    }

    mutating func endOfInput() throws {
        switch phase {
        case .start, .prolog:
            throw SpreadsheetError(.malformedXML("\(part) holds no XML element"), at: location)
        case .root:
            let name = openNames.string(from: openEnds.count > 1 ? openEnds.base[openEnds.count - 2] : 0)
            throw malformed("the part ends inside element <\(name)>", at: position)
        case .epilog, .done:
            phase = .done
        }
    }

    // MARK: - Document start

    /// Skips a UTF-8 byte-order mark and reads the XML declaration, if any; `false` when
    /// more bytes are needed to tell.
    mutating func readDocumentStart() throws -> Bool {
        let available = input.count - position
        let base = input.base + position
        if !isFinal && available < 6 { return false }
        if available >= 2, (base[0] == 0xFF && base[1] == 0xFE) || (base[0] == 0xFE && base[1] == 0xFF)
            || base[0] == 0 || base[1] == 0 {
            throw SpreadsheetError(.malformedXML("\(part) is not UTF-8"), at: location)
        }
        var at = position
        if available >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { at += 3 }
        if !isFinal && input.count - at < 6 { return false }
        if input.count - at >= 6, Self.equal(input.base + at, "<?xml", 5), Self.isSpace(input.base[at + 5]) {
            guard let end = find(UInt8(ascii: "?"), UInt8(ascii: ">"), from: at + 5) else {
                if isFinal { throw malformed("the XML declaration is not closed", at: at) }
                if input.count - at > Self.maximumMarkupBytes { throw malformed("the XML declaration is too long", at: at) }
                return false
            }
            try checkDeclaration(from: at + 5, to: end)
            at = end + 2
        }
        position = at
        phase = .prolog
        return true
    }

    /// Checks the XML declaration between `start` (after `<?xml`) and `end` (its `?>`)
    /// as XML 1.0 §2.8 writes it: `version`, then optionally `encoding` and `standalone`,
    /// in that order. The encoding, when given, must be UTF-8 (or its subset ASCII).
    mutating func checkDeclaration(from start: Int, to end: Int) throws {
        try validateCharacters(from: start, to: end)
        let bytes = Array(UnsafeBufferPointer(start: input.base + start, count: end - start))
        var index = 0
        func fail(_ why: String) -> SpreadsheetError { malformed("the XML declaration \(why)", at: start + index) }
        /// The next pseudo-attribute's name and value, or `nil` at the end.
        func pseudoAttribute() throws -> (name: String, value: String)? {
            let spaceStart = index
            while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            guard index > spaceStart else { throw fail("lacks white space before a pseudo-attribute") }
            let nameStart = index
            while index < bytes.count && bytes[index] >= UInt8(ascii: "a") && bytes[index] <= UInt8(ascii: "z") {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("lacks '=' after '\(name)'") }
            index += 1
            while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw fail("has '\(name)' without a quoted value")
            }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < bytes.count && bytes[index] != quote { index += 1 }
            guard index < bytes.count else { throw fail("has an unclosed value") }
            let value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
            index += 1
            return (name, value)
        }
        guard let version = try pseudoAttribute(), version.name == "version" else { throw fail("does not start with the version") }
        guard version.value.hasPrefix("1."), version.value.count > 2,
              version.value.dropFirst(2).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw fail("names version '\(version.value)'")
        }
        var next = try pseudoAttribute()
        if let encoding = next, encoding.name == "encoding" {
            let name = encoding.value.lowercased()
            guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(name) else {
                throw malformed("the part declares encoding '\(name)'; only UTF-8 is read", at: start)
            }
            next = try pseudoAttribute()
        }
        if let standalone = next, standalone.name == "standalone" {
            guard standalone.value == "yes" || standalone.value == "no" else { throw fail("has standalone '\(standalone.value)'") }
            next = try pseudoAttribute()
        }
        if let other = next { throw fail("has '\(other.name)' out of place") }
    }

    // MARK: - Character data

    /// Character data up to the next `<`, or as much of it as is complete.
    mutating func characterData() throws -> Step {
        let base = input.base
        let start = position
        let count = input.count
        var index = start
        var decoding = false
        var copied = start
        scanning: while index < count {
            let byte = base[index]
            if classes[Int(byte)] & ByteClass.text != 0 {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "<"):
                break scanning
            case UInt8(ascii: "&"):
                guard phase == .root else { throw malformed("a reference outside the root element", at: index) }
                if !decoding {
                    scratch.count = 0
                    decoding = true
                }
                scratch.append(base + copied, count: index - copied)
                copied = index
                guard let length = try decodeReference(at: index) else { break scanning }
                index += length
                copied = index
            case 0x0D:
                guard index + 1 < count || isFinal else { break scanning }
                if !decoding {
                    scratch.count = 0
                    decoding = true
                }
                scratch.append(base + copied, count: index - copied)
                scratch.append(0x0A)
                index += index + 1 < count && base[index + 1] == 0x0A ? 2 : 1
                copied = index
            case 0x0A, 0x09:
                index += 1
            case UInt8(ascii: "]"):
                guard index + 2 < count || isFinal else { break scanning }
                if index + 2 < count, base[index + 1] == UInt8(ascii: "]"), base[index + 2] == UInt8(ascii: ">") {
                    throw malformed("']]>' in character data", at: index)
                }
                index += 1
            case 0..<0x20:
                throw malformed("character U+\(Self.hex(UInt32(byte))) is not allowed in XML", at: index)
            default:
                guard let length = try utf8Sequence(at: index) else { break scanning }
                index += length
            }
        }
        guard index > start else { return .needMore }
        position = index
        guard phase == .root else {
            for at in start..<index where !Self.isSpace(base[at]) {
                throw phase == .epilog
                    ? malformed("text after the root element", at: at)
                    : SpreadsheetError(.malformedXML("\(part) does not start with an XML element"), at: location)
            }
            return .skip
        }
        if decoding {
            scratch.append(base + copied, count: index - copied)
            return .token(.text(UnsafeBufferPointer(start: scratch.base, count: scratch.count)))
        }
        return .token(.text(UnsafeBufferPointer(start: base + start, count: index - start)))
    }

    /// Decodes the reference at `index` (`&amp;`, `&#10;`, `&#x41;`) onto the scratch
    /// bytes and returns its length; `nil` when its end is not yet in the input.
    mutating func decodeReference(at index: Int) throws -> Int? {
        let base = input.base
        let limit = min(input.count, index + 40)
        var end = index + 1
        while end < limit && base[end] != UInt8(ascii: ";") { end += 1 }
        guard end < limit else {
            if isFinal || input.count - index >= 40 { throw malformed("a reference without its ';'", at: index) }
            return nil
        }
        let name = UnsafeBufferPointer(start: base + index + 1, count: end - index - 1)
        if name.first == UInt8(ascii: "#") {
            var value: UInt32 = 0
            var digits = 0
            let isHex = name.count > 1 && name[1] == UInt8(ascii: "x")
            for byte in name.dropFirst(isHex ? 2 : 1) {
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where isHex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where isHex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw malformed("'\(String(decoding: name, as: UTF8.self))' is not a character reference", at: index)
                }
                value = value * (isHex ? 16 : 10) + digit
                digits += 1
                if value > 0x10FFFF { break }
            }
            guard digits > 0, Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw malformed("'&\(String(decoding: name, as: UTF8.self));' is not a character XML allows", at: index)
            }
            for unit in String(scalar).utf8 { scratch.append(unit) }
            return end + 1 - index
        }
        let byte: UInt8
        if Self.equal(name, "amp") { byte = UInt8(ascii: "&") }
        else if Self.equal(name, "lt") { byte = UInt8(ascii: "<") }
        else if Self.equal(name, "gt") { byte = UInt8(ascii: ">") }
        else if Self.equal(name, "quot") { byte = UInt8(ascii: "\"") }
        else if Self.equal(name, "apos") { byte = UInt8(ascii: "'") }
        else {
            throw malformed("the entity '&\(String(decoding: name, as: UTF8.self));' is not declared", at: index)
        }
        scratch.append(byte)
        return end + 1 - index
    }
}
