import Dispatch
import Foundation
import Spreadsheet
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and validates one weekly snapshot file (spec version 1, `weekly-snapshot.md`).
///
/// ## Why a reader of our own
///
/// The two CSV packages at hand were run on the cases the spec needs:
///
/// | case | SwiftCSV 0.10.0 | CSV.swift 2.5.2 (yaslab) |
/// | --- | --- | --- |
/// | BOM, CRLF, `;` given, quoted line breaks | right | right |
/// | last field empty, no final line break (`1,`) | drops the field: `["1"]` | right |
/// | leading spaces of a field | silently removed | kept |
/// | unclosed quote | swallows the rest of the file, no error | same |
/// | text after a closing quote (`"1"x,2`) | error, no position | silently mangles the row |
/// | invalid UTF-8 | caller's `String(data:)` gives `nil`, no position | stops with `unicodeDecoding`, no position, rows so far look complete |
/// | line numbers of rows or errors | none | none |
///
/// Neither reports where a problem is, both accept broken quoting without a word, and
/// both build a `String` per field from a `Character` or `Unicode.Scalar` stream (measured
/// on a canonical file of 52,631 rows, each read about a sixth of the rate a national week
/// needs). So this reader works on the raw bytes: the
/// `CSV` module's RFC 4180 splitter (`CSVScanner`) yields byte ranges with the physical
/// line of each field, numbers parsed straight from the bytes, and `String`s made only for the
/// text columns and for values quoted in messages.
///
/// The file is read whole with `read(2)` (mapping it instead cost more in page faults
/// than the copy it saves, for files of this size) and indexed in one pass: the
/// delimiters, line ends and quotes of every 64-byte block as bit masks, 16 bytes at a
/// time with SSE2 on x86-64 (the `CSV` module's `CSVBlockBits` and `CSVMaskWindow`).
/// The same pass shows whether the file is plain ASCII, which
/// needs no other UTF-8 check. Each row is then tried in a fast lane: a row without
/// quotes takes its line end and field ends from the masks alone, its values are parsed
/// column by column and the record is written straight into the result; a row with
/// quotes is read in one quote-aware pass over its bytes. A row that is not plainly valid
/// (an error, a warning, a quoted line break, a wrong field count) is read again the
/// careful way, which finds every problem; all lanes give the same records and issues.
/// The content digest of a large file read alone is computed on another thread
/// meanwhile; when a folder is read on every core, by the thread that reads the file.
///
/// ## What it accepts (decisions the spec leaves open)
///
/// - UTF-8 with or without a byte-order mark. A file that is not UTF-8 but Windows-1252
///   (as Excel on Windows saves CSV; Microsoft's table, in which 0x81, 0x8D, 0x8F, 0x90
///   and 0x9D are undefined) is transcoded to UTF-8 first and read the same way, with one
///   `windows1252Text` warning. A file that is neither is refused with one
///   `invalidUTF8` error naming the line and byte offset of its first byte that is not
///   UTF-8 (`TextEncoding.decode` decides, in the `CSV` module).
/// - Delimiter `,`, or `;` when the header line holds more `;` than `,` outside quotes;
///   with `;` a decimal comma is accepted in `progres_fisik`.
/// - RFC 4180 quoting; text after a closing quote and an unclosed quote are errors.
///   LF, CRLF (and a lone CR) end lines. Lines that are empty or hold only delimiters are
///   skipped.
/// - Header names: case-insensitive, surrounding spaces and tabs ignored. Columns
///   `desa`, `kecamatan`, `kabupaten` may be absent from the header (their values are then
///   empty); whether a cooperative needs them is checked against the history by
///   `SnapshotValidator.firstAppearanceErrors`.
/// - Values: unquoted fields are trimmed of surrounding spaces and tabs; quoted text is
///   kept as written. Keywords (`tahap`, `status_lahan`, 0/1 words) are case-insensitive;
///   `status_lahan` also accepts `tidak ada` for `tidak_ada`. Empty optional fields are
///   `nil`; an empty `progres_fisik` is `nil` (construction not started). Numbers take an
///   optional exponent (`1e-05`), as the writer may produce it.
/// - Counts (`jumlah_anggota`, `anggota_aktif`) and `omzet_bulanan` take thousands dots
///   (`3.551.000`); `omzet_bulanan` also a rupiah prefix and tail (`Rp 3.551.000`,
///   `Rp3.551.000`, `Rp. 3.551.000`, `Rp 3.551.000,00`, `3.551.000,-`), every dot in it a
///   thousands separator. A count written `1.000` in a file whose decimal mark is the
///   point reads 1000 or 1, and is an `ambiguousNumber` error showing both. `progres_fisik` reads `1.234,5` as 1234.5 (out
///   of its range); `1.234` there stays 1.234, the only reading within 0–100.
/// - The week's date is the `tanggal_laporan` most rows carry (on a tie, the first met);
///   each row with another date is a `differingDate` error.
/// - A rejected file's message lists its first 20 errors, then counts the rest by column
///   and kind (`SnapshotFileError/description`).
/// - At most 10,000 errors are kept; the rest are counted in one `tooManyErrors` issue.
///
/// Warnings found from the file alone (unknown columns, `progres_fisik` = 100 while still
/// `pembangunan`) are in `SnapshotFile.warnings`; those that need last week's reports come
/// from `SnapshotValidator`.
public enum SnapshotReader {
    /// Most errors kept for one file.
    public static let maximumIssues = 10_000

    /// Reads and validates the file at `path`; the file name in messages is the last path
    /// component.
    ///
    /// - Throws: `SnapshotFileError` with every error of the file, or with one
    ///   `unreadableFile` issue when it can't be read.
    /// - Complexity: O(n) in the file size, plus O(r log r) to sort r unsorted rows.
    public static func read(contentsOf path: String) throws(SnapshotFileError) -> SnapshotFile {
        try read(contentsOf: path, sheet: nil)
    }

    /// Reads and validates the file at `path`: CSV text, or an `.xlsx` workbook's sheet
    /// `sheet` (the first sheet when `nil`; a CSV file ignores it). A file that is neither
    /// (an `.xls`, a PDF) is refused with one issue saying what it is.
    ///
    /// - Throws: as `read(contentsOf:)`.
    public static func read(contentsOf path: String, sheet: String?) throws(SnapshotFileError)
        -> SnapshotFile
    {
        let buffer = FileBuffer()
        defer { buffer.deallocate() }
        return try read(contentsOf: path, into: buffer, overlapDigest: true, sheet: sheet)
    }

    /// `read(contentsOf:)`, hashing a large file on another thread only when
    /// `overlapDigest`.
    static func read(contentsOf path: String, overlapDigest: Bool)
        throws(SnapshotFileError) -> SnapshotFile
    {
        let buffer = FileBuffer()
        defer { buffer.deallocate() }
        return try read(contentsOf: path, into: buffer, overlapDigest: overlapDigest)
    }

    /// `read(contentsOf:)` through `buffer`, which holds the file's bytes while it is
    /// parsed (and may be reused for another file afterwards).
    static func read(contentsOf path: String, into buffer: FileBuffer, overlapDigest: Bool,
                     sheet: String? = nil, digest: Bool = true)
        throws(SnapshotFileError) -> SnapshotFile
    {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last
            .map(String.init) ?? path
        let bytes: UnsafeRawBufferPointer
        do {
            bytes = try FileBytes.read(path: path, into: buffer)
        } catch {
            throw SnapshotFileError(fileName: name, issues: [
                SnapshotIssue(.unreadableFile, file: name, line: nil, value: path,
                              expected: "a readable file (\(error.message))"),
            ])
        }
        let file = try read(bytes: bytes, fileName: name, sheet: sheet, overlapDigest: overlapDigest,
                            digest: digest, earlier: buffer.records)
        buffer.records = file.records
        return file
    }

    /// Reads and validates a file's whole content held in memory, as `read(contentsOf:)`
    /// reads a file: CSV text, or an `.xlsx` workbook's sheet `sheet` (the first when
    /// `nil`); anything else is refused with one issue saying what it is.
    ///
    /// - Throws: `SnapshotFileError` with every error of the file.
    public static func read(bytes: UnsafeRawBufferPointer, fileName: String, sheet: String? = nil)
        throws(SnapshotFileError) -> SnapshotFile
    {
        try read(bytes: bytes, fileName: fileName, sheet: sheet, overlapDigest: true)
    }

    /// `read(bytes:fileName:sheet:)`, hashing a large CSV file on another thread only when
    /// `overlapDigest`, and a CSV file not at all without `digest`.
    static func read(bytes: UnsafeRawBufferPointer, fileName name: String, sheet: String?,
                     overlapDigest: Bool, digest: Bool = true, earlier: [SnapshotRecord] = [])
        throws(SnapshotFileError) -> SnapshotFile
    {
        if let kind = binaryKind(of: bytes) {
            guard kind == .xlsx else {
                throw SnapshotFileError(fileName: name, issues: [notATableIssue(kind, fileName: name)])
            }
            return try readWorkbook(bytes: bytes, fileName: name, sheet: sheet)
        }
        return try parseResult(buffer: bytes, fileName: name, overlapDigest: overlapDigest, digest: digest,
                               earlier: earlier).get()
    }

    /// Reads and validates the files at `paths`, several at once (one file per worker, on
    /// every core; each file as `read(contentsOf:)` reads it alone, with the same result).
    /// A worker reads its next file into the memory of the previous one, and hashes it
    /// itself when there are at least as many files as cores.
    ///
    /// - Parameter digests: `false` leaves the content digest of each CSV file empty
    ///   (``SnapshotFile/contentDigest``) for a caller that never uses it: hashing took
    ///   about a seventh of the CPU of reading the national folder (profiled).
    /// - Returns: one result per path, in the order of `paths` — the file, or its error.
    public static func read(contentsOfFiles paths: [String], sheet: String? = nil, digests: Bool = true)
        -> [Result<SnapshotFile, SnapshotFileError>]
    {
        let slots = ParallelSlots<Result<SnapshotFile, SnapshotFileError>>(count: paths.count)
        // With a file for every core, the cores are busy reading anyway: each digest is
        // computed by the thread that reads the file, without a hand-off.
        let overlapDigest = paths.count < ProcessInfo.processInfo.activeProcessorCount
        // A worker reads its next file into the buffer of a file it has finished.
        let buffers = FileBufferPool()
        defer { buffers.deallocate() }
        DispatchQueue.concurrentPerform(iterations: paths.count) { k in
            let buffer = buffers.take()
            defer { buffers.give(buffer) }
            do throws(SnapshotFileError) {
                slots.store(.success(try read(contentsOf: paths[k], into: buffer,
                                              overlapDigest: overlapDigest, sheet: sheet,
                                              digest: digests)), at: k)
            } catch {
                slots.store(.failure(error), at: k)
            }
        }
        return slots.values
    }

    /// Validates a snapshot held in memory.
    ///
    /// - Parameters:
    ///   - bytes: the raw file content.
    ///   - fileName: the name used in messages and kept in the result.
    /// - Throws: `SnapshotFileError` with every error of the file.
    public static func parse(bytes: [UInt8], fileName: String) throws(SnapshotFileError)
        -> SnapshotFile
    {
        let result = bytes.withUnsafeBytes { parseResult(buffer: $0, fileName: fileName) }
        return try result.get()
    }

    /// Validates a snapshot held in borrowed memory (no copy is made).
    ///
    /// - Throws: `SnapshotFileError` with every error of the file.
    public static func parse(buffer: UnsafeRawBufferPointer, fileName: String)
        throws(SnapshotFileError) -> SnapshotFile
    {
        try parseResult(buffer: buffer, fileName: fileName).get()
    }

    static func parseResult(buffer: UnsafeRawBufferPointer, fileName: String,
                            overlapDigest: Bool = true, digest: Bool = true, earlier: [SnapshotRecord] = [])
        -> Result<SnapshotFile, SnapshotFileError>
    {
        var parser = SnapshotParser(bytes: buffer, fileName: fileName, overlapDigest: overlapDigest,
                                    digest: digest, earlier: earlier)
        return parser.run()
    }
}

/// An error reading a file from disk.
struct FileReadError: Error {
    /// The system's description of the failure.
    var message: String
}

/// Memory for a whole file, grown as needed and reused from one file to the next (its
/// bytes are not zeroed first). Used by one thread at a time.
final class FileBuffer: @unchecked Sendable {
    /// The memory, `capacity` bytes.
    private(set) var base: UnsafeMutableRawPointer?
    /// Size of the memory in bytes.
    private(set) var capacity = 0
    /// The records of the last file read through this buffer, whose names the next file's
    /// rows share where they are the same (``EarlierNames``).
    var records: [SnapshotRecord] = []

    /// An empty buffer.
    init() {}

    /// Makes room for at least `count` bytes, keeping the first `keeping` bytes. The
    /// memory grows by at least an eighth: weekly files grow a little from one week to the
    /// next, and memory allocated anew costs a page fault (the system zeroing the page) at
    /// every 4 KiB first written.
    func reserve(_ count: Int, keeping: Int = 0) {
        guard count > capacity else { return }
        let size = capacity == 0 ? count : max(count, capacity + capacity / 8)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        if let base {
            if keeping > 0 { grown.copyMemory(from: base, byteCount: min(keeping, capacity)) }
            base.deallocate()
        }
        base = grown
        capacity = size
    }

    /// Frees the memory.
    func deallocate() {
        base?.deallocate()
        base = nil
        capacity = 0
        records = []
    }
}

/// The file buffers of a parallel read: as many as files are read at once.
final class FileBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [FileBuffer] = []
    private var all: [FileBuffer] = []

    /// An idle buffer, or a new one.
    func take() -> FileBuffer {
        lock.lock()
        defer { lock.unlock() }
        if let buffer = idle.popLast() { return buffer }
        let buffer = FileBuffer()
        all.append(buffer)
        return buffer
    }

    /// Returns a buffer taken from this pool.
    func give(_ buffer: FileBuffer) {
        lock.lock()
        idle.append(buffer)
        lock.unlock()
    }

    /// Frees every buffer (none may be in use).
    func deallocate() {
        lock.lock()
        for buffer in all { buffer.deallocate() }
        idle.removeAll()
        all.removeAll()
        lock.unlock()
    }
}

/// Whole-file reads through POSIX calls.
enum FileBytes {
    /// Reads the file at `path` into `buffer` (grown as needed) and returns its bytes,
    /// valid until the buffer is used again. The errors are those of `read(path:)`.
    static func read(path: String, into buffer: FileBuffer) throws(FileReadError)
        -> UnsafeRawBufferPointer
    {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(message: String(cString: strerror(errno))) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FileReadError(message: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileReadError(message: "is a directory")
        }
        // One byte more than the size given, so that a file read whole is seen to end
        // (the next read returns 0) without growing the buffer.
        buffer.reserve(max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == buffer.capacity {
                // The file grew since `fstat`: read on until its end.
                buffer.reserve(2 * buffer.capacity, keeping: count)
            }
            guard let base = buffer.base else { break }
            let got = Glibc_read(fd, base + count, buffer.capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError(message: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        return UnsafeRawBufferPointer(start: buffer.base, count: count)
    }

    /// The content of the file at `path`.
    static func read(path: String) throws(FileReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(message: String(cString: strerror(errno))) }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw FileReadError(message: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileReadError(message: "is a directory")
        }
        // One byte more than the size given, so that a file read whole is seen to end
        // (the next read returns 0) without growing the buffer; no byte is zeroed first.
        let expected = max(Int(info.st_size), 0)
        var failure: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                let got = Glibc_read(fd, base + initialized, buffer.count - initialized)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                initialized += got
            }
        }
        if failure != 0 { throw FileReadError(message: String(cString: strerror(failure))) }
        if out.count > expected {
            // The file grew since `fstat`: read on until its end.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = chunk.withUnsafeMutableBytes { raw -> Int in
                    Glibc_read(fd, raw.baseAddress, raw.count)
                }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw FileReadError(message: String(cString: strerror(errno)))
                }
                if got == 0 { break }
                out.append(contentsOf: chunk[0..<got])
            }
        }
        return out
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int {
    read(fd, p, n)
}
