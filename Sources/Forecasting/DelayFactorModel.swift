import KendaliData
import Estimation
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The four reported delay factors, the spec's `kendala_*` flags.
public enum DelayFactor: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// `kendala_lahan`: a land problem.
    case land
    /// `kendala_cuaca`: weather.
    case weather
    /// `kendala_tenaga_kerja`: labour shortage.
    case labour
    /// `kendala_teknis`: a technical problem.
    case technical

    /// `land`, `weather`, `labour`, `technical`.
    public var description: String {
        switch self {
        case .land: "land"
        case .weather: "weather"
        case .labour: "labour"
        case .technical: "technical"
        }
    }

    /// The snapshot column of the flag.
    public var column: String {
        switch self {
        case .land: "kendala_lahan"
        case .weather: "kendala_cuaca"
        case .labour: "kendala_tenaga_kerja"
        case .technical: "kendala_teknis"
        }
    }
}

/// The progress-rate curve h(p): the expected weekly increment, in points, of a
/// cooperative of speed 1 in a week without delay, as a function of its progress level p.
///
/// A piecewise-linear (degree-1 B-spline) curve with nodes every 12.5 points from 0 to
/// 100; the integral of 1/h is the S-curve's clock.
public struct ProgressRateCurve: Sendable, Codable, Hashable {
    /// The nodes, points.
    public var nodes: [Double]
    /// h at each node, points per week (> 0).
    public var values: [Double]

    /// The default node grid 0, 12.5, …, 100.
    public static let defaultNodes: [Double] = (0...8).map { Double($0) * 12.5 }

    /// h(p), by linear interpolation between nodes (constant beyond them).
    @inline(__always)
    public func callAsFunction(_ p: Double) -> Double {
        let n = nodes.count
        if p <= nodes[0] { return values[0] }
        if p >= nodes[n - 1] { return values[n - 1] }
        let step = nodes[1] - nodes[0]
        let k = min(n - 2, Int((p - nodes[0]) / step))
        let f = (p - nodes[k]) / step
        return values[k] + f * (values[k + 1] - values[k])
    }
}

/// The pooled model of weekly construction progress along the S-curve with delay factors:
///
/// ```
/// Δp_it = s_i · h(p_i,t−1) · Π_k θ_k^f_kit · ε_it  (+ reporting noise),   δ_k = 1 − θ_k
/// ```
///
/// where h is ``ProgressRateCurve`` (its node values estimated), θ_k the share of a
/// week's work done when factor k is flagged (δ_k the share lost), s_i the cooperative's
/// speed (mean 1; ``SpeedEstimates``), ε a multiplicative noise of mean 1. The factors act
/// multiplicatively, so two delays in one week compound instead of adding.
///
/// Estimation alternates: (h, θ) by nonlinear least squares (Levenberg–Marquardt with the
/// analytic Jacobian, normal equations solved by LAPACK's Cholesky) given the speeds, and
/// the speeds by partial pooling given (h, θ), two rounds. The (h, θ) fit of the second
/// round takes each cooperative's own speed where it has 3 rows or more
/// (``SpeedEstimates/fixedEffects``), not the pooled one: the progress levels a cooperative
/// has reached depend on its speed (early in a programme only the fast ones are far along),
/// so speeds shrunk toward the mean would leave the fast ones' extra pace in h at the high
/// levels — the random-effects estimate is biased where the effect and the regressor are
/// correlated, the fixed-effects one is not (Hausman 1978, *Econometrica* 46(6):1251,
/// doi:10.2307/1913827). The forecast uses the pooled speeds. Standard errors are
/// cluster-robust by cooperative (the sandwich `(JᵀJ)⁻¹ (Σ_i g_i g_iᵀ) (JᵀJ)⁻¹ · G/(G−1)`,
/// g_i the cooperative's score; Liang & Zeger (1986), *Biometrika* 73(1),
/// doi:10.1093/biomet/73.1.13); they treat the speeds as known.
///
/// Sufficient statistics: a row r with its earlier progress in node interval k of h, at
/// position w_r ∈ [0, 1] in it, has the mean
///
/// ```
/// μ_r = m_g · (a_r h_k + b_r h_k+1),   a_r = s_r (1 − w_r),   b_r = s_r w_r,   m_g = Π_j θ_j^f_j
/// ```
///
/// so its group g = (k, the four flag bits), at most 8 × 16 = 128 of them, carries all of
/// (h, θ). With the speeds fixed, the sum of squares, JᵀJ and Jᵀr are exact quadratic
/// functions of six sums per group (Σa², Σab, Σb², Σa·Δp, Σb·Δp, ΣΔp²; e.g.
/// `Σ_g [ΣΔp² − 2 m_g (h_k Σa·Δp + h_k+1 Σb·Δp) + m_g² (h_k² Σa² + 2 h_k h_k+1 Σab + h_k+1² Σb²)]`),
/// built in one pass over the rows per round: each Levenberg–Marquardt iteration then
/// costs O(groups), not O(rows), and gives the same fit as the row-by-row sums up to
/// floating-point rounding. The noise model, the speeds, the covariance, the weekly
/// shock and the factor summary take one more pass per round and one at the end.
///
/// Where the data hold few rows (early in a programme, progress levels nobody has reached
/// yet) h leans on the programme's plan, 100 points in 18 weeks, with the weight of 3 rows
/// per node (a ridge penalty `3 Σ (h_j − 100/18)²`).
///
/// Noise: the squared residuals are regressed on the squared mean, `E[r²] = σ_m²·μ² + σ_r²`,
/// giving the multiplicative work noise σ_m and the additive reporting noise σ_r (points).
public struct DelayFactorModel: Sendable {
    /// The rows the model is fitted on.
    public var sample: ConstructionSample
    /// Regency index of each cooperative (into the panel's regencies).
    public var regencyIndex: [Int32]
    /// Number of regencies.
    public var regencyCount: Int
    /// Number of cooperatives.
    public var cooperativeCount: Int
    /// The report date of each grid week (the panel's), to place the holidays.
    public var reportDates: [Day]

    /// The model of `panel`'s construction rows up to week `upTo`.
    public init(panel: Panel, upTo: Int) {
        sample = ConstructionSample(panel: panel, upTo: upTo)
        regencyIndex = panel.regencyIndex
        regencyCount = panel.regencies.count
        cooperativeCount = panel.cooperativeCount
        reportDates = panel.dates
    }

    /// Fits the model.
    ///
    /// - Throws: ``ForecastError/tooFewConstructionWeeks(_:)`` with fewer than 20 rows
    ///   (nothing to learn an S-curve from).
    /// - Complexity: O(rows) for a fixed number of passes over the rows (grouping them; per
    ///   round the group sums and one pass for the noise and the speeds; at the end the
    ///   group sums and one pass for the covariance, the week shock and the factor
    ///   summary) plus O(groups) per Levenberg–Marquardt iteration.
    public func fit() throws(ForecastError) -> DelayFactorFit {
        let n = sample.count
        guard n >= 20 else { throw .tooFewConstructionWeeks(n) }
        // The passes over the rows index unchecked: the same stop as an out-of-range index.
        precondition(sample.isConsistent(cooperatives: regencyIndex.count),
                     "DelayFactorModel.sample: arrays of different lengths, or a cooperative outside the panel")
        let nodes = ProgressRateCurve.defaultNodes
        let nNodes = nodes.count
        // The groups and their sums at every speed 1 (the first round).
        var groups = ConstructionGroups(sample: sample, nNodes: nNodes)
        // Which factors vary in the sample (a flag never raised cannot be estimated).
        var flagged = [Int](repeating: 0, count: 4)
        for f in 0..<ConstructionGroups.flagCombinations {
            for k in 0..<4 where f & (1 << k) != 0 { flagged[k] += groups.rowsPerFlags[f] }
        }
        let active = (0..<4).map { flagged[$0] >= 5 }
        var beta = [Double](repeating: DelayFactorModel.plannedRate, count: nNodes) + [0.8, 0.8, 0.8, 0.8]
        for k in 0..<4 where !active[k] { beta[nNodes + k] = 1 }
        var speeds = SpeedEstimates.unpooled(cooperativeCount: cooperativeCount)
        var fitState = NLSState(converged: false, iterations: 0)
        var noise = (multiplicative: 0.2, reporting: 0.5)
        // The increments with each completing row's work replaced, from the second round
        // on, by its expectation given that it reached 100 (``expectedCompletingWork``).
        var increments = sample.increment
        for round in 0..<DelayFactorModel.rounds {
            if round > 0 {
                let work = expectedCompletingWork(beta: beta, groups: groups, speeds: speeds.mean, noise: noise)
                groups.setCompletingIncrements(work)
                for (k, r) in groups.completingRows.enumerated() { increments[Int(r)] = work[k] }
                groups.accumulate(cooperativeSpeed: speeds.fixedEffects)
            }
            fitState = levenbergMarquardt(beta: &beta, groups: groups, active: active)
            let pass = noiseAndSpeedSums(beta: beta, groups: groups, cooperativeSpeed: round > 0 ? speeds.mean : nil)
            noise = pass.noise
            // The curve's values are β's node values: every Levenberg–Marquardt step keeps
            // them ≥ 10⁻³, so the x_it of the speeds are the rows' h·Π θ.
            speeds = SpeedEstimates(
                cooperativeSums: pass.cooperativeSums, regencyIndex: regencyIndex,
                regencyCount: regencyCount, noise: noise)
        }
        // The covariance, the week shock and the factor summary at the final speeds.
        groups.accumulate(cooperativeSpeed: speeds.mean)
        let fittedCurve = curve(beta, nodes)
        let theta = Array(beta[nNodes...])
        let lastPass = finalPass(beta: beta, groups: groups, increments: increments, cooperativeSpeed: speeds.mean,
                                 active: active)
        let cov = clusterCovariance(jtj: groups.normalEquations(beta, active: active, prior: false).jtj,
                                    meat: lastPass.meat, clusters: lastPass.clusters, nNodes: nNodes, active: active)
        let shock = weekShock(lastPass.weeks)
        return DelayFactorFit(
            curve: fittedCurve, theta: theta, estimated: active,
            covariance: cov, rows: n, converged: fitState.converged,
            iterations: fitState.iterations, multiplicativeNoise: noise.multiplicative,
            reportingNoise: noise.reporting, weekShock: shock,
            speeds: speeds,
            factorSummary: factorSummary(
                theta: theta, cov: cov, nNodes: nNodes, groups: groups, final: lastPass,
                curve: fittedCurve, active: active, flaggedRows: flagged),
            holidays: HolidayEffects(weeks: lastPass.weeks, dates: reportDates, allWeeksShock: shock))
    }

    private func curve(_ beta: [Double], _ nodes: [Double]) -> ProgressRateCurve {
        ProgressRateCurve(nodes: nodes, values: beta[0..<nodes.count].map { max($0, 1e-3) })
    }

    struct NLSState { var converged: Bool; var iterations: Int }

    /// The programme's plan, 100 points in 90 working days (18 weeks): the rate h leans on
    /// where the data hold few rows (DOMAIN: each site is given 90 working days).
    static let plannedRate = 100.0 / 18.0
    /// Weight of the plan at each node of h, in rows: 3 (a node with hundreds of rows follows
    /// its data; one with none takes the plan).
    static let priorRows = 3.0

    /// Levenberg–Marquardt (Marquardt 1963, doi:10.1137/0111030) on the normal equations,
    /// damping `λ·diag(JᵀJ)`, θ kept in [0, 1.5] and h ≥ 10⁻³; the sums of squares and the
    /// normal equations from the group sums of `groups` (at the round's speeds).
    private func levenbergMarquardt(beta: inout [Double], groups: ConstructionGroups,
                                    active: [Bool]) -> NLSState {
        let nNodes = groups.nNodes
        let p = beta.count
        var lambda = 1e-3
        var current = groups.sse(beta)
        for iteration in 1...40 {
            let (jtj, jtr) = groups.normalEquations(beta, active: active)
            var improved = false
            for _ in 0..<20 {
                var m = Matrix(rows: p, columns: p)
                for a in 0..<p {
                    for b in 0...a {
                        m.elements[a + b * p] = jtj[a * p + b]
                        m.elements[b + a * p] = jtj[a * p + b]
                    }
                    let d = jtj[a * p + a]
                    m.elements[a + a * p] = d > 0 ? d * (1 + lambda) + 1e-12 : 1
                }
                guard let chol = try? Cholesky(m), let delta = try? chol.solve(jtr) else {
                    lambda *= 10
                    continue
                }
                var trial = beta
                for a in 0..<p { trial[a] += delta[a] }
                for k in 0..<nNodes { trial[k] = max(1e-3, trial[k]) }
                for k in 0..<4 { trial[nNodes + k] = active[k] ? min(1.5, max(0, trial[nNodes + k])) : 1 }
                let s = groups.sse(trial)
                if s <= current {
                    let relative = (current - s) / max(current, 1e-300)
                    beta = trial
                    current = s
                    lambda = max(1e-9, lambda / 10)
                    improved = true
                    if relative < 1e-9 { return NLSState(converged: true, iterations: iteration) }
                    break
                }
                lambda *= 10
            }
            if !improved { return NLSState(converged: true, iterations: iteration) }
        }
        return NLSState(converged: false, iterations: 40)
    }

    /// Rounds of the alternation between (h, θ) and the speeds.
    static let rounds = 2

    /// The expected work of each completing row (``ConstructionGroups/completingRows``
    /// order) at (h, θ) = `beta`, the speeds `speeds` and the noise `noise`.
    ///
    /// A week that finishes the building reports 100, so its work is known only to be at
    /// least what was left, c = 100 − p: taking c as the work would bias h down where
    /// buildings finish. With the row's mean μ and the noise model's variance
    /// σ² = σ_m² μ² + σ_r², the work is taken as `E[Δp | Δp ≥ c] = μ + σ λ((c − μ)/σ)`
    /// (``inverseMillsRatio(_:)``), as in the EM algorithm for censored normal regression
    /// (Amemiya, *Advanced Econometrics*, 1985, §10.4.5), one step per round.
    func expectedCompletingWork(beta: [Double], groups: ConstructionGroups, speeds: [Double],
                                noise: (multiplicative: Double, reporting: Double)) -> [Double] {
        let multiplier = ConstructionGroups.multipliers(beta, nNodes: groups.nNodes).m
        let sm2 = noise.multiplicative * noise.multiplicative
        let sr2 = noise.reporting * noise.reporting
        return groups.completingRows.map { row in
            let r = Int(row)
            let g = Int(groups.rowGroup[r])
            let k = g >> 4
            let w = groups.rowWeight[r]
            let mu = speeds[Int(sample.cooperative[r])] * ((1 - w) * beta[k] + w * beta[k + 1]) * multiplier[g & 15]
            let sd = (sm2 * mu * mu + sr2).squareRoot()
            return normalMeanAbove(sample.increment[r], mean: mu, sd: sd)
        }
    }

    /// One pass over the rows at (h, θ) = `beta`: the noise model and the per-cooperative
    /// sums of the speeds (``SpeedEstimates``), at the speeds `cooperativeSpeed` (`nil`:
    /// every speed 1).
    ///
    /// Noise: OLS of r² on (μ², 1), r the residual, μ the row's mean, over the rows that do
    /// not complete.
    private func noiseAndSpeedSums(beta: [Double], groups: ConstructionGroups, cooperativeSpeed: [Double]?)
        -> (noise: (multiplicative: Double, reporting: Double), cooperativeSums: SpeedEstimates.CooperativeSums)
    {
        let multiplier = ConstructionGroups.multipliers(beta, nNodes: groups.nNodes).m
        var sums = SpeedEstimates.CooperativeSums(cooperatives: regencyIndex.count)
        var s11 = 0.0, s12 = 0.0, b1 = 0.0, b2 = 0.0
        var noiseRows = 0
        let n = sample.count
        sample.increment.withUnsafeBufferPointer { increment in
        sample.cooperative.withUnsafeBufferPointer { cooperative in
        sample.completes.withUnsafeBufferPointer { completes in
        groups.rowGroup.withUnsafeBufferPointer { rowGroup in
        groups.rowWeight.withUnsafeBufferPointer { rowWeight in
        beta.withUnsafeBufferPointer { beta in
        multiplier.withUnsafeBufferPointer { multiplier in
        sums.increment.withUnsafeMutableBufferPointer { sumDp in
        sums.x.withUnsafeMutableBufferPointer { sumX in
        sums.xSquared.withUnsafeMutableBufferPointer { sumX2 in
        sums.rows.withUnsafeMutableBufferPointer { rows in
            // Runs of one cooperative's rows (the sample holds each cooperative's rows
            // together; a cooperative met in several runs adds them up).
            var r = 0
            while r < n {
                let coop = cooperative[r]
                let i = Int(coop)
                let s = cooperativeSpeed?[i] ?? 1
                var dp = 0.0, x = 0.0, x2 = 0.0
                var count: Int32 = 0
                while r < n, cooperative[r] == coop {
                    let g = Int(rowGroup[r])
                    let k = g >> 4
                    let w = rowWeight[r]
                    let xr = ((1 - w) * beta[k] + w * beta[k + 1]) * multiplier[g & 15]
                    let mu = s * xr
                    let d = increment[r]
                    let e = d - mu
                    if !completes[r] {
                        // A completing row's work is known only to be at least what was
                        // left: it stays out of the noise model and the speeds.
                        let mu2 = mu * mu
                        let e2 = e * e
                        s11 += mu2 * mu2
                        s12 += mu2
                        b1 += mu2 * e2
                        b2 += e2
                        noiseRows += 1
                        dp += d
                        x += xr
                        x2 += xr * xr
                        count += 1
                    }
                    r += 1
                }
                sumDp[i] += dp
                sumX[i] += x
                sumX2[i] += x2
                rows[i] += count
            }
        }}}}}}}}}}}
        let s22 = Double(noiseRows)
        let det = s11 * s22 - s12 * s12
        guard det > 0 else { return ((0.2, 0.5), sums) }
        var a = (b1 * s22 - s12 * b2) / det
        var c = (s11 * b2 - s12 * b1) / det
        if a < 0 { a = 0; c = b2 / s22 }
        if c < 0 { c = 0; a = b1 / max(s11, 1e-300) }
        return ((a.squareRoot(), c.squareRoot()), sums)
    }

    /// What the last pass over the rows gathers at the final (h, θ) and speeds.
    struct FinalSums {
        /// Σ_i g_i g_iᵀ over the cooperatives' scores g_i, p × p row-major.
        var meat: [Double]
        /// Cooperatives with rows.
        var clusters: Int
        /// Per week (index of the later report), over rows that do not complete:
        /// rows, ΣΔp, Σμ, ΣΔp², ΣΔp·μ, Σμ².
        var weeks: [(rows: Int, dp: Double, mu: Double, dp2: Double, dpMu: Double, mu2: Double)]
        /// Flagged rows per factor and regency, `factor · regencies + regency`.
        var flaggedByRegency: [Int]
    }

    /// The last pass over the rows: the meat of the cluster-robust covariance (each
    /// cooperative's score `g_i = Σ_t J_it r_it`), the weekly sums of the week shock and the
    /// flagged rows per regency.
    private func finalPass(beta: [Double], groups: ConstructionGroups, increments: [Double],
                           cooperativeSpeed: [Double], active: [Bool]) -> FinalSums {
        let nNodes = groups.nNodes
        let p = beta.count
        let tables = ConstructionGroups.multipliers(beta, nNodes: nNodes)
        // Score multiplier of each θ_j by flag combination: 0 when j is not flagged or not
        // estimated (its Jacobian column is zero).
        var thetaScore = [Double](repeating: 0, count: 16 * 4)
        for f in 0..<16 {
            for j in 0..<4 where active[j] && f & (1 << j) != 0 { thetaScore[f * 4 + j] = tables.other[f * 4 + j] }
        }
        var meat = [Double](repeating: 0, count: p * p)
        var score = [Double](repeating: 0, count: p)
        var clusters = 0
        var maxWeek = 0
        for t in sample.week { maxWeek = max(maxWeek, Int(t)) }
        var weekSums = [Double](repeating: 0, count: (maxWeek + 1) * 5)
        var weekRows = [Int](repeating: 0, count: maxWeek + 1)
        var flaggedByRegency = [Int](repeating: 0, count: 4 * regencyCount)
        let regencies = regencyCount
        let n = sample.count
        increments.withUnsafeBufferPointer { increment in
        sample.cooperative.withUnsafeBufferPointer { cooperative in
        sample.completes.withUnsafeBufferPointer { completes in
        sample.week.withUnsafeBufferPointer { week in
        groups.rowGroup.withUnsafeBufferPointer { rowGroup in
        groups.rowWeight.withUnsafeBufferPointer { rowWeight in
        beta.withUnsafeBufferPointer { beta in
        tables.m.withUnsafeBufferPointer { multiplier in
        thetaScore.withUnsafeBufferPointer { thetaScore in
        meat.withUnsafeMutableBufferPointer { meat in
        score.withUnsafeMutableBufferPointer { score in
        weekSums.withUnsafeMutableBufferPointer { weekSums in
        weekRows.withUnsafeMutableBufferPointer { weekRows in
            var r = 0
            while r < n {
                let coop = cooperative[r]
                let i = Int(coop)
                let s = cooperativeSpeed[i]  // checked, once per cooperative
                for a in 0..<nNodes { score[a] = 0 }
                // θ scores and flag counts in registers; the node scores by runs of one
                // node interval.
                var g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0
                var n0 = 0, n1 = 0, n2 = 0, n3 = 0
                var runK = -1
                var runA = 0.0, runB = 0.0
                while r < n, cooperative[r] == coop {
                    let g = Int(rowGroup[r])
                    let k = g >> 4
                    let f = g & 15
                    let w = rowWeight[r]
                    let a = s * (1 - w)
                    let b = s * w
                    let hs = a * beta[k] + b * beta[k + 1]  // s·h
                    let mu = hs * multiplier[f]
                    let d = increment[r]
                    let e = d - mu
                    if k != runK {
                        if runK >= 0 {
                            score[runK] += runA
                            score[runK + 1] += runB
                        }
                        runK = k
                        runA = 0
                        runB = 0
                    }
                    let me = multiplier[f] * e
                    runA += a * me
                    runB += b * me
                    let he = hs * e
                    let ts = f * 4
                    g0 += thetaScore[ts] * he
                    g1 += thetaScore[ts + 1] * he
                    g2 += thetaScore[ts + 2] * he
                    g3 += thetaScore[ts + 3] * he
                    n0 += f & 1
                    n1 += (f >> 1) & 1
                    n2 += (f >> 2) & 1
                    n3 += f >> 3
                    if !completes[r] {
                        let t = Int(week[r])
                        let q = t * 5
                        weekRows[t] += 1
                        weekSums[q] += d
                        weekSums[q + 1] += mu
                        weekSums[q + 2] += d * d
                        weekSums[q + 3] += d * mu
                        weekSums[q + 4] += mu * mu
                    }
                    r += 1
                }
                if runK >= 0 {
                    score[runK] += runA
                    score[runK + 1] += runB
                }
                score[nNodes] = g0
                score[nNodes + 1] = g1
                score[nNodes + 2] = g2
                score[nNodes + 3] = g3
                clusters += 1
                for a in 0..<p where score[a] != 0 {
                    let ga = score[a]
                    let row = a * p
                    for b in 0...a { meat[row + b] += ga * score[b] }
                }
                // Checked: the regency indices are the panel's.
                let regency = Int(regencyIndex[i])
                flaggedByRegency[regency] += n0
                flaggedByRegency[regencies + regency] += n1
                flaggedByRegency[2 * regencies + regency] += n2
                flaggedByRegency[3 * regencies + regency] += n3
            }
        }}}}}}}}}}}}}
        for a in 0..<p { for b in 0..<a { meat[b * p + a] = meat[a * p + b] } }
        var weeks: [(rows: Int, dp: Double, mu: Double, dp2: Double, dpMu: Double, mu2: Double)] = []
        weeks.reserveCapacity(maxWeek + 1)
        for t in 0...maxWeek {
            let q = t * 5
            weeks.append((weekRows[t], weekSums[q], weekSums[q + 1], weekSums[q + 2], weekSums[q + 3], weekSums[q + 4]))
        }
        return FinalSums(meat: meat, clusters: clusters, weeks: weeks, flaggedByRegency: flaggedByRegency)
    }

    /// The common weekly shock: the spread across weeks of each week's ratio of observed
    /// to expected work `r̄_t = Σ Δp / Σ μ`, less its sampling part (weeks with at least
    /// 20 rows), `σ_w² = max(0, Var_t(ln r̄_t) − mean_t(v_t / r̄_t²))` with
    /// `v_t = Σ (Δp − r̄_t μ)² / (Σ μ)²`, from the weekly sums
    /// (`Σ (Δp − r̄ μ)² = ΣΔp² − 2 r̄ ΣΔp·μ + r̄² Σμ²`).
    private func weekShock(
        _ weeks: [(rows: Int, dp: Double, mu: Double, dp2: Double, dpMu: Double, mu2: Double)]
    ) -> Double {
        HolidayEffects.shockSD(HolidayEffects.weeklyLogRatios(weeks))
    }

    /// The sandwich `(JᵀJ + prior)⁻¹ · meat · (JᵀJ + prior)⁻¹ · G/(G−1)`, `jtj` the lower
    /// triangle of JᵀJ (row-major, without the prior); parameters with no information (an
    /// inactive θ) get zero variance.
    private func clusterCovariance(jtj: [Double], meat: [Double], clusters: Int, nNodes: Int,
                                   active: [Bool]) -> Matrix {
        let p = nNodes + 4
        var bread = jtj
        for a in 0..<p { for b in 0..<a { bread[b * p + a] = bread[a * p + b] } }
        for k in 0..<nNodes { bread[k * p + k] += DelayFactorModel.priorRows }
        // Inactive parameters: fixed, zero variance.
        var m = Matrix(rows: p, columns: p)
        for a in 0..<p {
            for b in 0..<p { m.elements[a + b * p] = bread[a * p + b] }
            if m.elements[a + a * p] <= 0 {
                for b in 0..<p { m.elements[a + b * p] = 0; m.elements[b + a * p] = 0 }
                m.elements[a + a * p] = 1
            }
        }
        guard let chol = try? Cholesky(m), let inv = try? chol.inverse() else {
            return Matrix(rows: p, columns: p)
        }
        let factor = clusters > 1 ? Double(clusters) / Double(clusters - 1) : 1
        var out = Matrix(rows: p, columns: p)
        // inv · meat · inv
        var tmp = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { s += inv[a, c] * meat[c * p + b] }
                tmp[a * p + b] = s
            }
        }
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { s += tmp[a * p + c] * inv[c, b] }
                out.elements[a + b * p] = s * factor
            }
        }
        for k in 0..<4 where !active[k] {
            let a = nNodes + k
            for b in 0..<p { out.elements[a + b * p] = 0; out.elements[b + a * p] = 0 }
        }
        return out
    }

    /// Per factor k: δ_k, its standard error and the points a flagged week loses, δ_k × the
    /// mean over flagged rows of `s·h(p)·Π_{l≠k} θ_l^f_l`, from the group sums Σa and Σb at
    /// the final speeds (h is linear in each node interval: `Σ s·h(p) = h_k Σa + h_k+1 Σb`).
    private func factorSummary(theta: [Double], cov: Matrix, nNodes: Int, groups: ConstructionGroups,
                               final: FinalSums, curve: ProgressRateCurve, active: [Bool],
                               flaggedRows: [Int]) -> [FactorEffect]
    {
        let values = curve.values
        var out: [FactorEffect] = []
        for k in 0..<4 {
            let v = cov[nNodes + k, nNodes + k]
            let se = v > 0 ? v.squareRoot() : 0
            let delta = 1 - theta[k]
            // Points lost per flagged week: δ_k × the increment the week would have had.
            var lost = 0.0
            for g in 0..<groups.groupCount where groups.groupRows[g] > 0 {
                let f = g & 15
                guard f & (1 << k) != 0 else { continue }
                let interval = g >> 4
                var m = 1.0
                for l in 0..<4 where l != k && f & (1 << l) != 0 { m *= theta[l] }
                let sums = groups.linearSums(group: g)
                lost += (values[interval] * sums.a + values[interval + 1] * sums.b) * m
            }
            let count = flaggedRows[k]
            let base = count > 0 ? lost / Double(count) : 0
            out.append(FactorEffect(
                factor: DelayFactor.allCases[k], estimated: active[k], shareLost: delta,
                shareLostStandardError: se, pointsLostPerFlaggedWeek: delta * base,
                pointsLostStandardError: se * base, flaggedWeeks: flaggedRows[k],
                flaggedWeeksByRegency: Array(final.flaggedByRegency[(k * regencyCount)..<((k + 1) * regencyCount)])))
        }
        return out
    }
}
