/// The zone of a cooperative in a week (spec, "Zones").
public enum Zone: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// Green: ready to run.
    case hijau
    /// Yellow: needs coaching.
    case kuning
    /// Red: needs serious intervention.
    case merah

    /// The English name: `green`, `yellow`, `red`.
    public var englishName: String {
        switch self {
        case .hijau: "green"
        case .kuning: "yellow"
        case .merah: "red"
        }
    }

    /// The Indonesian name, as the raw value: `hijau`, `kuning`, `merah`.
    public var indonesianName: String { rawValue }

    /// Severity order: hijau < kuning < merah.
    public var rank: Int {
        switch self {
        case .hijau: 0
        case .kuning: 1
        case .merah: 2
        }
    }

    /// Orders by severity: hijau < kuning < merah.
    public static func < (a: Zone, b: Zone) -> Bool { a.rank < b.rank }
}

/// The four indicator-group scores of one report, each 0–100.
public struct GroupScores: Hashable, Sendable, Codable {
    /// Institutional: legal entity, boards, members' meeting, enough members.
    public var kelembagaan: Double
    /// Legality and compliance: NIB, NPWP, bank account, on-time report.
    public var legalitas: Double
    /// Infrastructure and construction: land and physical progress.
    public var infrastruktur: Double
    /// Operations and business health: business units operating.
    public var operasional: Double

    /// Scores as given.
    public init(kelembagaan: Double, legalitas: Double, infrastruktur: Double,
                operasional: Double) {
        self.kelembagaan = kelembagaan
        self.legalitas = legalitas
        self.infrastruktur = infrastruktur
        self.operasional = operasional
    }
}

/// Why a report is red (the first red rule that applies, in the spec's order).
public enum RedReason: String, Sendable, Codable, Hashable {
    /// `status_lahan` is one of the rule set's red statuses (`sengketa`).
    case landDisputed = "land_disputed"
    /// `status_lahan` is `tidak_ada` while `tahap` is `portal` or later.
    case noLand = "no_land"
    /// Under construction and progress rose less than the minimum over the window.
    case stalledConstruction = "stalled_construction"
}

/// A change of zone between two consecutive reports of one cooperative.
public struct ZoneTransition: Hashable, Sendable, Codable {
    /// Report date of the report with the new zone.
    public var date: Day
    /// Zone of the previous report; `nil` for the first report.
    public var from: Zone?
    /// Zone of this report.
    public var to: Zone

    /// A transition on `date`.
    public init(date: Day, from: Zone?, to: Zone) {
        self.date = date
        self.from = from
        self.to = to
    }
}

/// Classifies reports into zones under a rule set.
///
/// Scores (rule set 1 defaults in brackets):
///
/// ```
/// kelembagaan   = 25 × (badan_hukum + pengurus_lengkap + rapat_anggota + [jumlah_anggota ≥ 20])
/// legalitas     = 25 × (nib + npwp + rekening_bank + laporan_tepat_waktu)
/// infrastruktur = land(status_lahan) + 0.7 × progres_fisik   (progres_fisik nil → 0),
///                 capped at 100; = 100 when tahap ≥ selesai
/// operasional   = min(100, 100 × unit_usaha_aktif / 3)
/// ```
///
/// Zone of report i of a cooperative (`history[i]`):
///
/// - hijau when infrastruktur ≥ 100, kelembagaan ≥ 75, legalitas ≥ 75, units ≥ 1;
/// - otherwise merah when `status_lahan` = sengketa; or `tidak_ada` with tahap ≥ portal; or
///   the report is *stalled*;
/// - otherwise kuning;
/// - with a rule set whose `health` block names a `fallingZone` (rule set 2): an operating
///   report that is falling (``HealthCheck``) is at best that zone (kuning).
///
/// **Stalled** — the spec's "tahap is pembangunan and progres_fisik rose by less than 1
/// point over the last four reports" — is defined here as: with W = `stallWindowReports`
/// (4), the reports `history[i-W] … history[i]` are all in `stallTahap` (pembangunan) and
/// `progres(history[i]) − progres(history[i-W]) < stallMinimumRise` (1), empty progress
/// counting as 0. So "the last four reports" are the four report-to-report steps ending
/// at the current report (five reports: the current one and the four before it).
/// Choices:
/// - with fewer than W earlier reports the rule does not apply (no cooperative is called
///   stalled before four reports show it);
/// - the whole window must be under construction, so a cooperative that has just started
///   building is not red in its first weeks for the progress it made before starting;
/// - reports, not calendar weeks, are counted: a missed week does not widen the window.
public struct ZoneClassifier: Sendable {
    /// The rule set applied.
    public var rules: RuleSet

    /// A classifier for `rules` (the spec's rule set 1 by default).
    public init(rules: RuleSet = .default) {
        self.rules = rules
    }

    /// The four group scores of one report.
    public func scores(_ r: SnapshotRecord) -> GroupScores { scores(r.zoneInputs) }

    /// The four group scores of one report's zone inputs.
    public func scores(_ r: ZoneInputs) -> GroupScores {
        GroupScores(kelembagaan: kelembagaan(r), legalitas: legalitas(r),
                    infrastruktur: infrastruktur(r), operasional: operasional(r))
    }

    /// The kelembagaan score: points per item × (items held + 1 with enough members).
    public func kelembagaan(_ r: ZoneInputs) -> Double {
        rules.kelembagaanPointsPerItem
            * Double(r.kelembagaanItems + (r.jumlahAnggota >= rules.minimumMembers ? 1 : 0))
    }

    /// The legalitas score: points per item × items held.
    public func legalitas(_ r: ZoneInputs) -> Double {
        rules.legalitasPointsPerItem * Double(r.legalitasItems)
    }

    /// The infrastruktur score of one report.
    public func infrastruktur(_ r: SnapshotRecord) -> Double { infrastruktur(r.zoneInputs) }

    /// The infrastruktur score of one report's zone inputs.
    public func infrastruktur(_ r: ZoneInputs) -> Double {
        if r.tahap >= rules.infrastructureCompleteFrom { return 100 }
        let v = rules.landPoints[r.statusLahan] + rules.progressWeight * (r.progresFisik ?? 0)
        return min(100, v)
    }

    /// The operasional score of one report.
    public func operasional(_ r: SnapshotRecord) -> Double { operasional(r.zoneInputs) }

    /// The operasional score of one report's zone inputs.
    public func operasional(_ r: ZoneInputs) -> Double {
        min(100, 100 * Double(r.unitUsahaAktif) / rules.operationalUnitsDivisor)
    }

    /// True when one report meets every green threshold.
    public func isGreen(_ r: SnapshotRecord) -> Bool { isGreen(r.zoneInputs) }

    /// True when one report's zone inputs meet every green threshold: the green rule.
    /// (The cheapest comparisons come first; the answer does not depend on the order.)
    public func isGreen(_ r: ZoneInputs) -> Bool {
        r.unitUsahaAktif >= rules.greenMinimumUnits
            && kelembagaan(r) >= rules.greenMinimumKelembagaan
            && legalitas(r) >= rules.greenMinimumLegalitas
            && infrastruktur(r) >= rules.greenMinimumInfrastruktur
    }

    /// The red rule that applies to a report (checked only when not green), the first in
    /// the spec's order — disputed land, no land from `redNoLandFrom` on, stalled
    /// construction — or `nil`. `stalled` tells whether the report is stalled; it is asked
    /// only when neither land rule applies.
    public func redReason(_ r: ZoneInputs, stalled: () -> Bool) -> RedReason? {
        if rules.redLandStatuses.contains(r.statusLahan) { return .landDisputed }
        if r.statusLahan == .tidakAda, r.tahap >= rules.redNoLandFrom { return .noLand }
        return stalled() ? .stalledConstruction : nil
    }

    /// The zone of a report and, when it is red, the rule that makes it red: green by
    /// `isGreen(_:)`, else red by ``redReason(_:stalled:)``, else yellow.
    /// `stalled` is asked only when the other rules leave the zone open. Every way of
    /// classifying a report goes through here.
    public func classify(_ r: ZoneInputs, stalled: () -> Bool) -> (zone: Zone, redReason: RedReason?) {
        if isGreen(r) { return (.hijau, nil) }
        let reason = redReason(r, stalled: stalled)
        return (reason == nil ? .kuning : .merah, reason)
    }

    /// ``classify(_:stalled:)`` followed by the health rule of a rule set that has one
    /// (``RuleSet/zoneHealth``): an operating report (`tahap` = beroperasi) that would be
    /// better than `health.fallingZone` (kuning) is that zone when `falling` says it is
    /// falling (``HealthCheck``). `falling` is asked only then.
    public func classify(
        _ r: ZoneInputs, stalled: () -> Bool, falling: () -> Bool
    ) -> (zone: Zone, redReason: RedReason?) {
        let base = classify(r, stalled: stalled)
        guard let zone = rules.zoneHealth?.fallingZone, base.zone < zone, r.tahap == .beroperasi, falling() else {
            return base
        }
        return (zone, nil)
    }

    /// The health check of the rule set's zone health rule, `nil` without one.
    var zoneHealthCheck: HealthCheck? { rules.zoneHealth.map(HealthCheck.init(rules:)) }

    /// The red rule that applies to `history[index]` (checked only when not green), or
    /// `nil`.
    ///
    /// - Precondition: `index` is a valid index of `history`.
    public func redReason(history: [SnapshotRecord], at index: Int) -> RedReason? {
        precondition(history.indices.contains(index), "report index out of range")
        return redReason(history[index].zoneInputs) { isStalled(history: history, at: index) }
    }

    /// True when `history[index]` is stalled (see the type's documentation).
    public func isStalled(history: [SnapshotRecord], at index: Int) -> Bool {
        isStalled(history[index], earlierReports: index) { back in
            (history[index - back].tahap, history[index - back].progresFisik)
        }
    }

    /// True when `record` is stalled, given the number of reports before it and the stage
    /// and progress of the report `back` reports before it (1 = the previous report; only
    /// asked for `back` in 1…`stallWindowReports`, at most `earlierReports`).
    func isStalled(
        _ record: SnapshotRecord, earlierReports: Int,
        earlier: (_ back: Int) -> (tahap: Tahap, progresFisik: Double?)
    ) -> Bool {
        let w = rules.stallWindowReports
        guard earlierReports >= w, record.tahap == rules.stallTahap else { return false }
        var back = 1
        while back <= w {
            if earlier(back).tahap != rules.stallTahap { return false }
            back += 1
        }
        let start = w > 0 ? earlier(w).progresFisik : record.progresFisik
        let rise = (record.progresFisik ?? 0) - (start ?? 0)
        return rise < rules.stallMinimumRise
    }

    /// The zone of `history[index]`, given the cooperative's reports in date order.
    ///
    /// - Precondition: `index` is a valid index of `history`.
    public func zone(history: [SnapshotRecord], at index: Int) -> Zone {
        precondition(history.indices.contains(index), "report index out of range")
        let check = zoneHealthCheck
        return classify(
            history[index].zoneInputs, stalled: { isStalled(history: history, at: index) },
            falling: { check?.isFalling(history: history, at: index) ?? false }
        ).zone
    }

    /// The zone of each report of one cooperative, `history` in date order.
    ///
    /// - Complexity: O(n × W).
    public func zones(history: [SnapshotRecord]) -> [Zone] {
        history.indices.map { zone(history: history, at: $0) }
    }

    /// The first report date on which the cooperative is green, or `nil` if never.
    public func greenDate(history: [SnapshotRecord]) -> Day? {
        history.first(where: isGreen)?.tanggal
    }

    /// The zone changes along a cooperative's history: the first report (from `nil`) and
    /// every report whose zone differs from the report before.
    public func transitions(history: [SnapshotRecord]) -> [ZoneTransition] {
        var out: [ZoneTransition] = []
        var previous: Zone?
        for (i, z) in zones(history: history).enumerated() where z != previous {
            out.append(ZoneTransition(date: history[i].tanggal, from: previous, to: z))
            previous = z
        }
        return out
    }
}
