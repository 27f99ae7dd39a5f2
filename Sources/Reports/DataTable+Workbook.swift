import Foundation

extension DataTable {
    /// `tables` as one Excel workbook, with the conventions of the report's
    /// `data/laporan.xlsx`: a sheet a table (named after ``name``), two frozen header rows
    /// (the column headers in `language`, then the machine names of the CSV and JSON),
    /// numbers as numbers, dates as dates, zones and coded values as their labels in
    /// `language`, and a missing value as an empty cell. Only exported columns are written.
    ///
    /// - Parameters:
    ///   - tables: the tables, in sheet order.
    ///   - language: the language of the headers and labels.
    ///   - fileName: the file's name, for error messages.
    /// - Returns: the `.xlsx` bytes (empty when `tables` is empty).
    /// - Throws: `SpreadsheetError` when a table cannot be written (a text longer than a
    ///   cell holds, a table past a sheet's bounds).
    public static func workbook(_ tables: [DataTable], language: ReportLanguage, fileName: String) throws -> Data {
        try ReportWorkbook.data(tables: tables, language: language, fileName: fileName)
    }
}
