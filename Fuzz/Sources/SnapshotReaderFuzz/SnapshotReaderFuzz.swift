import KendaliData

/// libFuzzer entry point: reads the input as a snapshot file and checks the reader's
/// invariants. A crash, a sanitizer report or a failed invariant is a finding.
///
/// Invariants checked on every input:
/// - the reader returns (records or errors) and never traps;
/// - an accepted file has records sorted by unique code, one line per record, all with
///   the report date, progress in 0–100 and units in 0–7;
/// - a rejected file has at least one issue, every issue an error naming the file;
/// - writing accepted records and reading them back gives the same records, and writing
///   those again gives the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshotReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    do {
        let file = try SnapshotReader.parse(buffer: buffer, fileName: "fuzz.csv")
        check(!file.records.isEmpty, "accepted file without records")
        check(file.recordLines.count == file.records.count, "lines and records differ")
        for (i, r) in file.records.enumerated() {
            if i > 0 { check(file.records[i - 1].kode < r.kode, "records not sorted/unique") }
            check(r.tanggal == file.reportDate, "record date differs")
            if let p = r.progresFisik { check(p >= 0 && p <= 100, "progress out of range") }
            check((0...7).contains(r.unitUsahaAktif), "units out of range")
            check(r.jumlahAnggota >= 0, "negative members")
        }
        let written = SnapshotWriter.bytes(file.records)
        do {
            let again = try SnapshotReader.parse(bytes: written, fileName: "again.csv")
            check(again.records == file.records, "round trip changed the records")
            check(SnapshotWriter.bytes(again.records) == written, "second write differs")
        } catch {
            check(false, "writer output rejected: \(error)")
        }
    } catch {
        check(!error.issues.isEmpty, "rejected without issues")
        for issue in error.issues {
            check(issue.severity == .error, "warning among errors")
            check(issue.file == "fuzz.csv", "issue names another file")
            _ = issue.description
        }
    }
    return 0
}

/// Stops the fuzzer with a message when an invariant fails.
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        print("invariant failed: \(message())")
        abort()
    }
}

/// libFuzzer's driver (compiler-rt, LLVM ≥ 11), declared here to start it by hand.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// The program's entry point in debug builds.
///
/// SwiftPM links debug executables with `main` renamed to `<module>_main` (so tests can
/// import them), which hides libFuzzer's own `main`; this function takes that name and
/// starts libFuzzer's driver itself. Release builds use libFuzzer's `main` directly.
@_cdecl("SnapshotReaderFuzz_main")
public func snapshotReaderFuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        fuzzSnapshotReader(data, size)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
