import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reporting stage: the green week, the first week from which everything else is in
/// place with a report sent and the rule set's legalitas met (the legalitas items held, or
/// one short of them with a report on time that week).
///
/// A week succeeds with probability q_t = P(report sent) × P(legalitas met), the
/// cooperative's ``StageModels/presence`` and ``StageModels/onTime``; q_t is constant
/// between the weeks a legalitas item is gained. The green week is drawn at once by
/// inverting the survival Π(1 − q_t): the first week t with Σ −ln(1 − q_u) ≥ E over the
/// weeks u from the start, E exponential (one draw per path). The same E serves whatever
/// the start: an earlier start or an earlier item never gives a later green week.
struct ReportingSampler {
    /// P(report on time) and P(report sent) of the cooperative.
    let onTime: Double
    let presence: Double
    /// Legalitas items the green rule needs (0…3, plus one for the on-time report; 5 =
    /// unreachable).
    let legalitasNeeded: Int
    /// The last week simulated.
    let limit: Int
    /// The weekly hazards (``hazard(_:)``) of a week with the legalitas items held and of one
    /// with them one short: the only two non-zero rates a path meets, computed once.
    let heldRate: Double
    let oneShortRate: Double

    /// The sampler of a cooperative reporting with P(on time) `onTime` and P(sent)
    /// `presence`, the green rule needing `legalitasNeeded` legalitas items.
    init(onTime: Double, presence: Double, legalitasNeeded: Int, limit: Int) {
        self.onTime = onTime
        self.presence = presence
        self.legalitasNeeded = legalitasNeeded
        self.limit = limit
        heldRate = Self.hazard(presence)
        oneShortRate = Self.hazard(presence * onTime)
    }

    /// The weekly hazard −ln(1 − q) of a week that succeeds with probability q (capped at 50:
    /// a certain week, since an exponential draw from 53-bit uniforms stays below 37).
    @inline(__always)
    static func hazard(_ q: Double) -> Double { q >= 1 ? 50 : min(50, -log1p(-max(0, q))) }

    /// The weekly hazard of a green week with `have` legalitas items held: that of
    /// P(sent) with the items held, of P(sent) × P(on time) one short of them (when the
    /// on-time report is among the items the rule counts), 0 otherwise.
    @inline(__always)
    func weeklyRate(have: Int) -> Double {
        if have >= legalitasNeeded { return heldRate }
        return have + 1 == legalitasNeeded && legalitasNeeded <= 4 ? oneShortRate : 0
    }

    /// The green week of path `p` from week `from` on (`nil` within the horizon never),
    /// with the legalitas items gained at the weeks in `legalitas` (ascending).
    func sample(from: Int, legalitas: [Int], key: UInt64, path p: Int) -> Int? {
        guard from <= limit else { return nil }
        var rng = PathStream.reporting.generator(key: key, path: p)
        var e = rng.exponential()
        var t = from
        while t <= limit {
            var have = 0
            var next = Int.max
            for x in legalitas {
                if x <= t { have += 1 } else { next = min(next, x) }
            }
            let end = next == Int.max ? limit : min(limit, next - 1)
            let rate = weeklyRate(have: have)
            let weeks = Double(end - t + 1)
            if rate * weeks >= e {
                let n = max(1, Int((e / rate).rounded(.up)))
                return min(t + n - 1, end)
            }
            e -= rate * weeks
            t = end + 1
        }
        return nil
    }
}
