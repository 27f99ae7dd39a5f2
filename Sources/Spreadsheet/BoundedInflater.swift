import Foundation
#if canImport(CZlib)
import CZlib
#elseif canImport(zlib)
import zlib
#endif

/// Inflates one deflated zip entry (RFC 1951) from exactly its compressed bytes, in
/// chunks, and fails when those bytes end before the deflate stream does.
///
/// ZIPFoundation 0.9.20 inflates by reading on past the entry to the end of the file and
/// loops without end when a (damaged or hostile) stream is still unfinished there; this
/// reader never reads past the entry's compressed size, so every entry ends in time
/// proportional to its compressed size plus the bytes it is allowed to produce.
enum BoundedInflater {
    #if canImport(CZlib) || canImport(zlib)
    /// Whether this platform inflates here (with zlib) rather than through ZIPFoundation.
    static let isAvailable = true
    #else
    static let isAvailable = false
    #endif

    /// Where one entry's data lies in the archive file.
    struct Span {
        /// Offset of the entry's local file header (APPNOTE 6.3.x, §4.3.7).
        var localHeaderOffset: UInt64
        /// Its compressed size, from the central directory.
        var compressedSize: UInt64
    }

    /// Errors, turned into ``SpreadsheetError`` by the caller.
    enum Failure: Error {
        case damaged(String)
    }

    /// The offset of each entry's local header by path, read from the central directory
    /// (APPNOTE §4.3.12, §4.3.16); ZIP64 archives, which no workbook this reads needs, are
    /// left out (their entries are extracted through ZIPFoundation).
    static func spans(of handle: FileHandle, maximumEntries: Int) throws -> [String: Span] {
        let fileSize = try handle.seekToEnd()
        let tailLength = min(fileSize, 22 + 65_535)
        try handle.seek(toOffset: fileSize - tailLength)
        let tail = [UInt8](try handle.read(upToCount: Int(tailLength)) ?? Data())
        guard tail.count >= 22 else { throw Failure.damaged("no end of central directory") }
        var end = tail.count - 22
        while end >= 0, !(tail[end] == 0x50 && tail[end + 1] == 0x4B && tail[end + 2] == 5 && tail[end + 3] == 6) {
            end -= 1
        }
        guard end >= 0 else { throw Failure.damaged("no end of central directory") }
        let directorySize = UInt64(le32(tail, end + 12))
        let directoryOffset = UInt64(le32(tail, end + 16))
        guard directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF,
              directoryOffset + directorySize <= fileSize else { return [:] }
        try handle.seek(toOffset: directoryOffset)
        let directory = [UInt8](try handle.read(upToCount: Int(directorySize)) ?? Data())
        var spans: [String: Span] = [:]
        var at = 0
        while at + 46 <= directory.count, le32(directory, at) == 0x0201_4B50 {
            guard spans.count < maximumEntries else { break }
            let compressed = UInt64(le32(directory, at + 20))
            let nameLength = Int(le16(directory, at + 28))
            let extraLength = Int(le16(directory, at + 30))
            let commentLength = Int(le16(directory, at + 32))
            let offset = UInt64(le32(directory, at + 42))
            guard at + 46 + nameLength <= directory.count else { break }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            if compressed != 0xFFFF_FFFF, offset != 0xFFFF_FFFF {
                spans[name] = Span(localHeaderOffset: offset, compressedSize: compressed)
            }
            at += 46 + nameLength + extraLength + commentLength
        }
        return spans
    }

    /// Inflates the entry at `span` and hands its bytes to `consumer` in chunks of at most
    /// `chunkSize`; returns the CRC-32 of what came out.
    ///
    /// - Throws: ``Failure`` when the local header is not where the directory says, the
    ///   compressed bytes end before the stream, or the stream is corrupt; or the
    ///   consumer's error.
    static func inflate(_ handle: FileHandle, _ span: Span, chunkSize: Int = 64 * 1024,
                        _ consumer: (Data) throws -> Void) throws -> UInt32 {
        #if canImport(CZlib) || canImport(zlib)
        try handle.seek(toOffset: span.localHeaderOffset)
        let header = [UInt8](try handle.read(upToCount: 30) ?? Data())
        guard header.count == 30, le32(header, 0) == 0x0403_4B50 else {
            throw Failure.damaged("a local file header is missing")
        }
        let dataOffset = span.localHeaderOffset + 30 + UInt64(le16(header, 26)) + UInt64(le16(header, 28))
        try handle.seek(toOffset: dataOffset)

        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure.damaged("zlib cannot start")
        }
        defer { inflateEnd(&stream) }
        var remaining = span.compressedSize
        var checksum: UInt = crc32(0, nil, 0)
        var output = [UInt8](repeating: 0, count: chunkSize)
        var finished = false
        while !finished {
            guard remaining > 0 else { throw Failure.damaged("the compressed data ends before its stream does") }
            let input = [UInt8](try handle.read(upToCount: Int(min(remaining, UInt64(chunkSize)))) ?? Data())
            guard !input.isEmpty else { throw Failure.damaged("the file ends inside an entry") }
            remaining -= UInt64(input.count)
            try input.withUnsafeBufferPointer { inputBuffer in
                stream.next_in = UnsafeMutablePointer(mutating: inputBuffer.baseAddress)
                stream.avail_in = UInt32(inputBuffer.count)
                while true {
                    let inputBefore = stream.avail_in
                    let (status, produced) = output.withUnsafeMutableBufferPointer { outputBuffer -> (Int32, Int) in
                        stream.next_out = outputBuffer.baseAddress
                        stream.avail_out = UInt32(outputBuffer.count)
                        let status = CZlibInflate(&stream)
                        return (status, outputBuffer.count - Int(stream.avail_out))
                    }
                    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                        throw Failure.damaged("corrupt deflate data (zlib status \(status))")
                    }
                    if produced > 0 {
                        checksum = output.withUnsafeBufferPointer { crc32(checksum, $0.baseAddress, UInt32(produced)) }
                        try consumer(Data(output[0..<produced]))
                    }
                    if status == Z_STREAM_END {
                        finished = true
                        return
                    }
                    // No progress: either this chunk is used up (read the next), or zlib
                    // can go no further with input left, which only damage causes.
                    if produced == 0 && stream.avail_in == inputBefore {
                        if stream.avail_in == 0 { return }
                        throw Failure.damaged("corrupt deflate data (no progress)")
                    }
                    if stream.avail_in == 0 && produced < chunkSize { return }
                }
            }
        }
        return UInt32(truncatingIfNeeded: checksum)
        #else
        throw Failure.damaged("zlib is not available")
        #endif
    }

    private static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

#if canImport(CZlib) || canImport(zlib)
/// zlib's `inflate` without flushing, named apart from ``BoundedInflater/inflate(_:_:chunkSize:_:)``.
@inline(__always)
private func CZlibInflate(_ stream: inout z_stream) -> Int32 {
    inflate(&stream, Z_NO_FLUSH)
}
#endif
