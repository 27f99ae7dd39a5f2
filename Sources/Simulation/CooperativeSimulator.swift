#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KendaliData

/// The week-by-week quantities shared by every cooperative of a province: the dates, the
/// programme-calendar multipliers, holidays and each regency's rain intensity.
struct ProvinceTimeline: Sendable {
    /// The simulated weeks' report dates (every 7 days from the first simulated week).
    let dates: [Day]
    /// Land-proposal multiplier by week.
    let proposal: [Double]
    /// Land-verification multiplier by week.
    let verification: [Double]
    /// Portal-registration multiplier by week.
    let portal: [Double]
    /// Construction-start multiplier by week.
    let start: [Double]
    /// Work multiplier of holidays by week (1 in an ordinary week).
    let holiday: [Double]
    /// Labour-shortage onset multiplier by week (harvest months).
    let harvest: [Double]
    /// Month (1–12) of each week's report date.
    let month: [UInt8]
    /// Rain intensity by regency position (in `NTBStructure.regencySuffixes` order) and week.
    let rain: [[Double]]

    /// The holidays of a simulated world, late 2025 to mid 2028, from the civil calendar
    /// (``IndonesianHolidays``), as (first day off, multiplier of the week that holds it,
    /// multiplier of the following week): Christmas and New Year, Idul Fitri (Lebaran, the
    /// longest break: workers go home) and Idul Adha.
    static let holidays: [(Day, Double, Double)] = IndonesianHolidays.all.compactMap { h in
        guard let from = Day(year: 2025, month: 12, day: 1), let to = Day(year: 2028, month: 6, day: 30),
              h.day >= from, h.day <= to else { return nil }
        let (here, next) = workMultipliers(h.kind)
        return (h.day, here, next)
    }

    /// The simulator's work multipliers of a holiday's week and the week after.
    static func workMultipliers(_ kind: IndonesianHolidays.Kind) -> (Double, Double) {
        switch kind {
        case .christmas: (0.7, 0.85)
        case .idulFitri: (0.35, 0.7)
        case .idulAdha: (0.85, 1)
        }
    }

    init(seed: UInt64, provinceCode: Int, parameters: ProvinceParameters, firstDate: Day, weeks: Int) {
        let dates = (0..<weeks).map { firstDate.adding(days: 7 * $0) }
        self.dates = dates
        let c = parameters.calendar
        proposal = dates.map { c.landProposal.value(on: $0) }
        verification = dates.map { c.landVerification.value(on: $0) }
        portal = dates.map { c.portalRegistration.value(on: $0) }
        start = dates.map { c.constructionStart.value(on: $0) }
        month = dates.map { UInt8($0.components.month) }
        harvest = month.map { m in m == 3 || m == 4 || m == 8 ? 1 : 0 }
        holiday = dates.map { d in
            var m = 1.0
            for (day, here, next) in ProvinceTimeline.holidays {
                let offset = day.days(to: d)  // report date minus holiday
                if (0...6).contains(offset) { m *= here } else if (7...13).contains(offset) { m *= next }
            }
            return m
        }
        // Rain: the seasonal index times a regency-wide weekly shock, an AR(1) process in
        // log space (persistence 0.5, sd 0.45), so wet spells last a few weeks and hit a
        // whole regency together.
        var rain: [[Double]] = []
        for suffix in NTBStructure.regencySuffixes {
            let r = parameters.regency(suffix)
            let season = Season(
                onsetLagDays: r.rainOnsetLagDays, retreatLeadDays: r.rainRetreatLeadDays,
                amplitude: parameters.rainAmplitude, shiftDays: parameters.seasonShiftDays)
            var rng = Xoshiro256StarStar(
                stream: [seed, 0x5241_494E, UInt64(provinceCode * 100 + suffix)])
            var e = 0.0
            var row: [Double] = []
            row.reserveCapacity(weeks)
            for d in dates {
                e = 0.5 * e + 0.866 * rng.normal()
                row.append(season.index(on: d) * exp(0.45 * e - 0.1))
            }
            rain.append(row)
        }
        self.rain = rain
    }
}

/// Simulates one cooperative week by week: the generative process of the simulator.
///
/// Every cooperative draws from its own random stream, seeded by (seed, village code), so
/// the result does not depend on the order or the thread in which cooperatives run.
/// Week 0 draws the initial state; every later week applies, in order:
///
/// 1. **Institutions and legality.** Hazards for the legal entity, complete boards (and
///    rare resignations), the members' meeting, NIB, NPWP and the bank account (after the
///    NPWP), each scaled by a per-cooperative lognormal administrative frailty and the
///    regency's pace; members grow by small jumps, faster once a business runs.
/// 2. **Land** (before construction): `tidak_ada → diusulkan → verifikasi → siap`, a
///    verification ending in `siap`, a rejection (back to `tidak_ada`: plot too small,
///    farmland, not on a main road) or a dispute (`sengketa`, resolved at a slow rate;
///    some disputes are intractable). Rates are scaled by the regency, the land class
///    (easy / normal / hard), a lognormal frailty and the programme calendar.
/// 3. **Portal.** Registration in the builder's portal, with a hazard that depends on the
///    land status — a site is often registered before its land is ready.
/// 4. **Start.** Registered with land `siap`: construction starts at a high weekly hazard
///    scaled by the programme calendar (zero before the groundbreaking of 17 Oct 2025).
/// 5. **Construction.** Work done accumulates as speed × multipliers × lognormal noise,
///    where the multipliers are: weather (a Bernoulli hit whose probability follows the
///    regency's rain intensity), labour shortage, technical stoppage and land problems
///    (two-state Markov episodes), and holidays. Progress is the normalised logistic
///    S-curve of work done / work content (18 nominal weeks = 90 working days).
/// 6. **Operations.** Some cooperatives run a business before their building is finished;
///    after completion the first unit opens after a geometric wait (or the running
///    business moves in), `tahap` becomes `beroperasi`, and units grow towards a
///    per-cooperative ceiling of 2–7.
/// 7. **Report.** The week's report: absent with a small per-cooperative probability;
///    late (`laporan_tepat_waktu` = 0) with another; `progres_fisik` with rounding and
///    noise (at most one point below the previous report); `kendala_*` flags raised in
///    the weeks a constraint is active (missed or false now and then); sometimes a note.
///
/// The cooperative's green date is the first week whose report is present and green; the
/// simulation runs past the written weeks until then or until the cap.
struct CooperativeSimulator {
    let model: ModelParameters
    let regency: RegencyParameters
    let regencyPosition: Int
    let timeline: ProvinceTimeline

    private var rng: Xoshiro256StarStar

    // Hidden traits.
    private var landClass = 1
    private var landFrailty = 1.0
    private var adminFrailty = 1.0
    private var speed = 1.0
    private var missProbability = 0.015
    private var onTimeProbability = 0.92
    private var unitCeiling = 3
    private var omzetPerUnit = 12_000.0
    private var activeShare = 0.4
    private var intractable = false

    // Institutions.
    private var badanHukum = true
    private var pengurus = true
    private var rapat = false
    private var nib = false
    private var npwp = false
    private var rekening = false
    private var members = 20

    // Land, portal, construction.
    private var land: StatusLahan = .tidakAda
    private var portal = false
    private var started = false
    private var complete = false
    private var work = 0.0
    private var progress = 0.0
    private var labourShortage = false
    private var technicalStop = false
    private var siteLandProblem = false
    private var siteDispute = false
    private var weatherHit = false
    private var everDisputed = false

    // Operations.
    private var units = 0
    private var operating = false  // tahap beroperasi
    private var openingPending = false

    // Reporting state.
    private var reportedTenths: Int16 = -1
    private var omzet: Int32 = -1
    private var activeMembers: Int32 = -1

    // Milestones (week indices).
    private var portalWeek: Int?
    private var landReadyWeek: Int?
    private var startWeek: Int?
    /// Under rationed starts: the week the cooperative asked to start (ready, and the start
    /// hazard fired), until the regency's queue serves it; `nil` otherwise.
    private(set) var requestWeek: Int?
    /// True when starts are rationed: the start hazard makes a request that the regency's
    /// queue serves (``startFromQueue(week:)``) instead of a start.
    var rationed = false
    private var completionWeek: Int?
    private var operatingWeek: Int?

    init(model: ModelParameters, regency: RegencyParameters, regencyPosition: Int,
         timeline: ProvinceTimeline, seed: UInt64, code: CooperativeCode) {
        self.model = model
        self.regency = regency
        self.regencyPosition = regencyPosition
        self.timeline = timeline
        rng = Xoshiro256StarStar(stream: [seed, 0x434F_4F50, UInt64(code.value)])
    }

    /// Runs the cooperative, writing the reports of weeks `outputStart ..< outputStart +
    /// output.count` into `output`, and returns its truth.
    mutating func run(code: CooperativeCode, isKelurahan: Bool, outputStart: Int,
                      output: inout UnsafeMutableBufferPointer<SimulatedReport>) -> CooperativeTruth
    {
        drawInitialState(isKelurahan: isKelurahan)
        let weeks = timeline.dates.count
        let outputEnd = outputStart + output.count
        var greenWeek: Int?
        var k = 0
        while k < weeks {
            if k > 0 { step(week: k) }
            let report = makeReport(week: k)
            if k >= outputStart && k < outputEnd { output[k - outputStart] = report }
            if greenWeek == nil && report.isGreenUnderRuleSet1 { greenWeek = k }
            if greenWeek != nil && k >= outputEnd - 1 { break }
            k += 1
        }
        return truth(code: code, greenWeek: greenWeek)
    }

    /// The cooperative's truth with green week `greenWeek`, from its milestones so far.
    func truth(code: CooperativeCode, greenWeek: Int?) -> CooperativeTruth {
        func date(_ w: Int?) -> Day? { w.map { timeline.dates[$0] } }
        return CooperativeTruth(
            kode: code, greenDate: date(greenWeek), portalDate: date(portalWeek),
            landReadyDate: date(landReadyWeek), constructionStart: date(startWeek),
            completion: date(completionWeek), operatingDate: date(operatingWeek),
            speedFactor: speed, landDifficulty: landClass, everDisputed: everDisputed)
    }

    /// The oracle's green weeks: the cooperative is simulated exactly as ``run`` does up to
    /// week `cutoffWeek` (the same reports, so the same history a forecaster sees), then its
    /// future is drawn `replicates` times from fresh random streams keyed by (`seed`, code,
    /// replicate), keeping every hidden trait (land class, frailties, speed, report habits)
    /// and the province's calendar and weather as they are.
    ///
    /// - Returns: `nil` when the cooperative is green on or before `cutoffWeek`; otherwise
    ///   the green week index of each replicate (`Int.max` when not green within the
    ///   simulated weeks).
    mutating func oracleGreenWeeks(isKelurahan: Bool, cutoffWeek: Int, seed: UInt64,
                                   code: CooperativeCode, replicates: Int) -> [Int]? {
        drawInitialState(isKelurahan: isKelurahan)
        let weeks = timeline.dates.count
        var k = 0
        while k <= min(cutoffWeek, weeks - 1) {
            if k > 0 { step(week: k) }
            if makeReport(week: k).isGreenUnderRuleSet1 { return nil }
            k += 1
        }
        var out: [Int] = []
        out.reserveCapacity(replicates)
        for r in 0..<replicates {
            var future = self
            future.rng = Xoshiro256StarStar(stream: [seed, 0x4F52_4143_4C45, UInt64(code.value), UInt64(r)])
            var green = Int.max
            var t = cutoffWeek + 1
            while t < weeks {
                future.step(week: t)
                if future.makeReport(week: t).isGreenUnderRuleSet1 { green = t; break }
                t += 1
            }
            out.append(green)
        }
        return out
    }

    // MARK: Initial state

    mutating func drawInitialState(isKelurahan: Bool) {
        let m = model
        let u = rng.uniform()
        landClass = u < regency.easyLandShare ? 0 : (u < regency.easyLandShare + regency.hardLandShare ? 2 : 1)
        // Kelurahan (urban) land is harder still: no village treasury land (tanah kas desa).
        if isKelurahan && landClass == 0 && rng.bernoulli(0.5) { landClass = 1 }
        let ls = m.landFrailtySigma
        landFrailty = rng.lognormal(mu: -ls * ls / 2, sigma: ls)
        let asg = m.adminFrailtySigma
        adminFrailty = rng.lognormal(mu: -asg * asg / 2, sigma: asg) * regency.administrativePace
        speed = rng.lognormal(mu: 0, sigma: m.speedSigma) * regency.constructionSpeed
        missProbability = min(0.25, m.missingReportShare * rng.lognormal(mu: -0.18, sigma: 0.6))
        onTimeProbability = max(0.3, min(0.995, 1 - m.lateReportShare * rng.lognormal(mu: -0.245, sigma: 0.7)))
        unitCeiling = 2 + rng.index(6)
        omzetPerUnit = rng.lognormal(mu: log(12_000), sigma: 0.6)
        activeShare = rng.beta(3, 4)
        intractable = rng.bernoulli(m.intractableDisputeShare)

        let pace = regency.administrativePace
        badanHukum = rng.bernoulli(1 - (1 - m.initialLegalEntityShare) / pace)
        pengurus = rng.bernoulli(m.initialBoardsShare)
        rapat = rng.bernoulli(m.initialMeetingShare)
        nib = badanHukum && rng.bernoulli(m.initialNIBShare)
        npwp = rng.bernoulli(m.initialNPWPShare)
        rekening = npwp && rng.bernoulli(m.initialBankShare / max(0.01, m.initialNPWPShare))
        members = 9 + rng.geometric(0.075)

        land = rng.bernoulli(m.initialProposedShare * (landClass == 2 ? 0.5 : 1)) ? .diusulkan : .tidakAda
        units = rng.bernoulli(m.initialOperatingShare) ? 1 : 0
        if units > 0 { updateBusinessFigures() }
    }

    // MARK: Weekly step

    mutating func step(week k: Int) {
        stepInstitutions(week: k)
        if !started {
            stepLand(week: k)
            stepPortalAndStart(week: k)
        } else if !complete {
            stepConstruction(week: k, firstWeek: false)
        } else {
            stepOperations(week: k)
        }
        if !complete && units > 0 && units < 2 && rng.bernoulli(hazard(0.01)) { units += 1 }
        if !complete && units == 0 && rng.bernoulli(hazard(model.preBuildingOperatingRate)) {
            units = 1
        }
        if units > 0 && (timeline.month[k] != timeline.month[k - 1] || omzet < 0) {
            updateBusinessFigures()
        }
    }

    private mutating func stepInstitutions(week k: Int) {
        let m = model
        let f = adminFrailty
        if !badanHukum && rng.bernoulli(hazard(m.legalEntityRate * f)) { badanHukum = true }
        if pengurus {
            if rng.bernoulli(hazard(m.resignationRate)) { pengurus = false }
        } else if rng.bernoulli(hazard(m.boardsRate * f)) {
            pengurus = true
        }
        if !rapat && rng.bernoulli(hazard(m.meetingRate * f)) { rapat = true }
        if !nib && badanHukum && rng.bernoulli(hazard(m.nibRate * f)) { nib = true }
        if !npwp && rng.bernoulli(hazard(m.npwpRate * f)) { npwp = true }
        if !rekening && npwp && rng.bernoulli(hazard(m.bankRate * f)) { rekening = true }
        if rng.bernoulli(units > 0 ? 0.45 : 0.22) {
            members = min(5000, members + 1 + rng.geometric(0.5))
        }
    }

    private mutating func stepLand(week k: Int) {
        let m = model
        let base = regency.landRate * m.landClassRate[landClass] * landFrailty
        switch land {
        case .tidakAda:
            if rng.bernoulli(hazard(m.proposalRate * base * timeline.proposal[k])) { land = .diusulkan }
        case .diusulkan:
            if rng.bernoulli(hazard(m.verificationStartRate * base * timeline.verification[k])) {
                land = .verifikasi
            }
        case .verifikasi:
            if rng.bernoulli(hazard(m.verificationEndRate * base * timeline.verification[k])) {
                let dispute = min(0.9, regency.disputeShare * m.landClassDispute[landClass])
                let reject = m.landClassRejection[landClass]
                let u = rng.uniform()
                if u < dispute {
                    land = .sengketa
                    everDisputed = true
                } else if u < dispute + reject {
                    land = .tidakAda
                } else {
                    land = .siap
                    if landReadyWeek == nil { landReadyWeek = k }
                }
            }
        case .sengketa:
            let rate = intractable ? m.intractableResolutionRate : m.disputeResolutionRate
            if rng.bernoulli(hazard(rate)) { land = .verifikasi }
        case .siap:
            break
        }
    }

    private mutating func stepPortalAndStart(week k: Int) {
        let m = model
        if !portal {
            let rate = m.portalRateByLand[Int(land.code)] * regency.portalRate * timeline.portal[k]
            if rng.bernoulli(hazard(rate)) {
                portal = true
                portalWeek = k
            }
            return  // a site registered this week starts at the earliest next week
        }
        // Land that became ready this week is handed over first: the start is next week
        // at the earliest.
        if rationed {
            if requestWeek == nil && land == .siap && landReadyWeek != k
                && rng.bernoulli(hazard(m.startRate * timeline.start[k])) {
                requestWeek = k
            }
            return
        }
        if land == .siap && landReadyWeek != k && rng.bernoulli(hazard(m.startRate * timeline.start[k])) {
            started = true
            startWeek = k
            stepConstruction(week: k, firstWeek: true)
        }
    }

    /// Starts construction in week `k`, the regency's queue having served the request.
    mutating func startFromQueue(week k: Int) {
        requestWeek = nil
        started = true
        startWeek = k
        stepConstruction(week: k, firstWeek: true)
    }

    /// Replaces the random stream (the oracle's futures).
    mutating func reseed(_ keys: [UInt64]) { rng = Xoshiro256StarStar(stream: keys) }

    private mutating func stepConstruction(week k: Int, firstWeek: Bool) {
        let m = model
        // Episodes: two-state Markov chains.
        let labourOnset = regency.labourShortageRate * (1 + (m.harvestLabourFactor - 1) * timeline.harvest[k])
        if labourShortage {
            if rng.bernoulli(hazard(m.labourRecoveryRate)) { labourShortage = false }
        } else if rng.bernoulli(hazard(labourOnset)) {
            labourShortage = true
        }
        if technicalStop {
            if rng.bernoulli(hazard(m.technicalRecoveryRate)) { technicalStop = false }
        } else if rng.bernoulli(hazard(m.technicalRate)) {
            technicalStop = true
        }
        if siteLandProblem {
            let rate = siteDispute
                ? (intractable ? m.intractableResolutionRate : m.disputeResolutionRate)
                : m.siteLandRecoveryRate
            if rng.bernoulli(hazard(rate)) {
                siteLandProblem = false
                siteDispute = false
                land = .siap
            }
        } else if rng.bernoulli(hazard(m.siteLandProblemRate * (landClass == 2 ? 2 : 1))) {
            siteLandProblem = true
            if rng.bernoulli(m.siteLandDisputeShare) {
                siteDispute = true
                everDisputed = true
                land = .sengketa
            }
        }
        let rain = timeline.rain[regencyPosition][k]
        weatherHit = rng.bernoulli(min(0.9, m.weatherBase + m.weatherSlope * rain))

        var multiplier = speed * timeline.holiday[k]
        if weatherHit { multiplier *= m.weatherEffect }
        if labourShortage { multiplier *= m.labourEffect }
        if technicalStop { multiplier *= m.technicalEffect }
        if siteLandProblem { multiplier = 0 }
        if firstWeek { multiplier *= 0.2 + 0.8 * rng.uniform() }
        let noise = rng.lognormal(mu: 0, sigma: m.workNoiseSigma)
        work += multiplier * noise
        let u = min(1, work / m.workWeeks)
        progress = 100 * sCurve(u)
        if work >= m.workWeeks {
            complete = true
            completionWeek = k
            progress = 100
            labourShortage = false
            technicalStop = false
            weatherHit = false
            // A business already running in other premises counts as operating from
            // completion; otherwise the first unit opens after a wait.
            openingPending = units == 0
            if units > 0 { operatingWeek = k }
        }
    }

    /// The normalised logistic S-curve: `(L(u) − L(0)) / (L(1) − L(0))` with
    /// `L(u) = 1 / (1 + exp(−k (u − ½)))`.
    private func sCurve(_ u: Double) -> Double {
        let k = model.sCurveSteepness
        let l0 = 1 / (1 + exp(k / 2))
        let l1 = 1 / (1 + exp(-k / 2))
        let lu = 1 / (1 + exp(-k * (u - 0.5)))
        return (lu - l0) / (l1 - l0)
    }

    private mutating func stepOperations(week k: Int) {
        let m = model
        if !operating {
            if openingPending {
                if rng.bernoulli(m.openingProbability) {
                    units = max(units, 1)
                    operating = true
                    operatingWeek = k
                    openingPending = false
                }
            } else if rng.bernoulli(m.moveInProbability) {
                operating = true
            }
        } else if units < unitCeiling && rng.bernoulli(hazard(m.unitGrowthRate)) {
            units += 1
        }
    }

    private mutating func updateBusinessFigures() {
        let value = omzetPerUnit * Double(units) * rng.lognormal(mu: 0, sigma: 0.2)
        omzet = Int32(min(2_000_000_000, max(0, value.rounded())))
        activeMembers = Int32((Double(members) * activeShare * rng.lognormal(mu: 0, sigma: 0.1)).rounded())
        activeMembers = min(activeMembers, Int32(members))
    }

    // MARK: Report

    mutating func makeReport(week k: Int) -> SimulatedReport {
        let m = model
        let present = !rng.bernoulli(missProbability)
        let onTime = rng.bernoulli(onTimeProbability)
        var flags: SimulatedReport.Flags = []
        if badanHukum { flags.insert(.badanHukum) }
        if pengurus { flags.insert(.pengurusLengkap) }
        if rapat { flags.insert(.rapatAnggota) }
        if nib { flags.insert(.nib) }
        if npwp { flags.insert(.npwp) }
        if rekening { flags.insert(.rekeningBank) }
        if onTime { flags.insert(.laporanTepatWaktu) }

        let tahap: Tahap
        if complete {
            tahap = operating ? .beroperasi : .selesai
        } else if started {
            tahap = .pembangunan
        } else {
            tahap = portal ? .portal : .terdaftar
        }

        // Constraint flags: reported when active (mostly), false alarms now and then.
        let p = m.constraintReportedProbability
        let q = m.constraintFalseAlarmProbability
        if started && !complete {
            if rng.bernoulli(siteLandProblem ? p : q) { flags.insert(.kendalaLahan) }
            if rng.bernoulli(weatherHit ? p : q) { flags.insert(.kendalaCuaca) }
            if rng.bernoulli(labourShortage ? p : q) { flags.insert(.kendalaTenagaKerja) }
            if rng.bernoulli(technicalStop ? p : q) { flags.insert(.kendalaTeknis) }
        } else if !started {
            let landProblem: Double
            switch land {
            case .sengketa: landProblem = 0.9
            case .siap: landProblem = 0
            case .tidakAda: landProblem = portal ? 0.8 : 0.25
            case .diusulkan, .verifikasi: landProblem = portal ? 0.5 : 0.1
            }
            if rng.bernoulli(landProblem) { flags.insert(.kendalaLahan) }
        }

        // progres_fisik: rounded to a tenth with noise, never more than a point below the
        // previous report; 100 once finished.
        var tenths: Int16 = -1
        if complete {
            tenths = 1000
        } else if started {
            let noisy = progress + m.progressNoiseSD * rng.normal()
            var t = Int16(max(0, min(1000, (noisy * 10).rounded())))
            if reportedTenths >= 0 && t < reportedTenths - 10 { t = reportedTenths - 10 }
            tenths = max(0, t)
        }
        if present { reportedTenths = tenths }

        var note: UInt8 = 0
        if rng.bernoulli(0.04) {
            if !onTime {
                note = 8
            } else if land == .sengketa {
                note = 2
            } else if started && !complete {
                if weatherHit { note = 3 } else if labourShortage { note = 4 } else if technicalStop { note = 5 }
            } else if !started && (land == .diusulkan || land == .verifikasi) {
                note = 1
            } else if !started && land == .tidakAda && portal {
                note = 7
            } else if complete && !operating {
                note = 9
            } else if units > 0 && !complete {
                note = 6
            } else if !pengurus {
                note = 10
            }
        }

        guard present else { return .absent }
        return SimulatedReport(
            isPresent: true, tahap: tahap, statusLahan: land, unitUsahaAktif: UInt8(min(7, units)),
            note: note, flags: flags, progressTenths: tenths, jumlahAnggota: Int32(members),
            omzetThousands: units > 0 ? omzet : -1, anggotaAktif: units > 0 ? activeMembers : -1)
    }
}
