import KendaliData

/// The phase of a cooperative's path in which a week of delay falls.
public enum DelayPhase: String, Sendable, CaseIterable, Codable {
    /// Before construction starts: waiting for land, then for the portal and the start.
    case beforeConstruction = "before_construction"
    /// Under construction: weeks of work lost to the reported delay factors.
    case duringConstruction = "during_construction"
}

/// One line of the delay accounting: a factor in a phase.
public enum DelayItem: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Before construction, land not ready (`status_lahan` other than `siap`).
    case land
    /// Before construction, land ready: waiting for the portal and the start of building.
    case start
    /// During construction, a land problem on site (`kendala_lahan`).
    case landOnSite
    /// During construction, weather (`kendala_cuaca`).
    case weather
    /// During construction, labour shortage (`kendala_tenaga_kerja`).
    case labour
    /// During construction, technical problems (`kendala_teknis`).
    case technical

    /// The phase the item belongs to.
    public var phase: DelayPhase {
        switch self {
        case .land, .start: .beforeConstruction
        case .landOnSite, .weather, .labour, .technical: .duringConstruction
        }
    }

    /// The construction delay factor of an item of the construction phase.
    public var factor: DelayFactor? {
        switch self {
        case .land, .start: nil
        case .landOnSite: .land
        case .weather: .weather
        case .labour: .labour
        case .technical: .technical
        }
    }

    /// The item's name in outputs: `land`, `start`, `land_on_site`, `weather`, `labour`,
    /// `technical`.
    public var description: String {
        switch self {
        case .land: "land"
        case .start: "start"
        case .landOnSite: "land_on_site"
        case .weather: "weather"
        case .labour: "labour"
        case .technical: "technical"
        }
    }

    /// The item of construction factor `factor`.
    public init(_ factor: DelayFactor) {
        switch factor {
        case .land: self = .landOnSite
        case .weather: self = .weather
        case .labour: self = .labour
        case .technical: self = .technical
        }
    }
}

/// Weeks of delay observed so far, per factor and phase, per cooperative: the one
/// accounting of delay that the report's chart, its causes table, the cooperative list's
/// main delay and `kendali factors` all read.
///
/// - Before construction, each grid week from a cooperative's first report to the as-of
///   week (or to its first report under construction) counts one week: to ``DelayItem/land``
///   while its last report so far has land not ready, to ``DelayItem/start`` once the land
///   is ready. These are the same states the forecast's land-and-portal stage waits in.
/// - During construction, each construction week with factor k flagged counts δ_k weeks
///   (the share of a week's work the fitted model says the flag costs,
///   ``FactorEffect/shareLost``): so the unit's total is flagged weeks × δ_k, with the 95 %
///   interval flagged weeks × (δ_k ± 1.96 se(δ_k)). A week disputed on site (``SiteDisputes``,
///   outside the factor model) counts to ``DelayItem/landOnSite`` the share of its work
///   lost, 1 − the disputes' work share.
///
/// Counts are observations, not forecasts: the future delays a forecast expects are in
/// ``CooperativeForecast/expectedDelay``.
public struct DelayAccounting: Sendable {
    /// One item's total over a set of cooperatives.
    public struct Total: Sendable {
        /// The item.
        public var item: DelayItem
        /// Weeks of delay (summed over the cooperatives).
        public var weeks: Double
        /// 95 % interval of ``weeks`` (equal to it before construction, where weeks are
        /// counted, not estimated).
        public var lower: Double
        /// See ``lower``.
        public var upper: Double
        /// Weeks counted: weeks waited before construction, flagged weeks during it.
        public var countedWeeks: Int
        /// Cooperatives with any delay of this item.
        public var cooperatives: Int
        /// Cooperatives for which this item is the largest delay (their main delay).
        public var mainDelayOf: Int
        /// Whether the factor's effect was estimated (always true before construction).
        public var estimated: Bool
    }

    /// The panel's cooperatives, in panel order.
    public let codes: [CooperativeCode]
    /// Weeks of delay per cooperative and item: `weeks[i * items + item.rawValue]`.
    public let weeks: [Double]
    /// Weeks counted per cooperative and item (waited weeks, or flagged weeks), same layout.
    public let counted: [Int32]
    /// δ and its standard error per construction factor (``DelayFactor`` order).
    public let shares: [(share: Double, standardError: Double, estimated: Bool)]
    /// Weeks per cooperative disputed on site (``SiteDisputes``), counted to
    /// ``DelayItem/landOnSite`` at the work they lost, 1 − the disputes' work share.
    public let disputed: [Int32]
    /// The work a disputed week loses, and its standard error.
    public let disputeLoss: (share: Double, standardError: Double)

    static let items = DelayItem.allCases.count

    /// The accounting of `panel` up to week `upTo`, with the construction factors' δ from
    /// `fit`.
    ///
    /// - Complexity: O(cooperatives × weeks) plus the construction sample's rows.
    public init(panel: Panel, upTo: Int, fit: DelayFactorFit, sample: ConstructionSample? = nil) {
        let n = panel.cooperativeCount
        let w = panel.weekCount
        let last = min(upTo, w - 1)
        let m = Self.items
        var weeks = [Double](repeating: 0, count: n * m)
        var counted = [Int32](repeating: 0, count: n * m)
        shares = DelayFactor.allCases.map { f in
            let e = fit.factorSummary.first { $0.factor == f }
            return (e?.shareLost ?? 0, e?.shareLostStandardError ?? 0, e?.estimated ?? false)
        }
        if last >= 0 {
            for i in 0..<n {
                let first = Int(panel.firstWeek[i])
                guard first >= 0, first <= last else { continue }
                var ready = false
                for t in first...last {
                    let c = panel.cell(i, t)
                    if panel.present[c] == 1 {
                        if panel.stage(atCell: c) != .notStarted { break }
                        ready = panel.preConstructionState(cell: c).landIsReady
                    }
                    let item = ready ? DelayItem.start : DelayItem.land
                    weeks[i * m + item.rawValue] += 1
                    counted[i * m + item.rawValue] += 1
                }
            }
        }
        // Weeks disputed on site: left out of the factor model, each losing 1 − the
        // disputes' work share of a week.
        let disputes = SiteDisputes(panel: panel, upTo: last, fit: fit)
        disputeLoss = (1 - disputes.workShare, disputes.workShareStandardError)
        disputed = disputes.weeksDisputed
        for i in 0..<n where disputed[i] > 0 {
            for _ in 0..<disputed[i] { weeks[i * m + DelayItem.landOnSite.rawValue] += disputeLoss.share }
            counted[i * m + DelayItem.landOnSite.rawValue] += disputed[i]
        }
        let rows = sample ?? ConstructionSample(panel: panel, upTo: last)
        for r in 0..<rows.count where Int(rows.week[r]) <= last {
            let i = Int(rows.cooperative[r])
            let f = rows.flags[r]
            for factor in DelayFactor.allCases where f & UInt8(1 << factor.rawValue) != 0 {
                let item = DelayItem(factor)
                weeks[i * m + item.rawValue] += shares[factor.rawValue].share
                counted[i * m + item.rawValue] += 1
            }
        }
        self.codes = panel.codes
        self.weeks = weeks
        self.counted = counted
    }

    /// Weeks of delay of cooperative `i` (panel index) for `item`.
    public func weeks(of i: Int, _ item: DelayItem) -> Double { weeks[i * Self.items + item.rawValue] }

    /// The largest delay of cooperative `i`, `nil` when it has none (ties go to the first
    /// item in ``DelayItem`` order).
    public func mainDelay(of i: Int) -> DelayItem? {
        var best: DelayItem?
        var most = 0.0
        for item in DelayItem.allCases {
            let x = weeks(of: i, item)
            if x > most + 1e-12 {
                most = x
                best = item
            }
        }
        return best
    }

    /// The totals of the cooperatives `include` accepts (panel indices), one per item in
    /// ``DelayItem`` order.
    public func totals(include: (Int) -> Bool = { _ in true }) -> [Total] {
        let m = Self.items
        var sums = [Double](repeating: 0, count: m)
        var count = [Int](repeating: 0, count: m)
        var affected = [Int](repeating: 0, count: m)
        var mains = [Int](repeating: 0, count: m)
        var disputedWeeks = 0
        for i in codes.indices where include(i) {
            disputedWeeks += Int(disputed[i])
            for k in 0..<m {
                let x = weeks[i * m + k]
                sums[k] += x
                count[k] += Int(counted[i * m + k])
                if counted[i * m + k] > 0 { affected[k] += 1 }
            }
            if let main = mainDelay(of: i) { mains[main.rawValue] += 1 }
        }
        return DelayItem.allCases.map { item in
            let k = item.rawValue
            var lower = sums[k], upper = sums[k], estimated = true
            if let factor = item.factor {
                // Flagged weeks × δ, as the model states it (the per-cooperative sums add
                // the same δ once per flagged week).
                // Land on site adds the weeks disputed at their own loss (the two
                // estimates' errors combined as independent).
                let s = shares[factor.rawValue]
                let d = item == .landOnSite ? Double(disputedWeeks) : 0
                sums[k] = Double(count[k]) - d > 0 ? (Double(count[k]) - d) * s.share : 0
                var se = (Double(count[k]) - d) * s.standardError
                if d > 0 {
                    sums[k] += d * disputeLoss.share
                    se = (se * se + d * d * disputeLoss.standardError * disputeLoss.standardError).squareRoot()
                }
                let interval = FactorEffect.interval(sums[k], se)
                (lower, upper, estimated) = (interval.lower, interval.upper, s.estimated)
            }
            return Total(item: item, weeks: sums[k], lower: lower, upper: upper, countedWeeks: count[k],
                         cooperatives: affected[k], mainDelayOf: mains[k], estimated: estimated)
        }
    }
}
