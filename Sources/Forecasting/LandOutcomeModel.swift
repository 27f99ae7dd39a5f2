import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a cooperative's land verifications end: the share that fails (the plot rejected,
/// back to `tidak_ada` or `diusulkan`, or disputed, `sengketa`) rather than making the land
/// ready, per cooperative, learnt from the verifications in the history.
///
/// Plots differ: some are much more often rejected or disputed, and a failure restarts the
/// process. Each cooperative's failure share q_i is drawn from a beta distribution around a
/// mean that grows with the weeks it has waited with no land (`tidak_ada`), a slow start
/// being evidence of a hard plot:
///
/// ```
/// logit m(w) = b0 + b1 · min(w, 52) / 10,   q_i ~ Beta(κ m(w_i), κ (1 − m(w_i)))
/// ```
///
/// b0, b1 by maximum likelihood over the verifications that ended (logistic regression,
/// Newton–Raphson), w the weeks the cooperative had spent in `tidak_ada` when each ended;
/// κ by Kleinman's moment estimator over the cooperatives' own counts
/// (``Shrinkage/betaBinomialStrength(events:trials:)``). A cooperative's failure share at a
/// verification's end is its posterior mean `(f + κ m(w)) / (n + κ)` after f failures in
/// n verifications (those of the history and those of the path so far), and the chain's
/// failure destinations from `verifikasi` are reweighted to it by the odds ratio against
/// ``pooled``: the mean of m(w) over the verifications that ended, weighted as the
/// chain's counts are, since the chain's row is the failure share of those recently
/// verified (the regency's row keeps its own level).
struct LandOutcomeModel: Sendable {
    /// The failure share the chain's rows stand for: the mean of m(w) over the
    /// verifications that ended, with the chain's recency weights.
    var pooled: Double
    /// Intercept of the mean's logit, b0.
    var intercept: Double
    /// Slope of the mean's logit per 10 weeks waited in `tidak_ada`, b1.
    var slope: Double
    /// The beta prior's strength κ (1e6: no spread between cooperatives).
    var strength: Double
    /// Verifications ended per cooperative up to the cut-off.
    var ended: [Int32]
    /// Of them, those that failed.
    var failed: [Int32]
    /// Weeks each cooperative has spent in `tidak_ada` up to the cut-off.
    var weeksWithoutLand: [Int32]

    /// No adjustment: every cooperative at the pooled share.
    static func none(cooperatives n: Int) -> LandOutcomeModel {
        LandOutcomeModel(pooled: 0, intercept: 0, slope: 0, strength: 1e6,
                         ended: [Int32](repeating: 0, count: n), failed: [Int32](repeating: 0, count: n),
                         weeksWithoutLand: [Int32](repeating: 0, count: n))
    }

    /// True when the model moves any cooperative away from the pooled share.
    var isActive: Bool { pooled > 0 && pooled < 1 && (slope != 0 || strength < 1e6) }

    /// The odds ratio of a verification ending in failure for a cooperative with `failed`
    /// failures in `ended` verifications after `weeks` weeks in `tidak_ada`, against the
    /// pooled share.
    func oddsRatio(failed f: Int, ended n: Int, weeks: Int) -> Double {
        guard isActive else { return 1 }
        let x = Double(min(weeks, 52)) / 10
        let m = 1 / (1 + exp(-(intercept + slope * x)))
        let k = min(strength, 1e6)
        let q = min(0.999, max(0.001, (Double(f) + k * m) / (Double(n) + k)))
        return (q / (1 - q)) / (pooled / (1 - pooled))
    }

}

extension LandOutcomeModel {
    /// The model fitted on `panel`'s weeks up to `last`; `halfLife` is that of the chain's
    /// recency weights (``StageModels/preHalfLife``).
    init(panel: Panel, last: Int, halfLife: Double) {
        let w = panel.weekCount
        let n = panel.cooperativeCount
        var ended = [Int32](repeating: 0, count: n), failed = ended, waited = ended
        var xs: [Double] = [], ys: [Double] = [], ts: [Int] = []
        let verifikasi = StatusLahan.verifikasi.code, tidakAda = StatusLahan.tidakAda.code
        for i in 0..<n {
            let first = Int(panel.firstWeek[i])
            guard first >= 0, first <= last else { continue }
            let base = i * w
            func pre(_ c: Int) -> Bool { StageModels.preState(panel, cell: c) != nil }
            for t in first...last {
                let c1 = base + t
                guard panel.present[c1] == 1, t > first, panel.present[c1 - 1] == 1 else { continue }
                let c0 = c1 - 1
                guard pre(c0) else { continue }
                if panel.lahan[c0] == tidakAda { waited[i] += 1 }
                guard panel.lahan[c0] == verifikasi else { continue }
                let ready = !pre(c1) || panel.lahan[c1] == StatusLahan.siap.code
                guard ready || panel.lahan[c1] != verifikasi else { continue }
                ended[i] += 1
                if !ready { failed[i] += 1 }
                xs.append(Double(min(Int(waited[i]), 52)) / 10)
                ys.append(ready ? 0 : 1)
                ts.append(t)
            }
        }
        self = .none(cooperatives: n)
        weeksWithoutLand = waited
        self.ended = ended
        self.failed = failed
        let total = Double(ys.count), fails = ys.reduce(0, +)
        guard total >= 20, fails >= 3, fails <= total - 3 else { return }
        (intercept, slope) = LandOutcomeModel.logistic(xs, ys, start: log(fails / (total - fails)))
        let weight = StageModels.recencyWeights(upTo: last, halfLife: halfLife)
        var sm = 0.0, sw = 0.0
        for k in xs.indices {
            let wt = weight[last - ts[k]]
            sm += wt / (1 + exp(-(intercept + slope * xs[k])))
            sw += wt
        }
        pooled = sw > 0 ? sm / sw : fails / total
        strength = Shrinkage.betaBinomialStrength(events: failed.map(Double.init), trials: ended.map(Double.init))
    }

    /// Maximum-likelihood logistic regression of `y` (0/1) on one covariate `x`:
    /// Newton–Raphson from (`start`, 0), at most 25 steps; the slope 0 when the
    /// covariate does not vary or the fit does not converge.
    static func logistic(_ x: [Double], _ y: [Double], start: Double) -> (Double, Double) {
        var b0 = start, b1 = 0.0
        for _ in 0..<25 {
            var g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0
            for k in x.indices {
                let p = 1 / (1 + exp(-(b0 + b1 * x[k])))
                let r = y[k] - p, v = p * (1 - p)
                g0 += r; g1 += r * x[k]
                h00 += v; h01 += v * x[k]; h11 += v * x[k] * x[k]
            }
            let det = h00 * h11 - h01 * h01
            guard det > 1e-9 else { return (start, 0) }
            let d0 = (h11 * g0 - h01 * g1) / det, d1 = (h00 * g1 - h01 * g0) / det
            b0 += d0; b1 += d1
            if abs(d0) + abs(d1) < 1e-8 { return b1.isFinite ? (b0, b1) : (start, 0) }
        }
        return (start, 0)
    }
}
