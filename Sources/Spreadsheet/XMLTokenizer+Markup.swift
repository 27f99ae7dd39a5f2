extension XMLTokenizer {
    // MARK: - Markup

    /// The tag, comment, processing instruction or CDATA section at `position` (a `<`).
    mutating func markup() throws -> Step {
        let base = input.base
        let start = position
        guard start + 1 < input.count else { return .needMore }
        switch base[start + 1] {
        case UInt8(ascii: "/"):
            return try endTag()
        case UInt8(ascii: "?"):
            return try processingInstruction()
        case UInt8(ascii: "!"):
            let available = input.count - start
            if available >= 4, Self.equal(base + start, "<!--", 4) { return try comment() }
            if available >= 9, Self.equal(base + start, "<![CDATA[", 9) { return try characterSection() }
            if available >= 9, Self.equal(base + start, "<!DOCTYPE", 9) {
                throw SpreadsheetError(.documentTypeDeclaration, at: location)
            }
            if available < 9 && !isFinal { return .needMore }
            throw malformed("'<!' that starts no comment or CDATA section", at: start)
        default:
            return try startTag()
        }
    }

    /// A start tag or empty-element tag (§3.1) at `position`.
    mutating func startTag() throws -> Step {
        let base = input.base
        let count = input.count
        let nameStart = position + 1
        guard let nameEnd = try name(at: nameStart) else { return .needMore }
        attributes.count = 0
        scratch.count = 0
        var index = nameEnd
        var selfClosing = false
        while true {
            var spaced = false
            while index < count && Self.isSpace(base[index]) {
                index += 1
                spaced = true
            }
            guard index < count else { return .needMore }
            let byte = base[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < count else { return .needMore }
                guard base[index + 1] == UInt8(ascii: ">") else { throw malformed("'/' inside a tag", at: index) }
                index += 2
                selfClosing = true
                break
            }
            guard spaced else { throw malformed("attributes not separated by white space", at: index) }
            guard let attributeEnd = try name(at: index) else { return .needMore }
            let attributeName = index
            index = attributeEnd
            while index < count && Self.isSpace(base[index]) { index += 1 }
            guard index < count else { return .needMore }
            guard base[index] == UInt8(ascii: "=") else { throw malformed("an attribute without '='", at: index) }
            index += 1
            while index < count && Self.isSpace(base[index]) { index += 1 }
            guard index < count else { return .needMore }
            let quote = base[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw malformed("an attribute value without quotes", at: index)
            }
            guard let value = try attributeValue(from: index + 1, quote: quote) else { return .needMore }
            let nameCount = attributeEnd - attributeName
            for other in 0..<attributes.count where attributes.base[other].nameCount == nameCount
                && Self.equal(base + attributes.base[other].nameStart, base + attributeName, nameCount) {
                throw malformed("attribute '\(String(decoding: UnsafeBufferPointer(start: base + attributeName, count: nameCount), as: UTF8.self))' given twice",
                                at: attributeName)
            }
            attributes.append(Attribute(nameStart: attributeName, nameCount: nameCount, valueStart: value.start,
                                        valueCount: value.count, inScratch: value.inScratch))
            index = value.end
        }
        switch phase {
        case .epilog, .done: throw malformed("a second root element", at: position)
        case .start, .prolog: phase = .root
        case .root: break
        }
        let nameCount = nameEnd - nameStart
        position = index
        if selfClosing {
            if openEnds.count == 0 { phase = .epilog }
            pendingEnd = (nameStart, nameCount)
        } else {
            guard openEnds.count < Self.maximumDepth else {
                throw malformed("elements nested deeper than \(Self.maximumDepth)", at: nameStart)
            }
            openNames.append(base + nameStart, count: nameCount)
            openEnds.append(openNames.count)
        }
        return .token(.start(localName(nameStart, nameCount)))
    }

    /// An attribute value from `start` to its closing `quote`, decoded and normalised:
    /// its start, length and whether it lies in the scratch bytes, and the index after
    /// the quote; `nil` when the quote is not yet in the input.
    mutating func attributeValue(from start: Int, quote: UInt8) throws
        -> (start: Int, count: Int, inScratch: Bool, end: Int)?
    {
        let base = input.base
        let count = input.count
        var index = start
        var decoding = false
        var copied = start
        let scratchStart = scratch.count
        while true {
            guard index < count else { return nil }
            let byte = base[index]
            if classes[Int(byte)] & ByteClass.attribute != 0 {
                index += 1
                continue
            }
            if byte == quote { break }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index += 1
            case UInt8(ascii: "<"):
                throw malformed("'<' in an attribute value", at: index)
            case UInt8(ascii: "&"):
                if !decoding { decoding = true }
                scratch.append(base + copied, count: index - copied)
                guard let length = try decodeReference(at: index) else { return nil }
                index += length
                copied = index
            case 0x09, 0x0A, 0x0D:
                guard byte != 0x0D || index + 1 < count else { return nil }
                if !decoding { decoding = true }
                scratch.append(base + copied, count: index - copied)
                scratch.append(UInt8(ascii: " "))
                index += byte == 0x0D && base[index + 1] == 0x0A ? 2 : 1
                copied = index
            case 0..<0x20:
                throw malformed("character U+\(Self.hex(UInt32(byte))) is not allowed in XML", at: index)
            default:
                guard let length = try utf8Sequence(at: index) else { return nil }
                index += length
            }
        }
        if decoding {
            scratch.append(base + copied, count: index - copied)
            return (scratchStart, scratch.count - scratchStart, true, index + 1)
        }
        return (start, index - start, false, index + 1)
    }

    /// An end tag (§3.1) at `position`, which must close the innermost open element.
    mutating func endTag() throws -> Step {
        let base = input.base
        let nameStart = position + 2
        guard let nameEnd = try name(at: nameStart) else { return .needMore }
        var index = nameEnd
        while index < input.count && Self.isSpace(base[index]) { index += 1 }
        guard index < input.count else { return .needMore }
        guard base[index] == UInt8(ascii: ">") else { throw malformed("an end tag not closed by '>'", at: index) }
        let nameCount = nameEnd - nameStart
        let depth = openEnds.count
        let openStart = depth > 1 ? openEnds.base[depth - 2] : 0
        guard depth > 0, openNames.count - openStart == nameCount,
              Self.equal(openNames.base + openStart, base + nameStart, nameCount)
        else {
            let name = String(decoding: UnsafeBufferPointer(start: base + nameStart, count: nameCount), as: UTF8.self)
            if depth == 0 { throw malformed("end tag </\(name)> without a start tag", at: position) }
            throw malformed("end tag </\(name)> inside element <\(openNames.string(from: openStart))>", at: position)
        }
        openNames.count = openStart
        openEnds.count = depth - 1
        if depth == 1 { phase = .epilog }
        position = index + 1
        return .token(.end(localName(nameStart, nameCount)))
    }

    /// A comment (§2.5): checked and skipped.
    mutating func comment() throws -> Step {
        guard let dash = find(UInt8(ascii: "-"), UInt8(ascii: "-"), from: position + 4), dash + 2 < input.count else {
            return .needMore
        }
        guard input.base[dash + 2] == UInt8(ascii: ">") else { throw malformed("'--' inside a comment", at: dash) }
        try validateCharacters(from: position + 4, to: dash)
        position = dash + 3
        return .skip
    }

    /// A processing instruction (§2.6): checked and skipped. An XML declaration after the
    /// document's start is refused.
    mutating func processingInstruction() throws -> Step {
        let targetStart = position + 2
        guard let targetEnd = try name(at: targetStart) else { return .needMore }
        let target = UnsafeBufferPointer(start: input.base + targetStart, count: targetEnd - targetStart)
        if target.count == 3, target.map({ $0 | 0x20 }) == Array("xml".utf8) {
            throw malformed("an XML declaration that is not at the document's start", at: position)
        }
        guard let end = find(UInt8(ascii: "?"), UInt8(ascii: ">"), from: targetEnd) else { return .needMore }
        guard end == targetEnd || Self.isSpace(input.base[targetEnd]) else {
            throw malformed("a processing instruction's target not followed by white space", at: targetEnd)
        }
        try validateCharacters(from: targetEnd, to: end)
        position = end + 2
        return .skip
    }

    /// A CDATA section (§2.7), as character data; only inside the root element.
    mutating func characterSection() throws -> Step {
        let contentStart = position + 9
        guard let end = find(UInt8(ascii: "]"), UInt8(ascii: "]"), UInt8(ascii: ">"), from: contentStart) else {
            return .needMore
        }
        guard phase == .root else { throw malformed("a CDATA section outside the root element", at: position) }
        try validateCharacters(from: contentStart, to: end)
        position = end + 3
        let base = input.base
        guard UnsafeBufferPointer(start: base + contentStart, count: end - contentStart).contains(0x0D) else {
            return .token(.text(UnsafeBufferPointer(start: base + contentStart, count: end - contentStart)))
        }
        scratch.count = 0
        var index = contentStart
        while index < end {
            if base[index] == 0x0D {
                scratch.append(0x0A)
                index += index + 1 < end && base[index + 1] == 0x0A ? 2 : 1
            } else {
                scratch.append(base[index])
                index += 1
            }
        }
        return .token(.text(UnsafeBufferPointer(start: scratch.base, count: scratch.count)))
    }
}
