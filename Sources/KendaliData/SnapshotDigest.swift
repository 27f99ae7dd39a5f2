import Crypto

/// SHA-256 (FIPS 180-4) of a byte buffer, used as the content digest of a snapshot file.
///
/// Computed by `SHA256` of apple/swift-crypto (BoringSSL's implementation, which uses the
/// processor's SHA instructions where it has them).
///
/// Reference: NIST FIPS 180-4, *Secure Hash Standard*, 2015,
/// <https://doi.org/10.6028/NIST.FIPS.180-4>.
public enum SnapshotDigest {
    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal digits.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func sha256Hex(_ bytes: UnsafeRawBufferPointer) -> String {
        var hasher = SHA256()
        hasher.update(bufferPointer: bytes)
        return hex(hasher.finalize())
    }

    /// The SHA-256 digest of `bytes` as 64 lower-case hexadecimal digits.
    ///
    /// - Complexity: O(n) in the number of bytes.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { sha256Hex($0) }
    }

    /// The 32 digest bytes as 64 lower-case hexadecimal digits.
    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
