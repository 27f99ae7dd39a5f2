/// One cell with a value: its 1-based column and the value.
public struct Cell: Hashable, Sendable {
    /// The column, 1-based (`A` is 1).
    public var column: Int
    /// The value (never ``CellValue/empty`` in rows a reader yields).
    public var value: CellValue

    /// A cell from its column and value.
    public init(column: Int, value: CellValue) {
        self.column = column
        self.value = value
    }
}

/// One row of a worksheet as a reader yields it: its number, and its cells that hold a
/// value, in column order. Cells missing from the file, and cells with a style but no
/// value, are empty and not listed (ECMA-376 Part 1, §18.3.1.73 lets a writer leave them
/// out); rows with no value at all are not yielded, so row numbers may skip.
public struct SheetRow: Hashable, Sendable {
    /// The worksheet's name.
    public var sheet: String
    /// The row number, 1-based, as Excel shows it.
    public var number: Int
    /// The cells with a value, by increasing column.
    public var cells: [Cell]

    /// A row from its parts; `cells` must be in increasing column order.
    public init(sheet: String, number: Int, cells: [Cell]) {
        self.sheet = sheet
        self.number = number
        self.cells = cells
    }

    /// The value in 1-based column `column`; ``CellValue/empty`` where there is none.
    ///
    /// - Complexity: O(log n) in the number of cells.
    public subscript(column: Int) -> CellValue {
        var low = 0
        var high = cells.count
        while low < high {
            let middle = (low + high) / 2
            if cells[middle].column < column { low = middle + 1 } else { high = middle }
        }
        return low < cells.count && cells[low].column == column ? cells[low].value : .empty
    }

    /// The values of columns 1 … `count`, empty where the row has none; a value past
    /// `count` is left out (``lastColumn`` tells whether there is one).
    public func values(count: Int) -> [CellValue] {
        var values = [CellValue](repeating: .empty, count: max(count, 0))
        for cell in cells where cell.column <= count { values[cell.column - 1] = cell.value }
        return values
    }

    /// The last column with a value; 0 for a row without any.
    public var lastColumn: Int { cells.last?.column ?? 0 }

    /// The reference of 1-based column `column` in this row, as `C12`.
    public func reference(column: Int) -> CellReference { CellReference(column: column, row: number) }

    /// Where column `column` of this row is, in a file named `file`: `file.xlsx:Sheet!C12`.
    public func location(column: Int, file: String) -> SpreadsheetLocation {
        SpreadsheetLocation(file: file, sheet: sheet, cell: reference(column: column))
    }
}
