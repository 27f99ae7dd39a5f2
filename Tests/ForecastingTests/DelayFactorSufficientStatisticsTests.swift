import KendaliData
import Testing

@testable import Forecasting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ``DelayFactorModel`` fits (h, θ) from per-group sufficient statistics (six sums per node
/// interval × flag combination) instead of passing over the rows at every
/// Levenberg–Marquardt step. These tests hold it to a straightforward row-by-row
/// computation: the sums of squares and normal equations on random seeded samples, the
/// construction sample's rows, and the whole fit (curve, θ, covariance, noise, week shock,
/// speeds, factor summary) against the row-by-row fit the model used before.
@Suite("Delay factors: sufficient statistics equal the row-by-row sums")
struct DelayFactorSufficientStatisticsTests {
    static let world = SyntheticPanel(cooperativesPerRegency: 60, weeks: 45, seed: 7)
    static let panel = Panel(history: world.history)

    // MARK: - Sums of squares and normal equations

    @Test("SSE, JᵀJ and Jᵀr from the group sums equal the row-by-row ones (random seeded samples)")
    func normalEquationsMatchRows() throws {
        for seed in [UInt64(1), 2, 3] {
            var rng = Xoshiro(stream: [seed, 0x4446_5353])
            var model = DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1)
            let n = model.sample.count
            try #require(n > 100)
            // Random rows on the same cooperatives: progress anywhere in [0, 100) with some
            // exactly on a node, any flags, increments with noise and negatives.
            for r in 0..<n {
                let onNode = rng.uniform() < 0.1
                model.sample.previous[r] = onNode ? 12.5 * Double(Int(rng.uniform() * 8)) : 99.999 * rng.uniform()
                model.sample.flags[r] = UInt8(truncatingIfNeeded: Int(rng.uniform() * 16))
                model.sample.increment[r] = 6 * rng.uniform() + 2 * rng.normal()
            }
            let speed = (0..<model.cooperativeCount).map { _ in 0.3 + 1.4 * rng.uniform() }
            // (h, θ): h positive, θ inside [0, 1.5] with one at the bound 0 in the last case;
            // θ_land not estimated in the second case.
            var beta = (0..<9).map { _ in 1 + 10 * rng.uniform() } + (0..<4).map { _ in 1.5 * rng.uniform() }
            var active = [true, true, true, true]
            if seed == 2 { active[0] = false; beta[9] = 1 }
            if seed == 3 { beta[11] = 0 }
            for speeds in [nil, speed] {
                var groups = ConstructionGroups(sample: model.sample, nNodes: 9)
                if let speeds { groups.accumulate(cooperativeSpeed: speeds) }
                let reference = RowByRow(model: model)
                let rowSpeed = (0..<n).map { speeds?[Int(model.sample.cooperative[$0])] ?? 1 }
                let sse = groups.sse(beta)
                let sseRows = reference.sse(beta, speed: rowSpeed)
                #expect(abs(sse - sseRows) <= 1e-10 * sseRows, "SSE \(sse) vs \(sseRows)")
                let grouped = groups.normalEquations(beta, active: active)
                let rows = reference.normalEquations(beta, speed: rowSpeed, active: active)
                let p = beta.count
                for a in 0..<p {
                    // Jᵀr relative to Σ|J e| (it is a difference of sums).
                    #expect(abs(grouped.jtr[a] - rows.jtr[a]) <= 1e-10 * max(rows.jtrScale[a], 1e-300),
                            "Jᵀr[\(a)] \(grouped.jtr[a]) vs \(rows.jtr[a])")
                    for b in 0...a {
                        let x = grouped.jtj[a * p + b], y = rows.jtj[a * p + b]
                        let scale = (rows.jtj[a * p + a] * rows.jtj[b * p + b]).squareRoot()
                        #expect(abs(x - y) <= 1e-10 * scale, "JᵀJ[\(a), \(b)] \(x) vs \(y)")
                        if b < a { #expect(grouped.jtj[b * p + a] == 0) }
                    }
                }
            }
        }
    }

    // MARK: - The construction sample

    @Test("the construction sample holds exactly the rows of the row-by-row build")
    func constructionSampleMatchesRows() {
        let panel = Self.panel
        for upTo in [0, 1, 5, 20, panel.weekCount - 1, panel.weekCount + 10] {
            let sample = ConstructionSample(panel: panel, upTo: upTo)
            let reference = RowByRow.constructionRows(panel: panel, upTo: upTo)
            #expect(sample.count == reference.count, "upTo \(upTo)")
            #expect(sample.cooperative == reference.map(\.cooperative))
            #expect(sample.week == reference.map(\.week))
            #expect(sample.previous == reference.map(\.previous))
            #expect(sample.increment == reference.map(\.increment))
            #expect(sample.flags == reference.map(\.flags))
            #expect(sample.completes == reference.map(\.completes))
            #expect(sample.isConsistent(cooperatives: panel.cooperativeCount))
        }
        // What the unchecked passes over the rows refuse.
        var short = ConstructionSample(panel: panel, upTo: panel.weekCount - 1)
        short.flags.removeLast()
        #expect(!short.isConsistent(cooperatives: panel.cooperativeCount))
        var outside = ConstructionSample(panel: panel, upTo: panel.weekCount - 1)
        outside.cooperative[0] = Int32(panel.cooperativeCount)
        #expect(!outside.isConsistent(cooperatives: panel.cooperativeCount))
    }

    // MARK: - The whole fit

    @Test("the fit equals the row-by-row fit within 1e-9 (curve, θ, covariance, noise, shock, speeds)")
    func fitMatchesRowByRowFit() throws {
        var rare = DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1)
        // A factor flagged in only 3 rows: not estimated (θ = 1, zero variance).
        var kept = 0
        for r in 0..<rare.sample.count where rare.sample.flags[r] & 1 != 0 {
            if kept < 3 { kept += 1 } else { rare.sample.flags[r] &= ~1 }
        }
        let models = [
            DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1),
            DelayFactorModel(panel: Self.panel, upTo: 25),
            rare,
        ]
        for (index, model) in models.enumerated() {
            let fit = try model.fit()
            let reference = try RowByRow(model: model).fit()
            #expect(fit.rows > 500)
            #expect(fit.estimated == (index == 2 ? [false, true, true, true] : [true, true, true, true]))
            #expect(fit.rows == reference.rows)
            #expect(fit.estimated == reference.estimated)
            #expect(fit.converged == reference.converged)
            #expect(fit.iterations == reference.iterations)
            expectClose(fit.curve.values, reference.curve, "curve")
            expectClose(fit.theta, reference.theta, "θ")
            expectClose([fit.multiplicativeNoise, fit.reportingNoise, fit.weekShock],
                        [reference.noise.multiplicative, reference.noise.reporting, reference.weekShock], "noise")
            // Covariance: each entry relative to √(v_aa v_bb).
            let p = reference.p
            #expect(fit.covariance.rows == p)
            for a in 0..<p {
                for b in 0..<p {
                    let x = fit.covariance.elements[a + b * p], y = reference.covariance[a * p + b]
                    let scale = (reference.covariance[a * p + a] * reference.covariance[b * p + b]).squareRoot()
                    #expect(abs(x - y) <= 1e-9 * scale, "cov[\(a), \(b)] \(x) vs \(y)")
                }
            }
            let s = fit.speeds, t = reference.speeds
            expectClose(s.mean, t.mean, "speed")
            expectClose(s.variance, t.variance, "speed variance")
            #expect(s.rows == t.rows)
            #expect(zip(s.own, t.own).allSatisfy { ($0.isNaN && $1.isNaN) || abs($0 - $1) <= 1e-9 * abs($1) })
            expectClose(s.regencyMean, t.regencyMean, "regency mean")
            expectClose(s.regencyMeanVariance, t.regencyMeanVariance, "regency mean variance")
            expectClose([s.provinceMean, s.withinRegencyVariance, s.betweenRegencyVariance],
                        [t.provinceMean, t.withinRegencyVariance, t.betweenRegencyVariance], "variance components")
            for k in 0..<4 {
                let e = fit.factorSummary[k], f = reference.factorSummary[k]
                #expect(e.estimated == f.estimated)
                #expect(e.flaggedWeeks == f.flaggedWeeks)
                #expect(e.flaggedWeeksByRegency == f.flaggedWeeksByRegency)
                expectClose([e.shareLost, e.shareLostStandardError, e.pointsLostPerFlaggedWeek, e.pointsLostStandardError],
                            [f.shareLost, f.shareLostStandardError, f.pointsLostPerFlaggedWeek, f.pointsLostStandardError],
                            "factor \(k)")
            }
        }
    }

    private func expectClose(_ x: [Double], _ y: [Double], _ what: String,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(x.count == y.count, "\(what): lengths", sourceLocation: sourceLocation)
        for (i, (a, b)) in zip(x, y).enumerated() where a != b {
            #expect(abs(a - b) <= 1e-9 * max(abs(a), abs(b)), "\(what)[\(i)] \(a) vs \(b)",
                    sourceLocation: sourceLocation)
        }
    }
}

/// The delay-factor computations row by row, as ``DelayFactorModel`` made them before its
/// sufficient statistics: the reference the grouped computation must reproduce.
private struct RowByRow {
    let sample: ConstructionSample
    /// The increments the fit works on: the sample's, a completing row's replaced by its
    /// expected work from the second round on.
    var increment: [Double]
    let regencyIndex: [Int32]
    let regencyCount: Int
    let cooperativeCount: Int
    let nNodes = 9
    var p: Int { nNodes + 4 }
    static let plannedRate = 100.0 / 18.0
    static let priorRows = 3.0

    init(model: DelayFactorModel) {
        sample = model.sample
        increment = model.sample.increment
        regencyIndex = model.regencyIndex
        regencyCount = model.regencyCount
        cooperativeCount = model.cooperativeCount
    }

    struct Row { var cooperative: Int32; var week: Int32; var previous: Double; var increment: Double; var flags: UInt8; var completes: Bool }

    /// The construction rows, cell by cell.
    static func constructionRows(panel: Panel, upTo: Int) -> [Row] {
        var out: [Row] = []
        let last = min(upTo, panel.weekCount - 1)
        guard last >= 1 else { return out }
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
                out.append(Row(cooperative: Int32(i), week: Int32(t), previous: p0, increment: dp,
                               flags: UInt8(truncatingIfNeeded: panel.flags[c1] & 0xF), completes: panel.tahap[c1] >= 3))
            }
        }
        return out
    }

    func rowTerms(_ r: Int, _ beta: [Double]) -> (k: Int, w: Double, h: Double, m: Double) {
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

    func jacobianRow(_ r: Int, _ beta: [Double], speed s: Double, active: [Bool]) -> (row: [Double], mean: Double) {
        let t = rowTerms(r, beta)
        var jrow = [Double](repeating: 0, count: p)
        jrow[t.k] = s * (1 - t.w) * t.m
        jrow[t.k + 1] = s * t.w * t.m
        let f = sample.flags[r]
        for j in 0..<4 where active[j] && f & (1 << j) != 0 {
            var mOther = 1.0
            for l in 0..<4 where l != j && f & (1 << l) != 0 { mOther *= beta[nNodes + l] }
            jrow[nNodes + j] = s * t.h * mOther
        }
        return (jrow, s * t.h * t.m)
    }

    func sse(_ beta: [Double], speed: [Double]) -> Double {
        var acc = 0.0
        for r in 0..<sample.count {
            let t = rowTerms(r, beta)
            let e = increment[r] - speed[r] * t.h * t.m
            acc += e * e
        }
        for k in 0..<nNodes {
            let d = beta[k] - Self.plannedRate
            acc += Self.priorRows * d * d
        }
        return acc
    }

    /// JᵀJ (lower triangle) and Jᵀr with the prior, and Σ_r |J_ra e_r| per parameter.
    func normalEquations(_ beta: [Double], speed: [Double], active: [Bool])
        -> (jtj: [Double], jtr: [Double], jtrScale: [Double])
    {
        var jtj = [Double](repeating: 0, count: p * p)
        var jtr = [Double](repeating: 0, count: p)
        var scale = [Double](repeating: 0, count: p)
        for r in 0..<sample.count {
            let (jrow, mu) = jacobianRow(r, beta, speed: speed[r], active: active)
            let e = increment[r] - mu
            for a in 0..<p where jrow[a] != 0 {
                jtr[a] += jrow[a] * e
                scale[a] += abs(jrow[a] * e)
                for b in 0...a where jrow[b] != 0 { jtj[a * p + b] += jrow[a] * jrow[b] }
            }
        }
        for k in 0..<nNodes {
            jtj[k * p + k] += Self.priorRows
            jtr[k] += Self.priorRows * (Self.plannedRate - beta[k])
            scale[k] += abs(Self.priorRows * (Self.plannedRate - beta[k]))
        }
        return (jtj, jtr, scale)
    }

    // MARK: The fit

    struct Fit {
        var rows: Int
        var estimated: [Bool]
        var converged: Bool
        var iterations: Int
        var curve: [Double]
        var theta: [Double]
        var covariance: [Double]  // p × p row-major
        var p: Int
        var noise: (multiplicative: Double, reporting: Double)
        var weekShock: Double
        var speeds: SpeedEstimates
        var factorSummary: [FactorEffect]
    }

    struct TooFewRows: Error {}

    func fit() throws -> Fit {
        var copy = self
        return try copy.fitRounds()
    }

    /// A completing row's expected work, `μ + σ λ((c − μ)/σ)` with λ = φ/(1 − Φ) by erfc.
    static func expectedWork(left c: Double, mean mu: Double, noise: (multiplicative: Double, reporting: Double)) -> Double {
        let sd = (noise.multiplicative * noise.multiplicative * mu * mu + noise.reporting * noise.reporting).squareRoot()
        guard sd > 0 else { return max(mu, c) }
        let a = (c - mu) / sd
        let lambda = exp(-a * a / 2) / (2 * Double.pi).squareRoot() / (0.5 * erfc(a / 2.0.squareRoot()))
        return max(c, mu + sd * lambda)
    }

    mutating func fitRounds() throws -> Fit {
        let n = sample.count
        guard n >= 20 else { throw TooFewRows() }
        var flagged = [Int](repeating: 0, count: 4)
        for f in sample.flags { for k in 0..<4 where f & (1 << k) != 0 { flagged[k] += 1 } }
        let active = (0..<4).map { flagged[$0] >= 5 }
        var beta = [Double](repeating: Self.plannedRate, count: nNodes) + [0.8, 0.8, 0.8, 0.8]
        for k in 0..<4 where !active[k] { beta[nNodes + k] = 1 }
        var speed = [Double](repeating: 1, count: n)
        // The speeds the curve is fitted against: every 1, then a cooperative's own
        // estimate where it has 3 rows or more.
        var fitSpeed = speed
        var speeds = SpeedEstimates.unpooled(cooperativeCount: cooperativeCount)
        var state = (converged: false, iterations: 0)
        var noise = (multiplicative: 0.2, reporting: 0.5)
        for round in 0..<DelayFactorModel.rounds {
            if round > 0 {
                for r in 0..<n where sample.completes[r] {
                    let t = rowTerms(r, beta)
                    increment[r] = Self.expectedWork(left: sample.increment[r], mean: speed[r] * t.h * t.m, noise: noise)
                }
            }
            state = levenbergMarquardt(beta: &beta, speed: fitSpeed, active: active)
            noise = noiseModel(beta, speed: speed)
            speeds = SpeedEstimates(
                sample: sample, curve: curve(beta), theta: Array(beta[nNodes...]),
                regencyIndex: regencyIndex, regencyCount: regencyCount, noise: noise)
            for i in 0..<n {
                let c = Int(sample.cooperative[i])
                speed[i] = speeds.mean[c]
                let own = speeds.own[c]
                fitSpeed[i] = speeds.rows[c] >= 3 && own.isFinite && own > 0 ? own : speeds.mean[c]
            }
        }
        let cov = clusterCovariance(beta, speed: speed, active: active)
        let theta = Array(beta[nNodes...])
        return Fit(
            rows: n, estimated: active, converged: state.converged, iterations: state.iterations,
            curve: curve(beta).values, theta: theta, covariance: cov, p: p, noise: noise,
            weekShock: weekShock(beta, speed: speed), speeds: speeds,
            factorSummary: factorSummary(theta: theta, cov: cov, speed: speed, curve: curve(beta),
                                         active: active, flaggedRows: flagged))
    }

    func curve(_ beta: [Double]) -> ProgressRateCurve {
        ProgressRateCurve(nodes: ProgressRateCurve.defaultNodes, values: beta[0..<nNodes].map { max($0, 1e-3) })
    }

    func levenbergMarquardt(beta: inout [Double], speed: [Double], active: [Bool]) -> (converged: Bool, iterations: Int) {
        var lambda = 1e-3
        var current = sse(beta, speed: speed)
        for iteration in 1...40 {
            let (jtj, jtr, _) = normalEquations(beta, speed: speed, active: active)
            var improved = false
            for _ in 0..<20 {
                var m = [Double](repeating: 0, count: p * p)
                for a in 0..<p {
                    for b in 0...a {
                        m[a * p + b] = jtj[a * p + b]
                        m[b * p + a] = jtj[a * p + b]
                    }
                    let d = jtj[a * p + a]
                    m[a * p + a] = d > 0 ? d * (1 + lambda) + 1e-12 : 1
                }
                guard let delta = Self.choleskySolve(m, jtr, p) else {
                    lambda *= 10
                    continue
                }
                var trial = beta
                for a in 0..<p { trial[a] += delta[a] }
                for k in 0..<nNodes { trial[k] = max(1e-3, trial[k]) }
                for k in 0..<4 { trial[nNodes + k] = active[k] ? min(1.5, max(0, trial[nNodes + k])) : 1 }
                let s = sse(trial, speed: speed)
                if s <= current {
                    let relative = (current - s) / max(current, 1e-300)
                    beta = trial
                    current = s
                    lambda = max(1e-9, lambda / 10)
                    improved = true
                    if relative < 1e-9 { return (true, iteration) }
                    break
                }
                lambda *= 10
            }
            if !improved { return (true, iteration) }
        }
        return (false, 40)
    }

    func noiseModel(_ beta: [Double], speed: [Double]) -> (multiplicative: Double, reporting: Double) {
        var s11 = 0.0, s12 = 0.0, s22 = 0.0, b1 = 0.0, b2 = 0.0
        for r in 0..<sample.count where !sample.completes[r] {
            let t = rowTerms(r, beta)
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

    func weekShock(_ beta: [Double], speed: [Double]) -> Double {
        var rowsOf: [Int: [Int]] = [:]
        for r in 0..<sample.count where !sample.completes[r] { rowsOf[Int(sample.week[r]), default: []].append(r) }
        var logs: [Double] = []
        var sampling: [Double] = []
        for t in rowsOf.keys.sorted() {
            let rows = rowsOf[t] ?? []
            guard rows.count >= 20 else { continue }
            var dp = 0.0, mu = 0.0
            for r in rows {
                let terms = rowTerms(r, beta)
                dp += sample.increment[r]
                mu += speed[r] * terms.h * terms.m
            }
            guard mu > 0 else { continue }
            let ratio = dp / mu
            guard ratio > 0.05 else { continue }
            var v = 0.0
            for r in rows {
                let terms = rowTerms(r, beta)
                let e = sample.increment[r] - ratio * speed[r] * terms.h * terms.m
                v += e * e
            }
            logs.append(log(ratio))
            sampling.append(v / (mu * mu) / (ratio * ratio))
        }
        guard logs.count >= 3 else { return 0 }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count - 1)
        let noise = sampling.reduce(0, +) / Double(sampling.count)
        return max(0, variance - noise).squareRoot()
    }

    func clusterCovariance(_ beta: [Double], speed: [Double], active: [Bool]) -> [Double] {
        var jtj = [Double](repeating: 0, count: p * p)
        var meat = [Double](repeating: 0, count: p * p)
        var clusters = 0
        var r = 0
        let n = sample.count
        while r < n {
            let coop = sample.cooperative[r]
            var g = [Double](repeating: 0, count: p)
            while r < n, sample.cooperative[r] == coop {
                let (jrow, mu) = jacobianRow(r, beta, speed: speed[r], active: active)
                let e = increment[r] - mu
                for a in 0..<p where jrow[a] != 0 {
                    g[a] += jrow[a] * e
                    for b in 0..<p where jrow[b] != 0 { jtj[a * p + b] += jrow[a] * jrow[b] }
                }
                r += 1
            }
            clusters += 1
            for a in 0..<p { for b in 0..<p { meat[a * p + b] += g[a] * g[b] } }
        }
        for k in 0..<nNodes { jtj[k * p + k] += Self.priorRows }
        for a in 0..<p where jtj[a * p + a] <= 0 {
            for b in 0..<p { jtj[a * p + b] = 0; jtj[b * p + a] = 0 }
            jtj[a * p + a] = 1
        }
        guard let inv = Self.choleskyInverse(jtj, p) else { return [Double](repeating: 0, count: p * p) }
        let factor = clusters > 1 ? Double(clusters) / Double(clusters - 1) : 1
        var out = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for c in 0..<p { for d in 0..<p { s += inv[a * p + c] * meat[c * p + d] * inv[d * p + b] } }
                out[a * p + b] = s * factor
            }
        }
        for k in 0..<4 where !active[k] {
            let a = nNodes + k
            for b in 0..<p { out[a * p + b] = 0; out[b * p + a] = 0 }
        }
        return out
    }

    func factorSummary(theta: [Double], cov: [Double], speed: [Double], curve: ProgressRateCurve,
                       active: [Bool], flaggedRows: [Int]) -> [FactorEffect] {
        (0..<4).map { k in
            let v = cov[(nNodes + k) * p + nNodes + k]
            let se = v > 0 ? v.squareRoot() : 0
            let delta = 1 - theta[k]
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
            return FactorEffect(
                factor: DelayFactor.allCases[k], estimated: active[k], shareLost: delta,
                shareLostStandardError: se, pointsLostPerFlaggedWeek: delta * base,
                pointsLostStandardError: se * base, flaggedWeeks: flaggedRows[k],
                flaggedWeeksByRegency: perRegency)
        }
    }

    // MARK: Dense Cholesky (row-major, symmetric positive definite)

    static func choleskyFactor(_ a: [Double], _ p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            var d = a[j * p + j]
            for k in 0..<j { d -= l[j * p + k] * l[j * p + k] }
            guard d > 0 else { return nil }
            let root = d.squareRoot()
            l[j * p + j] = root
            for i in (j + 1)..<max(p, j + 1) {
                var s = a[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                l[i * p + j] = s / root
            }
        }
        return l
    }

    static func solve(factor l: [Double], _ b: [Double], _ p: Int) -> [Double] {
        var y = b
        for i in 0..<p {
            for k in 0..<i { y[i] -= l[i * p + k] * y[k] }
            y[i] /= l[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(p, i + 1) { y[i] -= l[k * p + i] * y[k] }
            y[i] /= l[i * p + i]
        }
        return y
    }

    static func choleskySolve(_ a: [Double], _ b: [Double], _ p: Int) -> [Double]? {
        guard let l = choleskyFactor(a, p) else { return nil }
        return solve(factor: l, b, p)
    }

    static func choleskyInverse(_ a: [Double], _ p: Int) -> [Double]? {
        guard let l = choleskyFactor(a, p) else { return nil }
        var inv = [Double](repeating: 0, count: p * p)
        for c in 0..<p {
            var e = [Double](repeating: 0, count: p)
            e[c] = 1
            let x = solve(factor: l, e, p)
            for r in 0..<p { inv[r * p + c] = x[r] }
        }
        return inv
    }
}
