import LinearAlgebra

/// A nonlinear regression model `yᵢ = f(xᵢ, β) + eᵢ`, fitted by Levenberg–Marquardt.
///
/// `Predictor` is whatever one observation's inputs are: a `Double` for `y = f(x, β)`, an
/// array or a struct for several inputs. The model is a specification only;
/// `fit(start:options:)` returns an immutable `NonlinearFit` that says plainly whether the
/// iteration converged and why it stopped.
///
/// With weights, the fit minimises `Σ wᵢ·(yᵢ − f(xᵢ, β))²`.
public struct NonlinearModel<Predictor: Sendable>: Sendable {
    /// The model function `f(x, β)`: the mean response for predictor `x` at parameters `β`.
    public typealias Function = @Sendable (_ x: Predictor, _ parameters: [Double]) -> Double
    /// The gradient `∂f(x, β)/∂β`, one partial derivative per parameter.
    public typealias Gradient = @Sendable (_ x: Predictor, _ parameters: [Double]) -> [Double]

    /// The predictors, one per observation.
    public var predictors: [Predictor]
    /// The response, one value per observation.
    public var response: [Double]
    /// Optional non-negative weights, one per observation.
    public var weights: [Double]?
    /// The model function.
    public var function: Function
    /// The analytic gradient, or `nil` for finite differences.
    public var gradient: Gradient?

    /// A model specification.
    ///
    /// - Parameters:
    ///   - predictors: one predictor per observation.
    ///   - response: one response value per observation.
    ///   - weights: finite weights ≥ 0, or `nil` for unweighted least squares.
    ///   - gradient: `∂f/∂β`; `nil` uses finite differences (see `LevenbergMarquardtOptions`).
    ///   - function: `f(x, β)`.
    public init(
        predictors: [Predictor], response: [Double], weights: [Double]? = nil,
        gradient: Gradient? = nil, function: @escaping Function
    ) {
        self.predictors = predictors
        self.response = response
        self.weights = weights
        self.gradient = gradient
        self.function = function
    }

    /// Minimises the (weighted) residual sum of squares from `start`.
    ///
    /// - Parameters:
    ///   - start: the starting parameters, finite; their count is the number of parameters.
    ///   - options: tolerances, evaluation budget and differencing.
    /// - Returns: the fit, converged or not — check `converged` and `termination`.
    /// - Precondition: the options' tolerances are ≥ 0, the budget and step bound > 0.
    /// - Throws: `RegressionError` for invalid input (lengths, NaN, weights, too few
    ///   observations) or a model that is not finite at `start`.
    public func fit(start: [Double], options: LevenbergMarquardtOptions = .init())
        throws(RegressionError) -> NonlinearFit
    {
        precondition(
            options.maximumEvaluations > 0 && options.initialStepBound > 0
                && options.reductionTolerance >= 0 && options.stepTolerance >= 0
                && options.gradientTolerance >= 0 && options.stationarityTolerance >= 0
                && (options.jacobianRankTolerance ?? 0) >= 0,
            "LevenbergMarquardtOptions: tolerances must be ≥ 0, the budget and step bound > 0")
        let n = response.count
        let p = start.count
        guard n > 0, p > 0 else { throw .emptyInput }
        guard predictors.count == n else {
            throw .lengthMismatch(what: "predictors", expected: n, actual: predictors.count)
        }
        if let bad = response.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(what: "response", index: bad) }
        if let bad = start.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(what: "start", index: bad) }
        var used = Array(0..<n)
        var root = [Double](repeating: 1, count: n)
        if let w = weights {
            guard w.count == n else { throw .lengthMismatch(what: "weights", expected: n, actual: w.count) }
            if let bad = w.firstIndex(where: { !$0.isFinite || $0 < 0 }) { throw .invalidWeight(index: bad, value: w[bad]) }
            used = used.filter { w[$0] > 0 }
            root = w.map { $0.squareRoot() }
        }
        let m = used.count
        guard m > p else { throw .tooFewObservations(observations: m, parameters: p) }

        let f = function
        let xs = used.map { predictors[$0] }
        let ys = used.map { response[$0] }
        let ws = used.map { root[$0] }
        let residuals: @Sendable ([Double]) -> [Double]? = { beta in
            var r = [Double](repeating: 0, count: m)
            for i in 0..<m {
                let v = ws[i] * (f(xs[i], beta) - ys[i])
                guard v.isFinite else { return nil }
                r[i] = v
            }
            return r
        }
        var jacobian: (@Sendable ([Double]) -> Matrix?)?
        if let g = gradient {
            jacobian = { beta in
                var jac = Matrix(rows: m, columns: p)
                for i in 0..<m {
                    let d = g(xs[i], beta)
                    guard d.count == p else { return nil }
                    for j in 0..<p {
                        let v = ws[i] * d[j]
                        guard v.isFinite else { return nil }
                        jac.elements[i + j * m] = v
                    }
                }
                return jac
            }
        }
        let problem = LeastSquaresProblem(
            observations: m, parameters: p, residuals: residuals, jacobian: jacobian,
            responseResiduals: { beta in (0..<m).map { ys[$0] - f(xs[$0], beta) } })
        if let g = gradient, let x0 = xs.first {
            let count = g(x0, start).count
            guard count == p else { throw .jacobianSizeMismatch(expected: p, actual: count) }
        }
        guard problem.residuals(start) != nil else {
            let bad = (0..<m).first { !(f(xs[$0], start)).isFinite } ?? 0
            throw .modelNotFiniteAtStart(observation: used[bad])
        }
        return LevenbergMarquardt.minimise(problem, start: start, options: options)
    }
}

/// Settings of the Levenberg–Marquardt iteration. The defaults are tight (1e-15) so that a
/// converged answer is accurate to the limit the data allow.
public struct LevenbergMarquardtOptions: Sendable, Equatable {
    /// How the Jacobian is approximated when the model has no analytic gradient.
    public enum Differencing: Sendable, Equatable {
        /// `(f(β + hⱼ) − f(β − hⱼ)) / 2hⱼ`, `hⱼ = ε^(1/3)·max(|βⱼ|, ε^(1/3))`: error O(h²),
        /// about 10 correct digits; 2p evaluations per Jacobian.
        case central
        /// `(f(β + hⱼ) − f(β)) / hⱼ`, `hⱼ = √ε·max(|βⱼ|, √ε)`: about 8 digits; p evaluations.
        case forward
    }

    /// Stop when both the actual and the predicted relative reduction of the sum of squares
    /// are at most this (MINPACK `ftol`), ≥ 0.
    public var reductionTolerance: Double = 1e-15
    /// Stop when the trust region is at most this relative to the scaled parameter norm
    /// (MINPACK `xtol`), ≥ 0.
    public var stepTolerance: Double = 1e-15
    /// Stop when the largest cosine between the residual vector and a Jacobian column is at
    /// most this (MINPACK `gtol`), ≥ 0.
    public var gradientTolerance: Double = 1e-15
    /// The largest Gauss–Newton step still available at the final point, relative to the
    /// parameters in the scaled norm, at which a stop is accepted as a minimum; above it the
    /// fit reports `.notStationary` (not converged). 1e-6 keeps about six digits.
    public var stationarityTolerance: Double = 1e-6
    /// Relative tolerance for the rank of the column-scaled Jacobian at the final point;
    /// `nil` picks it from the Jacobian's accuracy: 1e-12 analytic, 1e-8 central
    /// differences, 1e-6 forward differences. Below full rank the fit reports
    /// `.singularJacobian` (not converged) and no standard errors.
    public var jacobianRankTolerance: Double?
    /// Budget of model evaluations over all observations, finite differences included.
    public var maximumEvaluations: Int = 20_000
    /// The initial trust-region radius is this times the scaled norm of the start (MINPACK
    /// `factor`, in [0.1, 100]).
    public var initialStepBound: Double = 100
    /// Finite-difference formula used without an analytic gradient.
    public var differencing: Differencing = .central

    /// The defaults.
    public init() {}
}

/// Why the Levenberg–Marquardt iteration stopped.
public enum NonlinearTermination: Equatable, Sendable, CustomStringConvertible {
    /// The actual and predicted relative reductions fell below `reductionTolerance`.
    case smallReduction
    /// The trust region fell below `stepTolerance` relative to the parameters.
    case smallStep
    /// The residual is orthogonal to the Jacobian's columns to within `gradientTolerance`.
    case smallGradient
    /// No further reduction is possible in double precision (MINPACK `info` 6–8).
    case machinePrecision
    /// The evaluation budget ran out first. Not converged.
    case maximumEvaluations
    /// The iteration stalled where the gradient is not zero — for example on a plateau
    /// where a parameter has run off towards ±∞: a Gauss–Newton step of `relativeStep`
    /// (scaled, relative to the parameters) would still move the point. Not converged.
    case notStationary(relativeStep: Double)
    /// The Jacobian at the final point has rank `rank` below the parameter count: the
    /// parameters are not identified there. Not converged.
    case singularJacobian(rank: Int)
    /// The model could not be evaluated (NaN/∞) around the current point. Not converged.
    case modelNotFinite

    /// True for the stops that mean a (local) minimum was found.
    public var isConvergence: Bool {
        switch self {
        case .smallReduction, .smallStep, .smallGradient, .machinePrecision: return true
        default: return false
        }
    }

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .smallReduction: return "converged: relative reduction below tolerance"
        case .smallStep: return "converged: relative step below tolerance"
        case .smallGradient: return "converged: gradient orthogonal to the residual"
        case .machinePrecision: return "converged: no further improvement possible in double precision"
        case .maximumEvaluations: return "not converged: evaluation budget exhausted"
        case .notStationary(let step): return "not converged: stopped away from a stationary point (Gauss–Newton step \(step) relative to the parameters)"
        case .singularJacobian(let r): return "not converged: Jacobian rank \(r) at the final point, parameters not identified"
        case .modelNotFinite: return "not converged: the model is not finite around the final point"
        }
    }
}

/// The result of a Levenberg–Marquardt fit.
public struct NonlinearFit: Sendable {
    /// The final parameters `β̂` (the best point reached, converged or not).
    public let parameters: [Double]
    /// Asymptotic standard errors `√(s²·[(JᵀJ)⁻¹]ⱼⱼ)` from the Jacobian at `β̂`; NaN when the
    /// Jacobian is rank-deficient there.
    public let standardErrors: [Double]
    /// `s²·(JᵀJ)⁻¹`, p × p (NaN when the Jacobian is rank-deficient).
    public let covariance: Matrix
    /// `Σ wᵢ·(yᵢ − f(xᵢ, β̂))²`.
    public let residualSumOfSquares: Double
    /// `s = √(RSS / (n − p))`, in response units.
    public let residualStandardDeviation: Double
    /// Observations used (positive weight).
    public let observationCount: Int
    /// Residual degrees of freedom `n − p`.
    public let degreesOfFreedom: Int
    /// `yᵢ − f(xᵢ, β̂)` for the observations used, unweighted.
    public let residuals: [Double]
    /// Why the iteration stopped.
    public let termination: NonlinearTermination
    /// True only when the stop means a minimum: `termination.isConvergence`.
    public var converged: Bool { termination.isConvergence }
    /// Successful (accepted) iterations.
    public let iterations: Int
    /// Model evaluations over all observations, finite differences included.
    public let evaluations: Int
    /// Largest cosine between the residual vector and a Jacobian column at `β̂` (0 at an
    /// exact stationary point).
    public let gradientCosine: Double
    /// The Gauss–Newton step `δ = −J⁺r` still available at `β̂`, relative to the parameters
    /// in the scaled norm: `‖D·δ‖ / ‖D·β̂‖` with `D` the Jacobian's column norms. It is 0 at
    /// an exact stationary point and estimates the relative distance to the nearest one;
    /// unlike the cosine it stays meaningful when the residuals are at rounding level.
    public let relativeGaussNewtonStep: Double
    /// Numerical rank of the Jacobian at `β̂` (see `LevenbergMarquardtOptions.jacobianRankTolerance`).
    public let jacobianRank: Int
    /// Estimated 1-norm condition number of the Jacobian at `β̂` after scaling its columns to
    /// unit norm (`+∞` when rank-deficient).
    public let jacobianConditionNumber: Double
}

/// A least-squares problem as closures over the parameters: `r(β)` (length m) and
/// optionally `J(β) = ∂r/∂β` (m × p). `nil` from either means "not finite here".
struct LeastSquaresProblem: Sendable {
    var observations: Int
    var parameters: Int
    var residuals: @Sendable ([Double]) -> [Double]?
    var jacobian: (@Sendable ([Double]) -> Matrix?)?
    /// `yᵢ − f(xᵢ, β)`, unweighted, for reporting.
    var responseResiduals: @Sendable ([Double]) -> [Double]
}

/// The Levenberg–Marquardt method with Moré's trust-region control and scaling.
///
/// This follows MINPACK `lmder`/`lmpar` (J. J. Moré, "The Levenberg–Marquardt algorithm:
/// implementation and theory", Numerical Analysis, LNM 630, Springer 1978,
/// doi:10.1007/BFb0067700; Moré, Garbow & Hillstrom, MINPACK-1, ANL-80-74, 1980), with one
/// change: each trial step solves the damped system `min ‖[R; √λ·D]·z + [Qᵀr; 0]‖` by a
/// LAPACK Householder QR of the augmented matrix instead of MINPACK's Givens rotations.
enum LevenbergMarquardt {
    static let epsilon = Double.ulpOfOne
    /// `ε^(1/3)` for `ε = 2⁻⁵²`, the central-difference relative step.
    static let cubeRootEpsilon = 6.0554544523933395e-06

    static func enorm(_ v: [Double]) -> Double {
        var big = 0.0
        for x in v { big = max(big, abs(x)) }
        guard big > 0, big.isFinite else { return big }
        var s = 0.0
        for x in v {
            let t = x / big
            s += t * t
        }
        return big * s.squareRoot()
    }

    /// Counts evaluations and builds Jacobians by finite differences when needed.
    struct Evaluator {
        let problem: LeastSquaresProblem
        let differencing: LevenbergMarquardtOptions.Differencing
        var evaluations = 0

        mutating func residuals(_ beta: [Double]) -> [Double]? {
            evaluations += 1
            return problem.residuals(beta)
        }

        /// `J(β)`: analytic when the model has a gradient, otherwise finite differences. With
        /// `accurate`, each column comes from Ridders' extrapolation of central differences
        /// (`ridders`), typically 11–13 correct digits for up to 24 evaluations per parameter —
        /// used at the final point, where the standard errors and the last Gauss–Newton steps
        /// depend on the Jacobian's accuracy.
        mutating func jacobian(_ beta: [Double], residualsAtBeta f0: [Double], accurate: Bool = false) -> Matrix? {
            if let analytic = problem.jacobian {
                evaluations += 1
                return analytic(beta)
            }
            let m = problem.observations, p = problem.parameters
            var jac = Matrix(rows: m, columns: p)
            for j in 0..<p {
                var column: [Double]?
                if accurate { column = ridders(beta, j) }
                let scale = differencing == .central ? cubeRootEpsilon : epsilon.squareRoot()
                let h0 = scale * max(abs(beta[j]), scale)
                if column == nil, differencing == .central {
                    column = centralDifference(beta, j, h0)
                }
                var up = beta, down = beta
                up[j] = beta[j] + h0
                down[j] = beta[j] - h0
                let hUp = up[j] - beta[j], hDown = beta[j] - down[j]
                if column == nil, let fu = residuals(up) {
                    column = (0..<m).map { (fu[$0] - f0[$0]) / hUp }
                }
                if column == nil, let fd = residuals(down) {
                    column = (0..<m).map { (f0[$0] - fd[$0]) / hDown }
                }
                guard let c = column else { return nil }
                for i in 0..<m { jac.elements[i + j * m] = c[i] }
            }
            return jac
        }

        /// Ridders' method for column `j`: central differences at steps
        /// `h₀ = 2⁻⁶·max(|βⱼ|, 2⁻¹⁰)`, `h₀/1.4`, `h₀/1.4²`, … extrapolated to `h → 0` in a Neville
        /// tableau; the entry whose estimated error (its change from its neighbours, largest
        /// over the observations) is smallest wins, and the search stops once the error grows
        /// twofold (rounding has taken over). Reference: C. J. F. Ridders, "Accurate computation
        /// of F′(x) and F′(x)F″(x)", Adv. Eng. Software 4 (1982) 75–76,
        /// doi:10.1016/S0141-1195(82)80057-0; Press et al., *Numerical Recipes*, 3rd ed., §5.7.
        mutating func ridders(_ beta: [Double], _ j: Int) -> [Double]? {
            let shrink = 1.4, shrink2 = shrink * shrink, size = 12
            var h = 0x1p-6 * max(abs(beta[j]), 0x1p-10)
            guard let first = centralDifference(beta, j, h) else { return nil }
            func distance(_ a: [Double], _ b: [Double]) -> Double {
                var d = 0.0
                for i in a.indices { d = max(d, abs(a[i] - b[i])) }
                return d
            }
            var previousRow = [first]
            var best = first
            var error = Double.infinity
            for i in 1..<size {
                h /= shrink
                guard let d = centralDifference(beta, j, h) else { break }
                var row = [d]
                var factor = shrink2
                for k in 1...i {
                    let a = row[k - 1], b = previousRow[k - 1]
                    row.append((0..<a.count).map { (a[$0] * factor - b[$0]) / (factor - 1) })
                    factor *= shrink2
                    let e = max(distance(row[k], row[k - 1]), distance(row[k], b))
                    if e <= error {
                        error = e
                        best = row[k]
                    }
                }
                if distance(row[i], previousRow[i - 1]) >= 2 * error { break }
                previousRow = row
            }
            return best
        }

        /// `(r(β + h·eⱼ) − r(β − h·eⱼ)) / (actual width)`, or `nil` if either side is not finite.
        mutating func centralDifference(_ beta: [Double], _ j: Int, _ h: Double) -> [Double]? {
            var up = beta, down = beta
            up[j] = beta[j] + h
            down[j] = beta[j] - h
            let width = up[j] - down[j]
            guard width > 0, let fu = residuals(up), let fd = residuals(down) else { return nil }
            return (0..<fu.count).map { (fu[$0] - fd[$0]) / width }
        }
    }

    static func minimise(_ problem: LeastSquaresProblem, start: [Double], options: LevenbergMarquardtOptions) -> NonlinearFit {
        let m = problem.observations, n = problem.parameters
        var ev = Evaluator(problem: problem, differencing: options.differencing)
        var x = start
        // The caller checked that the model is finite at the start.
        var fvec = ev.residuals(x) ?? [Double](repeating: .nan, count: m)
        var fnorm = enorm(fvec)
        var par = 0.0
        var iter = 1
        var diag = [Double](repeating: 1, count: n)
        var delta = 0.0
        var xnorm = 0.0
        var termination: NonlinearTermination?

        outer: while termination == nil {
            guard let jac = ev.jacobian(x, residualsAtBeta: fvec), jac.isFinite else {
                termination = .modelNotFinite
                break
            }
            var acnorm = [Double](repeating: 0, count: n)
            for j in 0..<n { acnorm[j] = enorm(jac.column(j)) }
            guard let qr = try? QRFactorization(jac, pivoting: true, rankTolerance: 0),
                  let qtfAll = try? qr.multiplyQTransposed(fvec)
            else {
                termination = .modelNotFinite
                break
            }
            let r = qr.r
            let ipvt = qr.permutation
            let qtf = Array(qtfAll[0..<n])
            if iter == 1 {
                for j in 0..<n { diag[j] = acnorm[j] == 0 ? 1 : acnorm[j] }
                xnorm = enorm((0..<n).map { diag[$0] * x[$0] })
                delta = options.initialStepBound * xnorm
                if delta == 0 { delta = options.initialStepBound }
            }
            // Scaled gradient: largest cosine between fvec and a column of J.
            var gnorm = 0.0
            if fnorm != 0 {
                for j in 0..<n where acnorm[ipvt[j]] != 0 {
                    var sum = 0.0
                    for i in 0...j { sum += r[i, j] * (qtf[i] / fnorm) }
                    gnorm = max(gnorm, abs(sum / acnorm[ipvt[j]]))
                }
            }
            if gnorm <= options.gradientTolerance {
                termination = .smallGradient
                break
            }
            for j in 0..<n { diag[j] = max(diag[j], acnorm[j]) }

            var ratio = 0.0
            repeat {
                let lm = lmpar(r: r, ipvt: ipvt, diag: diag, qtb: qtf, delta: delta, par: par)
                par = lm.par
                let step = lm.x.map { -$0 }
                let trial = (0..<n).map { x[$0] + step[$0] }
                let pnorm = enorm((0..<n).map { diag[$0] * step[$0] })
                if iter == 1 { delta = min(delta, pnorm) }
                let trialResiduals = ev.residuals(trial)
                let fnorm1 = trialResiduals.map(enorm) ?? .infinity
                var actred = -1.0
                if 0.1 * fnorm1 < fnorm { actred = 1 - (fnorm1 / fnorm) * (fnorm1 / fnorm) }
                // Predicted reduction from ‖J·p‖ = ‖R·Pᵀp‖.
                var jp = [Double](repeating: 0, count: n)
                for j in 0..<n {
                    let t = step[ipvt[j]]
                    for i in 0...j { jp[i] += r[i, j] * t }
                }
                let temp1 = enorm(jp) / fnorm
                let temp2 = par.squareRoot() * pnorm / fnorm
                let prered = temp1 * temp1 + temp2 * temp2 / 0.5
                let dirder = -(temp1 * temp1 + temp2 * temp2)
                ratio = prered != 0 ? actred / prered : 0
                if ratio <= 0.25 {
                    var temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred)
                    if 0.1 * fnorm1 >= fnorm || temp < 0.1 || !temp.isFinite { temp = 0.1 }
                    delta = temp * min(delta, pnorm / 0.1)
                    par = par / temp
                } else if par == 0 || ratio >= 0.75 {
                    delta = pnorm / 0.5
                    par = 0.5 * par
                }
                if ratio >= 1e-4, let accepted = trialResiduals {
                    x = trial
                    fvec = accepted
                    xnorm = enorm((0..<n).map { diag[$0] * x[$0] })
                    fnorm = fnorm1
                    iter += 1
                }
                let smallReduction = abs(actred) <= options.reductionTolerance
                    && prered <= options.reductionTolerance && 0.5 * ratio <= 1
                let smallStep = delta <= options.stepTolerance * xnorm
                if smallReduction || smallStep {
                    termination = smallReduction ? .smallReduction : .smallStep
                    break outer
                }
                if ev.evaluations >= options.maximumEvaluations {
                    termination = .maximumEvaluations
                    break outer
                }
                if (abs(actred) <= epsilon && prered <= epsilon && 0.5 * ratio <= 1)
                    || delta <= epsilon * xnorm || gnorm <= epsilon
                {
                    termination = .machinePrecision
                    break outer
                }
                if !delta.isFinite || delta == 0 {
                    termination = .modelNotFinite
                    break outer
                }
            } while ratio < 1e-4
        }
        let stop = termination ?? .maximumEvaluations
        if stop.isConvergence {
            polish(problem, x: &x, fvec: &fvec, evaluator: &ev, options: options)
        }
        return finish(problem, x: x, fvec: fvec, evaluator: &ev, iterations: iter - 1,
                      termination: stop, options: options)
    }

    /// The rank tolerance for the Jacobian at the final point (see the option).
    static func rankTolerance(_ problem: LeastSquaresProblem, _ options: LevenbergMarquardtOptions) -> Double {
        options.jacobianRankTolerance
            ?? (problem.jacobian != nil ? 1e-12 : options.differencing == .central ? 1e-8 : 1e-6)
    }

    /// `Σ rᵢ²` in double-length accumulation.
    static func sumOfSquares(_ r: [Double]) -> Double {
        var acc = Compensated.Accumulator()
        for v in r { acc.addProduct(v, v) }
        return acc.value
    }

    /// Gauss–Newton polishing after a converged Levenberg–Marquardt run: up to 30 full
    /// steps `β ← β − J⁺r`, each solved by refined QR.
    ///
    /// Moré's tests stop once the relative *reduction* of the sum of squares is below 1e-15;
    /// in a flat valley that can leave the parameters about 1e-8 (relative) short of the
    /// minimum, because near a minimum the sum of squares changes only quadratically and its
    /// differences vanish in rounding (which, with small residuals, is far above `ε`: each
    /// residual carries an error of about `ε·|y|`). The gradient `Jᵀr` still points the way,
    /// and Gauss–Newton converges locally (linearly when the residuals are large), so steps are
    /// taken while they contract (each at most 0.9 times the previous, the first at most 1e-4
    /// relative in the scaled norm) and the
    /// sum of squares does not grow by more than 1e-8 relative (a guard far above the
    /// rounding noise, far below what a step in a wrong direction would cost).
    static func polish(
        _ problem: LeastSquaresProblem, x: inout [Double], fvec: inout [Double],
        evaluator ev: inout Evaluator, options: LevenbergMarquardtOptions
    ) {
        let n = problem.parameters
        var rss = sumOfSquares(fvec)
        var previous = 1e-4
        for _ in 0..<30 {
            guard ev.evaluations < options.maximumEvaluations,
                  let jac = ev.jacobian(x, residualsAtBeta: fvec, accurate: true), jac.isFinite,
                  let solver = try? RefinedLeastSquares(jac, rankTolerance: rankTolerance(problem, options)),
                  solver.rank == n,
                  let step = try? solver.solve(fvec)
            else { return }
            let norms = (0..<n).map { enorm(jac.column($0)) }
            let size = enorm((0..<n).map { norms[$0] * x[$0] })
            let relative = enorm((0..<n).map { norms[$0] * step.coefficients[$0] }) / max(size, .leastNormalMagnitude)
            guard relative <= previous, relative > 0 else { return }
            let trial = (0..<n).map { x[$0] - step.coefficients[$0] }
            guard let ft = ev.residuals(trial) else { return }
            let trialRSS = sumOfSquares(ft)
            guard trialRSS <= rss * (1 + 1e-8) else { return }
            x = trial
            fvec = ft
            rss = min(rss, trialRSS)
            previous = 0.9 * relative
            if relative <= 4 * epsilon { return }
        }
    }

    /// Statistics at the final point, and the honesty checks: a stop counts as convergence
    /// only if the Jacobian there has full rank and the gradient (as a cosine) is small.
    static func finish(
        _ problem: LeastSquaresProblem, x: [Double], fvec: [Double], evaluator ev: inout Evaluator,
        iterations: Int, termination stop: NonlinearTermination, options: LevenbergMarquardtOptions
    ) -> NonlinearFit {
        let m = problem.observations, n = problem.parameters
        var termination = stop
        let rss = sumOfSquares(fvec)
        let df = m - n
        let variance = rss / Double(df)
        var covariance = Matrix(rows: n, columns: n, repeating: .nan)
        var rank = 0
        var condition = Double.infinity
        var cosine = Double.nan
        var gaussNewtonStep = Double.infinity
        if let jac = ev.jacobian(x, residualsAtBeta: fvec, accurate: true), jac.isFinite,
           let solver = try? RefinedLeastSquares(jac, rankTolerance: rankTolerance(problem, options))
        {
            rank = solver.rank
            condition = solver.conditionNumber
            let fnorm = enorm(fvec)
            cosine = 0
            var scaledX = [Double](repeating: 0, count: n)
            for j in 0..<n {
                let column = jac.column(j)
                let cn = enorm(column)
                scaledX[j] = cn * x[j]
                if cn > 0, fnorm > 0 {
                    cosine = max(cosine, abs(Compensated.dot(column, fvec)) / (cn * fnorm))
                }
            }
            if rank == n {
                if let step = try? solver.solve(fvec) {
                    let scaledStep = (0..<n).map { enorm(jac.column($0)) * step.coefficients[$0] }
                    let size = enorm(scaledX)
                    gaussNewtonStep = size > 0 ? enorm(scaledStep) / size : enorm(scaledStep)
                }
                if let inverse = try? solver.normalMatrixInverse(refine: true) {
                    covariance = inverse.matrix
                    for k in covariance.elements.indices { covariance.elements[k] *= variance }
                }
            }
        } else if termination.isConvergence {
            termination = .modelNotFinite
        }
        if termination.isConvergence {
            if rank < n {
                termination = .singularJacobian(rank: rank)
            } else if !(gaussNewtonStep <= options.stationarityTolerance) {
                termination = .notStationary(relativeStep: gaussNewtonStep)
            }
        }
        let standardErrors = (0..<n).map { covariance[$0, $0].squareRoot() }
        let residuals = problem.responseResiduals(x)
        return NonlinearFit(
            parameters: x, standardErrors: standardErrors, covariance: covariance,
            residualSumOfSquares: rss, residualStandardDeviation: variance.squareRoot(),
            observationCount: m, degreesOfFreedom: df, residuals: residuals,
            termination: termination, iterations: iterations, evaluations: ev.evaluations,
            gradientCosine: cosine, relativeGaussNewtonStep: gaussNewtonStep,
            jacobianRank: rank, jacobianConditionNumber: condition)
    }

    /// MINPACK `lmpar`: the Levenberg–Marquardt parameter `λ` for which the scaled step
    /// `‖D·p‖` is within 10 % of `delta` (or 0 when the Gauss–Newton step fits), and the step
    /// `x` solving `min ‖J·x − f‖² + λ‖D·x‖²` (the caller negates it).
    ///
    /// - Parameters: `r` is the n × n `R` of `J·P = Q·R`, `ipvt` the permutation, `diag` the
    ///   scaling `D` (original order), `qtb` the first n components of `Qᵀf`.
    static func lmpar(r: Matrix, ipvt: [Int], diag: [Double], qtb: [Double], delta: Double, par parIn: Double)
        -> (par: Double, x: [Double])
    {
        let n = r.columns
        let dwarf = Double.leastNormalMagnitude
        var x = [Double](repeating: 0, count: n)
        // Gauss–Newton direction; zero components beyond a singular diagonal.
        var nsing = n
        var wa1 = qtb
        for j in 0..<n {
            if r[j, j] == 0 && nsing == n { nsing = j }
            if nsing < n { wa1[j] = 0 }
        }
        if nsing > 0 {
            for j in stride(from: nsing - 1, through: 0, by: -1) {
                wa1[j] /= r[j, j]
                let t = wa1[j]
                for i in 0..<j { wa1[i] -= r[i, j] * t }
            }
        }
        for j in 0..<n { x[ipvt[j]] = wa1[j] }
        var wa2 = (0..<n).map { diag[$0] * x[$0] }
        var dxnorm = enorm(wa2)
        var fp = dxnorm - delta
        if fp <= 0.1 * delta { return (0, x) }

        var parl = 0.0
        if nsing >= n {
            for j in 0..<n { wa1[j] = diag[ipvt[j]] * (wa2[ipvt[j]] / dxnorm) }
            for j in 0..<n {
                var sum = 0.0
                for i in 0..<j { sum += r[i, j] * wa1[i] }
                wa1[j] = (wa1[j] - sum) / r[j, j]
            }
            let t = enorm(wa1)
            parl = ((fp / delta) / t) / t
        }
        for j in 0..<n {
            var sum = 0.0
            for i in 0...j { sum += r[i, j] * qtb[i] }
            wa1[j] = sum / diag[ipvt[j]]
        }
        let gnorm = enorm(wa1)
        var paru = gnorm / delta
        if paru == 0 { paru = dwarf / min(delta, 0.1) }
        var par = max(parIn, parl)
        par = min(par, paru)
        if par == 0 { par = gnorm / dxnorm }

        var iter = 0
        while true {
            iter += 1
            if par == 0 { par = max(dwarf, 0.001 * paru) }
            guard let solved = dampedSolve(r: r, ipvt: ipvt, diag: diag, qtb: qtb, par: par) else {
                return (par, x)
            }
            x = solved.x
            wa2 = (0..<n).map { diag[$0] * x[$0] }
            dxnorm = enorm(wa2)
            let previous = fp
            fp = dxnorm - delta
            if abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previous && previous < 0) || iter == 10 {
                break
            }
            // Newton correction: solve Sᵀ·w = D·(D·x)/‖D·x‖ in pivoted order.
            let v = (0..<n).map { diag[ipvt[$0]] * (wa2[ipvt[$0]] / dxnorm) }
            guard let w = solved.solveTransposed(v) else { break }
            let t = enorm(w)
            let parc = ((fp / delta) / t) / t
            if fp > 0 { parl = max(parl, par) }
            if fp < 0 { paru = min(paru, par) }
            par = max(parl, par + parc)
        }
        return (par, x)
    }

    /// The damped least-squares step for one `λ`: Householder QR (LAPACK) of the 2n × n
    /// matrix `[R; √λ·Pᵀ·D·P]`, giving `S` with `SᵀS = RᵀR + λ·PᵀD²P`, and the solution of
    /// `min ‖[R; √λ·D_P]·z − [qtb; 0]‖` mapped back to the original order.
    static func dampedSolve(r: Matrix, ipvt: [Int], diag: [Double], qtb: [Double], par: Double)
        -> (x: [Double], solveTransposed: ([Double]) -> [Double]?)?
    {
        let n = r.columns
        var a = Matrix(rows: 2 * n, columns: n)
        let s = par.squareRoot()
        for j in 0..<n {
            for i in 0...j { a[i, j] = r[i, j] }
            a[n + j, j] = s * diag[ipvt[j]]
        }
        guard let qr = try? QRFactorization(a, pivoting: false, rankTolerance: 0),
              let c = try? qr.multiplyQTransposed(qtb + [Double](repeating: 0, count: n)),
              let head = try? qr.solveR(Array(c[0..<qr.rank]))
        else { return nil }
        var x = [Double](repeating: 0, count: n)
        for j in 0..<qr.rank { x[ipvt[j]] = head[j] }
        let solveT: ([Double]) -> [Double]? = { v in
            guard let w = try? qr.solveR(Array(v[0..<qr.rank]), transposed: true) else { return nil }
            return w + [Double](repeating: 0, count: n - qr.rank)
        }
        return (x, solveT)
    }
}
