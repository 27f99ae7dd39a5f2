/// The UTF-8 sequence a lead byte begins, by the well-formed byte sequences of Unicode
/// (The Unicode Standard, Table 3-7; RFC 3629 §4): no overlong forms, no surrogates,
/// nothing past U+10FFFF.
enum UTF8Lead {
    /// The sequence's length in bytes and the range its second byte must lie in (later
    /// bytes are 0x80…0xBF); `nil` for an ASCII byte, a continuation byte or a byte that
    /// begins no well-formed sequence.
    @inline(__always)
    static func sequence(_ lead: UInt8) -> (length: Int, low: UInt8, high: UInt8)? {
        switch lead {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE, 0xEF: (3, 0x80, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: nil
        }
    }
}
