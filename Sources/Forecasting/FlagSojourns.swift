import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The law of how long a construction flag stays raised once raised (a sojourn "on"), in
/// weeks, as a discrete hazard by the weeks already spent: h(d) = P(D = d | D ≥ d) for
/// d = 1 … ``hazard``.count, and the constant ``tail`` beyond.
///
/// A memoryless chain gives every sojourn the same hazard whatever its age; episodes that
/// mix kinds (a short site problem, a long dispute) have a hazard that falls with age, so
/// a flag long raised is likely to stay raised much longer. The remaining weeks are drawn
/// from the survival conditional on the weeks already spent, by inversion (one draw per
/// sojourn).
public struct SojournLaw: Sendable, Equatable {
    /// h(d) for d = 1 … count (index d − 1).
    public let hazard: [Double]
    /// The constant weekly hazard beyond the last tabulated week.
    public let tail: Double
    /// ln S(d) = Σ_{k ≤ d} ln(1 − h(k)) for d = 0 … count (index d).
    let logSurvival: [Double]
    /// ln(1 − tail) (``Xoshiro/logFailure(_:)``): the log-survival's slope beyond the table.
    let logStayTail: Double

    /// The law of hazards `hazard` (h(1), h(2), …) then `tail`; each clamped to [10⁻⁶, 1].
    public init(hazard: [Double], tail: Double) {
        self.hazard = hazard.map { min(1, max(1e-6, $0)) }
        self.tail = min(1, max(1e-6, tail))
        var s = [0.0]
        for h in self.hazard { s.append(s[s.count - 1] + Xoshiro.logFailure(h)) }
        logSurvival = s
        logStayTail = Xoshiro.logFailure(self.tail)
    }

    /// The geometric law of a weekly chain that stays on with probability `stay`: the same
    /// hazard 1 − `stay` every week.
    public static func geometric(stay: Double) -> SojournLaw {
        SojournLaw(hazard: [], tail: 1 - stay)
    }

    /// The median length, weeks: the first d with S(d) ≤ ½ (`nil` beyond `limit` weeks).
    public func median(limit: Int = 520) -> Int? {
        var survival = 1.0
        for d in 1...max(1, limit) {
            survival *= 1 - (d <= hazard.count ? hazard[d - 1] : tail)
            if survival <= 0.5 { return d }
        }
        return nil
    }

    /// ln S(d) = ln P(D > d), d ≥ 0.
    @inline(__always)
    func logSurvival(_ d: Int) -> Double {
        let n = hazard.count
        if d <= n { return logSurvival[max(0, d)] }
        return logSurvival[n] + Double(d - n) * logStayTail
    }

    /// The weeks r ≥ 1 until the flag, raised for `elapsed` weeks (≥ 1, this week counted),
    /// is first seen down: P(r > j) = S(elapsed + j − 1) / S(elapsed − 1), drawn by inverting
    /// that survival against one exponential E (the first j with the log-survival ratio
    /// ≤ −E); beyond the table the constant tail hazard gives j in closed form. `Int.max`
    /// beyond 10⁹ weeks.
    public func remaining(elapsed: Int, rng: inout Xoshiro) -> Int {
        let e = max(1, elapsed)
        let target = logSurvival(e - 1) - rng.exponential()
        let n = hazard.count
        var d = e
        while d <= n {
            if logSurvival[d] <= target { return d - e + 1 }
            d += 1
        }
        // d = max(e, n + 1): the first d' ≥ d with ln S(d') ≤ target, constant hazard after n.
        let logStay = logStayTail
        if logStay == -.infinity { return d - e + 1 }
        guard logStay < 0 else { return Int.max }
        let base = logSurvival(d - 1)
        let extra = ((target - base) / logStay).rounded(.up)
        let steps = max(1, extra)
        guard steps < 1e9 else { return Int.max }
        return d - e + Int(steps)
    }
}

/// The sojourn laws of the land, labour and technical flags during construction, learned
/// from the episodes of the panel up to the as-of week, and how long each cooperative's
/// flags have been raised at its last report.
///
/// An episode is a run of construction reports with the flag raised (missing weeks inside
/// count as raised); it ends at the first construction report with the flag down (an event
/// of length = weeks raised) and is censored at the as-of week, at the end of
/// construction, or at a report outside construction. Episodes already raised in the
/// panel's first week are left out (their start is unknown). The hazard by age is the
/// Kaplan–Meier estimate (Kaplan & Meier 1958, J. Am. Stat. Assoc. 53:457) pooled over the
/// province, each week's h(d) = (ends at d + κ h₀) / (at risk at d + κ), shrunk with κ =
/// ``pseudoEpisodes`` pseudo-episodes toward the pooled constant hazard h₀ = ends / weeks
/// at risk (so geometric episodes give back the chain's law). Ages are tabulated while at
/// least ``minAtRisk`` episodes are at risk; beyond, the hazard is the pooled one of the
/// last tabulated half. A flag keeps its regency's memoryless chain (law `nil`) unless the
/// hazard by age fits its episodes better by Akaike's criterion (Akaike 1974, IEEE Trans.
/// Autom. Control 19:716): 2 (ln L_age − ln L_constant) > 2 × (ages tabulated), the
/// likelihood being Π_d h(d)^ends (1 − h(d))^(at risk − ends).
public struct FlagSojourns: Sendable {
    /// The laws of the land, labour and technical flags (``Panel/Bit`` order land, labour,
    /// technical); `nil` where the constant hazard is chosen.
    public let laws: [SojournLaw?]
    /// Weeks each cooperative's flag has been raised at its last report up to the as-of
    /// week (0 when down): `[i * 3 + k]`.
    public let elapsed: [Int32]
    /// Episodes seen per flag.
    public let episodes: [Int]

    /// Pseudo-episodes of the shrinkage toward the constant hazard.
    public static let pseudoEpisodes = 5.0
    /// Episodes at risk below which an age is not tabulated.
    public static let minAtRisk = 10.0

    /// The flags' bits in law order.
    static let bits = [Panel.Bit.land, Panel.Bit.labour, Panel.Bit.technical]

    /// Fits the laws on `panel` up to week `asOfWeek`.
    public init(panel: Panel, upTo asOfWeek: Int) {
        let T = min(asOfWeek, panel.weekCount - 1)
        let building = Tahap.pembangunan.code
        var ends = [[Double]](repeating: [], count: 3)  // ends[k][d - 1]
        var atRisk = [[Double]](repeating: [], count: 3)
        var count = [0, 0, 0]
        var elapsed = [Int32](repeating: 0, count: panel.cooperativeCount * 3)
        func add(_ k: Int, length: Int, ended: Bool) {
            guard length >= 1 else { return }
            while atRisk[k].count < length { atRisk[k].append(0); ends[k].append(0) }
            for d in 0..<length { atRisk[k][d] += 1 }
            if ended { ends[k][length - 1] += 1 }
            count[k] += 1
        }
        for i in 0..<panel.cooperativeCount where T >= 0 {
            for (k, bit) in FlagSojourns.bits.enumerated() {
                var start = -1  // first week of the episode under way
                var lastOn = -1
                for t in 0...T {
                    let c = panel.cell(i, t)
                    guard panel.present[c] == 1 else { continue }
                    let on = panel.tahap[c] == building && panel.flags[c] & bit != 0
                    if on {
                        if start < 0 { start = t }
                        lastOn = t
                    } else if start >= 0 {
                        if start > 0 { add(k, length: t - start, ended: panel.tahap[c] == building) }
                        start = -1
                    }
                }
                if start >= 0 {
                    if start > 0 { add(k, length: lastOn - start + 1, ended: false) }
                    elapsed[i * 3 + k] = Int32(lastOn - start + 1)
                }
            }
        }
        self.elapsed = elapsed
        episodes = count
        laws = (0..<3).map { k in
            let law = FlagSojourns.law(ends: ends[k], atRisk: atRisk[k])
            return FlagSojourns.ageMatters(law, ends: ends[k], atRisk: atRisk[k]) ? law : nil
        }
    }

    /// The shrunk Kaplan–Meier law from ends and at-risk counts by age (index d − 1).
    static func law(ends: [Double], atRisk: [Double]) -> SojournLaw {
        let totalEnds = ends.reduce(0, +), totalRisk = atRisk.reduce(0, +)
        guard totalRisk > 0 else { return SojournLaw(hazard: [], tail: 1) }
        let h0 = totalEnds / totalRisk
        let kappa = pseudoEpisodes
        var n = 0
        while n < atRisk.count, atRisk[n] >= minAtRisk { n += 1 }
        let hazard = (0..<n).map { (ends[$0] + kappa * h0) / (atRisk[$0] + kappa) }
        // The tail: the pooled hazard of the last tabulated half (of all ages when none).
        let from = n / 2
        var e = 0.0, r = 0.0
        for d in from..<max(from, atRisk.count) { e += ends[d]; r += atRisk[d] }
        let tail = r > 0 ? (e + kappa * h0) / (r + kappa) : h0
        return SojournLaw(hazard: hazard, tail: tail)
    }

    /// True when `law` fits the ends and at-risk counts by age (index d − 1) better than
    /// their constant hazard by Akaike's criterion.
    static func ageMatters(_ law: SojournLaw, ends: [Double], atRisk: [Double]) -> Bool {
        let totalEnds = ends.reduce(0, +), totalRisk = atRisk.reduce(0, +)
        guard totalRisk > 0, !law.hazard.isEmpty else { return false }
        let h0 = totalEnds / totalRisk
        func logLikelihood(_ h: Double, _ e: Double, _ r: Double) -> Double {
            (e > 0 ? e * log(max(h, 1e-12)) : 0) + (r > e ? (r - e) * Xoshiro.logFailure(min(h, 1 - 1e-12)) : 0)
        }
        var gain = 0.0
        for d in 0..<atRisk.count {
            let h = d < law.hazard.count ? law.hazard[d] : law.tail
            gain += logLikelihood(h, ends[d], atRisk[d]) - logLikelihood(h0, ends[d], atRisk[d])
        }
        return 2 * gain > 2 * Double(law.hazard.count)
    }

    /// Weeks flag `k` (0 land, 1 labour, 2 technical) of cooperative `i` has been raised at
    /// its last report (0 when down).
    public func elapsed(cooperative i: Int, flag k: Int) -> Int { Int(elapsed[i * 3 + k]) }
}
