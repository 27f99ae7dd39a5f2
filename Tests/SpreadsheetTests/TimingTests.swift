import Foundation
import Spreadsheet
import Testing

/// Reads a large workbook and the same table as CSV, and prints the times; run by
/// `Benchmarks/spreadsheet-read.sh`, which sets the two paths. Without them it does
/// nothing. It asserts only that both files hold the same number of rows: times are
/// printed, never checked.
@Suite("Timing (only with SPREADSHEET_TIMING_XLSX and SPREADSHEET_TIMING_CSV)")
struct TimingTests {
    @Test("Reading a large workbook beside the same table as CSV")
    func workbookBesideCSV() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let xlsx = environment["SPREADSHEET_TIMING_XLSX"], let csv = environment["SPREADSHEET_TIMING_CSV"] else {
            return
        }
        let clock = ContinuousClock()
        var rows = 0
        var cells = 0
        let open = clock.now
        let reader = try WorkbookReader(contentsOf: URL(fileURLWithPath: xlsx))
        let opened = clock.now - open
        let read = try clock.measure {
            try reader.forEachRow { row in
                rows += 1
                cells += row.cells.count
                _ = row.values(count: 12).map(\.text)
            }
        }
        // The CSV side: the bytes read, decoded as UTF-8 and split into fields (a lower
        // bound for any CSV reader, which does at least this).
        var csvRows = 0
        var csvFields = 0
        let csvTime = try clock.measure {
            let data = try Data(contentsOf: URL(fileURLWithPath: csv))
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
                csvRows += 1
                csvFields += line.split(separator: ",", omittingEmptySubsequences: false).map(String.init).count
            }
        }
        print("timing: xlsx \(rows) rows, \(cells) cells: open \(opened), rows \(read); "
            + "csv \(csvRows) rows, \(csvFields) fields: \(csvTime)")
        #expect(rows == csvRows)
    }
}

