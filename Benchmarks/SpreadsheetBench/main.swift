import CSV
import Foundation
import KendaliData
import Spreadsheet

// SpreadsheetBench: reads one weekly table as a workbook or as CSV and prints the time.
//
//   SpreadsheetBench xlsx FILE.xlsx [REPEATS]   open the workbook and stream every row of
//                                               its first sheet, typed values
//   SpreadsheetBench csv FILE.csv [REPEATS]     read and validate the snapshot CSV file
//                                               (KendaliData's SnapshotReader)
//   SpreadsheetBench to-xlsx IN.csv OUT.xlsx     write a snapshot CSV file as a workbook
//                                               (Spreadsheet's WorkbookWriter): codes and
//                                               names as text, numbers as numbers, flags as
//                                               0/1 numbers, the report date as a date
//
// Driven by Benchmarks/spreadsheet-read.sh, which writes the same week both ways. Each
// repeat prints one line: the rows read, the wall time and the process's CPU time
// (user + system) of that repeat, in seconds. Never part of the test run.

/// The process's user + system CPU seconds so far.
func cpuSeconds() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }

/// Reads every row of the workbook's first sheet; returns the rows, cells and UTF-8 bytes
/// of the text cells (each value is looked at, none converted).
func readWorkbook(_ path: String) throws -> (rows: Int, cells: Int, bytes: Int) {
    let reader = try WorkbookReader(contentsOf: URL(fileURLWithPath: path))
    var rows = 0
    var cells = 0
    var characters = 0
    try reader.forEachRow { row in
        rows += 1
        cells += row.cells.count
        for cell in row.cells {
            if case .string(let text) = cell.value { characters += text.utf8.count }
        }
    }
    return (rows, cells, characters)
}

/// Writes the snapshot file `input` as the workbook `output`, one sheet named `Minggu`, as an
/// office would keep the week: the header row, then one row per report.
func writeWorkbook(_ input: String, _ output: String) throws {
    let records = try CSVReader().records(Array(try Data(contentsOf: URL(fileURLWithPath: input))))
        .filter { !$0.isEmptyLine }
    guard let header = records.first?.fields else { return }
    let textColumns: Set<String> = [
        "kode_koperasi", "nama_koperasi", "desa", "kecamatan", "kabupaten", "tahap", "status_lahan", "catatan",
    ]
    var rows: [[CellValue]] = []
    rows.reserveCapacity(records.count)
    for record in records.dropFirst() {
        rows.append(zip(header, record.fields).map { name, value -> CellValue in
            if value.isEmpty { return .empty }
            if name == "tanggal_laporan", let day = Day(parsing: value) {
                return .date(SpreadsheetDateTime(year: day.year, month: day.month, day: day.day))
            }
            if !textColumns.contains(name), let number = Double(value) { return .number(number) }
            return .string(value)
        })
    }
    let table = SpreadsheetTable(name: "Minggu", headerRows: [header], rows: rows, freezesHeader: false, boldHeader: false)
    try WorkbookWriter.write([table], to: URL(fileURLWithPath: output))
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.count == 3, arguments[0] == "to-xlsx" {
    do {
        try writeWorkbook(arguments[1], arguments[2])
    } catch {
        FileHandle.standardError.write(Data("SpreadsheetBench: \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
guard arguments.count >= 2, ["xlsx", "csv"].contains(arguments[0]) else {
    FileHandle.standardError.write(Data("usage: SpreadsheetBench xlsx|csv FILE [REPEATS] | to-xlsx IN.csv OUT.xlsx\n".utf8))
    exit(64)
}
let repeats = arguments.count > 2 ? max(Int(arguments[2]) ?? 1, 1) : 1
let wallClock = ContinuousClock()
for _ in 0..<repeats {
    let cpuStart = cpuSeconds()
    let start = wallClock.now
    let rows: Int
    var cells = ""
    do {
        if arguments[0] == "xlsx" {
            let read = try readWorkbook(arguments[1])
            rows = read.rows
            cells = " cells \(read.cells) text bytes \(read.bytes)"
        } else {
            rows = try SnapshotReader.read(contentsOf: arguments[1]).records.count
        }
    } catch {
        FileHandle.standardError.write(Data("SpreadsheetBench: \(error)\n".utf8))
        exit(1)
    }
    let wall = wallClock.now - start
    let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
    print("\(arguments[0]) rows \(rows)\(cells) wall \(String(format: "%.4f", seconds)) s cpu "
        + String(format: "%.4f", cpuSeconds() - cpuStart) + " s")
}
