// The helpers that read the input are `mutating`, though most change nothing: called
// from the tokenizing methods, a non-mutating method would be handed a copy of the
// tokenizer.
extension XMLTokenizer {
    // MARK: - Names and characters

    /// The end of the XML name (§2.3) starting at `index`; `nil` when it may go on past
    /// the input.
    @inline(__always)
    mutating func name(at index: Int) throws -> Int? {
        let base = input.base
        let count = input.count
        guard index < count else { return nil }
        guard classes[Int(base[index])] & ByteClass.nameStart != 0 else {
            throw malformed("'\(Self.describe(base[index]))' cannot start a name", at: index)
        }
        var end = base[index] < 0x80 ? index + 1 : index
        while end < count {
            let byte = base[end]
            if classes[Int(byte)] & ByteClass.name != 0 {
                end += 1
            } else if byte >= 0x80 {
                guard let length = try utf8Sequence(at: end) else { return nil }
                end += length
            } else {
                return end
            }
        }
        return nil
    }

    /// The length of the UTF-8 sequence at `index` of a character XML allows; `nil` when
    /// it is cut by the end of the input so far.
    mutating func utf8Sequence(at index: Int) throws -> Int? {
        let base = input.base
        let lead = base[index]
        guard let (length, low, high) = UTF8Lead.sequence(lead) else {
            throw malformed("byte 0x\(Self.hex(UInt32(lead))) is not UTF-8", at: index)
        }
        for offset in 1..<length {
            guard index + offset < input.count else {
                if isFinal { throw malformed("a UTF-8 sequence cut by the end of the part", at: index) }
                return nil
            }
            let byte = base[index + offset]
            let (from, to) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= from && byte <= to else { throw malformed("bytes at this offset are not UTF-8", at: index) }
        }
        // U+FFFE and U+FFFF are not characters XML allows (§2.2).
        if lead == 0xEF, base[index + 1] == 0xBF, base[index + 2] >= 0xBE {
            throw malformed("character U+FFF\(base[index + 2] == 0xBE ? "E" : "F") is not allowed in XML", at: index)
        }
        return length
    }

    /// Checks that the bytes from `start` to `end` are characters XML allows.
    mutating func validateCharacters(from start: Int, to end: Int) throws {
        var index = start
        while index < end {
            let byte = input.base[index]
            if byte < 0x80 {
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                    throw malformed("character U+\(Self.hex(UInt32(byte))) is not allowed in XML", at: index)
                }
                index += 1
            } else {
                guard let length = try utf8Sequence(at: index), index + length <= end else {
                    throw malformed("a UTF-8 sequence cut by markup", at: index)
                }
                index += length
            }
        }
    }

    /// The index of the first `first` `second` pair at or after `from`; `nil` when none is
    /// in the input yet.
    mutating func find(_ first: UInt8, _ second: UInt8, from: Int) -> Int? {
        var index = from
        let last = input.count - 1
        while index < last {
            if input.base[index] == first && input.base[index + 1] == second { return index }
            index += 1
        }
        return nil
    }

    /// The index of the first `first` `second` `third` at or after `from`.
    mutating func find(_ first: UInt8, _ second: UInt8, _ third: UInt8, from: Int) -> Int? {
        var index = from
        while let found = find(first, second, from: index) {
            guard found + 2 < input.count else { return nil }
            if input.base[found + 2] == third { return found }
            index = found + 1
        }
        return nil
    }

    /// The name at `start` without its prefix (the part after the last `:`).
    @inline(__always)
    mutating func localName(_ start: Int, _ count: Int) -> UnsafeBufferPointer<UInt8> {
        var from = start + count
        while from > start && input.base[from - 1] != UInt8(ascii: ":") { from -= 1 }
        return UnsafeBufferPointer(start: input.base + from, count: start + count - from)
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    /// Whether `value` is a character XML 1.0 allows (§2.2 `Char`).
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x09 || value == 0x0A || value == 0x0D || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            if a[index] != b[index] { return false }
            index += 1
        }
        return true
    }

    static func equal(_ a: UnsafePointer<UInt8>, _ literal: StaticString, _ count: Int) -> Bool {
        equal(a, literal.utf8Start, count)
    }

    /// Whether `bytes` are those of `literal`.
    @inline(__always)
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        bytes.count == literal.utf8CodeUnitCount && equal(bytes.baseAddress!, literal.utf8Start, bytes.count)
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
    }
}

/// The classes of bytes the tokenizer's loops test, as bits of a 256-entry table.
enum ByteClass {
    /// An ASCII byte that may start a name (XML 1.0 §2.3 `NameStartChar`), or the lead
    /// byte of a longer UTF-8 sequence (checked further as it is read).
    static let nameStart: UInt8 = 1
    /// An ASCII byte that may go on a name (§2.3 `NameChar`).
    static let name: UInt8 = 2
    /// A byte of character data that needs no other look: ASCII, a character XML allows,
    /// and none of `<`, `&`, `]`, carriage return.
    static let text: UInt8 = 4
    /// A byte of an attribute value that needs no other look: as ``text`` but `]` is
    /// plain, and white space (normalised to a space) and both quotes are not.
    static let attribute: UInt8 = 8

    /// The table, made once, never written after and never freed.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            let letter = byte | 0x20
            let isLetter = letter >= 0x61 && letter <= 0x7A
            let isDigit = byte >= 0x30 && byte <= 0x39
            var bits: UInt8 = 0
            if isLetter || byte == 0x5F || byte == 0x3A || byte >= 0xC2 { bits |= nameStart }
            if isLetter || isDigit || byte == 0x5F || byte == 0x3A || byte == 0x2D || byte == 0x2E { bits |= name }
            let printable = byte >= 0x20 && byte < 0x80 && byte != 0x3C && byte != 0x26
            if (printable && byte != 0x5D) || byte == 0x09 || byte == 0x0A { bits |= text }
            if printable && byte != 0x22 && byte != 0x27 { bits |= attribute }
            table[byte] = bits
        }
        return UnsafePointer(table)
    }()
}

/// The tokenizer's byte buffers.
typealias ByteStore = PlainStore<UInt8>

/// A growable run of plain values in memory the tokenizer manages itself, so that its hot
/// loops read and write through a plain pointer, without the checks of `Array`.
struct PlainStore<Element> {
    /// Frees the memory when the last copy of the store goes.
    private final class Allocation {
        var pointer: UnsafeMutablePointer<Element>
        init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
        deinit { pointer.deallocate() }
    }

    private let allocation: Allocation
    /// The values; valid until the store grows.
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    /// How many values are held.
    var count = 0

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
        allocation = Allocation(base)
    }

    mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        var grown = capacity * 2
        while grown < needed { grown *= 2 }
        let pointer = UnsafeMutablePointer<Element>.allocate(capacity: grown)
        pointer.moveInitialize(from: base, count: count)
        base.deallocate()
        base = pointer
        allocation.pointer = pointer
        capacity = grown
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Appends `length` values from `source`; short runs are copied in a loop rather than
    /// through a library call.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<Element>, count length: Int) {
        guard length > 0 else { return }
        if count + length > capacity { reserve(count + length) }
        if length <= 16 {
            for offset in 0..<length { (base + count + offset).initialize(to: source[offset]) }
        } else {
            (base + count).initialize(from: source, count: length)
        }
        count += length
    }
}

extension PlainStore where Element == UInt8 {
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        append(start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        append(start, count: bytes.count)
    }

    /// The bytes from `start` on, as UTF-8 text.
    func string(from start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + start, count: count - start), as: UTF8.self)
    }

    /// The bytes held.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
