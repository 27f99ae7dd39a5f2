import Dispatch
import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) private func _exp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func _log(_ x: Double) -> Double { log(x) }

/// The cooperatives' frailties of the pre-construction chain, fitted by
/// ``StageModels/fitPreFrailty(panel:last:weekN:weekX:regExit:halfLife:)``.
struct PreFrailtyFit {
    /// Gamma shape a of the frailty prior (1e6 = no frailty).
    var shape: Double
    /// Posterior mean of each cooperative's frailty (1 without frailty).
    var mean: [Double]
    /// Its posterior variance.
    var variance: [Double]
    /// Forward moves observed per cooperative.
    var observed: [Double]
    /// Forward moves expected per cooperative under the regency chain.
    var expected: [Double]
    /// Per pre-construction state, the mean posterior frailty of the cooperatives at risk
    /// of leaving it, weighted as the chain's counts are (1 without frailty).
    var reference: [Double]
}

extension StageModels {
    /// Weeks held out at the end of the history to choose the frailty's spread.
    static let frailtyHoldout = 8

    /// The gamma shapes a of the frailty prior tried (∞, no frailty, besides).
    static let frailtyShapes: [Double] = [0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20]

    /// Each cooperative's frailty z of the pre-construction chain: its weekly forward-move
    /// probability is `1 − (1 − p_{s,t})^z`, where p_{s,t} is the pooled forward-move share
    /// of state s in week t (`weekX / weekN`) times the regency's ratio `regExit[g][s]`;
    /// z ~ gamma(a, a) a priori, and the posterior is computed on a grid of z.
    ///
    /// The weekly shares are those of the cooperatives still in the state that week, so a
    /// frailty read against them is relative to the cooperative's fellow survivors, and the
    /// in-sample marginal likelihood sees little spread: the weekly shares absorb most of
    /// it. The spread a is therefore chosen by how well it predicts: the posteriors from
    /// the weeks before the last ``frailtyHoldout`` weeks, each scaled by the mean posterior
    /// of the cooperatives in the same state that week (so the week's pooled share is kept),
    /// score the held-out weeks' forward moves; the a of the highest held-out likelihood
    /// wins, no frailty unless it gains more than 2. A history too short to hold weeks out
    /// falls back on the in-sample marginal likelihood (gain more than 2).
    ///
    /// The forecast runs the chain's rows, which are the pace of the cooperatives recently
    /// in each state; ``PreFrailtyFit/reference`` is their mean frailty, so a cooperative
    /// leaves state s at `1 − stay^(z / reference[s])`: a cooperative slow against the
    /// whole programme stays slow in the states where faster ones make up the pace.
    static func fitPreFrailty(panel: Panel, last: Int, weekN: [[Double]], weekX: [[Double]],
                              regExit: [[Double]], halfLife: Double) -> PreFrailtyFit {
        let w = panel.weekCount
        let n = panel.cooperativeCount
        let ns = preStates
        let zGrid = (0..<25).map { _exp(-3 + 0.25 * Double($0)) }
        let nz = zGrid.count
        let holdoutFrom = last - frailtyHoldout + 1
        let useHoldout = holdoutFrom > 8
        // Each cooperative's log-likelihood on the grid, over all weeks and over the weeks
        // before the holdout; the held-out weeks' (cooperative, state, week, p, moved).
        // Counted in blocks of cooperatives side by side, joined in order.
        struct Part {
            var logL: [Double] = [], logLEarly: [Double] = []
            var held: [(i: Int32, s: Int8, t: Int32, p: Double, moved: Bool)] = []
            var atRisk: [(i: Int32, s: Int8, t: Int32)] = []
            var obs: [Double] = [], exp: [Double] = []
        }
        @Sendable func scan(_ range: Range<Int>) -> Part {
            var part = Part()
            part.logL = [Double](repeating: 0, count: range.count * nz)
            part.logLEarly = part.logL
            part.obs = [Double](repeating: 0, count: range.count)
            part.exp = part.obs
            for i in range {
                let g = Int(panel.regencyIndex[i])
                let base = i * w
                let first = Int(panel.firstWeek[i])
                let r = i - range.lowerBound
                guard first >= 0, first < last else { continue }
                // A week without a move adds z · ln(1 − p) at every z of the grid: summed
                // over the weeks first and spread over the grid once, after them.
                var stayed = 0.0, stayedEarly = 0.0
                for t in (first + 1)...last {
                    let c1 = base + t
                    guard panel.present[c1] == 1, panel.present[c1 - 1] == 1, let s = Self.preState(panel, cell: c1 - 1) else { continue }
                    guard weekN[s][t] > 0 else { continue }
                    part.atRisk.append((Int32(i), Int8(s), Int32(t)))
                    let p = min(0.999, weekX[s][t] / weekN[s][t] * regExit[g][s])
                    guard p > 0 else { continue }
                    part.exp[r] += p
                    let moved = PreConstructionState(Self.preState(panel, cell: c1) ?? ns).forwardRank > PreConstructionState(s).forwardRank
                    if moved { part.obs[r] += 1 }
                    if useHoldout && t >= holdoutFrom { part.held.append((Int32(i), Int8(s), Int32(t), p, moved)) }
                    let logStay = _log(1 - p)
                    let early = !useHoldout || t < holdoutFrom
                    guard moved else {
                        stayed += logStay
                        if early { stayedEarly += logStay }
                        continue
                    }
                    for (j, z) in zGrid.enumerated() {
                        let l = _log(max(1e-300, 1 - _exp(z * logStay)))
                        part.logL[r * nz + j] += l
                        if early { part.logLEarly[r * nz + j] += l }
                    }
                }
                for (j, z) in zGrid.enumerated() {
                    part.logL[r * nz + j] += z * stayed
                    part.logLEarly[r * nz + j] += z * stayedEarly
                }
            }
            return part
        }
        let parts = parallelBlocks(count: n, blocks: min(64, n / 512), scan)
        var all = Part()
        all.logL.reserveCapacity(n * nz)
        all.logLEarly.reserveCapacity(n * nz)
        for part in parts {
            all.logL += part.logL
            all.logLEarly += part.logLEarly
            all.held += part.held
            all.atRisk += part.atRisk
            all.obs += part.obs
            all.exp += part.exp
        }
        let (logL, logLEarly, held, atRisk, obs, exp) = (all.logL, all.logLEarly, all.held, all.atRisk, all.obs, all.exp)
        @Sendable func prior(_ a: Double) -> [Double] {
            // gamma(a, a) density at z times z (the grid is even in log z), normalised.
            let raw = zGrid.map { z in _exp(a * _log(a) - lgamma(a) + a * _log(z) - a * z) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
        /// The likelihoods `ll` on the grid relative to each cooperative's largest,
        /// exp(ll − max), with the max: what every prior's posterior is made of.
        struct Relative: Sendable {
            var e: [Double]
            var mx: [Double]
        }
        @Sendable func relative(_ ll: [Double]) -> Relative {
            var r = Relative(e: [Double](repeating: 0, count: n * nz), mx: [Double](repeating: 0, count: n))
            for i in 0..<n {
                var mx = -Double.infinity
                for j in 0..<nz { mx = max(mx, ll[i * nz + j]) }
                r.mx[i] = mx
                for j in 0..<nz { r.e[i * nz + j] = _exp(ll[i * nz + j] - mx) }
            }
            return r
        }
        /// Posterior mean and variance of every cooperative's z, and the marginal
        /// log-likelihood, from the relative likelihoods `rel` under gamma(a, a).
        @Sendable func posterior(_ rel: Relative, _ a: Double) -> (mean: [Double], variance: [Double], logML: Double) {
            let wts = prior(a)
            var zm = [Double](repeating: 1, count: n), zv = [Double](repeating: 0, count: n)
            var marginal = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var sw = 0.0, sz = 0.0, sz2 = 0.0
                for (j, z) in zGrid.enumerated() {
                    let q = wts[j] * rel.e[i * nz + j]
                    sw += q
                    sz += q * z
                    sz2 += q * z * z
                }
                zm[i] = sz / sw
                zv[i] = max(0, sz2 / sw - zm[i] * zm[i])
                marginal[i] = rel.mx[i] + _log(sw)
            }
            return (zm, zv, marginal.reduce(0, +))
        }
        var bestA = Double.infinity
        if useHoldout {
            // Held-out likelihood of each a: the week's share p scaled by z over the mean z of
            // the cooperatives at risk in that state and week.
            @Sendable func heldOut(_ zm: [Double]?) -> Double {
                var sum = [Double](repeating: 0, count: ns * (last + 1))
                var count = sum
                for x in atRisk where Int(x.t) >= holdoutFrom {
                    let k = Int(x.s) * (last + 1) + Int(x.t)
                    sum[k] += zm?[Int(x.i)] ?? 1
                    count[k] += 1
                }
                var ll = 0.0
                for x in held {
                    let k = Int(x.s) * (last + 1) + Int(x.t)
                    let r = (zm?[Int(x.i)] ?? 1) / max(1e-12, sum[k] / count[k])
                    let q = 1 - pow(1 - x.p, r)
                    ll += _log(max(1e-300, x.moved ? q : 1 - q))
                }
                return ll
            }
            var bestLL = heldOut(nil)
            let threshold = bestLL + 2  // a real gain over no frailty, not noise
            var bestFinite = -Double.infinity
            // The shapes are scored side by side, chosen in order.
            let scores = ParallelSlots<Double>(count: frailtyShapes.count)
            let early = relative(logLEarly)
            DispatchQueue.concurrentPerform(iterations: frailtyShapes.count) { k in
                scores.store(heldOut(posterior(early, frailtyShapes[k]).mean), at: k)
            }
            for (a, ll) in zip(frailtyShapes, scores.values) {
                if ll > threshold, ll > bestFinite { bestFinite = ll; bestA = a }
            }
            if bestA.isFinite { bestLL = bestFinite }
        } else {
            var bestLL = 0.0
            for i in 0..<n { bestLL += logL[i * nz + 12] }  // z = 1
            let whole = relative(logL)
            for a in frailtyShapes {
                let ll = posterior(whole, a).logML
                if ll > bestLL + 2 { bestLL = ll; bestA = a }
            }
        }
        var zMean = [Double](repeating: 1, count: n)
        var zVar = [Double](repeating: 0, count: n)
        var reference = [Double](repeating: 1, count: ns)
        if bestA.isFinite {
            let post = posterior(relative(logL), bestA)
            zMean = post.mean
            zVar = post.variance
            // The mean frailty of those at risk in each state, with the chain's recency weights.
            var sz = [Double](repeating: 0, count: ns), sw = sz
            let weight = recencyWeights(upTo: last, halfLife: halfLife)
            for x in atRisk {
                let wt = weight[last - Int(x.t)]
                sz[Int(x.s)] += wt * zMean[Int(x.i)]
                sw[Int(x.s)] += wt
            }
            for s in 0..<ns where sw[s] > 0 && sz[s] > 0 { reference[s] = sz[s] / sw[s] }
        }
        return PreFrailtyFit(shape: bestA.isFinite ? bestA : 1e6, mean: zMean, variance: zVar,
                             observed: obs, expected: exp, reference: reference)
    }
}
