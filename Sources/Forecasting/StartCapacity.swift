#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two laws of a week's construction starts among the cooperatives ready and waiting
/// (registered in the portal with land `siap`) that ``StartCapacityFit`` compares.
///
/// - **Hazard** (the chain's own model): each of the N waiting starts with probability p,
///   independently: S ~ Binomial(N, p).
/// - **Queue at a capacity**: each waiting cooperative asks to start with probability p
///   (E ~ Binomial(N, p) requests), and at most K start, K ~ Poisson(c) the week's capacity:
///   S = min(E, K). With G_X(s) = P(X ≥ s),
///   P(S = s) = P(E = s) · G_K(s + 1) + P(K = s) · G_E(s)
///   (the minimum of two independent counts; the first term is "every request served",
///   the second "capacity reached"), which tends to the hazard law as c → ∞.
///
/// Both are exact discrete laws, so their log-likelihoods compare by an information
/// criterion (``StartCapacityFit``).
public enum StartCapacityLikelihood {
    /// ln P(S = `starts`) under the hazard law Binomial(`waiting`, `p`).
    public static func hazard(starts s: Int, waiting n: Int, p: Double) -> Double {
        guard s >= 0, s <= n else { return -.infinity }
        return logBinomial(s, n, clamp(p))
    }

    /// ln P(S = `starts`) under the queue law min(Binomial(`waiting`, `p`), Poisson(`c`)).
    public static func queue(starts s: Int, waiting n: Int, p: Double, capacity c: Double) -> Double {
        guard s >= 0, s <= n else { return -.infinity }
        let q = clamp(p)
        let cap = max(1e-9, c)
        return queueTerm(s: s, n: n, p: q, c: cap, pE: exp(logBinomial(s, n, q)), pK: exp(logPoisson(s, cap)))
    }

    /// ln P(S = s) from the two probabilities at s, P(E = s) = `pE` and P(K = s) = `pK`.
    @inline(__always)
    static func queueTerm(s: Int, n: Int, p: Double, c: Double, pE: Double, pK: Double) -> Double {
        queueTerm(pE: pE, kAbove: poissonUpper(s + 1, c, pmfBefore: pK), pK: pK, eAtLeast: binomialUpper(s, n, p, pmf: pE))
    }

    /// ln P(S = s) = ln(P(E = s) P(K > s) + P(K = s) P(E ≥ s)) from its four probabilities
    /// (S = min(E, K), E and K independent), floored at 10⁻³⁰⁰.
    @inline(__always)
    static func queueTerm(pE: Double, kAbove: Double, pK: Double, eAtLeast: Double) -> Double {
        let value = pE * kAbove + pK * eAtLeast
        return value > 1e-300 ? log(value) : log(1e-300)
    }

    static func clamp(_ p: Double) -> Double { min(1 - 1e-9, max(1e-9, p)) }

    /// ln of the Binomial(n, p) probability of k.
    static func logBinomial(_ k: Int, _ n: Int, _ p: Double) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
            + Double(k) * log(p) + Double(n - k) * log1p(-p)
    }

    /// ln of the Poisson(c) probability of k.
    static func logPoisson(_ k: Int, _ c: Double) -> Double {
        -c + Double(k) * log(c) - lgamma(Double(k + 1))
    }

    /// P(E ≥ s), E ~ Binomial(n, p), from `pmf` = P(E = s): the sum of the tail on the short
    /// side of the mean (the terms fall geometrically away from it), so no long sum and no
    /// cancellation where the answer is small.
    @inline(__always)
    static func binomialUpper(_ s: Int, _ n: Int, _ p: Double, pmf: Double) -> Double {
        if s <= 0 { return 1 }
        if s > n { return 0 }
        let ratio = p / (1 - p)
        if Double(s) >= Double(n) * p {
            var term = pmf
            var sum = term
            var k = s
            while k < n {
                term *= Double(n - k) / Double(k + 1) * ratio
                sum += term
                k += 1
                if term < sum * 1e-17 { break }
            }
            return min(1, sum)
        }
        // Below the mean: 1 − P(E ≤ s − 1), summed downwards from s − 1.
        var term = pmf * Double(s) / (Double(n - s + 1) * ratio)
        var sum = term
        var k = s - 1
        while k > 0 {
            term *= Double(k) / Double(n - k + 1) / ratio
            sum += term
            k -= 1
            if term < sum * 1e-17 { break }
        }
        return max(0, 1 - sum)
    }

    /// P(K ≥ s), K ~ Poisson(c), from `pmfBefore` = P(K = s − 1), summed on the short side
    /// of the mean like ``binomialUpper(_:_:_:pmf:)``.
    @inline(__always)
    static func poissonUpper(_ s: Int, _ c: Double, pmfBefore: Double) -> Double {
        if s <= 0 { return 1 }
        if Double(s) >= c {
            var term = pmfBefore * c / Double(s)
            var sum = term
            var k = s
            while term >= sum * 1e-17 && k < s + 10_000 {
                term *= c / Double(k + 1)
                sum += term
                k += 1
            }
            return min(1, sum)
        }
        var term = pmfBefore
        var sum = term
        var k = s - 1
        while k > 0 {
            term *= Double(k) / c
            sum += term
            k -= 1
            if term < sum * 1e-17 { break }
        }
        return max(0, 1 - sum)
    }
}

/// The log-likelihoods of one block of weeks, with the terms that do not depend on the
/// parameters computed once (the fit evaluates the queue law a few thousand times).
struct BlockLikelihood {
    let starts: [Int]
    let waiting: [Int]
    /// ln C(N, S) and ln S! per week.
    let logChoose: [Double]
    let logFactorial: [Double]

    init(_ weeks: [StartWeek]) {
        starts = weeks.map(\.starts)
        waiting = weeks.map(\.waiting)
        logChoose = weeks.map { lgamma(Double($0.waiting + 1)) - lgamma(Double($0.starts + 1)) - lgamma(Double($0.waiting - $0.starts + 1)) }
        logFactorial = weeks.map { lgamma(Double($0.starts + 1)) }
    }

    /// Σ ln P(S_t) under the hazard law.
    func hazard(p: Double) -> Double {
        let q = StartCapacityLikelihood.clamp(p)
        let lp = log(q), lq = log1p(-q)
        var total = 0.0
        for k in starts.indices {
            total += logChoose[k] + Double(starts[k]) * lp + Double(waiting[k] - starts[k]) * lq
        }
        return total
    }

    /// The best hazard law with one change point: p₁ before week index τ and p₂ from it
    /// (each the maximum-likelihood ΣS / ΣN of its side, at least `minimumSide` weeks a
    /// side), and its Σ ln P(S_t); `nil` when the block is too short.
    func hazardWithChange(minimumSide: Int) -> (split: Int, logLikelihood: Double)? {
        let count = starts.count
        guard count >= 2 * minimumSide else { return nil }
        var best: (split: Int, logLikelihood: Double)?
        for tau in minimumSide...(count - minimumSide) {
            var value = 0.0
            for range in [0..<tau, tau..<count] {
                let s = range.reduce(0) { $0 + starts[$1] }, n = range.reduce(0) { $0 + waiting[$1] }
                let q = StartCapacityLikelihood.clamp(n > 0 ? Double(s) / Double(n) : 0)
                let lp = log(q), lq = log1p(-q)
                for k in range { value += logChoose[k] + Double(starts[k]) * lp + Double(waiting[k] - starts[k]) * lq }
            }
            if best.map({ value > $0.logLikelihood }) ?? true { best = (tau, value) }
        }
        return best
    }

    /// The queue law's terms that depend on the capacity alone: per week P(K = S_t) and
    /// P(K ≥ S_t + 1), K ~ Poisson(c). The fit maximises over the request probability at
    /// each capacity it tries, so these are computed once per capacity, not per evaluation.
    struct CapacityTerms {
        /// P(K = S_t) per week.
        let pmf: [Double]
        /// P(K ≥ S_t + 1) per week.
        let upper: [Double]
    }

    /// The capacity terms of `c0` (``CapacityTerms``).
    func capacityTerms(_ c0: Double) -> CapacityTerms {
        let c = max(1e-9, c0)
        let lc = log(c)
        var pmf = [Double](repeating: 0, count: starts.count), upper = pmf
        for k in starts.indices {
            pmf[k] = exp(-c + Double(starts[k]) * lc - logFactorial[k])
            upper[k] = StartCapacityLikelihood.poissonUpper(starts[k] + 1, c, pmfBefore: pmf[k])
        }
        return CapacityTerms(pmf: pmf, upper: upper)
    }

    /// Σ ln P(S_t) under the queue law.
    func queue(p: Double, capacity c0: Double) -> Double {
        queue(p: p, terms: capacityTerms(c0))
    }

    /// Σ ln P(S_t) under the queue law at the capacity of `terms`
    /// (``StartCapacityLikelihood/queueTerm(pE:kAbove:pK:eAtLeast:)`` per week).
    func queue(p: Double, terms: CapacityTerms) -> Double {
        let q = StartCapacityLikelihood.clamp(p)
        let lp = log(q), lq = log1p(-q)
        var total = 0.0
        for k in starts.indices {
            let s = starts[k], n = waiting[k]
            let pE = exp(logChoose[k] + Double(s) * lp + Double(n - s) * lq)
            total += StartCapacityLikelihood.queueTerm(
                pE: pE, kAbove: terms.upper[k], pK: terms.pmf[k],
                eAtLeast: StartCapacityLikelihood.binomialUpper(s, n, q, pmf: pE))
        }
        return total
    }
}

/// One week of a unit's start history: the cooperatives ready and waiting at the report
/// before (portal with land `siap`, both reports present) and how many of them started.
public struct StartWeek: Sendable, Hashable {
    /// The grid week of the later report.
    public var week: Int
    /// Ready and waiting at week − 1.
    public var waiting: Int
    /// Of them, started (under construction) at `week`.
    public var starts: Int

    /// A week as given.
    public init(week: Int, waiting: Int, starts: Int) {
        self.week = week
        self.waiting = waiting
        self.starts = starts
    }
}

/// One block of weeks of a unit's history with its own parameters (the piecewise-constant
/// level that lets the capacity drift).
public struct StartCapacityBlock: Sendable, Hashable {
    /// First grid week of the block.
    public var firstWeek: Int
    /// Last grid week of the block.
    public var lastWeek: Int
    /// Weeks with at least one cooperative waiting.
    public var weeks: Int
    /// Starts summed over the block.
    public var starts: Int
    /// Waiting cooperative-weeks summed over the block.
    public var waiting: Int
    /// The hazard law's p (ΣS / ΣN).
    public var hazard: Double
    /// The hazard law's log-likelihood at p.
    public var hazardLogLikelihood: Double
    /// The queue law's request probability p at the maximum.
    public var requestProbability: Double
    /// The queue law's capacity c (starts a week) at the maximum (∞ when every waiting
    /// cooperative started, or none did).
    public var capacity: Double
    /// The queue law's log-likelihood at the maximum.
    public var queueLogLikelihood: Double
    /// Standard error of c from the curvature of the profile log-likelihood in ln c.
    public var capacityStandardError: Double
    /// Weeks in which at least twice the capacity were waiting (the queue visibly longer
    /// than a week's starts).
    public var bindingWeeks: Int
    /// BIC of the hazard law in the block, −2 ℓ + k ln n, n = ``weeks``: the better of a
    /// constant p (k = 1) and one change point (k = 3).
    public var hazardBIC: Double
    /// BIC of the queue law in the block (k = 2).
    public var queueBIC: Double
    /// True when the block's capacity is kept: the queue law has the lower BIC, the
    /// capacity is not at the search's upper end, and it binds in at least
    /// ``StartCapacityFit/minimumBindingWeeks`` weeks.
    public var capped: Bool
}

/// The order a rationed queue serves its cooperatives in.
public enum StartOrder: String, Sendable, Hashable {
    /// The cooperative ready (portal and land `siap`) the longest starts first.
    case firstReadyFirstServed = "first_ready_first_served"
    /// Any waiting cooperative as likely as any other.
    case random
}
