/// Harrell's concordance index between a risk score and observed, right-censored times.
///
/// A pair (i, j) is admissible when observation i is an event and either `time_i < time_j`,
/// or `time_i == time_j` and j is censored. Two events at the same time never form a pair.
/// The pair is concordant when the higher-risk observation failed first
/// (`score_i > score_j`), discordant when `score_i < score_j`, and tied when the scores are
/// equal; ties count one half:
///
/// ```
/// C = (concordant + tiedRisk / 2) / (concordant + discordant + tiedRisk)
/// ```
///
/// The score is a *risk*: higher means earlier failure (for a Cox model, the linear
/// predictor `xᵀβ`). This is the definition of R `survival::concordance` and of lifelines
/// `concordance_index(time, −score, event)`.
///
/// With counting-process data (start, stop] the comparison is made at each event time
/// between the failing row and every row at risk then (`start < t ≤ stop`) that does not
/// fail at exactly `t`, as R `survival::concordance` does for time-dependent covariates. For
/// one row per subject (start = −∞) the two definitions coincide; splitting a subject's
/// follow-up into several intervals with the same score leaves C unchanged.
///
/// Reference: F. E. Harrell, R. M. Califf, D. B. Pryor, K. L. Lee, R. A. Rosati (1982),
/// *Evaluating the yield of medical tests*, JAMA 247(18):2543–2546,
/// doi:10.1001/jama.1982.03320430047030.
public struct Concordance: Sendable, Equatable {
    /// Admissible pairs in which the earlier failure has the higher score.
    public let concordant: Int
    /// Admissible pairs in which the earlier failure has the lower score.
    public let discordant: Int
    /// Admissible pairs with equal scores (each counts ½ in ``value``).
    public let tiedRisk: Int

    /// Number of admissible pairs, `concordant + discordant + tiedRisk`.
    public var admissible: Int { concordant + discordant + tiedRisk }

    /// Harrell's C in [0, 1], or nil when no pair is admissible.
    public var value: Double? {
        let total = admissible
        guard total > 0 else { return nil }
        return (Double(concordant) + 0.5 * Double(tiedRisk)) / Double(total)
    }

    /// A concordance from its pair counts.
    public init(concordant: Int, discordant: Int, tiedRisk: Int) {
        self.concordant = concordant
        self.discordant = discordant
        self.tiedRisk = tiedRisk
    }

    /// Harrell's C for one row per subject: exit `times`, `events` (true = event, false =
    /// right-censored) and a risk score per subject.
    ///
    /// - Throws: ``SurvivalError/empty``, ``SurvivalError/lengthMismatch(field:expected:actual:)``,
    ///   ``SurvivalError/nonFinite(field:index:value:)``.
    /// - Complexity: O(n log n) (a sweep from the last time backwards over a Fenwick tree of
    ///   score ranks), instead of the O(n²) pair loop.
    public init(times: [Double], events: [Bool], riskScores: [Double]) throws(SurvivalError) {
        try self.init(start: nil, stop: times, events: events, riskScores: riskScores,
                      strata: nil)
    }

    /// Harrell's C for counting-process rows (start, stop], optionally within strata
    /// (pairs are only formed inside a stratum).
    ///
    /// - Parameters:
    ///   - start: row start times, each strictly before its stop; nil for −∞.
    ///   - stop: row stop (exit) times.
    ///   - events: true when the row ends in an event.
    ///   - riskScores: the row's risk score (higher = earlier failure expected).
    ///   - strata: optional stratum label per row.
    /// - Throws: ``SurvivalError/empty``, ``SurvivalError/lengthMismatch(field:expected:actual:)``,
    ///   ``SurvivalError/nonFinite(field:index:value:)``, ``SurvivalError/emptyInterval(index:start:stop:)``.
    /// - Complexity: O(n log n).
    public init(
        start: [Double]?, stop: [Double], events: [Bool], riskScores: [Double],
        strata: [Int]?
    ) throws(SurvivalError) {
        let n = stop.count
        guard n > 0 else { throw .empty }
        for (name, count) in [("events", events.count), ("risk scores", riskScores.count),
                              ("start", start?.count ?? n), ("strata", strata?.count ?? n)]
        where count != n {
            throw .lengthMismatch(field: name, expected: n, actual: count)
        }
        for i in 0..<n {
            guard stop[i].isFinite else { throw .nonFinite(field: "stop", index: i, value: stop[i]) }
            guard riskScores[i].isFinite else {
                throw .nonFinite(field: "risk score", index: i, value: riskScores[i])
            }
            if let start {
                guard start[i].isFinite else {
                    throw .nonFinite(field: "start", index: i, value: start[i])
                }
                guard start[i] < stop[i] else {
                    throw .emptyInterval(index: i, start: start[i], stop: stop[i])
                }
            }
        }
        let counts = ConcordanceSweep.count(
            start: start, stop: stop, events: events, scores: riskScores,
            groups: SurvivalStrata.groups(strata, count: n))
        self.init(concordant: counts.concordant, discordant: counts.discordant,
                  tiedRisk: counts.tied)
    }
}

/// Row indices split by stratum label, in increasing label order.
enum SurvivalStrata {
    /// One index list per distinct label; a single list of all rows when `strata` is nil.
    static func groups(_ strata: [Int]?, count n: Int) -> [[Int]] {
        guard let strata else { return [Array(0..<n)] }
        var byLabel: [Int: [Int]] = [:]
        for (i, s) in strata.enumerated() { byLabel[s, default: []].append(i) }
        return byLabel.keys.sorted().map { byLabel[$0] ?? [] }
    }
}

/// The O(n log n) concordance sweep; inputs are already validated.
enum ConcordanceSweep {
    /// A Fenwick (binary indexed) tree of counts over score ranks 0..<size.
    struct Fenwick {
        private var tree: [Int]
        init(size: Int) { tree = [Int](repeating: 0, count: size + 1) }
        mutating func add(_ rank: Int, _ delta: Int) {
            var i = rank + 1
            while i < tree.count {
                tree[i] += delta
                i += i & (-i)
            }
        }
        /// Count of entries with rank < `rank`.
        func prefix(_ rank: Int) -> Int {
            var i = rank
            var s = 0
            while i > 0 {
                s += tree[i]
                i -= i & (-i)
            }
            return s
        }
    }

    /// Counts concordant, discordant and tied pairs over every group (stratum).
    static func count(
        start: [Double]?, stop: [Double], events: [Bool], scores: [Double], groups: [[Int]]
    ) -> (concordant: Int, discordant: Int, tied: Int) {
        // Dense ranks of the scores (equal scores share a rank). Sorting (value, index)
        // pairs keeps the comparisons on contiguous memory.
        let order = scores.enumerated().map { ($0.element, $0.offset) }.sorted { $0.0 < $1.0 }
        var rank = [Int](repeating: 0, count: scores.count)
        var r = -1
        var previous = -Double.infinity
        for (k, pair) in order.enumerated() {
            if k == 0 || pair.0 != previous {
                r += 1
                previous = pair.0
            }
            rank[pair.1] = r
        }
        let size = r + 1
        var concordant = 0
        var discordant = 0
        var tied = 0
        for rows in groups {
            var tree = Fenwick(size: size)
            var inTree = 0
            // Exit order: later stop first; at equal stop, censored rows before events.
            let byStop = rows.map { (stop[$0], events[$0] ? 1 : 0, $0) }
                .sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
                .map(\.2)
            let byStart = start.map { s in
                rows.map { (s[$0], $0) }.sorted { $0.0 > $1.0 }.map(\.1)
            } ?? []
            var p = 0
            var q = 0
            while p < byStop.count {
                let t = stop[byStop[p]]
                // Rows censored at t join the risk set (rows with later stops already have).
                while p < byStop.count && stop[byStop[p]] == t && !events[byStop[p]] {
                    tree.add(rank[byStop[p]], 1)
                    inTree += 1
                    p += 1
                }
                // Rows that enter at or after t are not at risk at t.
                if let start {
                    while q < byStart.count && start[byStart[q]] >= t {
                        tree.add(rank[byStart[q]], -1)
                        inTree -= 1
                        q += 1
                    }
                }
                let firstEvent = p
                while p < byStop.count && stop[byStop[p]] == t {
                    let i = byStop[p]
                    let below = tree.prefix(rank[i])
                    let equal = tree.prefix(rank[i] + 1) - below
                    concordant += below
                    tied += equal
                    discordant += inTree - below - equal
                    p += 1
                }
                for k in firstEvent..<p {
                    tree.add(rank[byStop[k]], 1)
                    inTree += 1
                }
            }
        }
        return (concordant, discordant, tied)
    }
}
