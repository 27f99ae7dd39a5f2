import KendaliData

/// The reporting stage: the green week, the first week from which everything else is in
/// place with a report sent and the rule set's legalitas met (the legalitas items held, or
/// one short of them with a report on time that week).
///
/// The week's report sent (the cooperative's ``StageModels/presence``) and on time
/// (``StageModels/onTime``) are drawn per calendar week from streams keyed by the week, so
/// the same week gives the same draws whenever a path gets there: an earlier start never
/// gives a later green week.
struct ReportingSampler {
    /// P(report on time) and P(report sent) of the cooperative.
    let onTime: Double
    let presence: Double
    /// Legalitas items the green rule needs (0…3, plus one for the on-time report; 5 =
    /// unreachable).
    let legalitasNeeded: Int
    /// The last week simulated.
    let limit: Int

    /// The green week of path `p` from week `from` on (`nil` within the horizon never),
    /// with the legalitas items gained at the weeks in `legalitas` (ascending).
    func sample(from: Int, legalitas: [Int], key: UInt64, path p: Int) -> Int? {
        @inline(__always) func weekly(_ t: Int, _ which: UInt64) -> Double {
            var r = Xoshiro(key: key ^ 0x5745_454B, path: UInt64(p), stage: UInt64(t) << 1 | which)
            return r.uniform()
        }
        var t = from
        let needFromItems = max(0, legalitasNeeded - 1)  // with an on-time report
        while t <= limit {
            var have = 0
            for x in legalitas where x <= t { have += 1 }
            if have < needFromItems {
                // Jump to the next item.
                guard let next = legalitas.first(where: { $0 > t }), next != Int.max else { return nil }
                t = next
                continue
            }
            let legalOK = have >= legalitasNeeded || (legalitasNeeded <= 4 && weekly(t, 0) < onTime)
            if legalOK && weekly(t, 1) < presence { return t }
            t += 1
        }
        return nil
    }
}
