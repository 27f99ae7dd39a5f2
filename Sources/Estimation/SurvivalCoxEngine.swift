import Foundation
import LinearAlgebra

/// The log partial likelihood of a Cox model with its gradient and observed information,
/// on standardised covariates.
struct CoxEvaluation {
    /// `ℓ(β)`.
    var logLikelihood: Double
    /// `∂ℓ/∂β`, p values (empty when derivatives were not asked for).
    var gradient: [Double]
    /// `−∂²ℓ/∂β∂βᵀ`, p × p row-major with only the upper triangle (a ≤ b) filled.
    var information: [Double]

    /// True when ℓ and every derivative computed are finite.
    var isFinite: Bool {
        logLikelihood.isFinite && gradient.allSatisfy(\.isFinite)
            && information.allSatisfy(\.isFinite)
    }

    /// The information as a symmetric `Matrix`.
    func informationMatrix(_ p: Int) -> Matrix {
        var m = Matrix(rows: p, columns: p)
        for a in 0..<p {
            for b in a..<p {
                m[a, b] = information[a * p + b]
                m[b, a] = information[a * p + b]
            }
        }
        return m
    }
}

/// The data of a ``CoxProportionalHazards`` model rearranged for fast likelihood sweeps:
/// standardised covariates, row-major, with rows ordered by stratum and then by
/// decreasing stop time, so one pass touches memory in order.
struct CoxEngine {
    let n: Int
    let p: Int
    /// Standardised covariates `(x − mean) / sd`, row-major, in sweep order.
    let x: [Double]
    /// Stop times in sweep order.
    let stop: [Double]
    /// Event flags in sweep order.
    let event: [Bool]
    /// Start times in sweep order (nil: all −∞).
    let start: [Double]?
    /// Half-open ranges of sweep positions, one per stratum.
    let blocks: [Range<Int>]
    /// Per stratum: sweep positions ordered by decreasing start time.
    let byStart: [[Int]]
    let efron: Bool

    init(model: CoxProportionalHazards) {
        let n = model.observations
        let p = model.terms.count
        var order: [Int] = []
        order.reserveCapacity(n)
        var blocks: [Range<Int>] = []
        for rows in SurvivalStrata.groups(model.strata, count: n) {
            let lower = order.count
            let stops = model.stop
            order.append(contentsOf: rows.map { (stops[$0], $0) }.sorted { $0.0 > $1.0 }.map(\.1))
            blocks.append(lower..<order.count)
        }
        var x = [Double](repeating: 0, count: n * p)
        let columns = model.covariates.elements
        for (k, i) in order.enumerated() {
            for j in 0..<p {
                x[k * p + j] = (columns[i + j * n] - model.columnMean[j]) / model.columnScale[j]
            }
        }
        self.n = n
        self.p = p
        self.x = x
        self.stop = order.map { model.stop[$0] }
        self.event = order.map { model.events[$0] }
        let start = model.start.map { s in order.map { s[$0] } }
        self.start = start
        self.blocks = blocks
        self.byStart = start.map { s in
            blocks.map { r in r.map { (s[$0], $0) }.sorted { $0.0 > $1.0 }.map(\.1) }
        } ?? blocks.map { _ in [] }
        self.efron = model.ties == .efron
    }

    /// ℓ(β) and, when `derivatives`, its gradient and information, for standardised β.
    ///
    /// One backward sweep per stratum: at each distinct stop time t, rows with stop = t are
    /// added to the running sums `S0 = Σ e^η`, `S1 = Σ e^η x`, `S2 = Σ e^η x xᵀ`; rows with
    /// start ≥ t are removed; then the tied events at t contribute (Efron: the l-th of d
    /// tied events sees `S − (l/d)·D`, with D the same sums over the tied events).
    ///
    /// - Complexity: O(n·p²) (O(n·p) without derivatives).
    func evaluate(_ beta: [Double], derivatives: Bool) -> CoxEvaluation {
        let p = self.p
        let pp = p * p
        var eta = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xs in
            for i in 0..<n {
                var e = 0.0
                for a in 0..<p { e += xs[i * p + a] * beta[a] }
                eta[i] = e
                w[i] = exp(e)
            }
        }
        var ll = 0.0
        var gradient = [Double](repeating: 0, count: derivatives ? p : 0)
        var information = [Double](repeating: 0, count: derivatives ? pp : 0)
        var s1 = [Double](repeating: 0, count: p)
        var s2 = [Double](repeating: 0, count: pp)
        var d1 = [Double](repeating: 0, count: p)
        var d2 = [Double](repeating: 0, count: pp)
        var xd = [Double](repeating: 0, count: p)
        var mean = [Double](repeating: 0, count: p)

        x.withUnsafeBufferPointer { xs in
            for (blockIndex, block) in blocks.enumerated() {
                var s0 = 0.0
                var atRisk = 0
                for a in 0..<p { s1[a] = 0 }
                for a in 0..<pp { s2[a] = 0 }
                let leaving = byStart[blockIndex]
                var q = 0
                var k = block.lowerBound
                while k < block.upperBound {
                    let t = stop[k]
                    var d0 = 0.0
                    var d = 0
                    var etaSum = 0.0
                    if derivatives {
                        for a in 0..<p {
                            d1[a] = 0
                            xd[a] = 0
                        }
                        for a in 0..<pp { d2[a] = 0 }
                    }
                    // Rows whose interval ends at t join the risk set.
                    while k < block.upperBound && stop[k] == t {
                        let wi = w[k]
                        let row = k * p
                        s0 += wi
                        atRisk += 1
                        if derivatives {
                            for a in 0..<p {
                                let wxa = wi * xs[row + a]
                                s1[a] += wxa
                                for b in a..<p { s2[a * p + b] += wxa * xs[row + b] }
                            }
                        }
                        if event[k] {
                            d += 1
                            d0 += wi
                            etaSum += eta[k]
                            if derivatives {
                                for a in 0..<p {
                                    let xa = xs[row + a]
                                    xd[a] += xa
                                    let wxa = wi * xa
                                    d1[a] += wxa
                                    for b in a..<p { d2[a * p + b] += wxa * xs[row + b] }
                                }
                            }
                        }
                        k += 1
                    }
                    // Rows that enter at or after t are not at risk at t.
                    if let start {
                        while q < leaving.count && start[leaving[q]] >= t {
                            let r = leaving[q]
                            let wi = w[r]
                            s0 -= wi
                            atRisk -= 1
                            if derivatives {
                                let row = r * p
                                for a in 0..<p {
                                    let wxa = wi * xs[row + a]
                                    s1[a] -= wxa
                                    for b in a..<p { s2[a * p + b] -= wxa * xs[row + b] }
                                }
                            }
                            q += 1
                        }
                        if atRisk == 0 {
                            // Empty risk set: restart the sums exactly at zero.
                            s0 = 0
                            for a in 0..<p { s1[a] = 0 }
                            for a in 0..<pp { s2[a] = 0 }
                        }
                    }
                    guard d > 0 else { continue }
                    ll += etaSum
                    if derivatives { for a in 0..<p { gradient[a] += xd[a] } }
                    let steps = efron ? d : 1
                    let multiplicity = efron ? 1.0 : Double(d)
                    for l in 0..<steps {
                        let f = Double(l) / Double(d)
                        let denominator = s0 - f * d0
                        ll -= multiplicity * log(denominator)
                        guard derivatives else { continue }
                        for a in 0..<p {
                            mean[a] = (s1[a] - f * d1[a]) / denominator
                            gradient[a] -= multiplicity * mean[a]
                        }
                        for a in 0..<p {
                            for b in a..<p {
                                let second = (s2[a * p + b] - f * d2[a * p + b]) / denominator
                                information[a * p + b] +=
                                    multiplicity * (second - mean[a] * mean[b])
                            }
                        }
                    }
                }
            }
        }
        return CoxEvaluation(logLikelihood: ll, gradient: gradient, information: information)
    }
}
