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

/// Scratch memory of ``CoxEngine/evaluate(_:derivatives:workspace:)``, allocated once per fit
/// so that the Newton iterations allocate nothing of size n.
struct CoxWorkspace {
    /// Rows processed per chunk of a time group (their covariates and weights stay in L1
    /// cache between the passes over them).
    static let chunk = 256
    /// `e^η`, `η = xᵀβ`, per row, sweep order.
    var weight: [Double]
    /// Running sums and one group's sums: S1, D1, C1 (p each) then S2, D2, C2 (p² each).
    var sums: [Double]

    init(n: Int, p: Int) {
        weight = [Double](repeating: 0, count: n)
        sums = [Double](repeating: 0, count: 3 * p + 3 * p * p)
    }
}

/// The data of a ``CoxProportionalHazards`` model rearranged for fast likelihood sweeps:
/// standardised covariates stored column by column, with rows ordered by stratum, then by
/// decreasing stop time, the events of each distinct time before its censored rows (see
/// ``SurvivalGrouping``), so every time group is one contiguous range of each column.
struct CoxEngine {
    let n: Int
    let p: Int
    /// Standardised covariates `(x − mean)·(1/sd)`, column-major (`x[a·n + k]`), sweep order.
    let x: [Double]
    /// Sweep order and the distinct (stratum, stop time) groups.
    let grouping: SurvivalGrouping
    /// Start times in sweep order (nil: all −∞).
    let start: [Double]?
    /// Per stratum: sweep positions ordered by decreasing start time.
    let byStart: [[Int]]
    /// `Σ x` over the events, per standardised column: the β-free part of the gradient.
    let eventSum: [Double]
    let efron: Bool

    init(model: CoxProportionalHazards) {
        let n = model.observations
        let p = model.terms.count
        let grouping = SurvivalGrouping(stop: model.stop, events: model.events, strata: model.strata)
        let order = grouping.order
        var x = [Double](repeating: 0, count: n * p)
        var eventSum = [Double](repeating: 0, count: p)
        model.covariates.elements.withUnsafeBufferPointer { columns in
            x.withUnsafeMutableBufferPointer { x in
                order.withUnsafeBufferPointer { order in
                    // Never nil: n ≥ 1 and p ≥ 1 (the model's initializer checks both).
                    guard let columns = columns.baseAddress, let x = x.baseAddress else { return }
                    for a in 0..<p {
                        let mean = model.columnMean[a]
                        let scale = model.columnScale[a]
                        let column = columns + a * n
                        let out = x + a * n
                        // x·(1/sd): a multiplication per value instead of a division.
                        let inverse = 1 / scale
                        for k in 0..<n { out[k] = (column[order[k]] - mean) * inverse }
                        var sum = 0.0
                        for group in grouping.groups {
                            sum += CoxMath.sum(out + group.lower, count: group.events)
                        }
                        eventSum[a] = sum
                    }
                }
            }
        }
        self.n = n
        self.p = p
        self.x = x
        self.grouping = grouping
        let start = model.start.map { s in order.map { s[$0] } }
        self.start = start
        self.byStart = start.map { s in
            grouping.blocks.map { block -> [Int] in
                guard let first = block.first, let last = block.last else { return [] }
                let positions = grouping.groups[first].lower..<grouping.groups[last].upper
                return positions.map { (s[$0], $0) }.sorted { $0.0 > $1.0 }.map(\.1)
            }
        } ?? grouping.blocks.map { _ in [] }
        self.eventSum = eventSum
        self.efron = model.ties == .efron
    }

    /// ℓ(β) and, when `derivatives`, its gradient and information, for standardised β.
    func evaluate(_ beta: [Double], derivatives: Bool) -> CoxEvaluation {
        var workspace = CoxWorkspace(n: n, p: p)
        return evaluate(beta, derivatives: derivatives, workspace: &workspace)
    }

    /// ℓ(β) and, when `derivatives`, its gradient and information, for standardised β.
    ///
    /// One backward sweep per stratum over the distinct stop times t. Each time group adds
    /// its rows to the running sums `S0 = Σ e^η`, `S1 = Σ e^η x`, `S2 = Σ e^η x xᵀ` (its
    /// events, contiguous, first: their sums `D0, D1, D2` come out on the way), computing
    /// `e^η` chunk by chunk as it goes; rows with start ≥ t are then removed. The d tied
    /// events at t contribute `Σ_{events} η` (summed once for all times as `βᵀ Σ_{events} x`)
    /// and, for l = 0…d−1 (Efron; Breslow: l = 0 only, counted d times), the terms of
    /// `−log(S0 − f_l D0)` with `f_l = l/d` (computed as `l·(1/d)`). Their derivatives are
    /// summed per group in closed form: with `A = Σ 1/den_l`, `B = Σ f_l/den_l`,
    /// `C = Σ 1/den_l²`, `D = Σ f_l/den_l²`, `E = Σ f_l²/den_l²` (`den_l = S0 − f_l D0`),
    ///
    /// ```
    /// ∂ℓ     −= A·S1 − B·D1
    /// −∂²ℓ   += A·S2 − B·D2 − (C·S1S1ᵀ − D·(S1D1ᵀ + D1S1ᵀ) + E·D1D1ᵀ)
    /// ```
    ///
    /// (the sum over l of `(S2 − f_l D2)/den_l − m_l m_lᵀ`, `m_l = (S1 − f_l D1)/den_l`), so a
    /// group costs O(d + p²) beyond its rows; `Σ_l log den_l` is the log of the running
    /// product of the `den_l`, kept as mantissas and a binary exponent (one `log` per group;
    /// see ``CoxMath/efronTerms(s0:d0:events:derivatives:)``).
    ///
    /// - Complexity: O(n·p²) (O(n·p) without derivatives), with one `exp` per row.
    func evaluate(
        _ beta: [Double], derivatives: Bool, workspace: inout CoxWorkspace
    ) -> CoxEvaluation {
        let p = self.p
        let n = self.n
        var ll = 0.0
        for a in 0..<p { ll += beta[a] * eventSum[a] }
        var gradient = derivatives ? eventSum : []
        var information = [Double](repeating: 0, count: derivatives ? p * p : 0)
        let efron = self.efron
        let groups = grouping.groups
        x.withUnsafeBufferPointer { xBuffer in
            beta.withUnsafeBufferPointer { betaBuffer in
            workspace.weight.withUnsafeMutableBufferPointer { weightBuffer in
            workspace.sums.withUnsafeMutableBufferPointer { sumBuffer in
            gradient.withUnsafeMutableBufferPointer { gradientBuffer in
            information.withUnsafeMutableBufferPointer { informationBuffer in
                // Never nil: n ≥ 1 and p ≥ 1 (the model's initializer checks both).
                guard let xs = xBuffer.baseAddress, let betas = betaBuffer.baseAddress,
                      let w = weightBuffer.baseAddress,
                      let s1 = sumBuffer.baseAddress
                else { return }
                // e^η is computed chunk by chunk inside the group sums, while the chunk's
                // covariates are in cache; at β = 0 it is 1 throughout.
                let zero = beta.allSatisfy { $0 == 0 }

                let d1 = s1 + p
                let c1 = d1 + p
                let s2 = c1 + p
                let d2 = s2 + p * p
                let c2 = d2 + p * p
                let g = gradientBuffer.baseAddress
                let h = informationBuffer.baseAddress
                for (blockIndex, block) in grouping.blocks.enumerated() {
                    var s0 = 0.0
                    var atRisk = 0
                    for a in 0..<p { s1[a] = 0 }
                    for a in 0..<(p * p) { s2[a] = 0 }
                    let leaving = byStart[blockIndex]
                    var q = 0
                    for groupIndex in block {
                        let group = groups[groupIndex]
                        let d = group.events
                        var d0 = 0.0
                        var c0 = 0.0
                        if derivatives {
                            d0 = CoxMath.groupSums(
                                lower: group.lower, upper: group.eventEnd, beta: betas, zero: zero,
                                weight: w, x: xs, n: n, p: p, first: d1, second: d2)
                            c0 = CoxMath.groupSums(
                                lower: group.eventEnd, upper: group.upper, beta: betas, zero: zero,
                                weight: w, x: xs, n: n, p: p, first: c1, second: c2)
                            for a in 0..<p { s1[a] += d1[a] + c1[a] }
                            for a in 0..<p {
                                for b in a..<p { s2[a * p + b] += d2[a * p + b] + c2[a * p + b] }
                            }
                        } else {
                            CoxMath.exponentials(
                                x: xs + group.lower, stride: n, count: group.upper - group.lower,
                                columns: p, beta: betas, zero: zero, into: w + group.lower)
                            d0 = CoxMath.sum(w + group.lower, count: d)
                            c0 = CoxMath.sum(w + group.eventEnd, count: group.upper - group.eventEnd)
                        }
                        s0 += d0 + c0
                        atRisk += group.upper - group.lower
                        // Rows that enter at or after t are not at risk at t.
                        if let start {
                            let t = group.time
                            while q < leaving.count && start[leaving[q]] >= t {
                                let r = leaving[q]
                                let wi = w[r]
                                s0 -= wi
                                atRisk -= 1
                                if derivatives {
                                    for a in 0..<p {
                                        let wxa = wi * xs[a * n + r]
                                        s1[a] -= wxa
                                        for b in a..<p { s2[a * p + b] -= wxa * xs[b * n + r] }
                                    }
                                }
                                q += 1
                            }
                            if atRisk == 0 {
                                // Empty risk set: restart the sums exactly at zero.
                                s0 = 0
                                for a in 0..<p { s1[a] = 0 }
                                for a in 0..<(p * p) { s2[a] = 0 }
                            }
                        }
                        guard d > 0 else { continue }
                        if !efron || d == 1 {
                            // One denominator S0, counted d times (Breslow) or once.
                            let multiplicity = Double(d)
                            ll -= multiplicity * log(s0)
                            guard derivatives, let g, let h else { continue }
                            for a in 0..<p {
                                let mean = s1[a] / s0
                                g[a] -= multiplicity * mean
                                for b in a..<p {
                                    let second = s2[a * p + b] / s0
                                    h[a * p + b] += multiplicity * (second - mean * (s1[b] / s0))
                                }
                            }
                            continue
                        }
                        let terms = CoxMath.efronTerms(
                            s0: s0, d0: d0, events: d, derivatives: derivatives)
                        ll -= terms.logSum
                        let (sA, sB, sC, sD, sE) = (terms.a, terms.b, terms.c, terms.d, terms.e)
                        guard derivatives, let g, let h else { continue }
                        for a in 0..<p {
                            g[a] -= sA * s1[a] - sB * d1[a]
                            for b in a..<p {
                                let ab = a * p + b
                                let outer = sC * s1[a] * s1[b]
                                    - sD * (s1[a] * d1[b] + d1[a] * s1[b])
                                    + sE * d1[a] * d1[b]
                                h[ab] += sA * s2[ab] - sB * d2[ab] - outer
                            }
                        }
                    }
                }
            }
            }
            }
            }
            }
        }
        return CoxEvaluation(logLikelihood: ll, gradient: gradient, information: information)
    }
}

/// Vector kernels of the Cox sweep (SIMD on contiguous columns).
enum CoxMath {
    /// Efron's terms of one time with d > 1 tied events, `den_l = S0 − f_l·D0`,
    /// `f_l = l·(1/d)`, l = 0…d−1: `Σ log den_l` and, when `derivatives`, the sums
    /// `A = Σ 1/den`, `B = Σ f/den`, `C = Σ 1/den²`, `D = Σ f/den²`, `E = Σ f²/den²`.
    struct EfronTerms {
        var logSum = 0.0
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0, e = 0.0
    }

    /// The ``EfronTerms`` of one time. When every denominator is a positive normal number
    /// well inside the range (`S0` finite, the smallest, `S0 − D0·(d−1)/d`, above 10⁻³⁰⁰),
    /// two values of l at a time (SIMD2) and `Σ log den_l` as the log of the product kept
    /// as mantissas and a binary exponent (one `log` per time instead of d); otherwise one
    /// `log` and division per l.
    static func efronTerms(s0: Double, d0: Double, events d: Int, derivatives: Bool) -> EfronTerms {
        var terms = EfronTerms()
        let step = 1 / Double(d)
        let lowest = s0 - d0 * (Double(d - 1) * step)
        guard s0.isFinite, d0 >= 0, lowest > 1e-300 else {
            for l in 0..<d {
                let f = Double(l) * step
                let denominator = s0 - f * d0
                terms.logSum += log(denominator)
                guard derivatives else { continue }
                let inverse = 1 / denominator
                let fi = f * inverse
                terms.a += inverse
                terms.b += fi
                terms.c += inverse * inverse
                terms.d += fi * inverse
                terms.e += fi * fi
            }
            return terms
        }
        let mantissaBits = SIMD2<UInt64>(repeating: 0x000F_FFFF_FFFF_FFFF)
        let one = SIMD2<UInt64>(repeating: 0x3FF0_0000_0000_0000)
        var mantissa = SIMD2<Double>(repeating: 1)  // per lane, in [1, 2^256)
        var exponents = SIMD2<UInt64>()  // per lane, Σ biased exponents (mod 2⁶⁴)
        var biases = 0  // biased exponents summed in, both lanes
        var vA = SIMD2<Double>(), vB = SIMD2<Double>(), vC = SIMD2<Double>()
        var vD = SIMD2<Double>(), vE = SIMD2<Double>()
        @inline(__always) func take(_ v: SIMD2<Double>) -> SIMD2<Double> {
            let bits = unsafeBitCast(v, to: SIMD2<UInt64>.self)
            exponents &+= bits &>> 52
            return unsafeBitCast((bits & mantissaBits) | one, to: SIMD2<Double>.self)
        }
        var l = 0
        while l + 2 <= d {
            // At most 256 factors per lane between renormalisations.
            let stop = min(d, l + 512)
            let first = l
            if derivatives {
                while l + 2 <= stop {
                    let f = SIMD2(Double(l), Double(l + 1)) * step
                    let denominator = s0 - f * d0
                    mantissa *= take(denominator)
                    let inverse = 1 / denominator
                    let fi = f * inverse
                    vA += inverse
                    vB += fi
                    vC += inverse * inverse
                    vD += fi * inverse
                    vE += fi * fi
                    l += 2
                }
            } else {
                while l + 2 <= stop {
                    let f = SIMD2(Double(l), Double(l + 1)) * step
                    mantissa *= take(s0 - f * d0)
                    l += 2
                }
            }
            biases &+= l - first
            mantissa = take(mantissa)
            biases &+= 2
        }
        var a = vA.sum(), b = vB.sum(), c = vC.sum(), dd = vD.sum(), e = vE.sum()
        if l < d {
            let f = Double(l) * step
            let denominator = s0 - f * d0
            mantissa *= take(SIMD2(denominator, 1))
            biases &+= 2
            if derivatives {
                let inverse = 1 / denominator
                let fi = f * inverse
                a += inverse
                b += fi
                c += inverse * inverse
                dd += fi * inverse
                e += fi * fi
            }
        }
        mantissa = take(mantissa)
        biases &+= 2
        // log(m₀·m₁) + E·ln 2, ln 2 split so that the exponent's part is exact.
        let exponent = Int(truncatingIfNeeded: exponents[0] &+ exponents[1]) &- 1023 &* biases
        let m = log(mantissa[0] * mantissa[1])
        let x = Double(exponent)
        let ln2High = 0.6931471803691238  // 0x1.62e42feep-1, 32 significant bits
        let ln2Low = 1.9082149292705877e-10
        terms.logSum = abs(exponent) < 1 << 20 ? x * ln2High + (x * ln2Low + m) : x * M_LN2 + m
        terms.a = a
        terms.b = b
        terms.c = c
        terms.d = dd
        terms.e = e
        return terms
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD4<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// Σ v[0..<count] (0 for a nil pointer).
    @inline(__always)
    static func sum(_ v: UnsafePointer<Double>?, count: Int) -> Double {
        guard let v else { return 0 }
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(), a3 = SIMD4<Double>()
        var k = 0
        while k + 16 <= count {
            a0 += load(v + k)
            a1 += load(v + k + 4)
            a2 += load(v + k + 8)
            a3 += load(v + k + 12)
            k += 16
        }
        var s = ((a0 + a1) + (a2 + a3)).sum()
        while k < count {
            s += v[k]
            k += 1
        }
        return s
    }

    /// Σ (v[k] − center)² over k < count (0 for a nil pointer).
    static func sumOfSquares(_ v: UnsafePointer<Double>?, count: Int, around center: Double) -> Double {
        guard let v else { return 0 }
        let c = SIMD4<Double>(repeating: center)
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
        var k = 0
        while k + 8 <= count {
            let u0 = load(v + k) - c
            let u1 = load(v + k + 4) - c
            a0 += u0 * u0
            a1 += u1 * u1
            k += 8
        }
        var s = (a0 + a1).sum()
        while k < count {
            s += (v[k] - center) * (v[k] - center)
            k += 1
        }
        return s
    }

    /// True when every v[k], k < count, is finite.
    static func allFinite(_ v: UnsafePointer<Double>?, count: Int) -> Bool {
        guard let v else { return true }
        // x − x is 0 for finite x and NaN for ±∞ and NaN; NaN survives the sum.
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
        var k = 0
        while k + 8 <= count {
            let u0 = load(v + k)
            let u1 = load(v + k + 4)
            a0 += u0 - u0
            a1 += u1 - u1
            k += 8
        }
        var s = (a0 + a1).sum()
        while k < count {
            s += v[k] - v[k]
            k += 1
        }
        return s == 0
    }

    /// (Σ w·x·v₀, Σ w·x·v₁, Σ w·x·v₂, Σ w·x·v₃) and Σ w·x over k < count.
    @inline(__always)
    static func weightedDots4(
        _ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ v0: UnsafePointer<Double>,
        _ v1: UnsafePointer<Double>, _ v2: UnsafePointer<Double>, _ v3: UnsafePointer<Double>,
        count: Int
    ) -> (SIMD4<Double>, Double) {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(), a3 = SIMD4<Double>()
        var t = SIMD4<Double>()
        var k = 0
        while k + 4 <= count {
            let u = load(w + k) * load(x + k)
            t += u
            a0 += u * load(v0 + k)
            a1 += u * load(v1 + k)
            a2 += u * load(v2 + k)
            a3 += u * load(v3 + k)
            k += 4
        }
        var r = SIMD4(a0.sum(), a1.sum(), a2.sum(), a3.sum())
        var total = t.sum()
        while k < count {
            let u = w[k] * x[k]
            total += u
            r += u * SIMD4(v0[k], v1[k], v2[k], v3[k])
            k += 1
        }
        return (r, total)
    }

    /// (Σ w·x·v₀, Σ w·x·v₁) and Σ w·x over k < count.
    @inline(__always)
    static func weightedDots2(
        _ w: UnsafePointer<Double>, _ x: UnsafePointer<Double>, _ v0: UnsafePointer<Double>,
        _ v1: UnsafePointer<Double>, count: Int
    ) -> (SIMD2<Double>, Double) {
        var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), b0 = SIMD4<Double>(), b1 = SIMD4<Double>()
        var t0 = SIMD4<Double>(), t1 = SIMD4<Double>()
        var k = 0
        while k + 8 <= count {
            let u0 = load(w + k) * load(x + k)
            let u1 = load(w + k + 4) * load(x + k + 4)
            t0 += u0
            t1 += u1
            a0 += u0 * load(v0 + k)
            b0 += u0 * load(v1 + k)
            a1 += u1 * load(v0 + k + 4)
            b1 += u1 * load(v1 + k + 4)
            k += 8
        }
        var r = SIMD2((a0 + a1).sum(), (b0 + b1).sum())
        var total = (t0 + t1).sum()
        while k < count {
            let u = w[k] * x[k]
            total += u
            r += u * SIMD2(v0[k], v1[k])
            k += 1
        }
        return (r, total)
    }

    /// The sums of one range of rows: computes `w = e^{xᵀβ}` of rows `lower..<upper` of the
    /// column-major `x` (n rows), sets `first[a] = Σ w x_a`, `second[a·p + b] = Σ w x_a x_b`
    /// (a ≤ b) and returns `Σ w`.
    static func groupSums(
        lower: Int, upper: Int, beta: UnsafePointer<Double>, zero: Bool,
        weight w: UnsafeMutablePointer<Double>, x: UnsafePointer<Double>,
        n: Int, p: Int,
        first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>
    ) -> Double {
        for a in 0..<p {
            first[a] = 0
            for b in a..<p { second[a * p + b] = 0 }
        }
        var s0 = 0.0
        var k = lower
        let chunk = CoxWorkspace.chunk
        while k < upper {
            let m = min(chunk, upper - k)
            exponentials(x: x + k, stride: n, count: m, columns: p, beta: beta, zero: zero, into: w + k)
            s0 += sum(w + k, count: m)
            for a in 0..<p {
                // w·x_a formed on the fly, against up to four columns b per pass.
                let weights = UnsafePointer(w + k)
                let xa = x + a * n + k
                let row = second + a * p
                var b = a
                var firstDone = false
                func addFirst(_ v: Double) {
                    if !firstDone { first[a] += v }
                    firstDone = true
                }
                while b + 4 <= p {
                    let v = x + b * n + k
                    let (r, s1) = weightedDots4(weights, xa, v, v + n, v + 2 * n, v + 3 * n, count: m)
                    for j in 0..<4 { row[b + j] += r[j] }
                    addFirst(s1)
                    b += 4
                }
                if b + 2 <= p {
                    let v = x + b * n + k
                    let (r, s1) = weightedDots2(weights, xa, v, v + n, count: m)
                    row[b] += r[0]
                    row[b + 1] += r[1]
                    addFirst(s1)
                    b += 2
                }
                if b < p {
                    let (r, s1) = weightedDots2(weights, xa, x + b * n + k, x + b * n + k, count: m)
                    row[b] += r[0]
                    addFirst(s1)
                }
            }
            k += m
        }
        return s0
    }

    /// w[k] = e^{η_k}, η_k = Σ_a x[a·stride + k]·β_a (summed in a order), for k < count, to
    /// within about one unit in the last place; exactly 1 when `zero` (β = 0).
    ///
    /// Four rows at a time: `η = (32m + j)·(ln 2)/32 + r` with 32m + j = round(32η / ln 2),
    /// 0 ≤ j < 32, |r| ≤ ln 2 / 64 ((ln 2)/32 split in two so that its product with the
    /// integer is exact), `e^η = 2^m · 2^{j/32} · e^r`, with `2^{j/32}` from a table of
    /// double-double values (``exp2Table``), `e^r − 1` from its Taylor polynomial through r⁶
    /// (truncation below 4·10⁻¹⁸), and 2^m added to the exponent bits. Lanes outside
    /// [−708, 709] (where the result would not be a normal number) or not finite take
    /// Foundation's `exp`.
    @inline(__always)
    static func exponentials(
        x: UnsafePointer<Double>, stride n: Int, count: Int, columns p: Int,
        beta: UnsafePointer<Double>, zero: Bool, into w: UnsafeMutablePointer<Double>
    ) {
        if zero {
            w.update(repeating: 1, count: count)
            return
        }
        exp2Table.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            var k = 0
            while k + 4 <= count {
                var v = load(x + k) * beta[0]
                for a in 1..<max(p, 1) { v += load(x + a * n + k) * beta[a] }
                let inRange = (v .>= SIMD4(repeating: -708)) .& (v .<= SIMD4(repeating: 709))
                if all(inRange) {
                    store(exp4(v, table: table), w + k)
                } else {
                    for j in 0..<4 { w[k + j] = Foundation.exp(v[j]) }
                }
                k += 4
            }
            while k < count {
                var v = x[k] * beta[0]
                for a in 1..<max(p, 1) { v += x[a * n + k] * beta[a] }
                w[k] = Foundation.exp(v)
                k += 1
            }
        }
    }

    /// `2^{j/32}` for j = 0…31 as double-double pairs (high part, then the remainder), from
    /// 60-digit values (mpmath).
    static let exp2Table: [Double] = [
        1.0, 0.0,
        1.0218971486541166, 5.109225028973444e-17,
        1.0442737824274138, 8.551889705537965e-17,
        1.0671404006768237, -7.899853966841582e-17,
        1.0905077326652577, -3.046782079812471e-17,
        1.1143867425958924, 1.0410278456845571e-16,
        1.1387886347566916, 8.912812676025408e-17,
        1.1637248587775775, 3.8292048369240935e-17,
        1.189207115002721, 3.982015231465646e-17,
        1.215247359980469, -7.712630692681488e-17,
        1.241857812073484, 4.658027591836937e-17,
        1.2690509571917332, 2.667932131342186e-18,
        1.2968395546510096, 2.5382502794888315e-17,
        1.3252366431597413, -2.8587312100388614e-17,
        1.3542555469368927, 7.70094837980299e-17,
        1.383909881963832, -6.770511658794786e-17,
        1.4142135623730951, -9.667293313452913e-17,
        1.4451808069770467, -3.0237581349939873e-17,
        1.4768261459394993, -3.483994556892796e-17,
        1.5091644275934228, -1.016455327754295e-16,
        1.5422108254079407, 7.949834809697621e-17,
        1.5759808451078865, -1.0136916471278304e-17,
        1.6104903319492543, 2.4707192569797888e-17,
        1.645755478153965, -1.0125679913674773e-16,
        1.681792830507429, 8.199010020581497e-17,
        1.718619298122478, -1.851380418263111e-17,
        1.7562521603732995, 2.960140695448873e-17,
        1.7947090750031072, 1.8227458427912087e-17,
        1.8340080864093424, 3.283107224245627e-17,
        1.8741676341103, -6.122763413004143e-17,
        1.9152065613971474, -1.0619946056195963e-16,
        1.9571441241754002, 8.960767791036668e-17,
    ]

    /// e^v for four lanes in [−708, 709] (see
    /// ``exponentials(x:stride:count:columns:beta:zero:into:)``).
    @inline(__always)
    static func exp4(_ v: SIMD4<Double>, table: UnsafePointer<Double>) -> SIMD4<Double> {
        let shift = SIMD4<Double>(repeating: 6_755_399_441_055_744)  // 1.5·2⁵²
        let t = v * 46.16624130844683 + shift  // 32 / ln 2
        let n = t - shift
        let r = (v - n * 0.02166084938653512) - n * 5.9631716539705866e-12  // (ln 2)/32, split
        // t's bits are those of 1.5·2⁵² plus n: j = n mod 32 in the low bits.
        let bits = unsafeBitCast(t, to: SIMD4<UInt64>.self)
        let j = (bits & 31) &<< 1
        let high = SIMD4(table[Int(j[0])], table[Int(j[1])], table[Int(j[2])], table[Int(j[3])])
        let low = SIMD4(table[Int(j[0]) + 1], table[Int(j[1]) + 1], table[Int(j[2]) + 1],
                        table[Int(j[3]) + 1])
        let r2 = r * r
        // e^r − 1 = r + r²·(1/2 + r/6 + r²·(1/24 + r/120 + r²/720)).
        let q = (r * 0.16666666666666666 + 0.5)
            + r2 * ((r * 0.008333333333333333 + 0.041666666666666664) + r2 * 0.001388888888888889)
        let e = high + (high * (r + r2 * q) + low)
        // m = ⌊n / 32⌋ (modulo 2⁶⁴, which the shift into the exponent field absorbs).
        let m = (bits &- 0x4338_0000_0000_0000) &>> 5
        return unsafeBitCast(unsafeBitCast(e, to: SIMD4<UInt64>.self) &+ (m &<< 52),
                             to: SIMD4<Double>.self)
    }
}
