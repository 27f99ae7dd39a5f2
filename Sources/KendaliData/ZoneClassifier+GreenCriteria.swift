/// One condition of the green rule that a report does not meet: what it is, the report's
/// value and the value the rule needs.
public struct GreenShortfall: Sendable, Hashable {
    /// A condition of the green rule (``ZoneClassifier``).
    public enum Criterion: String, Sendable, CaseIterable, Hashable {
        /// The infrastruktur score (0–100) at its green minimum.
        case infrastruktur
        /// The kelembagaan score (0–100) at its green minimum.
        case kelembagaan
        /// The legalitas score (0–100) at its green minimum.
        case legalitas
        /// Business units operating (`unit_usaha_aktif`) at the green minimum.
        case unitUsahaAktif = "unit_usaha_aktif"
        /// Rule set 2's health rule: an operating cooperative is not falling
        /// (``HealthCheck``); value 0 when falling, needed 1.
        case usahaSehat = "usaha_sehat"
    }

    /// The condition.
    public var criterion: Criterion
    /// The report's value: a score (points, 0–100), a count of units, or 0/1.
    public var value: Double
    /// The value the rule needs (at least).
    public var needed: Double

    /// A shortfall as given.
    public init(criterion: Criterion, value: Double, needed: Double) {
        self.criterion = criterion
        self.value = value
        self.needed = needed
    }
}

extension ZoneClassifier {
    /// The thresholds of the green rule that one report's zone inputs miss, in the order
    /// infrastruktur, kelembagaan, legalitas, units; empty exactly when ``isGreen(_:)-(ZoneInputs)``
    /// holds. Each shortfall carries the report's score and the rule set's minimum.
    public func missingForGreen(_ r: ZoneInputs) -> [GreenShortfall] {
        var out: [GreenShortfall] = []
        let infra = infrastruktur(r)
        if infra < rules.greenMinimumInfrastruktur {
            out.append(GreenShortfall(criterion: .infrastruktur, value: infra, needed: rules.greenMinimumInfrastruktur))
        }
        let k = kelembagaan(r)
        if k < rules.greenMinimumKelembagaan {
            out.append(GreenShortfall(criterion: .kelembagaan, value: k, needed: rules.greenMinimumKelembagaan))
        }
        let l = legalitas(r)
        if l < rules.greenMinimumLegalitas {
            out.append(GreenShortfall(criterion: .legalitas, value: l, needed: rules.greenMinimumLegalitas))
        }
        if r.unitUsahaAktif < rules.greenMinimumUnits {
            out.append(GreenShortfall(
                criterion: .unitUsahaAktif, value: Double(r.unitUsahaAktif), needed: Double(rules.greenMinimumUnits)))
        }
        return out
    }

    /// What keeps `history[index]` from green: the thresholds it misses
    /// (``missingForGreen(_:)``), or, when it meets them all but the rule set's health rule
    /// makes it yellow, ``GreenShortfall/Criterion/usahaSehat``. Empty exactly when
    /// ``zone(history:at:)`` is hijau.
    ///
    /// - Precondition: `index` is a valid index of `history`.
    public func missingForGreen(history: [SnapshotRecord], at index: Int) -> [GreenShortfall] {
        precondition(history.indices.contains(index), "report index out of range")
        let missing = missingForGreen(history[index].zoneInputs)
        guard missing.isEmpty, zone(history: history, at: index) != .hijau else { return missing }
        return [GreenShortfall(criterion: .usahaSehat, value: 0, needed: 1)]
    }

    /// The thresholds one report misses: ``missingForGreen(_:)`` of its zone inputs.
    public func missingForGreen(_ r: SnapshotRecord) -> [GreenShortfall] { missingForGreen(r.zoneInputs) }
}
