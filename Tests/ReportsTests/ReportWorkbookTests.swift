import Analysis
import AnalysisFixtures
import Foundation
import KendaliData
import Spreadsheet
import Testing
@testable import Reports

@Suite("data/laporan.xlsx: the report's tables as one workbook")
struct ReportWorkbookTests {
    @Test(arguments: [ReportLanguage.id, .en])
    func everyTableIsASheetWithItsValues(_ language: ReportLanguage) throws {
        let (_, doc) = try FixtureWorld.report(language: language, forecast: true)
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-workbook-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let out = base.appendingPathComponent("laporan")
        try ReportWriter.write(doc, to: out.path)
        let reader = try WorkbookReader(contentsOf: out.appendingPathComponent("data/laporan.xlsx"))
        #expect(reader.sheets.count == doc.tables.count)
        for (table, sheet) in zip(doc.tables, reader.sheets) {
            let exported = table.columns.filter(\.isExported)
            let rows = try reader.rows(inSheet: sheet.name)
            let width = exported.count
            // Two header rows (the report's language, then the machine names), then the data.
            #expect(rows.count == 2 + table.rows.count, "\(table.name)")
            guard rows.count >= 2 else { continue }
            #expect(rows[0].values(count: width).map(\.text) == exported.map(\.header), "\(table.name)")
            #expect(rows[1].values(count: width).map(\.text) == exported.map(\.key), "\(table.name)")
            // Every number of the CSV is a number in the workbook, every date a date.
            let keep = table.columns.indices.filter { table.columns[$0].isExported }
            for sheetRow in rows.dropFirst(2) {
                let index = sheetRow.number - 3  // 1-based sheet rows, after two header rows
                guard index >= 0, index < table.rows.count else {
                    Issue.record("\(table.name): unexpected row \(sheetRow.number)")
                    continue
                }
                let values = sheetRow.values(count: width)
                for (c, k) in keep.enumerated() where k < table.rows[index].count {
                    switch table.rows[index][k] {
                    case let .integer(n), let .change(n): #expect(values[c] == .number(Double(n)), "\(table.name)")
                    case let .number(x, _) where x.isFinite: #expect(values[c] == .number(x), "\(table.name)")
                    case let .percent(x, _) where x.isFinite: #expect(values[c] == .number(x), "\(table.name)")
                    case let .date(d): #expect(values[c].text == d.iso, "\(table.name)")
                    default: break
                    }
                }
            }
        }
    }

    @Test func sheetNamesAreValidAndUnique() {
        var used = Set<String>()
        #expect(ReportWorkbook.sheetName("priorities", used: &used) == "priorities")
        #expect(ReportWorkbook.sheetName("Priorities", used: &used) == "Priorities_2")
        #expect(ReportWorkbook.sheetName("a/b:c", used: &used) == "a_b_c")
        let long = String(repeating: "x", count: 40)
        #expect(ReportWorkbook.sheetName(long, used: &used).count == 31)
        #expect(ReportWorkbook.sheetName(long, used: &used) == String(repeating: "x", count: 29) + "_2")
    }
}
