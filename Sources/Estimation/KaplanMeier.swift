import Foundation

/// The Kaplan–Meier (product-limit) estimate of a survival function, with Greenwood
/// variance, a pointwise confidence band and the median survival time.
///
/// For distinct event times `t₁ < t₂ < …`, with `nⱼ` observations at risk just before `tⱼ`
/// and `dⱼ` events at `tⱼ`:
///
/// ```
/// S(t)       = ∏_{tⱼ ≤ t} (nⱼ − dⱼ) / nⱼ
/// Var S(t)   = S(t)² · Σ_{tⱼ ≤ t} dⱼ / (nⱼ (nⱼ − dⱼ))        (Greenwood)
/// ```
///
/// An observation is at risk at `t` when `entry < t ≤ time` (left truncation / delayed
/// entry); without entry times, when `time ≥ t`. Times may be in any unit (weeks, days);
/// every output time is in the same unit.
///
/// References: E. L. Kaplan and P. Meier (1958), *Nonparametric estimation from incomplete
/// observations*, JASA 53(282):457–481, doi:10.1080/01621459.1958.10501452; M. Greenwood
/// (1926), *The natural duration of cancer*; the band and median conventions follow
/// lifelines `KaplanMeierFitter` (0.30).
public struct KaplanMeier: Sendable, Equatable {
    /// How the pointwise confidence band around `S(t)` is built.
    public enum Band: String, Sendable, CaseIterable {
        /// The default, as in lifelines ("exponential Greenwood"): a normal interval on
        /// `log(−log S)` with standard error `σ(t) / |log S(t)|`, `σ² = Σ d/(n(n−d))`, so
        /// `lower = S^{exp(+z σ/|log S|)}`, `upper = S^{exp(−z σ/|log S|)}`. Always within
        /// [0, 1]; degenerate to [1, 1] while S = 1.
        case logLog = "log-log"
        /// The plain Greenwood interval `S ± z·√Var S`, clipped to [0, 1].
        case plain
    }

    /// One distinct event time of the estimate.
    public struct Row: Sendable, Equatable {
        /// The event time, in the unit of the input times.
        public let time: Double
        /// Observations at risk just before `time`: `entry < time ≤ exit`.
        public let atRisk: Int
        /// Events at exactly `time`.
        public let events: Int
        /// Censored observations with `time ≤ exit < next event time` (through the end for
        /// the last row): those that leave the risk set after this event time without an
        /// event before the next one.
        public let censored: Int
        /// The product-limit estimate just after `time`, in [0, 1].
        public let survival: Double
        /// Greenwood variance of `survival`, `S² · Σ d/(n(n−d))`; 0 once S reaches 0.
        public let variance: Double
        /// Lower end of the pointwise confidence band at `time`.
        public let lower: Double
        /// Upper end of the pointwise confidence band at `time`.
        public let upper: Double

        /// Greenwood standard error of `survival`, `√variance`.
        public var standardError: Double { variance.squareRoot() }
    }

    /// One row per distinct event time, in increasing time order (empty without events).
    public let rows: [Row]
    /// Number of observations used.
    public let observations: Int
    /// Total number of events.
    public let events: Int
    /// Censored observations that leave before the first event time (they never appear in
    /// a row's `censored` count).
    public let censoredBeforeFirstEvent: Int
    /// The band's coverage, in (0, 1); 0.95 by default.
    public let confidenceLevel: Double
    /// How the band was built; ``Band/logLog`` by default.
    public let band: Band

    /// Estimates the survival function of `times` with `events[i] == true` marking an event
    /// and `false` a right-censored observation.
    ///
    /// - Parameters:
    ///   - times: exit times (event or censoring), finite, any unit.
    ///   - events: event indicator, one per time.
    ///   - entryTimes: optional entry times for left truncation; each must be strictly
    ///     before its exit time. `nil` means every observation is at risk from −∞.
    ///   - confidenceLevel: coverage of the pointwise band, in (0, 1); default 0.95.
    ///   - band: how the band is built; default ``Band/logLog``.
    /// - Throws: ``SurvivalError/empty``, ``SurvivalError/lengthMismatch(field:expected:actual:)``,
    ///   ``SurvivalError/nonFinite(field:index:value:)``,
    ///   ``SurvivalError/emptyInterval(index:start:stop:)``.
    /// - Precondition: `0 < confidenceLevel < 1`.
    /// - Complexity: O(n + range) when the times are whole numbers spanning at most about
    ///   4n values (weeks, days: counted, not sorted), O(n log n) otherwise; O(n log n) with
    ///   entry times.
    public init(
        times: [Double], events: [Bool], entryTimes: [Double]? = nil,
        confidenceLevel: Double = 0.95, band: Band = .logLog
    ) throws(SurvivalError) {
        precondition(confidenceLevel > 0 && confidenceLevel < 1,
                     "confidenceLevel must lie strictly between 0 and 1")
        try Self.validate(times: times, events: events, entryTimes: entryTimes)
        self.init(exits: ExitTable(times: times, events: events), count: times.count,
                  entryTimes: entryTimes, confidenceLevel: confidenceLevel, band: band)
    }

    /// The distinct exit times in increasing order, with the events and the censored
    /// observations at each.
    struct ExitTable: Equatable {
        var times: [Double] = []
        var events: [Int] = []
        var censored: [Int] = []

        /// Counts `times` by value when they are whole numbers in a compact range
        /// (``SurvivalTimeOrder/integerRange(_:rows:)``), else sorts the event and the
        /// censored times; `allowCounting: false` forces the sort (for tests). Both give the
        /// same table.
        init(times: [Double], events flags: [Bool], allowCounting: Bool = true) {
            let range = allowCounting
                ? times.withUnsafeBufferPointer { SurvivalTimeOrder.integerRange($0, rows: nil) }
                : nil
            if let range {
                let size = range.highest - range.lowest + 1
                var counts = [Int](repeating: 0, count: 2 * size)
                for i in times.indices {
                    counts[2 * (Int(times[i]) - range.lowest) + (flags[i] ? 0 : 1)] += 1
                }
                for k in 0..<size where counts[2 * k] + counts[2 * k + 1] > 0 {
                    self.times.append(Double(range.lowest + k))
                    events.append(counts[2 * k])
                    censored.append(counts[2 * k + 1])
                }
                return
            }
            var eventTimes: [Double] = []
            var censoredTimes: [Double] = []
            eventTimes.reserveCapacity(times.count)
            for i in times.indices {
                if flags[i] { eventTimes.append(times[i]) } else { censoredTimes.append(times[i]) }
            }
            eventTimes.sort()
            censoredTimes.sort()
            var e = 0
            var c = 0
            while e < eventTimes.count || c < censoredTimes.count {
                // The next distinct time; an event time's own value when it has events.
                let eventFirst = e < eventTimes.count
                    && (c == censoredTimes.count || eventTimes[e] <= censoredTimes[c])
                let t = eventFirst ? eventTimes[e] : censoredTimes[c]
                var d = 0
                while e < eventTimes.count && eventTimes[e] == t {
                    d += 1
                    e += 1
                }
                var m = 0
                while c < censoredTimes.count && censoredTimes[c] == t {
                    m += 1
                    c += 1
                }
                self.times.append(t)
                events.append(d)
                censored.append(m)
            }
        }
    }

    /// The estimate from the table of `n` (validated) observations' exit times.
    init(
        exits: ExitTable, count n: Int, entryTimes: [Double]?, confidenceLevel: Double,
        band: Band
    ) {
        let sortedEntries = (entryTimes ?? []).sorted()
        let z = SurvivalDistributions.normalQuantile(0.5 + confidenceLevel / 2)
        var rows: [Row] = []
        var s = 1.0  // S(t), the high part of a double-double
        var sLow = 0.0  // its low part
        var greenwoodSum = 0.0  // Σ d/(n(n−d)); +∞ once S reaches 0
        let m = exits.times.count
        var j = 0
        var exitsBefore = 0  // observations leaving before the current time
        var censoredBeforeFirst = 0
        var eventCount = 0
        while j < m && exits.events[j] == 0 {
            censoredBeforeFirst += exits.censored[j]
            exitsBefore += exits.censored[j]
            j += 1
        }
        while j < m {
            let t = exits.times[j]
            let d = exits.events[j]
            let notYetEntered = sortedEntries.count - Self.lowerBound(sortedEntries, t)
            let atRisk = n - exitsBefore - notYetEntered
            // Censored from t up to the next event time.
            var censored = exits.censored[j]
            exitsBefore += d + exits.censored[j]
            eventCount += d
            j += 1
            while j < m && exits.events[j] == 0 {
                censored += exits.censored[j]
                exitsBefore += exits.censored[j]
                j += 1
            }
            Self.advance(survival: &s, low: &sLow, greenwoodSum: &greenwoodSum, atRisk: atRisk, events: d)
            let variance = s > 0 ? s * s * greenwoodSum : 0
            let (lo, hi) = Self.bandLimits(
                survival: s, greenwoodSum: greenwoodSum, z: z, band: band)
            rows.append(Row(time: t, atRisk: atRisk, events: d, censored: censored,
                            survival: s, variance: variance, lower: lo, upper: hi))
        }
        self.rows = rows
        self.observations = n
        self.events = eventCount
        self.censoredBeforeFirstEvent = censoredBeforeFirst
        self.confidenceLevel = confidenceLevel
        self.band = band
    }

    /// Checks the shapes and values the initializer needs; indices in errors are 0-based
    /// positions in the arrays given.
    static func validate(
        times: [Double], events: [Bool], entryTimes: [Double]?
    ) throws(SurvivalError) {
        let n = times.count
        guard n > 0 else { throw .empty }
        guard events.count == n else {
            throw .lengthMismatch(field: "events", expected: n, actual: events.count)
        }
        for (i, t) in times.enumerated() where !t.isFinite {
            throw .nonFinite(field: "time", index: i, value: t)
        }
        if let entryTimes {
            guard entryTimes.count == n else {
                throw .lengthMismatch(field: "entry", expected: n, actual: entryTimes.count)
            }
            for (i, e) in entryTimes.enumerated() {
                guard e.isFinite else { throw .nonFinite(field: "entry", index: i, value: e) }
                guard e < times[i] else {
                    throw .emptyInterval(index: i, start: e, stop: times[i])
                }
            }
        }
    }

    /// The band limits at one time from `S`, `Σ d/(n(n−d))` and the normal quantile `z`.
    static func bandLimits(
        survival s: Double, greenwoodSum: Double, z: Double, band: Band
    ) -> (Double, Double) {
        if s <= 0 { return (0, 0) }
        switch band {
        case .plain:
            let half = z * s * greenwoodSum.squareRoot()
            return (max(0, s - half), min(1, s + half))
        case .logLog:
            if s >= 1 { return (1, 1) }
            let logS = log(s)
            let theta = z * greenwoodSum.squareRoot() / abs(logS)
            return (exp(logS * exp(theta)), exp(logS * exp(-theta)))
        }
    }

    /// Index of the first element of the ascending array `a` that is ≥ `value`.
    /// One event time of the product limit: multiplies the running `S` by `(n − d)/n` and
    /// adds `d / (n (n − d))` to the Greenwood sum (∞ once everyone at risk has failed).
    ///
    /// `S` is kept in double-double arithmetic, `survival + low` (the factor split into its
    /// rounded value and the exact remainder, the products by fused multiply–add), so it is
    /// the correctly rounded product limit rather than the result of many rounded
    /// multiplications (T. J. Dekker (1971), *A floating-point technique for extending the
    /// available precision*, Numer. Math. 18, doi:10.1007/BF01397083).
    @inline(__always)
    static func advance(
        survival s: inout Double, low sLow: inout Double, greenwoodSum: inout Double,
        atRisk: Int, events d: Int
    ) {
        let numerator = Double(atRisk - d)
        let denominator = Double(atRisk)
        let factorHigh = numerator / denominator
        let factorLow = numerator.addingProduct(-factorHigh, denominator) / denominator
        let product = s * factorHigh
        var error = (-product).addingProduct(s, factorHigh)
        error += s * factorLow + sLow * factorHigh
        s = product + error
        sLow = error - (s - product)
        if atRisk > d {
            greenwoodSum += Double(d) / (Double(atRisk) * Double(atRisk - d))
        } else {
            greenwoodSum = .infinity
        }
    }

    static func lowerBound(_ a: [Double], _ value: Double) -> Int {
        var lo = 0
        var hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index of the last row whose time is ≤ `t`, or nil before the first event time.
    private func rowIndex(atOrBefore t: Double) -> Int? {
        var lo = 0
        var hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].time <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// The estimate `S(t)`: a right-continuous step function, 1 before the first event time
    /// and constant between event times. NaN for NaN `t`.
    ///
    /// - Complexity: O(log m) for m event times.
    public func survival(at t: Double) -> Double {
        if t.isNaN { return .nan }
        guard let j = rowIndex(atOrBefore: t) else { return 1 }
        return rows[j].survival
    }

    /// The pointwise confidence band at `t`: [1, 1] before the first event time, else the
    /// band of the last event time ≤ `t`.
    ///
    /// - Complexity: O(log m) for m event times.
    public func confidenceInterval(at t: Double) -> (lower: Double, upper: Double) {
        guard let j = rowIndex(atOrBefore: t) else { return (1, 1) }
        return (rows[j].lower, rows[j].upper)
    }

    /// The first event time at which `value(row) ≤ level`, allowing a relative 1e-12 for
    /// rounding in the running product; nil if the curve never gets there.
    private func firstTime(where value: (Row) -> Double, fallsTo level: Double) -> Double? {
        let bar = level * (1 + 1e-12)
        return rows.first(where: { value($0) <= bar })?.time
    }

    /// The median survival time: the first event time at which `S(t) ≤ 0.5`, nil when the
    /// curve stays above one half (as lifelines `median_survival_time_`).
    public var median: Double? { quantileTime(survival: 0.5) }

    /// The first event time at which `S(t)` falls to `survival` or below (so the
    /// (1 − survival) quantile of the time distribution), nil if it never does.
    ///
    /// - Precondition: `0 ≤ survival ≤ 1`.
    public func quantileTime(survival level: Double) -> Double? {
        precondition(level >= 0 && level <= 1, "survival level must lie in [0, 1]")
        return firstTime(where: { $0.survival }, fallsTo: level)
    }

    /// Confidence interval of the median by inverting the pointwise band (Brookmeyer and
    /// Crowley 1982, as lifelines `median_survival_times(confidence_interval_)`): the lower
    /// end is the first time the band's lower limit falls to 0.5, the upper end the first
    /// time its upper limit does; each end is nil when that never happens within the data.
    public var medianConfidenceInterval: (lower: Double?, upper: Double?) {
        (firstTime(where: { $0.lower }, fallsTo: 0.5),
         firstTime(where: { $0.upper }, fallsTo: 0.5))
    }

    /// Kaplan–Meier estimates for each group, in increasing group order.
    ///
    /// - Parameters:
    ///   - groups: the group of each observation (any comparable key, such as a name).
    ///   - The other parameters are as in ``init(times:events:entryTimes:confidenceLevel:band:)``.
    /// - Throws: as the initializer, plus ``SurvivalError/lengthMismatch(field:expected:actual:)``
    ///   for `groups`.
    /// - Complexity: O(n log n).
    public static func grouped<Key: Hashable & Comparable & Sendable>(
        times: [Double], events: [Bool], groups: [Key], entryTimes: [Double]? = nil,
        confidenceLevel: Double = 0.95, band: Band = .logLog
    ) throws(SurvivalError) -> [KaplanMeierGroup<Key>] {
        let n = times.count
        guard n > 0 else { throw .empty }
        guard groups.count == n else {
            throw .lengthMismatch(field: "groups", expected: n, actual: groups.count)
        }
        try validate(times: times, events: events, entryTimes: entryTimes)
        var members: [Key: [Int]] = [:]
        for (i, g) in groups.enumerated() { members[g, default: []].append(i) }
        var result: [KaplanMeierGroup<Key>] = []
        for key in members.keys.sorted() {
            let idx = members[key] ?? []
            let estimate = try KaplanMeier(
                times: idx.map { times[$0] }, events: idx.map { events[$0] },
                entryTimes: entryTimes.map { e in idx.map { e[$0] } },
                confidenceLevel: confidenceLevel, band: band)
            result.append(KaplanMeierGroup(key: key, estimate: estimate))
        }
        return result
    }
}

/// One group's Kaplan–Meier estimate, from ``KaplanMeier/grouped(times:events:groups:entryTimes:confidenceLevel:band:)``.
public struct KaplanMeierGroup<Key: Hashable & Comparable & Sendable>: Sendable {
    /// The group.
    public let key: Key
    /// The estimate on that group's observations only.
    public let estimate: KaplanMeier
}
