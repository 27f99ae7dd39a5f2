import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The weeks the institutional and legal items are gained on one path (reused from path to
/// path, so the paths allocate nothing).
struct InstitutionalTimes {
    /// Gain week of each item of ``Panel/Bit/adminItems`` (`Int.max` = not within the horizon).
    var items = [Int](repeating: 0, count: Panel.Bit.adminItems.count)
    /// Kelembagaan gain weeks (three items and members), ascending.
    var kelembagaan: [Int] = []
    /// Legalitas gain weeks (NIB, NPWP, bank account), ascending.
    var legalitas: [Int] = []

    init() {
        kelembagaan.reserveCapacity(4)
        legalitas.reserveCapacity(3)
    }
}

/// The institutional and legal stage: the week each kelembagaan and legalitas item is
/// gained and the members reach the rule set's minimum.
///
/// An item waits a geometric number of weeks at the regency's weekly rate
/// (``StageModels/itemOn``), raised to the cooperative's administrative frailty drawn per
/// path from its gamma posterior (`p' = 1 − (1 − p)^z`); an item with a prerequisite not
/// held (``StageModels/itemPrerequisite``) starts its clock when the prerequisite is
/// gained, at ``StageModels/itemOnGivenPrerequisite``. Members rise at the cooperative's
/// weekly rate by the pooled sizes of rises. Items are kept once gained. Coaching closes
/// every gap from its week.
struct InstitutionalSampler {
    /// Gamma frailty prior shape a (≥ 10⁵: no frailty), posterior shape and rate.
    let priorShape: Double
    let shape: Double
    let rate: Double
    /// ln(1 − p) of the six items' weekly gain rates p in the regency, alone and after the
    /// prerequisite (``Xoshiro/logFailure(_:)``): with frailty z the weekly gain
    /// probability 1 − (1 − p)^z has ln(1 − q) = z · ln(1 − p), one logarithm a draw.
    let itemLogFailure: [Double]
    let itemLogFailureAfterPrerequisite: [Double]
    let prerequisite: [Int]
    /// ln(1 − the weekly probability of a rise in members) (``Xoshiro/logFailure(_:)``), and
    /// the sizes of rises.
    let memberRiseLog: Double
    let memberJumps: [Int32]
    let minMembers: Int32
    /// Kelembagaan items the green rule needs (0…4; 5 = unreachable).
    let kelembagaanNeeded: Int
    /// The coaching intervention's week (`Int.max` = none).
    let coachingFrom: Int
    /// The last week simulated.
    let limit: Int

    /// The sampler of cooperative `i` in regency `g`.
    init(stages st: StageModels, cooperative i: Int, regency g: Int, minMembers: Int32, kelembagaanNeeded: Int,
         coachingFrom: Int, limit: Int) {
        priorShape = st.adminFrailtyShape
        shape = st.adminFrailtyShape + st.adminObserved[i]
        rate = st.adminFrailtyShape + st.adminExpected[i]
        itemLogFailure = st.itemOn[g].map(Xoshiro.logFailure)
        itemLogFailureAfterPrerequisite = st.itemOnGivenPrerequisite[g].map(Xoshiro.logFailure)
        prerequisite = st.itemPrerequisite
        memberRiseLog = Xoshiro.logFailure(st.memberRise[i])
        memberJumps = st.memberJumps
        self.minMembers = minMembers
        self.kelembagaanNeeded = kelembagaanNeeded
        self.coachingFrom = coachingFrom
        self.limit = limit
    }

    /// The week the kelembagaan items the rule needs are held on path `p` (`Int.max` = not
    /// within the horizon); the legalitas gain weeks are left, ascending, in
    /// `times.legalitas`.
    func sample(start: CooperativeStart, key: UInt64, path p: Int, times: inout InstitutionalTimes) -> Int {
        var rng = PathStream.institutional.generator(key: key, path: p)
        let lastReport = start.lastReport
        let z = priorShape >= 1e5 ? 1 : rng.gamma(shape: shape) / rate
        itemTimes(start: start, frailty: z, rng: &rng, times: &times.items)
        times.kelembagaan.removeAll(keepingCapacity: true)
        times.legalitas.removeAll(keepingCapacity: true)
        for k in 0..<times.items.count {
            // Coaching closes every gap from its week.
            let when = min(times.items[k], coachingFrom)
            if k < ItemsHeld.institutionalItems { times.kelembagaan.append(when) } else { times.legalitas.append(when) }
        }
        times.kelembagaan.append(membersReached(start: start, rng: &rng))
        times.kelembagaan.sort()
        times.legalitas.sort()
        if kelembagaanNeeded == 0 { return lastReport }
        return kelembagaanNeeded <= times.kelembagaan.count ? times.kelembagaan[kelembagaanNeeded - 1] : Int.max
    }

    /// The gain week of each item (the last report's week for one held): items without a
    /// pending prerequisite first, then those waiting for one (their clock starts when the
    /// prerequisite is gained, e.g. a bank account after the tax number).
    func itemTimes(start: CooperativeStart, frailty z: Double, rng: inout Xoshiro, times: inout [Int]) {
        let lastReport = start.lastReport
        for pass in 0..<2 {
            for (k, bit) in Panel.Bit.adminItems.enumerated() {
                let pre = prerequisite[k]
                let waits = pre >= 0 && !start.flagged(Panel.Bit.adminItems[pre])
                guard waits == (pass == 1) else { continue }
                times[k] = lastReport
                guard !start.flagged(bit) else { continue }
                let from = waits ? times[pre] : lastReport
                let logFailure = waits ? itemLogFailureAfterPrerequisite[k] : itemLogFailure[k]
                times[k] = Int.max
                guard from != Int.max else { continue }
                // ln(1 − q) = z · ln(1 − p); a zero frailty never gains the item.
                let wait = rng.waitingWeeks(logFailure: z > 0 ? z * logFailure : 0)
                if wait != Int.max { times[k] = from + 1 + wait }
            }
        }
    }

    /// The week members reach the minimum (`Int.max` = not within the horizon).
    func membersReached(start: CooperativeStart, rng: inout Xoshiro) -> Int {
        guard start.members < minMembers else { return start.lastReport }
        var m = start.members
        var t = start.lastReport
        while m < minMembers {
            let wait = rng.waitingWeeks(logFailure: memberRiseLog)
            if wait == Int.max || t + wait + 1 > limit { t = Int.max; break }
            t += wait + 1
            m += memberJumps[rng.index(memberJumps.count)]
        }
        return min(t, coachingFrom)
    }
}
