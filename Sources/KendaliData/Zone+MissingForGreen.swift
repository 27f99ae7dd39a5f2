/// One criterion of the green rule that a report does not meet, with the value it has and
/// the value it needs.
public struct GreenShortfall: Sendable, Hashable {
    /// A criterion of the green rule (``ZoneClassifier/isGreen(_:)``).
    public enum Criterion: String, Sendable, Hashable, CaseIterable {
        /// Active business units (`unit_usaha_aktif`), a count.
        case businessUnits = "unit_usaha_aktif"
        /// The kelembagaan score, points 0–100.
        case kelembagaan
        /// The legalitas score, points 0–100.
        case legalitas
        /// The infrastruktur score, points 0–100.
        case infrastruktur
        /// The rule set's health rule: an operating cooperative whose business is falling
        /// is at best yellow (value 1 = falling, needed 0).
        case health
    }

    /// The criterion missed.
    public var criterion: Criterion
    /// The report's value (a count for business units, points for the scores).
    public var value: Double
    /// The value the green rule needs (at least this much; for ``Criterion/health``, 0).
    public var needed: Double

    /// A shortfall.
    public init(criterion: Criterion, value: Double, needed: Double) {
        self.criterion = criterion
        self.value = value
        self.needed = needed
    }
}

extension ZoneClassifier {
    /// The criteria of the green rule that `r` misses, in the rule's order (business
    /// units, kelembagaan, legalitas, infrastruktur); empty when `r` is green by
    /// ``isGreen(_:)``.
    ///
    /// The same thresholds as ``isGreen(_:)``: a report is green exactly when this is
    /// empty. The health rule of a rule set that has one is not a property of one report;
    /// see ``missingForGreen(_:falling:)``.
    public func missingForGreen(_ r: ZoneInputs) -> [GreenShortfall] {
        var out: [GreenShortfall] = []
        if r.unitUsahaAktif < rules.greenMinimumUnits {
            out.append(.init(criterion: .businessUnits, value: Double(r.unitUsahaAktif),
                             needed: Double(rules.greenMinimumUnits)))
        }
        let k = kelembagaan(r)
        if k < rules.greenMinimumKelembagaan {
            out.append(.init(criterion: .kelembagaan, value: k, needed: rules.greenMinimumKelembagaan))
        }
        let l = legalitas(r)
        if l < rules.greenMinimumLegalitas {
            out.append(.init(criterion: .legalitas, value: l, needed: rules.greenMinimumLegalitas))
        }
        let i = infrastruktur(r)
        if i < rules.greenMinimumInfrastruktur {
            out.append(.init(criterion: .infrastruktur, value: i, needed: rules.greenMinimumInfrastruktur))
        }
        return out
    }

    /// The criteria `r` misses, with the health rule of a rule set that has one: an
    /// operating report that meets every threshold but is `falling` misses
    /// ``GreenShortfall/Criterion/health``.
    public func missingForGreen(_ r: ZoneInputs, falling: Bool) -> [GreenShortfall] {
        var out = missingForGreen(r)
        if out.isEmpty, falling, r.tahap == .beroperasi, let zone = rules.zoneHealth?.fallingZone, zone != .hijau {
            out.append(.init(criterion: .health, value: 1, needed: 0))
        }
        return out
    }

    /// The criteria a report misses: ``missingForGreen(_:)`` of its zone inputs.
    public func missingForGreen(_ r: SnapshotRecord) -> [GreenShortfall] { missingForGreen(r.zoneInputs) }
}
