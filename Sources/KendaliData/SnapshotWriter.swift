#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CSV

/// An error writing a snapshot file.
public struct SnapshotWriteError: Error, Sendable, CustomStringConvertible {
    /// The path being written.
    public var path: String
    /// The system's description of the failure.
    public var message: String

    /// A write failure of `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `PATH: message`.
    public var description: String { "\(path): \(message)" }
}

/// Writes weekly snapshots in Kendali's canonical form of spec version 1.
///
/// The canonical form: the columns of `SnapshotColumns.all` in that order, `,` delimiter,
/// LF line ends, no byte-order mark; RFC 4180 quoting only where needed, by the `CSV`
/// module's writer under its exact rule (a field holding `,`, `;`, `"`, CR or LF, or
/// starting or ending with a space or tab); 0/1 for flags; dates
/// `YYYY-MM-DD`; `kode_koperasi` as 10 digits; `progres_fisik` in the shortest form that
/// reads back to the same `Double` (`12.5`, `100`, `33.333333333333336`), with `.` as
/// decimal point; empty fields for `nil`.
///
/// So reading a canonical file and writing its records gives the same bytes, and
/// writing records and reading them back gives the same records (text fields that are
/// empty strings read back as `nil`). It is the one writer of snapshot files: the
/// simulator writes its worlds through it.
public enum SnapshotWriter {
    /// The header line and one line per record, in the order given, as UTF-8 bytes.
    ///
    /// - Complexity: O(total size of the output).
    public static func bytes(_ records: [SnapshotRecord]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + records.count * 200)
        for (i, name) in SnapshotColumns.all.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: name.utf8)
        }
        out.append(0x0A)
        var dates = DateCache()
        for r in records { append(r, dates: &dates, to: &out) }
        return out
    }

    /// The header line and one line per record, in the order given.
    public static func csv(_ records: [SnapshotRecord]) -> String {
        String(decoding: bytes(records), as: UTF8.self)
    }

    /// Writes `records` to `path` atomically: the bytes go to a temporary file in the same
    /// folder, which is flushed to disk and then renamed over `path`, so a reader never
    /// sees a half-written file.
    ///
    /// - Throws: `SnapshotWriteError` when the file can't be created, written or renamed.
    public static func write(_ records: [SnapshotRecord], to path: String) throws(SnapshotWriteError) {
        try writeAtomically(bytes(records), to: path)
    }

    /// Writes `data` to `path` through a temporary file and a rename.
    ///
    /// - Throws: `SnapshotWriteError` when the file can't be created, written or renamed.
    public static func writeAtomically(_ data: [UInt8], to path: String) throws(SnapshotWriteError) {
        func failure(_ what: String) -> SnapshotWriteError {
            SnapshotWriteError(path: path, message: what + ": " + String(cString: strerror(errno)))
        }
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("cannot create a temporary file") }
        let tempPath = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        var ok = false
        defer {
            if !ok { _ = unlink(tempPath) }
        }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { raw in
                Glibc_write(fd, raw.baseAddress! + written, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let e = failure("cannot write")
                _ = close(fd)
                throw e
            }
            written += n
        }
        _ = fchmod(fd, 0o644)
        if fsync(fd) != 0 {
            let e = failure("cannot flush")
            _ = close(fd)
            throw e
        }
        guard close(fd) == 0 else { throw failure("cannot close") }
        guard rename(tempPath, path) == 0 else { throw failure("cannot rename into place") }
        ok = true
    }

    // MARK: Fields

    /// The bytes of the last date written: the rows of a file share one date.
    struct DateCache {
        var day: Day?
        var bytes: [UInt8] = []
    }

    static func append(_ r: SnapshotRecord, dates: inout DateCache, to out: inout [UInt8]) {
        appendInteger(r.kode.value, to: &out)
        out.append(0x2C)
        appendText(r.nama, to: &out)
        out.append(0x2C)
        appendText(r.desa, to: &out)
        out.append(0x2C)
        appendText(r.kecamatan, to: &out)
        out.append(0x2C)
        appendText(r.kabupaten, to: &out)
        out.append(0x2C)
        if dates.day != r.tanggal {
            dates.day = r.tanggal
            dates.bytes.removeAll(keepingCapacity: true)
            appendDate(r.tanggal, to: &dates.bytes)
        }
        out.append(contentsOf: dates.bytes)
        out.append(0x2C)
        out.append(contentsOf: r.tahap.rawValue.utf8)
        out.append(0x2C)
        appendFlag(r.badanHukum, to: &out)
        appendFlag(r.pengurusLengkap, to: &out)
        appendInteger(Int64(r.jumlahAnggota), to: &out)
        out.append(0x2C)
        appendFlag(r.rapatAnggota, to: &out)
        appendFlag(r.nib, to: &out)
        appendFlag(r.npwp, to: &out)
        appendFlag(r.rekeningBank, to: &out)
        appendFlag(r.laporanTepatWaktu, to: &out)
        out.append(contentsOf: r.statusLahan.rawValue.utf8)
        out.append(0x2C)
        if let p = r.progresFisik { appendProgress(p, to: &out) }
        out.append(0x2C)
        appendInteger(Int64(r.unitUsahaAktif), to: &out)
        out.append(0x2C)
        if let v = r.omzetBulanan { appendInteger(v, to: &out) }
        out.append(0x2C)
        if let v = r.anggotaAktif { appendInteger(Int64(v), to: &out) }
        out.append(0x2C)
        appendFlag(r.kendalaLahan, to: &out)
        appendFlag(r.kendalaCuaca, to: &out)
        appendFlag(r.kendalaTenagaKerja, to: &out)
        appendFlag(r.kendalaTeknis, to: &out)
        appendText(r.catatan, to: &out)
        out.append(0x0A)
    }

    /// `1,` or `0,`.
    @inline(__always)
    private static func appendFlag(_ v: Bool, to out: inout [UInt8]) {
        out.append(v ? 0x31 : 0x30)
        out.append(0x2C)
    }

    @inline(__always)
    private static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        CSVWriter.append(v, to: &out)
    }

    private static func appendDate(_ day: Day, to out: inout [UInt8]) {
        let c = day.components
        let y = c.year
        out.append(0x30 + UInt8(y / 1000 % 10))
        out.append(0x30 + UInt8(y / 100 % 10))
        out.append(0x30 + UInt8(y / 10 % 10))
        out.append(0x30 + UInt8(y % 10))
        out.append(0x2D)
        out.append(0x30 + UInt8(c.month / 10))
        out.append(0x30 + UInt8(c.month % 10))
        out.append(0x2D)
        out.append(0x30 + UInt8(c.day / 10))
        out.append(0x30 + UInt8(c.day % 10))
    }

    /// Appends one text field under the CSV writer's exact rule: quoted when it holds `,`,
    /// `;`, `"`, CR or LF or starts or ends with a space or tab.
    private static func appendText(_ text: String?, to out: inout [UInt8]) {
        guard let text, !text.isEmpty else { return }
        CSVWriter.append(text, quoting: .exact, to: &out)
    }

    /// Appends `progressText(v)`; a whole number of tenths (the form of most reports) is
    /// written from its digits without making a `String`.
    @inline(__always)
    static func appendProgress(_ v: Double, to out: inout [UInt8]) {
        // When `v` is the double nearest to t/10, t/10 written in decimal is the shortest
        // text that reads back as `v` (a shorter one would be a whole number, another
        // double), so it is what `progressText` gives.
        let tenths = (v * 10).rounded()
        if v.sign == .plus, tenths < 1e15, Double(Int64(tenths)) / 10 == v {
            let t = Int64(tenths)
            CSVWriter.append(t / 10, to: &out)
            if t % 10 != 0 {
                out.append(0x2E)
                out.append(0x30 + UInt8(t % 10))
            }
            return
        }
        out.append(contentsOf: progressText(v).utf8)
    }

    /// The shortest text that reads back as `v`: Swift's shortest round-trip form,
    /// without a trailing `.0` (`100`, `12.5`, `1e-05`).
    public static func progressText(_ v: Double) -> String {
        var s = v.description
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    write(fd, p, n)
}
