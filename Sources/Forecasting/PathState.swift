import KendaliData

/// The random streams of one forecast path, one for each stage: an intervention that
/// changes one stage of a path leaves the draws of the others as they were (common random
/// numbers between a forecast and its counterfactual).
enum PathStream: UInt64 {
    /// The land and portal chain before construction.
    case landAndPortal = 1
    /// Construction: the cooperative's speed and the work noise.
    case construction = 2
    /// The first business unit.
    case firstUnit = 3
    /// The institutional and legal items and the members.
    case institutional = 4
    /// The business units after the first.
    case unitGrowth = 5
    /// What happens when the land becomes ready, and everything after it before the start.
    case landReady = 6
    /// The land, labour and technical flags during construction.
    case constructionFlags = 7
    /// The wet weeks during construction.
    case weather = 8
    /// The first progress reported when construction starts.
    case constructionStart = 9
    /// The green week once everything else is in place.
    case reporting = 10
    /// The order of a rationed unit's queue when it is random (``StartQueues``).
    case startQueue = 11
    /// Land disputes on the building site (``SiteDisputes``).
    case siteDispute = 12

    /// The stream of this stage for path `path` of the cooperative keyed `key`.
    @inline(__always)
    func generator(key: UInt64, path: Int) -> Xoshiro {
        Xoshiro(key: key, path: UInt64(path), stage: rawValue)
    }
}

/// A state of the chain before construction, as the rows of ``StageModels/preTransition``
/// number them (``StageModels/preState(tahap:lahan:)``: `Tahap.code` of terdaftar or portal
/// × `StatusLahan.codeCount` + `StatusLahan.code`), or ``StageModels/started``, the absorbing
/// "construction started". The numbering is StageModels'; this type adds what the samplers
/// ask of a state (is the land ready, is construction started, how far along it is).
struct PreConstructionState: Hashable {
    /// The state's number in ``StageModels/preTransition`` (0 ..< ``StageModels/preStates``),
    /// or ``StageModels/started``.
    var index: Int

    /// The state numbered `index`.
    init(_ index: Int) { self.index = index }

    /// The state of stage code `tahap` (`terdaftar` or `portal`) and land code `lahan`.
    init(tahap: Int8, lahan: Int8) { index = StageModels.preState(tahap: tahap, lahan: lahan) }

    /// True for the absorbing "construction started".
    var isStarted: Bool { index == StageModels.started }
    /// The land status (meaningless for ``isStarted``).
    var land: StatusLahan { StageModels.land(ofPreState: index) }
    /// True when the land is `siap` (or construction has started).
    var landIsReady: Bool { isStarted || land == .siap }
    /// The stage code (`Tahap.terdaftar.code` or `Tahap.portal.code`).
    var stageCode: Int8 { StageModels.stageCode(ofPreState: index) }
    /// The same stage with the land ready.
    var withLandReady: PreConstructionState {
        PreConstructionState(tahap: stageCode, lahan: StatusLahan.siap.code)
    }
}

extension PreConstructionState {
    /// How far along the way to the start the state is: the land status's rank (tidak_ada 0,
    /// diusulkan 1, verifikasi 2, siap 3; a dispute counts as no land) × 2 plus the stage
    /// code; ``StageModels/started`` ranks above every state. A move to a higher rank is a
    /// forward move (a rejection or a dispute is none).
    var forwardRank: Int {
        if isStarted { return 100 }
        let landRank = switch land {
        case .tidakAda, .sengketa: 0
        case .diusulkan: 1
        case .verifikasi: 2
        case .siap: 3
        }
        return landRank * 2 + Int(stageCode)
    }
}

/// Weeks of delay of one path by cause, added up as the stages run.
struct PathDelays {
    /// Land not ready, or a land problem on site.
    var land = 0.0
    /// Wet weeks during construction.
    var weather = 0.0
    /// Labour shortage during construction.
    var labour = 0.0
    /// Technical problems during construction.
    var technical = 0.0
    /// Land ready, waiting for the portal and the start.
    var start = 0.0

    /// Adds weeks spent in pre-construction state `state` to the land or the start cause.
    @inline(__always)
    mutating func addWaiting(_ weeks: Double, in state: PreConstructionState) {
        if state.landIsReady { start += weeks } else { land += weeks }
    }
}

extension Panel {
    /// The stage of the report in cell `c`: complete when `tahap` ≥ `selesai`, building when
    /// `tahap` is `pembangunan` or progress is reported, not started otherwise. A summary of
    /// the stage code for the forecast (``CooperativeStage``), not a code of its own.
    func stage(atCell c: Int) -> CooperativeStage {
        let code = tahap[c]
        if code >= Tahap.selesai.code { return .complete }
        return code == Tahap.pembangunan.code || !progress[c].isNaN ? .building : .notStarted
    }

    /// True when the report in cell `c` has `tahap` ≥ `selesai`.
    @inline(__always)
    func isComplete(cell c: Int) -> Bool { tahap[c] >= Tahap.selesai.code }

    /// The pre-construction state of the report in cell `c` (absent codes read as
    /// `terdaftar` and `tidak_ada`).
    func preConstructionState(cell c: Int) -> PreConstructionState {
        PreConstructionState(tahap: max(Tahap.terdaftar.code, tahap[c]), lahan: max(StatusLahan.tidakAda.code, lahan[c]))
    }
}

/// Items of the green rule held by a cooperative.
struct ItemsHeld {
    /// Kelembagaan items held (the three institutional flags and members at the minimum).
    var kelembagaan = 0
    /// Legalitas items held (NIB, NPWP, bank account; the on-time report not counted).
    var legalitas = 0

    /// Counts the items in `flags` (``Panel/Bit``) and whether `members` reach `minMembers`.
    init(flags: UInt16, members: Int32, minMembers: Int32) {
        for (k, bit) in Panel.Bit.adminItems.enumerated() where flags & bit != 0 {
            if k < ItemsHeld.institutionalItems { kelembagaan += 1 } else { legalitas += 1 }
        }
        if members >= minMembers { kelembagaan += 1 }
    }

    /// The first items of ``Panel/Bit/adminItems`` that are kelembagaan (the rest are
    /// legalitas).
    static let institutionalItems = 3
}

/// What one cooperative's paths start from: its last report up to the as-of week.
struct CooperativeStart {
    /// Panel index.
    let index: Int
    /// Regency index.
    let regency: Int
    /// The week of the last report (the as-of week for a reading held until then).
    private(set) var lastReport: Int
    /// Stage at that report.
    let stage: CooperativeStage
    /// Progress reported (points, clamped to 0…100; 0 when none).
    let progress: Double
    /// The week it was first seen complete (the last report when not complete).
    let completionWeek: Int
    /// The pre-construction state.
    let preState: PreConstructionState
    /// ``Panel/Bit`` flags.
    let flags: UInt16
    /// Business units active.
    let units: Int
    /// Members.
    let members: Int32

    /// The start of cooperative `i` at as-of week `asOfWeek`.
    init(panel: Panel, cooperative i: Int, asOfWeek: Int) {
        index = i
        regency = Int(panel.regencyIndex[i])
        let last = panel.lastReport(of: i, upTo: asOfWeek) ?? asOfWeek
        lastReport = last
        let c = panel.cell(i, last)
        stage = panel.stage(atCell: c)
        progress = panel.progress[c].isNaN ? 0 : min(100, max(0, Double(panel.progress[c])))
        // Completion week: the earliest report of the complete run that ends at the last one.
        var completion = last
        if stage == .complete {
            var t = last
            while t > 0, panel.present[panel.cell(i, t - 1)] == 0 || panel.isComplete(cell: panel.cell(i, t - 1)) {
                if panel.present[panel.cell(i, t - 1)] == 1 { completion = t - 1 }
                t -= 1
            }
        }
        completionWeek = completion
        preState = panel.preConstructionState(cell: c)
        flags = panel.flags[c]
        units = Int(panel.units[c])
        members = panel.members[c]
    }

    /// The same state read as reported at week `week` (the fresh reading of a stale
    /// cooperative: its last report taken as its state at the as-of week).
    func held(until week: Int) -> CooperativeStart {
        var s = self
        s.lastReport = max(lastReport, week)
        return s
    }

    /// True when the flag `bit` (``Panel/Bit``) was raised at the last report.
    func flagged(_ bit: UInt16) -> Bool { flags & bit != 0 }
}
