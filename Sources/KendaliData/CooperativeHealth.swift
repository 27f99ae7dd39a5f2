/// The thresholds of the operations and business health checks of an operating cooperative
/// (the fourth indicator group, operasional dan kesehatan usaha).
///
/// A rule set may carry them (`health` in its JSON) to let health change the zone; the
/// health summary and the list of falling cooperatives use ``standard`` when it does not.
public struct HealthRules: Codable, Sendable, Hashable {
    /// W: reports per turnover window. The median `omzet_bulanan` of the last W reports is
    /// compared with the median of the W reports before them. Default 4.
    public var turnoverWindowReports: Int
    /// A cooperative is falling when its recent median turnover is at most this share of
    /// the earlier one. Default 0.7 (a fall of 30 % or more).
    public var turnoverFallRatio: Double
    /// A cooperative is falling when `anggota_aktif / jumlah_anggota` is under this share.
    /// Default 0.2.
    public var minimumActiveMemberShare: Double
    /// A turnover that differs from the cooperative's own median by this factor or more
    /// (either way) is a data slip — rupiah typed as thousands or the reverse, a factor of
    /// about 1,000 — and is left out of every figure. Default 300 (10^2.5, half-way in
    /// orders of magnitude between a plausible swing and the factor 1,000 of a slip).
    public var unitSlipFactor: Double
    /// The zone an operating cooperative that is falling gets at best (`kuning`: a green
    /// cooperative that is falling becomes yellow, a red one stays red); `nil` when health
    /// does not change the zone.
    public var fallingZone: Zone?

    /// Thresholds as given.
    public init(
        turnoverWindowReports: Int, turnoverFallRatio: Double, minimumActiveMemberShare: Double,
        unitSlipFactor: Double, fallingZone: Zone? = nil
    ) {
        self.turnoverWindowReports = turnoverWindowReports
        self.turnoverFallRatio = turnoverFallRatio
        self.minimumActiveMemberShare = minimumActiveMemberShare
        self.unitSlipFactor = unitSlipFactor
        self.fallingZone = fallingZone
    }

    /// The thresholds of the health summary: windows of 4 reports, a fall to 70 % or less,
    /// fewer than 20 % of members active, slips by a factor of 300 or more; the zone is not
    /// changed.
    public static let standard = HealthRules(
        turnoverWindowReports: 4, turnoverFallRatio: 0.7, minimumActiveMemberShare: 0.2,
        unitSlipFactor: 300)

    /// The reports a health check looks at: the report judged and the 2W − 1 before it.
    public var lookbackReports: Int { 2 * turnoverWindowReports }

    /// Checks the ranges.
    ///
    /// - Throws: `RuleSetError` naming the first value out of range.
    public func validate(source: String) throws(RuleSetError) {
        func fail(_ m: String) -> RuleSetError { RuleSetError(path: source, message: m) }
        if turnoverWindowReports < 1 { throw fail("'health.turnoverWindowReports' must be ≥ 1") }
        if !(turnoverFallRatio > 0 && turnoverFallRatio <= 1) {
            throw fail("'health.turnoverFallRatio' must be in (0, 1]")
        }
        if !(minimumActiveMemberShare >= 0 && minimumActiveMemberShare <= 1) {
            throw fail("'health.minimumActiveMemberShare' must be in [0, 1]")
        }
        if !(unitSlipFactor > 1) || !unitSlipFactor.isFinite {
            throw fail("'health.unitSlipFactor' must be a finite number > 1")
        }
    }
}

/// Why an operating cooperative is falling.
public enum FallingReason: String, CaseIterable, Sendable, Codable, Hashable {
    /// Its median turnover over the last W reports is at most the fall ratio of the median
    /// over the W reports before.
    case turnoverFell = "turnover_fell"
    /// Fewer than the minimum share of its members are active.
    case fewActiveMembers = "few_active_members"
    /// It runs fewer business units than W reports earlier.
    case unitsLost = "units_lost"
}

/// The health of one operating cooperative at one report: the figures the checks compare
/// and the reasons it is falling (none when it is not).
public struct HealthAssessment: Sendable, Hashable {
    /// Why it is falling, in ``FallingReason`` order; empty when it is not.
    public var reasons: [FallingReason]
    /// Median `omzet_bulanan` of its last W reports, rupiah (slips left out); `nil` with
    /// fewer than ⌈W/2⌉ figures.
    public var turnoverNow: Double?
    /// Median over the W reports before those; `nil` likewise.
    public var turnoverBefore: Double?
    /// `anggota_aktif / jumlah_anggota` of the report, when both are given and members > 0.
    public var activeMemberShare: Double?
    /// `unit_usaha_aktif` of the report.
    public var unitsNow: Int
    /// `unit_usaha_aktif` W reports earlier, when there is such a report.
    public var unitsBefore: Int?

    /// True when at least one reason applies.
    public var isFalling: Bool { !reasons.isEmpty }
}

/// The health checks of operating cooperatives under ``HealthRules``.
///
/// For report i of a cooperative (its reports in date order, W = `turnoverWindowReports`):
///
/// ```
/// window    = reports i−2W+1 … i (fewer at the start of its history)
/// reference = median of the positive omzet_bulanan in the window (needs ≥ 3 of them)
/// slip      = omzet / reference ≥ F  or  reference / omzet ≥ F        (F = unitSlipFactor)
/// now       = median of the non-slip omzet of reports i−W+1 … i
/// before    = median of the non-slip omzet of reports i−2W+1 … i−W
/// falling   = tahap is beroperasi and
///             ( now ≤ ratio × before                       (both with ≥ ⌈W/2⌉ figures, before > 0)
///             or anggota_aktif / jumlah_anggota < minimum share
///             or unit_usaha_aktif(i) < unit_usaha_aktif(i−W) )
/// ```
///
/// The median is the robust centre (the mean of the two middle values for an even count):
/// one odd month does not make a cooperative falling, and a slip by a factor of ~1,000
/// moves neither the reference nor the windows. Reports, not calendar weeks, are counted,
/// as in the stall rule.
public struct HealthCheck: Sendable {
    /// The thresholds.
    public var rules: HealthRules

    /// A check under `rules`.
    public init(rules: HealthRules = .standard) {
        self.rules = rules
    }

    /// The reference turnover of `history[index]`: the median of the positive
    /// `omzet_bulanan` over the 2W reports ending at it, with at least 3 of them.
    ///
    /// - Complexity: O(W log W).
    public func reference(history: [SnapshotRecord], at index: Int) -> Double? {
        let start = max(0, index - rules.lookbackReports + 1)
        return reference(turnovers: history[start...index].lazy.map(\.omzetBulanan))
    }

    /// The reference turnover of a window of reports given by their `omzet_bulanan`
    /// (the 2W reports ending at the one judged, fewer at the start of a history): the
    /// median of the positive figures, with at least 3 of them.
    ///
    /// - Complexity: O(W log W).
    public func reference<S: Sequence<Int64?>>(turnovers: S) -> Double? {
        var values: [Double] = []
        for v in turnovers {
            if let v, v > 0 { values.append(Double(v)) }
        }
        return values.count >= 3 ? Self.median(values) : nil
    }

    /// True when `value` is a slip against `reference` (off by the slip factor or more).
    public func isSlip(_ value: Int64, reference: Double?) -> Bool {
        guard let reference, reference > 0, value > 0 else { return false }
        let ratio = Double(value) / reference
        return ratio >= rules.unitSlipFactor || ratio <= 1 / rules.unitSlipFactor
    }

    /// The turnover of `history[index]` when it is a figure: given and not a slip against
    /// its own reference.
    public func validTurnover(history: [SnapshotRecord], at index: Int) -> Int64? {
        guard let v = history[index].omzetBulanan else { return nil }
        return isSlip(v, reference: reference(history: history, at: index)) ? nil : v
    }

    /// True when `history[index]` carries a turnover that is a slip.
    public func hasSlip(history: [SnapshotRecord], at index: Int) -> Bool {
        guard let v = history[index].omzetBulanan else { return false }
        return isSlip(v, reference: reference(history: history, at: index))
    }

    /// The assessment of `history[index]`, or `nil` when that report is not operating
    /// (`tahap` ≠ beroperasi).
    ///
    /// - Precondition: `index` is a valid index of `history`.
    /// - Complexity: O(W log W).
    public func assess(history: [SnapshotRecord], at index: Int) -> HealthAssessment? {
        precondition(history.indices.contains(index), "report index out of range")
        return assess(history[index], earlierReports: index) { back in
            (history[index - back].omzetBulanan, history[index - back].unitUsahaAktif)
        }
    }

    /// The assessment of `record`, given the number of reports before it and the turnover
    /// and business units of the report `back` reports before it (1 = the previous report;
    /// only asked for `back` in 1…2W − 1, at most `earlierReports`); `nil` when `record` is
    /// not operating.
    ///
    /// - Complexity: O(W log W).
    public func assess(
        _ record: SnapshotRecord, earlierReports: Int,
        earlier: (_ back: Int) -> (omzet: Int64?, units: Int)
    ) -> HealthAssessment? {
        guard record.tahap == .beroperasi else { return nil }
        let w = rules.turnoverWindowReports
        let reach = min(earlierReports, rules.lookbackReports - 1)
        // omzet[k]: the turnover k reports back (0 = this report).
        var omzet: [Int64?] = [record.omzetBulanan]
        var units: [Int] = [record.unitUsahaAktif]
        if reach > 0 {
            for back in 1...reach {
                let e = earlier(back)
                omzet.append(e.omzet)
                units.append(e.units)
            }
        }
        let positive = omzet.compactMap { $0 }.filter { $0 > 0 }.map(Double.init)
        let ref = positive.count >= 3 ? Self.median(positive) : nil
        func windowMedian(_ backs: ClosedRange<Int>) -> Double? {
            var values: [Double] = []
            for k in backs where k < omzet.count {
                if let v = omzet[k], !isSlip(v, reference: ref) { values.append(Double(v)) }
            }
            return values.count >= (w + 1) / 2 ? Self.median(values) : nil
        }
        let now = windowMedian(0...(w - 1))
        let before = earlierReports >= w ? windowMedian(w...(2 * w - 1)) : nil
        var share: Double?
        if let active = record.anggotaAktif, record.jumlahAnggota > 0 {
            share = Double(active) / Double(record.jumlahAnggota)
        }
        let unitsBefore = earlierReports >= w ? units[w] : nil
        var reasons: [FallingReason] = []
        if let now, let before, before > 0, now <= rules.turnoverFallRatio * before {
            reasons.append(.turnoverFell)
        }
        if let share, share < rules.minimumActiveMemberShare { reasons.append(.fewActiveMembers) }
        if let unitsBefore, record.unitUsahaAktif < unitsBefore { reasons.append(.unitsLost) }
        return HealthAssessment(
            reasons: reasons, turnoverNow: now, turnoverBefore: before, activeMemberShare: share,
            unitsNow: record.unitUsahaAktif, unitsBefore: unitsBefore)
    }

    /// True when `history[index]` is operating and falling.
    public func isFalling(history: [SnapshotRecord], at index: Int) -> Bool {
        assess(history: history, at: index)?.isFalling ?? false
    }

    /// The median of `values` (the mean of the two middle values for an even count);
    /// `values` must not be empty.
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }
}
