import Foundation
import LinearAlgebra

/// A Cox proportional-hazards model: the specification (data, ties method, strata), fitted
/// by ``fit(options:)`` into an immutable ``CoxFit``.
///
/// The hazard of row i at time t is `h₀ₛ(t) · exp(xᵢᵀβ)` with an unspecified baseline
/// `h₀ₛ` per stratum s. β maximises the log partial likelihood; at a distinct event time
/// `t` with risk set `R(t) = {i : startᵢ < t ≤ stopᵢ}` (same stratum) and `d` tied events
/// `D(t)`:
///
/// ```
/// Efron:    ℓ(β) = Σ_t [ Σ_{i∈D} ηᵢ − Σ_{l=0}^{d−1} log( Σ_{R} e^{η} − (l/d) Σ_{D} e^{η} ) ]
/// Breslow:  ℓ(β) = Σ_t [ Σ_{i∈D} ηᵢ − d · log Σ_{R} e^{η} ]
/// ```
///
/// with `ηᵢ = xᵢᵀβ`. Rows are (start, stop] intervals of a subject's follow-up, so
/// covariates may change over time (one row per subject and week, say); the plain
/// (duration, event) form is the special case start = −∞.
///
/// References: D. R. Cox (1972), *Regression models and life-tables*, JRSS B 34(2):187–220,
/// doi:10.1111/j.2517-6161.1972.tb00899.x; B. Efron (1977), *The efficiency of Cox's
/// likelihood function for censored data*, JASA 72(359):557–565,
/// doi:10.1080/01621459.1977.10480613; N. Breslow (1974), *Covariance analysis of censored
/// survival data*, Biometrics 30(1):89–99, doi:10.2307/2529620; T. M. Therneau and
/// P. M. Grambsch (2000), *Modeling Survival Data*, §3.2 and §3.7 (counting process, ties).
public struct CoxProportionalHazards: Sendable {
    /// How tied event times enter the partial likelihood.
    public enum Ties: String, Sendable, CaseIterable {
        /// Efron's approximation (the default, as in R `coxph` and lifelines).
        case efron
        /// Breslow's approximation (statsmodels' default; cruder with many ties).
        case breslow
    }

    /// Controls of the Newton–Raphson iteration.
    public struct Options: Sendable, Equatable {
        /// Upper bound on Newton iterations; default 50.
        public var maxIterations: Int
        /// Convergence: the largest component of the full Newton step, measured on
        /// covariates standardised to mean 0 and standard deviation 1, is below this
        /// (default 1e-10). The step is still applied, so with Newton's quadratic
        /// convergence the returned β is accurate to rounding.
        public var stepTolerance: Double
        /// How many times a step that lowers the likelihood is halved before giving up;
        /// default 40.
        public var maxStepHalvings: Int

        /// Options with the given values (defaults: 50 iterations, step tolerance 1e-10,
        /// 40 halvings).
        ///
        /// - Precondition: `maxIterations ≥ 1`, `stepTolerance > 0`, `maxStepHalvings ≥ 0`.
        public init(maxIterations: Int = 50, stepTolerance: Double = 1e-10,
                    maxStepHalvings: Int = 40) {
            precondition(maxIterations >= 1, "maxIterations must be at least 1")
            precondition(stepTolerance > 0, "stepTolerance must be positive")
            precondition(maxStepHalvings >= 0, "maxStepHalvings must be non-negative")
            self.maxIterations = maxIterations
            self.stepTolerance = stepTolerance
            self.maxStepHalvings = maxStepHalvings
        }
    }

    /// Row start times (exclusive), or nil when every row is at risk from −∞.
    public let start: [Double]?
    /// Row stop times (inclusive): the event or censoring time, in any unit.
    public let stop: [Double]
    /// True when the row ends in an event.
    public let events: [Bool]
    /// Covariates, one row per observation and one column per term.
    public let covariates: Matrix
    /// Covariate names, one per column of ``covariates``.
    public let terms: [String]
    /// Optional stratum label per row: separate baseline hazards, shared β.
    public let strata: [Int]?
    /// The ties method.
    public let ties: Ties

    /// Per-column mean and standard deviation, used to standardise internally.
    let columnMean: [Double]
    let columnScale: [Double]

    /// A model for one row per subject: `durations` (exit times) and `events`.
    ///
    /// - Parameters:
    ///   - durations: event or censoring time per subject, finite.
    ///   - events: true for an event, false for right censoring.
    ///   - covariates: n × p, finite; p ≥ 1.
    ///   - terms: p names, used in results and errors.
    ///   - strata: optional stratum label per subject.
    ///   - ties: ``Ties/efron`` (default) or ``Ties/breslow``.
    /// - Throws: ``SurvivalError`` for empty input, mismatched lengths, non-finite values,
    ///   no events, no covariates or a constant covariate (named).
    /// - Precondition: `terms.count == covariates.columns`.
    public init(
        durations: [Double], events: [Bool], covariates: Matrix, terms: [String],
        strata: [Int]? = nil, ties: Ties = .efron
    ) throws(SurvivalError) {
        try self.init(validatingStart: nil, stop: durations, events: events,
                      covariates: covariates, terms: terms, strata: strata, ties: ties)
    }

    /// A model for counting-process rows (start, stop]: a subject may span several rows
    /// with different covariate values, as long as its intervals do not overlap.
    ///
    /// - Parameters:
    ///   - start: interval start per row (exclusive), strictly before `stop`.
    ///   - stop: interval end per row (inclusive).
    ///   - events: true when the row's interval ends in an event.
    ///   - The others as in ``init(durations:events:covariates:terms:strata:ties:)``.
    /// - Throws: as that initializer, plus ``SurvivalError/emptyInterval(index:start:stop:)``.
    /// - Precondition: `terms.count == covariates.columns`.
    public init(
        start: [Double], stop: [Double], events: [Bool], covariates: Matrix, terms: [String],
        strata: [Int]? = nil, ties: Ties = .efron
    ) throws(SurvivalError) {
        try self.init(validatingStart: start, stop: stop, events: events,
                      covariates: covariates, terms: terms, strata: strata, ties: ties)
    }

    private init(
        validatingStart start: [Double]?, stop: [Double], events: [Bool], covariates: Matrix,
        terms: [String], strata: [Int]?, ties: Ties
    ) throws(SurvivalError) {
        precondition(terms.count == covariates.columns,
                     "terms must name every covariate column")
        let n = stop.count
        guard n > 0 else { throw .empty }
        guard covariates.columns > 0 else { throw .noCovariates }
        for (name, count) in [("events", events.count), ("covariate rows", covariates.rows),
                              ("start", start?.count ?? n), ("strata", strata?.count ?? n)]
        where count != n {
            throw .lengthMismatch(field: name, expected: n, actual: count)
        }
        for i in 0..<n {
            guard stop[i].isFinite else {
                throw .nonFinite(field: start == nil ? "duration" : "stop", index: i,
                                 value: stop[i])
            }
            if let start {
                guard start[i].isFinite else {
                    throw .nonFinite(field: "start", index: i, value: start[i])
                }
                guard start[i] < stop[i] else {
                    throw .emptyInterval(index: i, start: start[i], stop: stop[i])
                }
            }
        }
        guard events.contains(true) else { throw .noEvents }
        var means: [Double] = []
        var scales: [Double] = []
        for j in 0..<covariates.columns {
            let column = covariates.elements[(j * n)..<((j + 1) * n)]
            let (sum, finite) = column.withUnsafeBufferPointer { c in
                (CoxMath.sum(c.baseAddress, count: n), CoxMath.allFinite(c.baseAddress, count: n))
            }
            if !finite {
                for (k, v) in column.enumerated() where !v.isFinite {
                    throw .nonFinite(field: terms[j], index: k, value: v)
                }
            }
            let mean = sum / Double(n)
            let ss = column.withUnsafeBufferPointer { c in
                CoxMath.sumOfSquares(c.baseAddress, count: n, around: mean)
            }
            let sd = (ss / Double(n)).squareRoot()
            guard sd > 0, column.contains(where: { $0 != column.first }) else {
                throw .constantCovariate(name: terms[j])
            }
            means.append(mean)
            scales.append(sd)
        }
        self.start = start
        self.stop = stop
        self.events = events
        self.covariates = covariates
        self.terms = terms
        self.strata = strata
        self.ties = ties
        self.columnMean = means
        self.columnScale = scales
    }

    /// Number of rows.
    public var observations: Int { stop.count }

    /// The log partial likelihood `ℓ(β)` at `coefficients` (on the covariates' own scale),
    /// natural log; NaN if it overflows.
    ///
    /// - Precondition: `coefficients.count == terms.count`.
    /// - Complexity: O(n·p) after an O(n log n) sort.
    public func logPartialLikelihood(coefficients: [Double]) -> Double {
        precondition(coefficients.count == terms.count, "one coefficient per term")
        let engine = CoxEngine(model: self)
        let scaled = zip(coefficients, columnScale).map { $0 * $1 }
        return engine.evaluate(scaled, derivatives: false).logLikelihood
    }

    /// Fits β by Newton–Raphson with step halving, starting from β = 0.
    ///
    /// Covariates are standardised to mean 0 and standard deviation 1 for the iteration;
    /// β and its covariance are mapped back to the original scale (the partial likelihood
    /// is invariant to centring, and scaling column j by `sⱼ` scales `βⱼ` by `1/sⱼ`).
    /// Each iteration sweeps the rows once in decreasing time with running risk-set sums
    /// `Σ e^η`, `Σ e^η x`, `Σ e^η x xᵀ`, one distinct stop time at a time (adding the rows
    /// stopping then and removing rows at their start time), sums Efron's tie terms of each
    /// time in closed form (O(d + p²) for d tied events), and solves the Newton system with
    /// a LAPACK Cholesky factorisation of the observed information. Rows are ordered once,
    /// by counting when the times are whole numbers in a compact range (weeks, days).
    ///
    /// - Returns: the fit, with ``CoxFit/warnings`` for non-convergence, possible separation
    ///   (a diverging coefficient) or an ill-conditioned information matrix.
    /// - Throws: ``SurvivalError/singularInformation(detail:)`` when the information is not
    ///   positive definite (exactly collinear covariates);
    ///   ``SurvivalError/nonFiniteLikelihood(iteration:)`` on overflow.
    /// - Complexity: O(n log n) once, then O(n·p² + p³) per iteration.
    public func fit(options: Options = Options()) throws(SurvivalError) -> CoxFit {
        let engine = CoxEngine(model: self)
        let p = terms.count
        var workspace = CoxWorkspace(n: observations, p: p)
        var beta = [Double](repeating: 0, count: p)
        var current = engine.evaluate(beta, derivatives: true, workspace: &workspace)
        guard current.isFinite else { throw .nonFiniteLikelihood(iteration: 0) }
        let nullLogLikelihood = current.logLikelihood
        var iterations = 0
        var converged = false
        var lastStep = [Double](repeating: .infinity, count: p)
        var stalls = 0
        while iterations < options.maxIterations {
            iterations += 1
            let factor: Cholesky
            do {
                factor = try Cholesky(current.informationMatrix(p))
            } catch {
                throw .singularInformation(detail: error.description)
            }
            if iterations == 1 && factor.reciprocalCondition < 1e-13 {
                throw .singularInformation(
                    detail: "reciprocal condition \(factor.reciprocalCondition) at β = 0")
            }
            let step: [Double]
            do {
                step = try factor.solve(current.gradient)
            } catch {
                throw .singularInformation(detail: error.description)
            }
            lastStep = step
            let largest = step.reduce(0) { max($0, abs($1)) }
            var scale = 1.0
            var accepted: CoxEvaluation?
            var candidate = beta
            let slack = 1e-12 * max(1, abs(current.logLikelihood))
            for _ in 0...options.maxStepHalvings {
                for j in 0..<p { candidate[j] = beta[j] + scale * step[j] }
                // The full step is nearly always accepted: evaluate it with derivatives, so
                // they need no second sweep; halved steps check ℓ alone first.
                let trial = engine.evaluate(
                    candidate, derivatives: scale == 1, workspace: &workspace)
                if trial.logLikelihood.isFinite
                    && trial.logLikelihood >= current.logLikelihood - slack {
                    accepted = trial
                    break
                }
                scale /= 2
            }
            guard let accepted else {
                // No step along the Newton direction improves ℓ: at the maximum up to
                // rounding when the step is tiny, otherwise stuck.
                converged = largest < options.stepTolerance
                break
            }
            let previous = current.logLikelihood
            beta = candidate
            current = scale == 1
                ? accepted : engine.evaluate(beta, derivatives: true, workspace: &workspace)
            guard current.isFinite else { throw .nonFiniteLikelihood(iteration: iterations) }
            if largest < options.stepTolerance {
                converged = true
                break
            }
            let change = abs(current.logLikelihood - previous)
            stalls = change <= 1e-14 * abs(current.logLikelihood) ? stalls + 1 : 0
            if stalls >= 5 { break }
        }

        var warnings: [CoxWarning] = []
        if !converged {
            let largest = lastStep.reduce(0) { max($0, abs($1)) }
            warnings.append(.didNotConverge(iterations: iterations, lastStep: largest))
            for j in 0..<p where abs(lastStep[j]) > 1e-4 {
                warnings.append(.possibleSeparation(term: terms[j]))
            }
        }

        // Covariance: inverse observed information, mapped back to the original scale.
        var covariance = Matrix(rows: p, columns: p, repeating: .nan)
        do {
            let factor = try Cholesky(current.informationMatrix(p))
            if factor.reciprocalCondition < 1e-12 {
                warnings.append(.illConditioned(reciprocalCondition: factor.reciprocalCondition))
            }
            let inverse = try factor.inverse()
            for a in 0..<p {
                for b in 0..<p {
                    covariance[a, b] = inverse[a, b] / (columnScale[a] * columnScale[b])
                }
            }
        } catch {
            warnings.append(.informationNotPositiveDefinite)
        }
        let coefficients = (0..<p).map { beta[$0] / columnScale[$0] }
        // Scores xᵀβ̂ on the original scale, Σ_j x_j β̂_j summed in j order for every row.
        let n = observations
        var scores = [Double](repeating: 0, count: n)
        covariates.elements.withUnsafeBufferPointer { x in
            scores.withUnsafeMutableBufferPointer { scores in
                guard let x = x.baseAddress, let scores = scores.baseAddress else { return }
                for j in 0..<p {
                    let c = coefficients[j]
                    let column = x + j * n
                    for i in 0..<n { scores[i] += column[i] * c }
                }
            }
        }
        let counts: (concordant: Int, discordant: Int, tied: Int)
        if start == nil && n < ConcordanceSweep.maximumGroupedRows {
            // The sweep's grouping by stratum and time serves the concordance too.
            counts = ConcordanceSweep.count(
                grouping: engine.grouping, scores: scores)
        } else {
            counts = ConcordanceSweep.count(
                start: start, stop: stop, events: events, scores: scores, strata: strata)
        }
        return CoxFit(
            terms: terms, coefficients: coefficients, covariance: covariance,
            logLikelihood: current.logLikelihood, nullLogLikelihood: nullLogLikelihood,
            concordance: Concordance(concordant: counts.concordant,
                                     discordant: counts.discordant, tiedRisk: counts.tied),
            observations: observations, events: engine.grouping.groups.reduce(0) { $0 + $1.events },
            ties: ties,
            iterations: iterations, converged: converged, warnings: warnings)
    }
}

/// A caveat about a Cox fit that still returned estimates.
public enum CoxWarning: Sendable, Equatable, CustomStringConvertible {
    /// Newton–Raphson stopped after `iterations` without the step falling below the
    /// tolerance; `lastStep` is the largest component of the last Newton step
    /// (standardised scale).
    case didNotConverge(iterations: Int, lastStep: Double)
    /// The coefficient of `term` kept moving when the iteration stopped: the partial
    /// likelihood is probably monotone in it (complete or quasi-complete separation),
    /// so the estimate and its standard error are meaningless.
    case possibleSeparation(term: String)
    /// LAPACK's reciprocal condition estimate of the (standardised) information is this
    /// small: standard errors are unreliable.
    case illConditioned(reciprocalCondition: Double)
    /// The information at the final β is not positive definite; covariance and standard
    /// errors are NaN.
    case informationNotPositiveDefinite

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .didNotConverge(let iterations, let lastStep):
            return "Newton–Raphson did not converge in \(iterations) iterations "
                + "(last step \(lastStep))"
        case .possibleSeparation(let term):
            return "coefficient of \(term) is diverging (monotone likelihood / separation?)"
        case .illConditioned(let rcond):
            return "information matrix is ill-conditioned (reciprocal condition \(rcond))"
        case .informationNotPositiveDefinite:
            return "information matrix is not positive definite; standard errors unavailable"
        }
    }
}

/// The fitted Cox model: estimates, their covariance, likelihoods, concordance and any
/// warnings. Immutable.
public struct CoxFit: Sendable {
    /// Covariate names, in coefficient order.
    public let terms: [String]
    /// β̂, the log hazard ratio per unit of each covariate.
    public let coefficients: [Double]
    /// Inverse observed information at β̂ (model-based, not robust), p × p.
    public let covariance: Matrix
    /// Log partial likelihood at β̂ (natural log).
    public let logLikelihood: Double
    /// Log partial likelihood at β = 0.
    public let nullLogLikelihood: Double
    /// Harrell's concordance of the linear predictor `xᵀβ̂` with the observed times.
    public let concordance: Concordance
    /// Number of rows used.
    public let observations: Int
    /// Number of events.
    public let events: Int
    /// The ties method used.
    public let ties: CoxProportionalHazards.Ties
    /// Newton iterations taken.
    public let iterations: Int
    /// True when the Newton step fell below the tolerance.
    public let converged: Bool
    /// Statistical caveats (non-convergence, separation, ill-conditioning).
    public let warnings: [CoxWarning]

    /// Standard errors, `√diag(covariance)`.
    public var standardErrors: [Double] {
        (0..<coefficients.count).map { covariance[$0, $0].squareRoot() }
    }

    /// Hazard ratios `exp(β̂)` per unit of each covariate.
    public var hazardRatios: [Double] { coefficients.map { exp($0) } }

    /// Wald statistics `β̂ / SE`.
    public var zStatistics: [Double] { zip(coefficients, standardErrors).map { $0 / $1 } }

    /// Two-sided Wald p-values `P(|Z| ≥ |z|)` under the standard normal.
    public var pValues: [Double] { zStatistics.map(SurvivalDistributions.normalTwoSidedP) }

    /// Wald confidence intervals `β̂ ± z_{(1+level)/2} · SE` for the coefficients.
    ///
    /// - Precondition: `0 < level < 1`.
    public func confidenceIntervals(level: Double = 0.95) -> [(lower: Double, upper: Double)] {
        precondition(level > 0 && level < 1, "level must lie strictly between 0 and 1")
        let z = SurvivalDistributions.normalQuantile(0.5 + level / 2)
        return zip(coefficients, standardErrors).map { ($0 - z * $1, $0 + z * $1) }
    }

    /// Likelihood-ratio statistic against β = 0, `2 (ℓ(β̂) − ℓ(0))`.
    public var likelihoodRatioStatistic: Double { 2 * (logLikelihood - nullLogLikelihood) }

    /// Degrees of freedom of the likelihood-ratio test: the number of coefficients.
    public var degreesOfFreedom: Int { coefficients.count }

    /// p-value of the likelihood-ratio test, the chi-square upper tail on
    /// ``degreesOfFreedom``.
    public var likelihoodRatioPValue: Double {
        SurvivalDistributions.chiSquareUpperTail(
            likelihoodRatioStatistic, degreesOfFreedom: degreesOfFreedom)
    }

    /// The linear predictor (log relative hazard) `xᵀβ̂` of one covariate row.
    ///
    /// - Precondition: `row.count == terms.count`.
    public func linearPredictor(_ row: [Double]) -> Double {
        precondition(row.count == coefficients.count, "one value per term")
        var eta = 0.0
        for j in 0..<row.count { eta += row[j] * coefficients[j] }
        return eta
    }
}
