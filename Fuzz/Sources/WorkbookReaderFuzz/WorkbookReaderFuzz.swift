import KendaliData

/// libFuzzer entry point: reads the input as a weekly snapshot file the way a file on disk
/// is read (an `.xlsx` workbook when it is a zip archive, CSV text otherwise) and checks
/// the reader's invariants. Seeded with the committed workbooks, it mutates the archive
/// bytes; a crash, a sanitizer report, a timeout or a failed invariant is a finding.
///
/// Invariants checked on every input:
/// - the reader returns (records or errors) and never traps;
/// - an accepted file has records sorted by unique code, one line per record, all with
///   the report date, progress in 0–100 and units in 0–7, and its size is the input's;
/// - a rejected file has at least one issue, every issue an error naming the file;
/// - accepted records written as CSV read back the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbookReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    do {
        let file = try SnapshotReader.read(bytes: buffer, fileName: "fuzz.xlsx")
        check(!file.records.isEmpty, "accepted file without records")
        check(file.recordLines.count == file.records.count, "lines and records differ")
        check(file.byteCount == size, "size differs")
        for (i, r) in file.records.enumerated() {
            if i > 0 { check(file.records[i - 1].kode < r.kode, "records not sorted/unique") }
            check(r.tanggal == file.reportDate, "record date differs")
            if let p = r.progresFisik { check(p >= 0 && p <= 100, "progress out of range") }
            check((0...7).contains(r.unitUsahaAktif), "units out of range")
            check(r.jumlahAnggota >= 0, "negative members")
        }
        do {
            let again = try SnapshotReader.parse(bytes: SnapshotWriter.bytes(file.records), fileName: "again.csv")
            check(again.records == file.records, "round trip changed the records")
        } catch {
            check(false, "writer output rejected: \(error)")
        }
    } catch {
        check(!error.issues.isEmpty, "rejected without issues")
        for issue in error.issues {
            check(issue.severity == .error, "warning among errors")
            check(issue.file == "fuzz.xlsx", "issue names another file")
        }
        _ = error.description
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

/// The program's entry point in debug builds (see `SnapshotReaderFuzz_main`).
@_cdecl("WorkbookReaderFuzz_main")
public func workbookReaderFuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector) { data, size in
        fuzzWorkbookReader(data, size)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
