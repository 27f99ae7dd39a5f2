import KendaliData

/// What a planner can do for a cooperative (issue "rank intervention priorities").
///
/// Each kind acts on the forecast's path simulation from a chosen week on:
/// - ``land``: the land is made ready (`status_lahan` = `siap`) from that week, and a land
///   problem on a building site (`kendala_lahan`) ends for good;
/// - ``labour``: the current labour shortage (`kendala_tenaga_kerja`) ends that week; later
///   shortages come at the rate the data show;
/// - ``technical``: the current technical stoppage (`kendala_teknis`) ends that week; later
///   ones come at the rate the data show;
/// - ``coaching``: the institutional and legal gaps close that week: every kelembagaan and
///   legalitas item (badan hukum, pengurus, rapat anggota, NIB, NPWP, rekening) is held and
///   membership reaches the rule set's minimum. On-time reporting stays as the cooperative's
///   own record.
public enum InterventionKind: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// Resolve land.
    case land
    /// End a labour shortage.
    case labour
    /// End a technical stoppage.
    case technical
    /// Close the institutional and legal gaps.
    case coaching

    /// Position in ``allCases``.
    public var index: Int {
        switch self {
        case .land: 0
        case .labour: 1
        case .technical: 2
        case .coaching: 3
        }
    }

    /// Orders by ``index``.
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// A set of interventions for one cooperative, each from its own grid week.
public struct Scenario: Sendable, Hashable {
    /// Grid week from which each kind applies, in ``InterventionKind`` order; `Int.max` = not
    /// applied.
    public private(set) var startWeeks: [Int]

    /// No intervention.
    public init() { startWeeks = [Int](repeating: .max, count: InterventionKind.allCases.count) }

    /// `kinds`, all from grid week `week`.
    public init(_ kinds: [InterventionKind], from week: Int) {
        self.init()
        for k in kinds { apply(k, from: week) }
    }

    /// Adds `kind` from grid week `week` (the earlier week when it is already there).
    public mutating func apply(_ kind: InterventionKind, from week: Int) {
        startWeeks[kind.index] = min(startWeeks[kind.index], week)
    }

    /// The week `kind` applies from, `nil` when it is not applied.
    public func start(of kind: InterventionKind) -> Int? {
        let w = startWeeks[kind.index]
        return w == .max ? nil : w
    }

    /// The kinds applied, in ``InterventionKind`` order.
    public var kinds: [InterventionKind] { InterventionKind.allCases.filter { start(of: $0) != nil } }

    /// True when nothing is applied.
    public var isEmpty: Bool { startWeeks.allSatisfy { $0 == .max } }
}
