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
        let wall = ContinuousClock()
        var rows = 0
        var cells = 0
        let open = wall.now
        let reader = try WorkbookReader(contentsOf: URL(fileURLWithPath: xlsx))
        let opened = wall.now - open
        let cpuStart = clock_t(clock())
        let read = try wall.measure {
            try reader.forEachRow { row in
                rows += 1
                cells += row.cells.count
                _ = row.values(count: 12).map(\.text)
            }
        }
        let xlsxCPU = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        // The CSV side: the bytes read, decoded as UTF-8 and split into fields (a lower
        // bound for any CSV reader, which does at least this).
        var csvRows = 0
        var csvFields = 0
        let csvStart = clock_t(clock())
        let csvTime = try wall.measure {
            let data = try Data(contentsOf: URL(fileURLWithPath: csv))
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
                csvRows += 1
                csvFields += line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
                    .map { String(decoding: $0, as: UTF8.self) }.count
            }
        }
        let csvCPU = Double(clock() - csvStart) / Double(CLOCKS_PER_SEC)
        print("timing: xlsx \(rows) rows, \(cells) cells: open \(opened), rows \(read) (CPU \(xlsxCPU) s); "
            + "csv \(csvRows) rows, \(csvFields) fields: \(csvTime) (CPU \(csvCPU) s)")
        #expect(rows == csvRows)
    }
}

