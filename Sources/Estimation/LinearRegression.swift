import LinearAlgebra

/// A linear regression model `y = β₀ + Σ βⱼ·xⱼ + e` (the intercept optional), fitted by
/// ordinary or weighted least squares.
///
/// The model is a specification only; `fit()` returns an immutable `LinearFit` with the
/// estimates and diagnostics. Weighted least squares minimises `Σ wᵢ·(yᵢ − xᵢᵀβ)²` with the
/// errors' variances taken as `σ²/wᵢ`; a weight of 0 leaves the observation out.
///
/// The fit uses `RefinedLeastSquares`: columns scaled by powers of two, Householder QR with
/// column pivoting, and iterative refinement with double-length residuals, so it returns the
/// exact least-squares solution of the data it is given to nearly full double precision:
/// 13–15 significant digits against the certified values of every NIST StRD linear set
/// except Filip, where rounding the raw powers x¹…x¹⁰ to `Double` already moves the exact
/// solution to within 7.9 digits of the certificate (Kendali returns 7.9). Reference: NIST
/// Statistical Reference Datasets, linear regression,
/// <https://www.itl.nist.gov/div898/strd/lls/lls.shtml>.
public struct LinearModel: Sendable {
    /// The response `y`, one value per observation.
    public var response: [Double]
    /// The regressors as columns, each with one value per observation (no intercept column).
    public var regressors: [[Double]]
    /// A name per regressor, used in `LinearFit.terms` and warnings.
    public var regressorNames: [String]
    /// Whether the model has an intercept `β₀` (named `"intercept"`).
    public var includesIntercept: Bool
    /// Optional non-negative weights, one per observation; `nil` for ordinary least squares.
    public var weights: [Double]?

    /// A model specification.
    ///
    /// - Parameters:
    ///   - response: y, one value per observation.
    ///   - regressors: the columns of X without the intercept.
    ///   - names: one name per regressor; `nil` gives `x1`, `x2`, ….
    ///   - intercept: include `β₀` (default `true`).
    ///   - weights: WLS weights, finite and ≥ 0, or `nil` for OLS.
    /// - Precondition: `names`, when given, has one entry per regressor.
    public init(
        response: [Double], regressors: [[Double]], names: [String]? = nil,
        intercept: Bool = true, weights: [Double]? = nil
    ) {
        precondition(names == nil || names?.count == regressors.count, "one name per regressor")
        self.response = response
        self.regressors = regressors
        self.regressorNames = names ?? regressors.indices.map { "x\($0 + 1)" }
        self.includesIntercept = intercept
        self.weights = weights
    }

    /// Fits the model.
    ///
    /// Rank deficiency, ill conditioning and zero weights are reported as warnings on the
    /// result, not as errors.
    ///
    /// - Throws: `RegressionError.emptyInput`, `.lengthMismatch`, `.nonFiniteValue`,
    ///   `.invalidWeight`, `.tooFewObservations` (fewer than p + 1 observations with
    ///   positive weight), `.linearAlgebra`.
    /// - Complexity: `O(n·p²)` for n observations and p coefficients.
    public func fit() throws(RegressionError) -> LinearFit {
        let n = response.count
        let p = regressors.count + (includesIntercept ? 1 : 0)
        guard n > 0, p > 0 else { throw .emptyInput }
        for (j, column) in regressors.enumerated() {
            guard column.count == n else {
                throw .lengthMismatch(what: "regressor \(regressorNames[j])", expected: n, actual: column.count)
            }
            if let bad = column.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteValue(what: "regressor \(regressorNames[j])", index: bad)
            }
        }
        if let bad = response.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(what: "response", index: bad)
        }
        var rowsUsed = Array(0..<n)
        var rootWeights = [Double](repeating: 1, count: n)
        if let w = weights {
            guard w.count == n else { throw .lengthMismatch(what: "weights", expected: n, actual: w.count) }
            if let bad = w.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw .invalidWeight(index: bad, value: w[bad])
            }
            rowsUsed = rowsUsed.filter { w[$0] > 0 }
            rootWeights = w.map { $0.squareRoot() }
        }
        let m = rowsUsed.count
        guard m > p else { throw .tooFewObservations(observations: m, parameters: p) }

        let terms = (includesIntercept ? ["intercept"] : []) + regressorNames
        let offset = includesIntercept ? 1 : 0
        /// Calls `body` with column `j` of X (all n observations), the intercept as ones.
        func withColumn<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
            if includesIntercept && j == 0 {
                return [Double](repeating: 1, count: n).withUnsafeBufferPointer(body)
            }
            return regressors[j - offset].withUnsafeBufferPointer(body)
        }
        // The (weighted) design and response for the rows that count.
        var designElements = [Double](repeating: 0, count: m * p)
        designElements.withUnsafeMutableBufferPointer { d in
            for j in 0..<p {
                withColumn(j) { column in
                    for (row, i) in rowsUsed.enumerated() { d[row + j * m] = rootWeights[i] * column[i] }
                }
            }
        }
        let design = Matrix(rows: m, columns: p, columnMajor: designElements)
        let target = rowsUsed.map { rootWeights[$0] * response[$0] }

        let solver: RefinedLeastSquares
        let solution: RefinedLeastSquares.Solution
        do {
            solver = try RefinedLeastSquares(design)
            solution = try solver.solve(target)
        } catch {
            throw .linearAlgebra(error)
        }
        let rank = solver.rank
        let df = m - rank
        var beta = solution.coefficients
        for j in 0..<p where !solver.isBasic[j] { beta[j] = .nan }

        // Residuals and fitted values for every observation, in double-length accumulation.
        var high = [Double](repeating: 0, count: n)
        var low = [Double](repeating: 0, count: n)
        for j in 0..<p where solver.isBasic[j] {
            let bj = beta[j]
            withColumn(j) { column in
                for i in 0..<n {
                    let p = column[i] * bj
                    let pe = (-p).addingProduct(column[i], bj)
                    let (sum, e) = Compensated.twoSum(high[i], p)
                    high[i] = sum
                    low[i] += e + pe
                }
            }
        }
        var residuals = [Double](repeating: 0, count: n)
        var fitted = [Double](repeating: 0, count: n)
        for i in 0..<n {
            fitted[i] = high[i] + low[i]
            var e = Compensated.Accumulator(response[i])
            e.add(-high[i])
            e.add(-low[i])
            residuals[i] = e.value
        }
        let w = weights
        var rssAcc = Compensated.Accumulator()
        var sumW = Compensated.Accumulator()
        var sumWY = Compensated.Accumulator()
        for i in rowsUsed {
            let wi = w?[i] ?? 1
            rssAcc.addProduct(wi * residuals[i], residuals[i])
            sumW.add(wi)
            sumWY.addProduct(wi, response[i])
        }
        let rss = rssAcc.value
        let mean = sumWY.value / sumW.value
        // Total and regression sums of squares about the (weighted) mean, or about 0 without
        // an intercept. R² = SSR/TSS equals 1 − RSS/TSS for a least-squares fit but avoids
        // the cancellation of 1 − RSS/TSS when R² is small (Wampler5: R² ≈ 0.0022).
        var tssAcc = Compensated.Accumulator()
        var ssrAcc = Compensated.Accumulator()
        for i in rowsUsed {
            let wi = w?[i] ?? 1
            var d = Compensated.Accumulator(response[i])
            var e = Compensated.Accumulator(fitted[i])
            if includesIntercept {
                d.add(-mean)
                e.add(-mean)
            }
            tssAcc.addProduct(wi * d.value, d.value)
            ssrAcc.addProduct(wi * e.value, e.value)
        }
        let tss = tssAcc.value
        let ssr = ssrAcc.value
        var warnings: [RegressionWarning] = []
        if m < n { warnings.append(.zeroWeightsDropped(count: n - m)) }
        if rank < p {
            let aliased = (0..<p).filter { !solver.isBasic[$0] }.map { terms[$0] }
            warnings.append(.rankDeficient(rank: rank, parameters: p, aliased: aliased))
        }
        let condition = solver.conditionNumber
        if condition > 1 / Double.ulpOfOne.squareRoot() {
            warnings.append(.illConditioned(conditionNumber: condition))
        }
        let rSquared: Double
        if tss > 0 {
            rSquared = min(1, ssr / tss)
        } else {
            rSquared = .nan
            warnings.append(.constantResponse)
        }
        let adjusted = 1 - (1 - rSquared) * Double(includesIntercept ? m - 1 : m) / Double(df)
        let variance = rss / Double(df)

        let inverse: (matrix: Matrix, converged: Bool)
        do {
            inverse = try solver.normalMatrixInverse(refine: condition > 100)
        } catch {
            throw .linearAlgebra(error)
        }
        if !solution.converged || !inverse.converged { warnings.append(.refinementNotConverged) }
        var covariance = inverse.matrix
        for j in 0..<p {
            for i in 0..<p {
                covariance.elements[i + j * p] = solver.isBasic[i] && solver.isBasic[j]
                    ? variance * inverse.matrix.elements[i + j * p] : .nan
            }
        }
        let standardErrors = (0..<p).map { j in covariance.elements[j + j * p].squareRoot() }

        return LinearFit(
            terms: terms, coefficients: beta, standardErrors: standardErrors,
            covariance: covariance, residualSumOfSquares: rss,
            residualStandardDeviation: variance.squareRoot(), rSquared: rSquared,
            adjustedRSquared: adjusted, hasIntercept: includesIntercept,
            observationCount: m, degreesOfFreedom: df, rank: rank,
            conditionNumber: condition, aliased: solver.isBasic.map { !$0 },
            residuals: residuals, fittedValues: fitted,
            refinementSteps: solution.iterations, warnings: warnings)
    }
}

/// The result of fitting a `LinearModel`: estimates, their uncertainty, and diagnostics.
public struct LinearFit: Sendable {
    /// Term names: `"intercept"` first when the model has one, then the regressor names.
    public let terms: [String]
    /// The estimates `β̂`, one per term; NaN for a term left out by rank deficiency.
    public let coefficients: [Double]
    /// Standard errors `√(s²·[(XᵀWX)⁻¹]ⱼⱼ)`; NaN for a left-out term.
    public let standardErrors: [Double]
    /// The covariance matrix `s²·(XᵀWX)⁻¹` of the estimates, p × p, in term order; NaN in
    /// the rows and columns of left-out terms.
    public let covariance: Matrix
    /// `Σ wᵢ·eᵢ²` (response units squared).
    public let residualSumOfSquares: Double
    /// `s = √(RSS / (n − rank))`, in response units.
    public let residualStandardDeviation: Double
    /// R²: `1 − RSS/Σwᵢ(yᵢ − ȳ_w)²` with an intercept (centred), `1 − RSS/Σwᵢyᵢ²` without
    /// (uncentred, as NIST certifies NoInt1/NoInt2), computed as the equal ratio
    /// `Σwᵢ(ŷᵢ − ȳ_w)² / Σwᵢ(yᵢ − ȳ_w)²` (or `Σwᵢŷᵢ² / Σwᵢyᵢ²`), which keeps its digits when
    /// R² is small. NaN for a constant response.
    public let rSquared: Double
    /// `1 − (1 − R²)·(n − 1)/(n − rank)` with an intercept, `1 − (1 − R²)·n/(n − rank)` without.
    public let adjustedRSquared: Double
    /// Whether the model has an intercept (and R² is centred).
    public let hasIntercept: Bool
    /// Observations used (positive weight).
    public let observationCount: Int
    /// Residual degrees of freedom, `n − rank`.
    public let degreesOfFreedom: Int
    /// Numerical rank of the design.
    public let rank: Int
    /// Estimated 1-norm condition number of the design after scaling its columns to unit
    /// norm (scale-free: a large value means collinear regressors, not large units).
    public let conditionNumber: Double
    /// `aliased[j]` is true for a term left out because of rank deficiency.
    public let aliased: [Bool]
    /// `yᵢ − ŷᵢ` for every observation (including those with weight 0), unweighted.
    public let residuals: [Double]
    /// `ŷᵢ = xᵢᵀβ̂` for every observation.
    public let fittedValues: [Double]
    /// Iterative-refinement steps used for the coefficients.
    public let refinementSteps: Int
    /// Caveats: rank deficiency, ill conditioning, dropped observations, constant response.
    public let warnings: [RegressionWarning]

    /// `t = β̂ⱼ / SEⱼ` per term (NaN where undefined).
    public var tStatistics: [Double] {
        zip(coefficients, standardErrors).map { $0 / $1 }
    }
}
