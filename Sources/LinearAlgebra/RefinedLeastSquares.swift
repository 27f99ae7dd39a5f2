/// Linear least squares to (nearly) full double precision: column equilibration, Householder
/// QR with column pivoting, and iterative refinement of the augmented system with residuals
/// accumulated in twice the working precision.
///
/// The problem `min ‖b − A·x‖₂` is written as the augmented system
///
/// ```
/// ⎡ I   A ⎤ ⎡ r ⎤   ⎡ b ⎤
/// ⎣ Aᵀ  0 ⎦ ⎣ x ⎦ = ⎣ c ⎦        (c = 0 for least squares)
/// ```
///
/// Each refinement step computes `f = b − r − A·x` and `g = c − Aᵀ·r` with compensated dot
/// products (`Compensated.Accumulator`), then solves for the corrections with the QR factors
/// `A·P = Q·R`: `R11ᵀ·d = Pᵀg`, `R11·δz = (Qᵀf)₁ − d`, `δr = Q·[d; (Qᵀf)₂]`, `δx = P·δz`.
/// Refinement contracts at a rate of about `κ(A)·ε` per step, so it converges whenever the
/// equilibrated condition number is well below `1/ε`; the limit is then set by the
/// double-length residuals, not by `κ(A)²·ε` as for a plain QR solve.
/// Reference: Å. Björck, "Iterative refinement of linear least squares solutions I",
/// BIT 7 (1967) 257–278, doi:10.1007/BF01939321; N. J. Higham, *Accuracy and Stability of
/// Numerical Algorithms*, 2nd ed., §20.5.
///
/// Columns are scaled by powers of two (exact in binary floating point) to unit-order norms
/// before factoring, so the rank decision and the condition estimate do not depend on the
/// units of the columns. A rank-deficient `A` gets the *basic* solution: the columns pivoted
/// after the numerical rank are left out (their coefficients are 0 and `isBasic` is false).
///
/// - Complexity: `2mn² − 2n³/3` flops to factor; each refinement step `O(mn)`.
public struct RefinedLeastSquares: Sendable {
    /// One solved problem.
    public struct Solution: Sendable, Equatable {
        /// The coefficients `x`, length n, in the caller's units; 0 for non-basic columns.
        public let coefficients: [Double]
        /// The residual `r = b − A·x`, length m.
        public let residuals: [Double]
        /// Refinement steps taken (the first is the plain QR solution).
        public let iterations: Int
        /// True when the last correction was at the rounding level of the solution,
        /// `‖δx‖∞ ≤ 64·ε·‖x‖∞` in equilibrated units.
        public let converged: Bool
    }

    /// Rows m of `A`.
    public var rows: Int { scaled.rows }
    /// Columns n of `A`.
    public var columns: Int { scaled.columns }
    /// The numerical rank of the equilibrated `A`.
    public var rank: Int { qr.rank }
    /// The power-of-two factor each column was multiplied by before factoring.
    public let columnScale: [Double]
    /// `isBasic[j]` is false for a column left out because of rank deficiency.
    public let isBasic: [Bool]
    /// Estimated 1-norm condition number of the equilibrated basic columns (`1/dtrcon` of
    /// `R11`); `+∞` when the rank is 0.
    public var conditionNumber: Double {
        qr.reciprocalCondition > 0 ? 1 / qr.reciprocalCondition : .infinity
    }

    /// `A` with its columns scaled by `columnScale`.
    let scaled: Matrix
    /// `scaled·P = Q·R`.
    let qr: QRFactorization

    /// Equilibrates and factors `a`.
    ///
    /// - Parameters:
    ///   - a: m × n, finite, m ≥ 1, n ≥ 1.
    ///   - rankTolerance: relative threshold on the diagonal of `R` (see `QRFactorization`);
    ///     `nil` means `max(m, n) · ε`.
    /// - Throws: `LinearAlgebraError` for NaN/∞ or empty input.
    public init(_ a: Matrix, rankTolerance: Double? = nil) throws(LinearAlgebraError) {
        guard a.rows > 0, a.columns > 0 else { throw .emptyInput(operation: "least squares") }
        try LAPACKSupport.requireFinite(a, "A")
        let m = a.rows
        var scale = [Double](repeating: 1, count: a.columns)
        var scaledElements = [Double](repeating: 0, count: a.elements.count)
        a.elements.withUnsafeBufferPointer { src in
            scaledElements.withUnsafeMutableBufferPointer { dst in
                for j in 0..<a.columns {
                    let column = UnsafeBufferPointer(rebasing: src[(j * m)..<((j + 1) * m)])
                    var big = 0.0
                    for v in column { big = max(big, abs(v)) }
                    var d = 1.0
                    if big > 0 {
                        // ‖aⱼ‖₂ without overflow, then the power of two nearest below its inverse.
                        var acc = 0.0
                        for v in column {
                            let t = v / big
                            acc += t * t
                        }
                        let norm = big * acc.squareRoot()
                        let candidate = Double(sign: .plus, exponent: -norm.exponent, significand: 1)
                        if candidate.isFinite, candidate > 0 { d = candidate }
                    }
                    scale[j] = d
                    for i in 0..<m { dst[j * m + i] = column[i] * d }
                }
            }
        }
        let s = Matrix(rows: m, columns: a.columns, columnMajor: scaledElements)
        let f = try QRFactorization(checkedFinite: s, pivoting: true, rankTolerance: rankTolerance)
        var basic = [Bool](repeating: false, count: a.columns)
        for k in 0..<f.rank { basic[f.permutation[k]] = true }
        self.scaled = s
        self.qr = f
        self.columnScale = scale
        self.isBasic = basic
    }

    /// Solves `min ‖b − A·x‖₂` with iterative refinement.
    ///
    /// - Parameters:
    ///   - b: length m, finite.
    ///   - maximumIterations: refinement steps allowed, ≥ 1 (the first is the plain solve).
    /// - Throws: `.dimensionMismatch`, `.nonFiniteInput`.
    public func solve(_ b: [Double], maximumIterations: Int = 10) throws(LinearAlgebraError) -> Solution {
        guard b.count == rows else {
            throw .dimensionMismatch(operation: "least squares", detail: "A is \(rows)×\(columns), b has \(b.count)")
        }
        try LAPACKSupport.requireFinite(b, "b")
        let out = try refine(b: b, c: nil, maximumIterations: maximumIterations)
        var x = out.x
        for j in 0..<columns { x[j] *= columnScale[j] }
        return Solution(coefficients: x, residuals: out.r, iterations: out.iterations, converged: out.converged)
    }

    /// `(AᵀA)⁻¹` restricted to the basic columns, in the caller's units; rows and columns of
    /// non-basic columns are 0. This is the unscaled covariance of the coefficients.
    ///
    /// - Parameter refine: when true, each column is found by refining the augmented system
    ///   with `b = 0`, `c = eⱼ` (accurate to nearly full precision while `κ·ε ≪ 1`); when
    ///   false, it is `P·R11⁻¹·R11⁻ᵀ·Pᵀ` directly (relative error up to about `κ²·ε`).
    /// - Returns: the n × n symmetric matrix and whether every refinement converged.
    /// - Throws: `.singularMatrix` if `R11` has an exact zero on its diagonal.
    /// - Complexity: `O(n³)` unrefined; `O(mn²)` per refinement sweep when refined.
    public func normalMatrixInverse(refine: Bool) throws(LinearAlgebraError) -> (matrix: Matrix, converged: Bool) {
        let n = columns
        let k = rank
        var cs = Matrix(rows: n, columns: n)
        var allConverged = true
        if refine {
            for col in 0..<k {
                var c = [Double](repeating: 0, count: n)
                c[qr.permutation[col]] = 1
                let out = try self.refine(b: [Double](repeating: 0, count: rows), c: c, maximumIterations: 10)
                allConverged = allConverged && out.converged
                for i in 0..<n { cs.elements[i + qr.permutation[col] * n] = -out.x[i] }
            }
        } else {
            let rinv = try qr.inverseR()
            for a in 0..<k {
                for b in 0..<k {
                    var s = 0.0
                    for l in max(a, b)..<k { s += rinv.elements[a + l * k] * rinv.elements[b + l * k] }
                    cs.elements[qr.permutation[a] + qr.permutation[b] * n] = s
                }
            }
        }
        var out = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0..<n {
                let v = 0.5 * (cs.elements[i + j * n] + cs.elements[j + i * n])
                out.elements[i + j * n] = v * columnScale[i] * columnScale[j]
            }
        }
        return (out, allConverged)
    }

    /// Refinement in equilibrated units: returns `x` (scaled), `r`, steps and convergence.
    func refine(b: [Double], c: [Double]?, maximumIterations: Int)
        throws(LinearAlgebraError) -> (x: [Double], r: [Double], iterations: Int, converged: Bool)
    {
        precondition(maximumIterations >= 1, "maximumIterations must be at least 1")
        let m = rows, n = columns, k = rank
        let perm = qr.permutation
        var x = [Double](repeating: 0, count: n)
        var r = [Double](repeating: 0, count: m)
        if k == 0 { return (x, b, 1, true) }
        var previous = Double.infinity
        var iterations = 0
        var converged = false
        var f = [Double](repeating: 0, count: m)
        var low = [Double](repeating: 0, count: m)
        var g = [Double](repeating: 0, count: k)
        while iterations < maximumIterations {
            // f = b − r − A·x and g = c − Aᵀ·r, both in double-length accumulation.
            scaled.elements.withUnsafeBufferPointer { a in
                f.withUnsafeMutableBufferPointer { f in
                    low.withUnsafeMutableBufferPointer { low in
                        for i in 0..<m {
                            let (s, e) = Compensated.twoSum(b[i], -r[i])
                            f[i] = s
                            low[i] = e
                        }
                        // Blocks of rows keep f and low in cache across the columns.
                        var start = 0
                        while start < m {
                            let end = min(m, start + 2048)
                            for col in 0..<k {
                                let j = perm[col]
                                let xj = -x[j]
                                if xj == 0 { continue }
                                let base = j * m
                                for i in start..<end {
                                    let p = a[base + i] * xj
                                    let pe = (-p).addingProduct(a[base + i], xj)
                                    let s = f[i] + p
                                    let bb = s - f[i]
                                    low[i] += (f[i] - (s - bb)) + (p - bb) + pe
                                    f[i] = s
                                }
                            }
                            start = end
                        }
                        for i in 0..<m { f[i] += low[i] }
                    }
                }
                r.withUnsafeBufferPointer { r in
                    for col in 0..<k {
                        let j = perm[col]
                        var acc = Compensated.Accumulator(c?[j] ?? 0)
                        let base = j * m
                        for i in 0..<m { acc.addProduct(-a[base + i], r[i]) }
                        g[col] = acc.value
                    }
                }
            }
            let qf = try qr.applyQUnchecked(f, transpose: true)
            let d = try qr.solveR(g, transposed: true)
            var rhs = [Double](repeating: 0, count: k)
            for i in 0..<k { rhs[i] = qf[i] - d[i] }
            let dz = try qr.solveR(rhs)
            var v = qf
            for i in 0..<k { v[i] = d[i] }
            let dr = try qr.applyQUnchecked(v, transpose: false)
            iterations += 1

            var correction = 0.0
            for i in 0..<k { correction = max(correction, abs(dz[i])) }
            // Stop without applying a correction that no longer contracts.
            if iterations > 1, correction > 0.5 * previous { break }
            for i in 0..<k { x[perm[i]] += dz[i] }
            r.withUnsafeMutableBufferPointer { r in
                for i in 0..<m { r[i] += dr[i] }
            }
            var size = 0.0
            for i in 0..<n { size = max(size, abs(x[i])) }
            previous = correction
            if correction <= 64 * LAPACKSupport.epsilon * size {
                converged = true
                break
            }
        }
        let size = x.reduce(0.0) { max($0, abs($1)) }
        if !converged, previous <= 64 * LAPACKSupport.epsilon * size { converged = true }
        return (x, r, iterations, converged)
    }
}
