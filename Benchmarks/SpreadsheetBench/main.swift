import Foundation
import KendaliData
import Spreadsheet

// SpreadsheetBench: reads one weekly table as a workbook or as CSV and prints the time.
//
//   SpreadsheetBench xlsx FILE.xlsx [REPEATS]   open the workbook and stream every row of
//                                               its first sheet, typed values
//   SpreadsheetBench csv FILE.csv [REPEATS]     read and validate the snapshot CSV file
//                                               (KendaliData's SnapshotReader)
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

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, ["xlsx", "csv"].contains(arguments[0]) else {
    FileHandle.standardError.write(Data("usage: SpreadsheetBench xlsx|csv FILE [REPEATS]\n".utf8))
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
