/// The BLAS routines called by `Matrix.product`, resolved at run time.
///
/// `dgemm_` and `dgemv_` live in the BLAS library (`libblas.so.3` or OpenBLAS), which the
/// `CLAPACK` module map does not link directly (it links only `lapack`, and the linker
/// refuses symbols that come only through a dependency of it). LAPACK itself loads the BLAS
/// library, so the routines are found in the process's global scope with `dlsym`; the
/// signatures follow the declarations in `CLAPACK/shim.h`.
enum BLASRoutines {
    typealias Dgemm = @convention(c) (
        UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?,
        UnsafePointer<Int32>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Int32>?,
        UnsafePointer<Double>?, UnsafePointer<Int32>?, UnsafePointer<Double>?,
        UnsafeMutablePointer<Double>?, UnsafePointer<Int32>?, Int, Int
    ) -> Void
    typealias Dgemv = @convention(c) (
        UnsafePointer<CChar>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Double>?,
        UnsafePointer<Double>?, UnsafePointer<Int32>?, UnsafePointer<Double>?, UnsafePointer<Int32>?,
        UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafePointer<Int32>?, Int
    ) -> Void

    /// `dgemm_`, or `nil` when no BLAS library is loaded.
    static let dgemm: Dgemm? = DynamicSymbols.lookup("dgemm_").map { unsafeBitCast($0, to: Dgemm.self) }
    /// `dgemv_`, or `nil` when no BLAS library is loaded.
    static let dgemv: Dgemv? = DynamicSymbols.lookup("dgemv_").map { unsafeBitCast($0, to: Dgemv.self) }
}

extension Matrix {
    /// The product `op(A)·op(B)` through BLAS `dgemm`, where `op(X)` is `X` or `Xᵀ`.
    ///
    /// - Parameters:
    ///   - a: left factor; `op(A)` is m × k.
    ///   - b: right factor; `op(B)` is k × n.
    ///   - transposeA: use `Aᵀ` instead of `A`.
    ///   - transposeB: use `Bᵀ` instead of `B`.
    /// - Returns: the m × n product.
    /// - Throws: `.dimensionMismatch` when the inner dimensions differ, `.nonFiniteInput`,
    ///   `.sizeTooLarge`, `.missingRoutine` when no BLAS is loaded.
    /// - Complexity: `2mnk` flops.
    public static func product(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false
    ) throws(LinearAlgebraError) -> Matrix {
        let (m, ka) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
        guard ka == kb else {
            throw .dimensionMismatch(
                operation: "product",
                detail: "op(A) is \(m)×\(ka), op(B) is \(kb)×\(n)")
        }
        try LAPACKSupport.requireFinite(a, "A")
        try LAPACKSupport.requireFinite(b, "B")
        var c = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 || ka == 0 { return c }
        var mm = try LAPACKSupport.integer(m, "dgemm")
        var nn = try LAPACKSupport.integer(n, "dgemm")
        var kk = try LAPACKSupport.integer(ka, "dgemm")
        var lda = try LAPACKSupport.integer(max(1, a.rows), "dgemm")
        var ldb = try LAPACKSupport.integer(max(1, b.rows), "dgemm")
        var ldc = mm
        _ = try LAPACKSupport.integer(m * n, "dgemm")
        var alpha = 1.0
        var beta = 0.0
        guard let dgemm_ = BLASRoutines.dgemm else { throw .missingRoutine(name: "dgemm_") }
        dgemm_(transposeA ? "T" : "N", transposeB ? "T" : "N", &mm, &nn, &kk, &alpha,
               a.elements, &lda, b.elements, &ldb, &beta, &c.elements, &ldc,
               fortranCharLength, fortranCharLength)
        return c
    }

    /// The matrix–vector product `A·x` (or `Aᵀ·x` when `transpose`) through BLAS `dgemv`.
    ///
    /// - Throws: `.dimensionMismatch` when `x` has the wrong length, `.nonFiniteInput`.
    /// - Complexity: `2mn` flops.
    public static func product(_ a: Matrix, _ x: [Double], transpose: Bool = false)
        throws(LinearAlgebraError) -> [Double]
    {
        let (m, n) = transpose ? (a.columns, a.rows) : (a.rows, a.columns)
        guard x.count == n else {
            throw .dimensionMismatch(operation: "product", detail: "op(A) is \(m)×\(n), x has \(x.count)")
        }
        try LAPACKSupport.requireFinite(a, "A")
        try LAPACKSupport.requireFinite(x, "x")
        var y = [Double](repeating: 0, count: m)
        if m == 0 || n == 0 { return y }
        var rows = try LAPACKSupport.integer(a.rows, "dgemv")
        var cols = try LAPACKSupport.integer(a.columns, "dgemv")
        var lda = try LAPACKSupport.integer(max(1, a.rows), "dgemv")
        var one: Int32 = 1
        var alpha = 1.0
        var beta = 0.0
        guard let dgemv_ = BLASRoutines.dgemv else { throw .missingRoutine(name: "dgemv_") }
        dgemv_(transpose ? "T" : "N", &rows, &cols, &alpha, a.elements, &lda, x, &one, &beta,
               &y, &one, fortranCharLength)
        return y
    }
}
