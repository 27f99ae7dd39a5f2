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
    /// - Complexity: O(n log n) instead of the O(n²) pair loop: the rows are visited in
    ///   increasing score (a bucket sort, O(n) for scores without heavy clusters) over a
    ///   Fenwick tree of exit-time ranks (O(log m) per row for m distinct exit times).
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
    /// - Complexity: O(n log n); without `start` as ``init(times:events:riskScores:)``, with it
    ///   a sweep from the last time backwards over a Fenwick tree of score ranks.
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
            start: start, stop: stop, events: events, scores: riskScores, strata: strata)
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

/// The rows with one exit (stop) time within one stratum: positions `lower..<upper` of a
/// ``SurvivalGrouping/order``, the events first (`lower..<eventEnd`), then the censored rows.
struct SurvivalTimeGroup: Equatable {
    /// The exit time shared by the rows.
    var time: Double
    /// First position of the group.
    var lower: Int
    /// End of the events, start of the censored rows.
    var eventEnd: Int
    /// End of the group.
    var upper: Int
    /// Number of events at `time`.
    var events: Int { eventEnd - lower }
}

/// Rows ordered for a backward sweep over exit times: by stratum (increasing label), then by
/// decreasing exit time, events before censored rows at equal times; with the boundaries of
/// every distinct (stratum, time).
///
/// Whole-number times within a range of a few times the row count (weeks, days) are
/// ordered by counting, O(n + range); any other times by one comparison sort, O(n log n).
/// Both give the same groups; within a group, rows of one kind keep their input order on
/// the counting path.
struct SurvivalGrouping {
    /// Sweep position → row index of the input.
    var order: [Int]
    /// Every distinct (stratum, time) in sweep order.
    var groups: [SurvivalTimeGroup]
    /// Per stratum, the range of its groups in ``groups``.
    var blocks: [Range<Int>]

    /// Groups `stop` (finite) by stratum and time; `allowCounting: false` forces the
    /// comparison sort (for tests).
    init(stop: [Double], events: [Bool], strata: [Int]?, allowCounting: Bool = true) {
        let n = stop.count
        order = []
        order.reserveCapacity(n)
        groups = []
        blocks = []
        if strata == nil {
            append(stop: stop, events: events, rows: nil, allowCounting: allowCounting)
        } else {
            for rows in SurvivalStrata.groups(strata, count: n) {
                append(stop: stop, events: events, rows: rows, allowCounting: allowCounting)
            }
        }
    }

    /// Appends one stratum (`rows`, or every row when nil).
    private mutating func append(stop: [Double], events: [Bool], rows: [Int]?, allowCounting: Bool) {
        let firstGroup = groups.count
        let base = order.count
        let count = rows?.count ?? stop.count
        stop.withUnsafeBufferPointer { times in
            events.withUnsafeBufferPointer { flags in
                let range = allowCounting
                    ? SurvivalTimeOrder.integerRange(times, rows: rows) : nil
                if let range {
                    appendCounting(times: times, flags: flags, rows: rows, count: count,
                                   lowest: range.lowest, highest: range.highest)
                } else {
                    appendSorting(times: times, flags: flags, rows: rows ?? Array(0..<count))
                }
            }
        }
        precondition(order.count == base + count)
        blocks.append(firstGroup..<groups.count)
    }

    /// Counting sort on the key `2·(highest − t) + (censored ? 1 : 0)`: a stable sort by
    /// decreasing time, events first.
    private mutating func appendCounting(
        times: UnsafeBufferPointer<Double>, flags: UnsafeBufferPointer<Bool>, rows: [Int]?,
        count: Int, lowest: Int, highest: Int
    ) {
        let keys = 2 * (highest - lowest + 1)
        var next = [Int](repeating: 0, count: keys + 1)
        func key(_ i: Int) -> Int { 2 * (highest - Int(times[i])) + (flags[i] ? 0 : 1) }
        if let rows {
            for i in rows { next[key(i) + 1] += 1 }
        } else {
            for i in 0..<count { next[key(i) + 1] += 1 }
        }
        let base = order.count
        next[0] = base
        for k in 0..<keys { next[k + 1] += next[k] }
        // Group boundaries from the cumulative counts, before they are consumed.
        for t in 0...(highest - lowest) where next[2 * t + 2] > next[2 * t] {
            groups.append(SurvivalTimeGroup(
                time: Double(highest - t), lower: next[2 * t], eventEnd: next[2 * t + 1],
                upper: next[2 * t + 2]))
        }
        if order.isEmpty {
            order = [Int](repeating: 0, count: count)
        } else {
            order.append(contentsOf: repeatElement(0, count: count))
        }
        order.withUnsafeMutableBufferPointer { out in
            if let rows {
                for i in rows {
                    let k = key(i)
                    out[next[k]] = i
                    next[k] += 1
                }
            } else {
                for i in 0..<count {
                    let k = key(i)
                    out[next[k]] = i
                    next[k] += 1
                }
            }
        }
    }

    /// One comparison sort by (decreasing time, events first).
    private mutating func appendSorting(
        times: UnsafeBufferPointer<Double>, flags: UnsafeBufferPointer<Bool>, rows: [Int]
    ) {
        let sorted = rows.sorted { a, b in
            times[a] > times[b] || (times[a] == times[b] && flags[a] && !flags[b])
        }
        let base = order.count
        order.append(contentsOf: sorted)
        var k = 0
        while k < sorted.count {
            let t = times[sorted[k]]
            let lower = k
            while k < sorted.count && times[sorted[k]] == t && flags[sorted[k]] { k += 1 }
            let eventEnd = k
            while k < sorted.count && times[sorted[k]] == t { k += 1 }
            groups.append(SurvivalTimeGroup(
                time: t, lower: base + lower, eventEnd: base + eventEnd, upper: base + k))
        }
    }
}

/// Detection of whole-number times that can be ordered by counting.
enum SurvivalTimeOrder {
    /// The smallest and largest of `times` (at `rows`, or all), when every one is a whole
    /// number of magnitude below 2⁵² stored exactly as `Double(Int)` gives it (so never −0)
    /// and the range spans at most `4·count + 4096` values; nil otherwise (or when empty).
    static func integerRange(
        _ times: UnsafeBufferPointer<Double>, rows: [Int]?
    ) -> (lowest: Int, highest: Int)? {
        var lowest = Int.max
        var highest = Int.min
        func admit(_ t: Double) -> Bool {
            guard abs(t) < 0x1p52 else { return false }  // also false for NaN
            let i = Int(t)
            guard Double(i).bitPattern == t.bitPattern else { return false }
            lowest = min(lowest, i)
            highest = max(highest, i)
            return true
        }
        let count: Int
        if let rows {
            for i in rows where !admit(times[i]) { return nil }
            count = rows.count
        } else {
            for t in times where !admit(t) { return nil }
            count = times.count
        }
        guard count > 0, highest - lowest <= 4 * count + 4096 else { return nil }
        return (lowest, highest)
    }
}

/// The O(n log n) concordance sweeps; inputs are already validated.
enum ConcordanceSweep {
    /// A Fenwick (binary indexed) tree of counts over ranks 0..<size.
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

    /// The same tree on memory owned by the caller (`size + 1` zeroed counts), without
    /// bounds or overflow checks in the loops; ranks must lie in 0..<size.
    struct UnsafeFenwick {
        let tree: UnsafeMutablePointer<Int>
        let size: Int
        @inline(__always)
        func add(_ rank: Int) {
            var i = rank &+ 1
            while i <= size {
                tree[i] &+= 1
                i &+= i & (0 &- i)
            }
        }
        /// Count of entries with rank < `rank`.
        @inline(__always)
        func prefix(_ rank: Int) -> Int {
            var i = rank
            var s = 0
            while i > 0 {
                s &+= tree[i]
                i &-= i & (0 &- i)
            }
            return s
        }
    }

    /// Counts concordant, discordant and tied pairs within each stratum.
    static func count(
        start: [Double]?, stop: [Double], events: [Bool], scores: [Double], strata: [Int]?
    ) -> (concordant: Int, discordant: Int, tied: Int) {
        if let start {
            return countCountingProcess(
                start: start, stop: stop, events: events, scores: scores,
                groups: SurvivalStrata.groups(strata, count: stop.count))
        }
        guard stop.count < maximumGroupedRows else {
            return countCountingProcess(
                start: nil, stop: stop, events: events, scores: scores,
                groups: SurvivalStrata.groups(strata, count: stop.count))
        }
        let grouping = SurvivalGrouping(stop: stop, events: events, strata: strata)
        return count(grouping: grouping, scores: scores)
    }

    /// Row count below which ``count(grouping:scores:)`` applies (its keys and indices are
    /// 32-bit and its tree loops have a fixed trip count of at most 29).
    static let maximumGroupedRows = 1 << 27

    /// Pair counts for one row per subject (no delayed entry), from the rows grouped by
    /// stratum and exit time and their scores (in input row order, as `grouping.order`
    /// refers to them); fewer than ``maximumGroupedRows`` rows.
    ///
    /// Each row gets an exit key: in stratum b (0-based) a censored row of group g gets
    /// `g + b`, an event `g + b + 1`. The rows an event is compared with (its stratum's later
    /// exits, and rows censored at its own time) are then exactly those of its stratum with a
    /// smaller key, `[first key of the stratum, own key)`. The rows are visited in
    /// increasing score, ties by increasing key, and each event counts those rows already
    /// visited in a Fenwick tree over keys: smaller scores and, within its run of equal
    /// scores, the rows before it with a smaller key, which a running position of the run's
    /// start, the stratum's start in it and the own key's start in it tells apart (the tied
    /// pairs). Branch-free per row: O(n log m) for m distinct exit times, after an O(n)
    /// bucket sort of the scores (``sortByScore(_:keys:)``).
    static func count(
        grouping: SurvivalGrouping, scores: [Double]
    ) -> (concordant: Int, discordant: Int, tied: Int) {
        let n = scores.count
        guard n > 0 else { return (0, 0, 0) }
        let keyCount = grouping.groups.count + grouping.blocks.count
        let order = grouping.order
        // Input sorted by key: per group its censored rows, then its events (a censored row
        // of the next group shares the events' key).
        var inputScores = [Double]()
        var inputKeys = [Int32]()  // key << 1 | event
        inputScores.reserveCapacity(n)
        inputKeys.reserveCapacity(n)
        var firstKey = [Int32](repeating: 0, count: keyCount + 1)  // the stratum's first key
        var below = [Int](repeating: 0, count: keyCount + 1)  // rows with a smaller key
        for (b, block) in grouping.blocks.enumerated() {
            let stratumKey = Int32(block.lowerBound + b)
            for g in block {
                let group = grouping.groups[g]
                let key = g + b
                for k in group.eventEnd..<group.upper {
                    inputScores.append(scores[order[k]])
                    inputKeys.append(Int32(key << 1))
                }
                for k in group.lower..<group.eventEnd {
                    inputScores.append(scores[order[k]])
                    inputKeys.append(Int32((key + 1) << 1 | 1))
                }
                below[key + 1] += group.upper - group.eventEnd
                if key + 2 <= keyCount { below[key + 2] += group.events }
                firstKey[key] = stratumKey
                firstKey[key + 1] = stratumKey
            }
        }
        for k in 0..<keyCount { below[k + 1] += below[k] }
        let (sortedScores, sortedKeys) = sortByScore(inputScores, keys: inputKeys)

        var levels = 1
        while (1 << levels) < keyCount + 1 { levels += 1 }
        let top = 1 << levels
        var tree = [Int](repeating: 0, count: top + 2)  // [top + 1]: where overflowing adds go
        let strata = grouping.blocks.count > 1
        var visited = 0  // Σ over events of the tree count below its key
        var tied = 0
        var admissible = 0
        sortedScores.withUnsafeBufferPointer { s in
        sortedKeys.withUnsafeBufferPointer { k in
        tree.withUnsafeMutableBufferPointer { treeBuffer in
        below.withUnsafeBufferPointer { below in
        firstKey.withUnsafeBufferPointer { firstKey in
            guard let t = treeBuffer.baseAddress else { return }
            var runStart = 0
            var stratumStart = 0
            var keyStart = 0
            var previousScore = s[0]
            var previousKey = -1
            var previousBase = -1
            for r in 0..<n {
                let packed = Int(k[r])
                let own = packed &>> 1
                let event = packed & 1
                let base = Int(firstKey[own])
                let score = s[r]
                let newRun = score != previousScore || r == 0
                runStart = newRun ? r : runStart
                stratumStart = newRun || base != previousBase ? r : stratumStart
                keyStart = newRun || own != previousKey ? r : keyStart
                previousScore = score
                previousKey = own
                previousBase = base
                // Rows visited with a key in [base, own).
                var q = 0
                var i = own
                for _ in 0..<levels {
                    q &+= t[i]
                    i &-= i & (0 &- i)
                }
                if strata {
                    i = base
                    for _ in 0..<levels {
                        q &-= t[i]
                        i &-= i & (0 &- i)
                    }
                }
                visited &+= q &* event
                tied &+= (keyStart &- stratumStart) &* event
                admissible &+= (below[own] &- below[base]) &* event
                i = own &+ 1
                for _ in 0...levels {
                    t[i <= top ? i : top &+ 1] &+= 1
                    i &+= i & (0 &- i)
                }
            }
        }
        }
        }
        }
        }
        let concordant = visited - tied
        return (concordant, admissible - visited, tied)
    }

    /// `scores` in increasing order, equal scores by increasing `keys >> 1`, with the keys
    /// alongside (finite scores, −0 and +0 equal). `keys >> 1` must be non-decreasing in the
    /// input: the bucket pass is stable, so equal scores keep that order.
    ///
    /// A bucket sort on `(s − min) / (max − min)`, monotone in s, with one bucket per score
    /// on average, then one insertion pass for the order within buckets; should that pass
    /// need more than 16n moves (scores in tight clusters), a comparison sort instead.
    /// O(n) for scores without heavy clusters, O(n log n) at worst.
    static func sortByScore(_ scores: [Double], keys: [Int32]) -> ([Double], [Int32]) {
        let n = scores.count
        guard n > 1 else { return (scores, keys) }
        var lowest = scores[0]
        var highest = scores[0]
        for v in scores {
            lowest = v < lowest ? v : lowest
            highest = v > highest ? v : highest
        }
        let width = highest - lowest
        if width == 0 { return (scores, keys) }
        func comparisonSort() -> ([Double], [Int32]) {
            let order = scores.indices.sorted {
                scores[$0] < scores[$1] || (scores[$0] == scores[$1] && keys[$0] >> 1 < keys[$1] >> 1)
            }
            return (order.map { scores[$0] }, order.map { keys[$0] })
        }
        let buckets = n
        let scale = Double(buckets - 1) / width
        guard width.isFinite, scale.isFinite else { return comparisonSort() }
        var bucket = [Int32](repeating: 0, count: n)
        var end = [Int32](repeating: 0, count: buckets + 1)
        var outScores = [Double](repeating: 0, count: n)
        var outKeys = [Int32](repeating: 0, count: n)
        var settled = true
        scores.withUnsafeBufferPointer { input in
        keys.withUnsafeBufferPointer { inputKeys in
        bucket.withUnsafeMutableBufferPointer { bucket in
        end.withUnsafeMutableBufferPointer { end in
        outScores.withUnsafeMutableBufferPointer { s in
        outKeys.withUnsafeMutableBufferPointer { k in
            for i in 0..<n {
                let b = Int((input[i] - lowest) * scale)  // in 0...buckets − 1 up to rounding
                let clamped = b < buckets ? b : buckets - 1
                bucket[i] = Int32(truncatingIfNeeded: clamped)
                end[clamped &+ 1] &+= 1
            }
            for b in 0..<buckets { end[b + 1] &+= end[b] }
            for i in 0..<n {
                let b = Int(bucket[i])
                let at = Int(end[b])
                s[at] = input[i]
                k[at] = inputKeys[i]
                end[b] = Int32(truncatingIfNeeded: at &+ 1)
            }
            var budget = 16 * n + 1024
            for j in 1..<n {
                let v = s[j]
                let key = k[j]
                if s[j - 1] <= v { continue }
                var i = j
                while i > 0 && (s[i - 1] > v || (s[i - 1] == v && k[i - 1] >> 1 > key >> 1)) {
                    s[i] = s[i - 1]
                    k[i] = k[i - 1]
                    i -= 1
                }
                s[i] = v
                k[i] = key
                budget -= j - i
                if budget < 0 {
                    settled = false
                    return
                }
            }
        }
        }
        }
        }
        }
        }
        return settled ? (outScores, outKeys) : comparisonSort()
    }

    /// Counts concordant, discordant and tied pairs over every group (stratum) of
    /// counting-process rows: a sweep from the last time backwards over a Fenwick tree of
    /// score ranks, rows joining at their stop time and leaving at their start time.
    static func countCountingProcess(
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
