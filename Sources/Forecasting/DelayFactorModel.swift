import KendaliData
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

/// The construction rows of a panel: every pair of consecutive weekly reports whose
/// earlier report is under construction (`tahap` = pembangunan with a progress value).
///
/// `increment` is the later progress minus the earlier one, in points; when the later
/// report says the building is finished (`tahap` ≥ selesai) it is `100 − previous`. The
/// flags are the later report's (the week the work was done in). Pairs separated by a
/// missing report are not used.
public struct ConstructionSample: Sendable {
    /// Cooperative index (into the panel) of each row.
    public var cooperative: [Int32] = []
    /// Week index of the later report of each row.
    public var week: [Int32] = []
    /// Progress at the earlier report, points 0–100.
    public var previous: [Double] = []
    /// Weekly increment, points (may be negative: reporting noise).
    public var increment: [Double] = []
    /// The four `kendala_*` flags of the later report as bits 0–3 (``DelayFactor`` order).
    public var flags: [UInt8] = []
    /// True when the later report is the completion (`tahap` ≥ selesai).
    public var completes: [Bool] = []

    /// Number of rows.
    public var count: Int { previous.count }

    /// The rows of `panel` with the later report in weeks 1…`upTo`.
    public init(panel: Panel, upTo: Int) {
        let w = panel.weekCount
        let last = min(upTo, w - 1)
        guard last >= 1 else { return }
        for i in 0..<panel.cooperativeCount {
            for t in 1...last {
                let c0 = panel.cell(i, t - 1)
                let c1 = c0 + 1
                guard panel.present[c0] == 1, panel.present[c1] == 1,
                      panel.tahap[c0] == 2, !panel.progress[c0].isNaN
                else { continue }
                let p0 = min(100, max(0, Double(panel.progress[c0])))
                guard p0 < 100 else { continue }
                let dp: Double
                if panel.tahap[c1] >= 3 {
                    dp = 100 - p0
                } else if panel.tahap[c1] == 2, !panel.progress[c1].isNaN {
                    dp = Double(panel.progress[c1]) - p0
                } else {
                    continue
                }
                cooperative.append(Int32(i))
                week.append(Int32(t))
                previous.append(p0)
                increment.append(dp)
                flags.append(UInt8(truncatingIfNeeded: panel.flags[c1] & 0xF))
                completes.append(panel.tahap[c1] >= 3)
            }
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
/// the speeds by partial pooling given (h, θ), two rounds. Standard errors are
/// cluster-robust by cooperative (the sandwich `(JᵀJ)⁻¹ (Σ_i g_i g_iᵀ) (JᵀJ)⁻¹ · G/(G−1)`,
/// g_i the cooperative's score; Liang & Zeger (1986), *Biometrika* 73(1),
/// doi:10.1093/biomet/73.1.13); they treat the speeds as known.
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

    /// The model of `panel`'s construction rows up to week `upTo`.
    public init(panel: Panel, upTo: Int) {
        sample = ConstructionSample(panel: panel, upTo: upTo)
        regencyIndex = panel.regencyIndex
        regencyCount = panel.regencies.count
        cooperativeCount = panel.cooperativeCount
    }

    /// Fits the model.
    ///
    /// - Throws: ``ForecastError/tooFewConstructionWeeks(_:)`` with fewer than 20 rows
    ///   (nothing to learn an S-curve from).
    public func fit() throws(ForecastError) -> DelayFactorFit {
        let n = sample.count
        guard n >= 20 else { throw .tooFewConstructionWeeks(n) }
        let nodes = ProgressRateCurve.defaultNodes
        let nNodes = nodes.count
        // Which factors vary in the sample (a flag never raised cannot be estimated).
        var flagged = [Int](repeating: 0, count: 4)
        for f in sample.flags { for k in 0..<4 where f & (1 << k) != 0 { flagged[k] += 1 } }
        let active = (0..<4).map { flagged[$0] >= 5 }
        let meanIncrement = sample.increment.reduce(0, +) / Double(n)
        _ = meanIncrement
        var beta = [Double](repeating: DelayFactorModel.plannedRate, count: nNodes) + [0.8, 0.8, 0.8, 0.8]
        for k in 0..<4 where !active[k] { beta[nNodes + k] = 1 }
        var speed = [Double](repeating: 1, count: n)  // per row
        var speeds = SpeedEstimates.unpooled(cooperativeCount: cooperativeCount)
        var fitState = NLSState(converged: false, iterations: 0)
        var noise = (multiplicative: 0.2, reporting: 0.5)
        for round in 0..<2 {
            fitState = levenbergMarquardt(beta: &beta, speed: speed, nodes: nodes, active: active)
            noise = noiseModel(beta: beta, speed: speed, nodes: nodes)
            speeds = SpeedEstimates(
                sample: sample, curve: curve(beta, nodes), theta: Array(beta[nNodes...]),
                regencyIndex: regencyIndex, regencyCount: regencyCount,
                noise: noise)
            // Normalise: mean speed 1, the scale goes into h.
            for i in 0..<n { speed[i] = speeds.mean[Int(sample.cooperative[i])] }
            _ = round
        }
        let cov = clusterCovariance(beta: beta, speed: speed, nodes: nodes, active: active)
        let shock = weekShock(beta: beta, speed: speed, nNodes: nNodes)
        let fittedCurve = curve(beta, nodes)
        let theta = Array(beta[nNodes...])
        return DelayFactorFit(
            curve: fittedCurve, theta: theta, estimated: active,
            covariance: cov, rows: n, converged: fitState.converged,
            iterations: fitState.iterations, multiplicativeNoise: noise.multiplicative,
            reportingNoise: noise.reporting, weekShock: shock, speeds: speeds,
            factorSummary: factorSummary(
                theta: theta, cov: cov, nNodes: nNodes, speed: speed, curve: fittedCurve,
                active: active, flaggedRows: flagged))
    }

    private func curve(_ beta: [Double], _ nodes: [Double]) -> ProgressRateCurve {
        ProgressRateCurve(nodes: nodes, values: beta[0..<nodes.count].map { max($0, 1e-3) })
    }

    struct NLSState { var converged: Bool; var iterations: Int }

    /// Row quantities: basis index/weight pair, multiplier with and without each factor.
    @inline(__always)
    private func rowTerms(_ r: Int, _ beta: [Double], nNodes: Int)
        -> (k: Int, w: Double, h: Double, m: Double)
    {
        let p = sample.previous[r]
        let step = 100.0 / Double(nNodes - 1)
        let k = min(nNodes - 2, max(0, Int(p / step)))
        let w = min(1, max(0, (p - Double(k) * step) / step))
        let h = (1 - w) * beta[k] + w * beta[k + 1]
        var m = 1.0
        let f = sample.flags[r]
        for j in 0..<4 where f & (1 << j) != 0 { m *= beta[nNodes + j] }
        return (k, w, h, m)
    }

    /// One row of the Jacobian into `jrow` (length p); returns the mean.
    @inline(__always)
    private func jacobianRow(_ r: Int, _ beta: [Double], speed s: Double, nNodes: Int,
                             active: [Bool], into jrow: inout [Double]) -> Double {
        let t = rowTerms(r, beta, nNodes: nNodes)
        for j in jrow.indices { jrow[j] = 0 }
        jrow[t.k] = s * (1 - t.w) * t.m
        jrow[t.k + 1] = s * t.w * t.m
        let f = sample.flags[r]
        for j in 0..<4 where active[j] && f & (1 << j) != 0 {
            var mOther = 1.0
            for l in 0..<4 where l != j && f & (1 << l) != 0 { mOther *= beta[nNodes + l] }
            jrow[nNodes + j] = s * t.h * mOther
        }
        return s * t.h * t.m
    }

    private func sse(_ beta: [Double], speed: [Double], nNodes: Int) -> Double {
        var acc = 0.0
        for r in 0..<sample.count {
            let t = rowTerms(r, beta, nNodes: nNodes)
            let e = sample.increment[r] - speed[r] * t.h * t.m
            acc += e * e
        }
        for k in 0..<nNodes {
            let d = beta[k] - DelayFactorModel.plannedRate
            acc += DelayFactorModel.priorRows * d * d
        }
        return acc
    }

    /// The programme's plan, 100 points in 90 working days (18 weeks): the rate h leans on
    /// where the data hold few rows (DOMAIN: each site is given 90 working days).
    static let plannedRate = 100.0 / 18.0
    /// Weight of the plan at each node of h, in rows: 3 (a node with hundreds of rows follows
    /// its data; one with none takes the plan).
    static let priorRows = 3.0

    /// Levenberg–Marquardt (Marquardt 1963, doi:10.1137/0111030) on the normal equations,
    /// damping `λ·diag(JᵀJ)`, θ kept in [0, 1.5] and h ≥ 10⁻³.
    private func levenbergMarquardt(beta: inout [Double], speed: [Double], nodes: [Double],
                                    active: [Bool]) -> NLSState {
        let nNodes = nodes.count
        let p = beta.count
        var lambda = 1e-3
        var current = sse(beta, speed: speed, nNodes: nNodes)
        var jrow = [Double](repeating: 0, count: p)
        // A row's Jacobian has at most 6 non-zero entries (two nodes of h, four θ): the
        // products are accumulated over those only, in the same order as over all entries.
        var nonzero = [Int](repeating: 0, count: p)
        for iteration in 1...40 {
            var jtj = [Double](repeating: 0, count: p * p)
            var jtr = [Double](repeating: 0, count: p)
            for r in 0..<sample.count {
                let mu = jacobianRow(r, beta, speed: speed[r], nNodes: nNodes, active: active, into: &jrow)
                let e = sample.increment[r] - mu
                var count = 0
                for a in 0..<p where jrow[a] != 0 {
                    nonzero[count] = a
                    count += 1
                }
                for x in 0..<count {
                    let a = nonzero[x]
                    let ja = jrow[a]
                    jtr[a] += ja * e
                    for y in 0...x {
                        let b = nonzero[y]
                        jtj[a * p + b] += ja * jrow[b]
                    }
                }
            }
            for k in 0..<nNodes {
                jtj[k * p + k] += DelayFactorModel.priorRows
                jtr[k] += DelayFactorModel.priorRows * (DelayFactorModel.plannedRate - beta[k])
            }
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
                let s = sse(trial, speed: speed, nNodes: nNodes)
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

    /// The common weekly shock: the spread across weeks of each week's ratio of observed
    /// to expected work `r̄_t = Σ Δp / Σ μ`, less its sampling part (weeks with at least
    /// 20 rows), `σ_w² = max(0, Var_t(ln r̄_t) − mean_t(v_t / r̄_t²))`.
    private func weekShock(beta: [Double], speed: [Double], nNodes: Int) -> Double {
        var sumDp: [Int: Double] = [:], sumMu: [Int: Double] = [:], sumSq: [Int: Double] = [:]
        var count: [Int: Int] = [:]
        var rowsOf: [Int: [Int]] = [:]
        for r in 0..<sample.count where !sample.completes[r] {
            let t = Int(sample.week[r])
            let terms = rowTerms(r, beta, nNodes: nNodes)
            let mu = speed[r] * terms.h * terms.m
            sumDp[t, default: 0] += sample.increment[r]
            sumMu[t, default: 0] += mu
            count[t, default: 0] += 1
            rowsOf[t, default: []].append(r)
        }
        var logs: [Double] = []
        var sampling: [Double] = []
        for (t, n) in count where n >= 20 {
            let mu = sumMu[t] ?? 0
            guard mu > 0 else { continue }
            let ratio = (sumDp[t] ?? 0) / mu
            guard ratio > 0.05 else { continue }
            var v = 0.0
            for r in rowsOf[t] ?? [] {
                let terms = rowTerms(r, beta, nNodes: nNodes)
                let e = sample.increment[r] - ratio * speed[r] * terms.h * terms.m
                v += e * e
            }
            sumSq[t] = v
            logs.append(log(ratio))
            sampling.append(v / (mu * mu) / (ratio * ratio))
        }
        guard logs.count >= 3 else { return 0 }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count - 1)
        let noise = sampling.reduce(0, +) / Double(sampling.count)
        return max(0, variance - noise).squareRoot()
    }

    private func noiseModel(beta: [Double], speed: [Double], nodes: [Double])
        -> (multiplicative: Double, reporting: Double)
    {
        // OLS of r² on (μ², 1).
        var s11 = 0.0, s12 = 0.0, s22 = 0.0, b1 = 0.0, b2 = 0.0
        for r in 0..<sample.count {
            let t = rowTerms(r, beta, nNodes: nodes.count)
            let mu = speed[r] * t.h * t.m
            let e = sample.increment[r] - mu
            let x = mu * mu
            s11 += x * x
            s12 += x
            s22 += 1
            b1 += x * e * e
            b2 += e * e
        }
        let det = s11 * s22 - s12 * s12
        guard det > 0 else { return (0.2, 0.5) }
        var a = (b1 * s22 - s12 * b2) / det
        var c = (s11 * b2 - s12 * b1) / det
        if a < 0 { a = 0; c = b2 / s22 }
        if c < 0 { c = 0; a = b1 / max(s11, 1e-300) }
        return (a.squareRoot(), c.squareRoot())
    }

    private func clusterCovariance(beta: [Double], speed: [Double], nodes: [Double],
                                   active: [Bool]) -> Matrix {
        let nNodes = nodes.count
        let p = beta.count
        var jtj = [Double](repeating: 0, count: p * p)
        var meat = [Double](repeating: 0, count: p * p)
        var g = [Double](repeating: 0, count: p)
        var jrow = [Double](repeating: 0, count: p)
        var clusters = 0
        var r = 0
        let n = sample.count
        while r < n {
            let coop = sample.cooperative[r]
            for a in 0..<p { g[a] = 0 }
            while r < n, sample.cooperative[r] == coop {
                let mu = jacobianRow(r, beta, speed: speed[r], nNodes: nNodes, active: active, into: &jrow)
                let e = sample.increment[r] - mu
                for a in 0..<p where jrow[a] != 0 {
                    g[a] += jrow[a] * e
                    for b in 0..<p where jrow[b] != 0 { jtj[a * p + b] += jrow[a] * jrow[b] }
                }
                r += 1
            }
            clusters += 1
            for a in 0..<p where g[a] != 0 { for b in 0..<p { meat[a * p + b] += g[a] * g[b] } }
        }
        for k in 0..<nNodes { jtj[k * p + k] += DelayFactorModel.priorRows }
        // Inactive parameters: fixed, zero variance.
        var m = Matrix(rows: p, columns: p)
        for a in 0..<p {
            for b in 0..<p { m.elements[a + b * p] = jtj[a * p + b] }
            if m.elements[a + a * p] <= 0 {
                for b in 0..<p { m.elements[a + b * p] = 0; m.elements[b + a * p] = 0 }
                m.elements[a + a * p] = 1
            }
        }
        guard let chol = try? Cholesky(m), let inv = try? chol.inverse() else {
            return Matrix(rows: p, columns: p)
        }
        var meatM = Matrix(rows: p, columns: p)
        for a in 0..<p { for b in 0..<p { meatM.elements[a + b * p] = meat[a * p + b] } }
        let factor = clusters > 1 ? Double(clusters) / Double(clusters - 1) : 1
        var out = Matrix(rows: p, columns: p)
        // inv · meat · inv
        var tmp = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { s += inv[a, c] * meatM[c, b] }
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

    private func factorSummary(theta: [Double], cov: Matrix, nNodes: Int, speed: [Double],
                               curve: ProgressRateCurve, active: [Bool], flaggedRows: [Int])
        -> [FactorEffect]
    {
        var out: [FactorEffect] = []
        for k in 0..<4 {
            let v = cov[nNodes + k, nNodes + k]
            let se = v > 0 ? v.squareRoot() : 0
            let delta = 1 - theta[k]
            // Points lost per flagged week: δ_k × the increment the week would have had.
            var lost = 0.0
            var count = 0
            var perRegency = [Int](repeating: 0, count: regencyCount)
            for r in 0..<sample.count where sample.flags[r] & (1 << k) != 0 {
                var m = 1.0
                for l in 0..<4 where l != k && sample.flags[r] & (1 << l) != 0 { m *= theta[l] }
                lost += speed[r] * curve(sample.previous[r]) * m
                count += 1
                perRegency[Int(regencyIndex[Int(sample.cooperative[r])])] += 1
            }
            let base = count > 0 ? lost / Double(count) : 0
            out.append(FactorEffect(
                factor: DelayFactor.allCases[k], estimated: active[k], shareLost: delta,
                shareLostStandardError: se, pointsLostPerFlaggedWeek: delta * base,
                pointsLostStandardError: se * base, flaggedWeeks: flaggedRows[k],
                flaggedWeeksByRegency: perRegency))
        }
        return out
    }
}

/// What one delay factor costs, from ``DelayFactorModel``.
public struct FactorEffect: Sendable, Codable, Hashable {
    /// The factor.
    public var factor: DelayFactor
    /// False when the flag was never (or almost never: fewer than 5 times) raised during
    /// construction, so δ was not estimated (taken as 0).
    public var estimated: Bool
    /// δ, the share of a week's work lost in a flagged week (0–1; may exceed 1 or fall
    /// below 0 only within its sampling error).
    public var shareLost: Double
    /// Cluster-robust standard error of δ.
    public var shareLostStandardError: Double
    /// Progress lost per flagged week, points: δ × the mean increment the flagged weeks
    /// would have had without this factor.
    public var pointsLostPerFlaggedWeek: Double
    /// Its standard error (δ's, scaled).
    public var pointsLostStandardError: Double
    /// Construction weeks in which the flag was raised (the model's rows).
    public var flaggedWeeks: Int
    /// The same, per regency (panel regency order).
    public var flaggedWeeksByRegency: [Int]

    /// Weeks of construction lost to the factor: flagged weeks × δ (full-week
    /// equivalents).
    public var weeksOfDelay: Double { Double(flaggedWeeks) * shareLost }
    /// Standard error of ``weeksOfDelay``.
    public var weeksOfDelayStandardError: Double { Double(flaggedWeeks) * shareLostStandardError }

    /// A 95 % normal interval `x ± 1.96·se`.
    public static func interval(_ x: Double, _ se: Double) -> (lower: Double, upper: Double) {
        (x - 1.959_964 * se, x + 1.959_964 * se)
    }
}

/// The fitted ``DelayFactorModel``.
public struct DelayFactorFit: Sendable {
    /// The fallback when the data hold (almost) no construction week: h is the programme's
    /// plan (100 points in 18 weeks), no factor effect, every speed 1 with an *assumed*
    /// spread (sd 0.3) — the forecast says so.
    public static func plan(cooperatives n: Int, regencies: Int, rows: Int) -> DelayFactorFit {
        let nodes = ProgressRateCurve.defaultNodes
        let p = nodes.count + 4
        var speeds = SpeedEstimates.unpooled(cooperativeCount: n)
        speeds.variance = Array(repeating: 0.09, count: n)
        speeds.withinRegencyVariance = 0.09
        speeds.regencyMean = Array(repeating: 1, count: regencies)
        speeds.regencyMeanVariance = Array(repeating: 0, count: regencies)
        return DelayFactorFit(
            curve: ProgressRateCurve(nodes: nodes, values: Array(repeating: DelayFactorModel.plannedRate, count: nodes.count)),
            theta: [1, 1, 1, 1], estimated: [false, false, false, false],
            covariance: Matrix(rows: p, columns: p), rows: rows, converged: false, iterations: 0,
            multiplicativeNoise: 0.2, reportingNoise: 0, weekShock: 0, speeds: speeds,
            factorSummary: DelayFactor.allCases.map {
                FactorEffect(factor: $0, estimated: false, shareLost: 0, shareLostStandardError: 0,
                             pointsLostPerFlaggedWeek: 0, pointsLostStandardError: 0, flaggedWeeks: 0,
                             flaggedWeeksByRegency: Array(repeating: 0, count: regencies))
            })
    }

    /// The estimated progress-rate curve h (speed 1, no delay), points per week.
    public var curve: ProgressRateCurve
    /// θ_k = 1 − δ_k, the share of a week's work done in a week flagged with factor k, in
    /// ``DelayFactor`` order.
    public var theta: [Double]
    /// Whether each θ_k was estimated (the flag varied).
    public var estimated: [Bool]
    /// Cluster-robust covariance of (h node values, θ), in that order.
    public var covariance: Matrix
    /// Rows used.
    public var rows: Int
    /// Whether Levenberg–Marquardt converged.
    public var converged: Bool
    /// Iterations of the last round.
    public var iterations: Int
    /// σ_m, the multiplicative work noise (coefficient of variation of ε).
    public var multiplicativeNoise: Double
    /// σ_r, the additive reporting noise of an increment, points.
    public var reportingNoise: Double
    /// Standard deviation of the common weekly shock on log work (holidays, regional
    /// spells of bad weather beyond the flags): every cooperative's work in a week is
    /// multiplied by the same exp(shock).
    public var weekShock: Double
    /// The cooperatives' speeds.
    public var speeds: SpeedEstimates
    /// Per factor: share lost, points lost per flagged week, weeks of delay.
    public var factorSummary: [FactorEffect]
}

/// Errors of the forecast's models.
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Too few construction weeks in the data to learn the S-curve.
    case tooFewConstructionWeeks(Int)
    /// The panel holds no report (or none on or before the as-of date).
    case emptyPanel
    /// A forecast CSV to compare could not be read.
    case unreadableForecast(path: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case let .tooFewConstructionWeeks(n):
            "only \(n) weekly construction increments in the data (at least 20 are needed to learn the S-curve)"
        case .emptyPanel: "no report in the data on or before the as-of date"
        case let .unreadableForecast(path, reason): "\(path): \(reason)"
        }
    }
}
