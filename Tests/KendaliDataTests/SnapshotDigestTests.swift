import Testing
@testable import KendaliData

@Suite("SHA-256 content digest")
struct SnapshotDigestTests {
    // FIPS 180-4 examples (NIST CSRC "Example Algorithms") and well-known vectors.
    @Test("known vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("The quick brown fox jumps over the lazy dog",
         "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
    ])
    func vectors(text: String, hex: String) {
        #expect(SnapshotDigest.sha256Hex(Array(text.utf8)) == hex)
    }

    @Test("a million 'a' (multi-block, all padding lengths on the way)")
    func million() {
        let bytes = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SnapshotDigest.sha256Hex(bytes)
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("lengths around the block boundary differ")
    func boundaries() {
        var seen = Set<String>()
        for n in 50...130 { seen.insert(SnapshotDigest.sha256Hex([UInt8](repeating: 7, count: n))) }
        #expect(seen.count == 81)
    }
}
