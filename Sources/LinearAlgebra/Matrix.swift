/// A dense matrix of `Double` in column-major order, the storage LAPACK expects.
///
/// Element (i, j) — row i, column j, both from 0 — is `elements[i + j * rows]`.
/// A value type: copies are cheap until written (copy-on-write of the array).
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    /// Number of rows, ≥ 0.
    public let rows: Int
    /// Number of columns, ≥ 0.
    public let columns: Int
    /// The elements, column after column; `count == rows * columns`.
    public var elements: [Double]

    /// A `rows` × `columns` matrix with every element `value`.
    ///
    /// - Precondition: `rows` and `columns` are non-negative.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix from column-major elements.
    ///
    /// - Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        precondition(elements.count == rows * columns, "Element count must equal rows × columns")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from its columns, each of the same length.
    ///
    /// - Precondition: every column has the same count.
    public init(columns cols: [[Double]]) {
        let r = cols.first?.count ?? 0
        precondition(cols.allSatisfy { $0.count == r }, "All columns must have the same length")
        self.rows = r
        self.columns = cols.count
        self.elements = cols.flatMap { $0 }
    }

    /// A matrix from its rows, each of the same length.
    ///
    /// - Precondition: every row has the same count.
    public init(rows rowArrays: [[Double]]) {
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "All rows must have the same length")
        self.rows = rowArrays.count
        self.columns = c
        var e = [Double](repeating: 0, count: rowArrays.count * c)
        for (i, row) in rowArrays.enumerated() {
            for (j, v) in row.enumerated() { e[i + j * rowArrays.count] = v }
        }
        self.elements = e
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.elements[i + i * n] = 1 }
        return m
    }

    /// Element at row `i`, column `j`.
    ///
    /// - Precondition: `0 <= i < rows`, `0 <= j < columns`.
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index out of range")
            return elements[i + j * rows]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index out of range")
            elements[i + j * rows] = newValue
        }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Column index out of range")
        return Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.elements[j + i * columns] = elements[i + j * rows] }
        }
        return t
    }

    /// True when every element is finite (no NaN, no ±∞).
    public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }

    /// A short text form, row by row.
    public var description: String {
        (0..<rows).map { i in
            (0..<columns).map { j in String(self[i, j]) }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}
