import KendaliData

/// The parameters of one regency or city: how fast its land is found and cleared, how
/// its weather, labour market and builders behave. Rates here are multipliers of the
/// world-wide rates in ``ModelParameters``; 1 is the province's typical regency.
public struct RegencyParameters: Sendable, Hashable {
    /// Multiplier of every land hazard (proposal, verification start and end).
    public var landRate: Double
    /// Share of villages whose land is easy (a village asset on a main road, big enough).
    public var easyLandShare: Double
    /// Share of villages whose land is hard (no village asset, plot under 10 are, farmland
    /// that may not be converted, land of the regency or province to be lent).
    public var hardLandShare: Double
    /// Probability that a verification ends in a dispute (before the class multiplier).
    public var disputeShare: Double
    /// Multiplier of the weekly portal-registration hazard.
    public var portalRate: Double
    /// Days the wet season's onset is later than on Lombok.
    public var rainOnsetLagDays: Int
    /// Days the wet season's retreat is earlier than on Lombok.
    public var rainRetreatLeadDays: Int
    /// Weekly onset rate of a labour shortage episode on a site under construction.
    public var labourShortageRate: Double
    /// Multiplier of the construction speed (materials shipped from afar are slower).
    public var constructionSpeed: Double
    /// Multiplier of the institutional and legal hazards (below 1: the regency lags).
    public var administrativePace: Double

    /// Parameters as given.
    public init(
        landRate: Double, easyLandShare: Double, hardLandShare: Double, disputeShare: Double,
        portalRate: Double, rainOnsetLagDays: Int, rainRetreatLeadDays: Int,
        labourShortageRate: Double, constructionSpeed: Double, administrativePace: Double
    ) {
        self.landRate = landRate
        self.easyLandShare = easyLandShare
        self.hardLandShare = hardLandShare
        self.disputeShare = disputeShare
        self.portalRate = portalRate
        self.rainOnsetLagDays = rainOnsetLagDays
        self.rainRetreatLeadDays = rainRetreatLeadDays
        self.labourShortageRate = labourShortageRate
        self.constructionSpeed = constructionSpeed
        self.administrativePace = administrativePace
    }
}

/// The programme calendar: multipliers, as functions of the date, of the hazards the
/// national programme drove. Each is a ``Schedule``.
public struct ProgrammeCalendar: Sendable, Hashable {
    /// Multiplier of the land-proposal hazard (the push after Inpres 17/2025 of 22 Oct 2025
    /// and the provincial land coordination of early 2026).
    public var landProposal: Schedule
    /// Multiplier of the land-verification hazards ("clean and clear" checks began in
    /// the autumn of 2025).
    public var landVerification: Schedule
    /// Multiplier of the portal-registration hazard (the builder's portal opened around
    /// the groundbreaking of 17 Oct 2025).
    public var portalRegistration: Schedule
    /// Multiplier of the construction-start hazard: zero before the groundbreaking of
    /// 17 Oct 2025, slow until the funds flowed (~3 Nov 2025), full from December; slower
    /// when the first tranche's money ran short in mid-2026, full again for the second
    /// wave (Aug–Sep 2026).
    public var constructionStart: Schedule

    /// A calendar from its schedules.
    public init(landProposal: Schedule, landVerification: Schedule, portalRegistration: Schedule,
                constructionStart: Schedule) {
        self.landProposal = landProposal
        self.landVerification = landVerification
        self.portalRegistration = portalRegistration
        self.constructionStart = constructionStart
    }

    /// The calendar with every schedule moved `days` later.
    public func shifted(by days: Int) -> ProgrammeCalendar {
        ProgrammeCalendar(
            landProposal: landProposal.shifted(by: days),
            landVerification: landVerification.shifted(by: days),
            portalRegistration: portalRegistration.shifted(by: days),
            constructionStart: constructionStart.shifted(by: days))
    }

    /// The calendar calibrated to NTB's press figures (see `datasets/README.md`).
    public static let ntb = ProgrammeCalendar(
        landProposal: Schedule([
            (.known(2025, 8, 1), 0.8), (.known(2025, 10, 17), 0.8), (.known(2025, 11, 7), 1.3),
            (.known(2026, 2, 27), 1.3), (.known(2026, 3, 27), 2.5),
        ]),
        landVerification: Schedule([
            (.known(2025, 9, 19), 0), (.known(2025, 11, 7), 0.34), (.known(2025, 12, 12), 0.8),
            (.known(2025, 12, 26), 0.6), (.known(2026, 1, 9), 0.85), (.known(2026, 1, 23), 1.5),
            (.known(2026, 2, 27), 1), (.known(2026, 3, 27), 2.5),
        ]),
        portalRegistration: Schedule([
            (.known(2025, 10, 3), 0), (.known(2025, 10, 31), 1), (.known(2026, 1, 2), 1),
            (.known(2026, 1, 23), 0.15), (.known(2026, 7, 31), 0.15), (.known(2026, 8, 28), 1),
        ]),
        constructionStart: Schedule([
            (.known(2025, 10, 16), 0), (.known(2025, 10, 17), 0.12), (.known(2025, 11, 7), 0.3),
            (.known(2025, 12, 5), 1), (.known(2026, 3, 27), 1), (.known(2026, 4, 24), 0.3),
            (.known(2026, 7, 31), 0.3), (.known(2026, 8, 28), 1),
        ]))
}

/// The parameters of one simulated province: its regencies' parameters, its programme
/// calendar and its season.
public struct ProvinceParameters: Sendable, Hashable {
    /// Parameters by 2-digit regency suffix (1…8, 71, 72).
    public var regencies: [Int: RegencyParameters]
    /// The programme calendar.
    public var calendar: ProgrammeCalendar
    /// Multiplier of the rain index (1 in NTB).
    public var rainAmplitude: Double
    /// Days the whole wet season is moved (0 in NTB).
    public var seasonShiftDays: Int

    /// Parameters as given.
    public init(regencies: [Int: RegencyParameters], calendar: ProgrammeCalendar,
                rainAmplitude: Double, seasonShiftDays: Int) {
        self.regencies = regencies
        self.calendar = calendar
        self.rainAmplitude = rainAmplitude
        self.seasonShiftDays = seasonShiftDays
    }

    /// The parameters of a regency suffix, or a neutral regency for an unknown suffix.
    public func regency(_ suffix: Int) -> RegencyParameters {
        regencies[suffix] ?? ProvinceParameters.neutral
    }

    static let neutral = RegencyParameters(
        landRate: 1, easyLandShare: 0.25, hardLandShare: 0.25, disputeShare: 0.05,
        portalRate: 1, rainOnsetLagDays: 0, rainRetreatLeadDays: 0, labourShortageRate: 0.04,
        constructionSpeed: 1, administrativePace: 1)

    /// NTB, calibrated to the press figures of 2025–26 (`datasets/README.md` lists the
    /// figures, their sources and the simulated values side by side).
    ///
    /// Lombok Tengah and Lombok Timur lead on land; Kota Mataram, Lombok Utara and Kota
    /// Bima lag (urban land is scarce, many villages own no land); the Sumbawa-island
    /// regencies see the rains two to four weeks later than Lombok, and Kabupaten Bima was
    /// late with its legal paperwork.
    public static let ntb = ProvinceParameters(
        regencies: [
            // Lombok Barat
            1: RegencyParameters(
                landRate: 1.0, easyLandShare: 0.25, hardLandShare: 0.25, disputeShare: 0.05,
                portalRate: 1.0, rainOnsetLagDays: 0, rainRetreatLeadDays: 0,
                labourShortageRate: 0.035, constructionSpeed: 1.0, administrativePace: 1.0),
            // Lombok Tengah
            2: RegencyParameters(
                landRate: 1.9, easyLandShare: 0.35, hardLandShare: 0.15, disputeShare: 0.05,
                portalRate: 1.2, rainOnsetLagDays: 0, rainRetreatLeadDays: 0,
                labourShortageRate: 0.045, constructionSpeed: 1.05, administrativePace: 1.0),
            // Lombok Timur
            3: RegencyParameters(
                landRate: 1.35, easyLandShare: 0.3, hardLandShare: 0.2, disputeShare: 0.05,
                portalRate: 1.2, rainOnsetLagDays: 0, rainRetreatLeadDays: 0,
                labourShortageRate: 0.06, constructionSpeed: 1.0, administrativePace: 1.0),
            // Sumbawa
            4: RegencyParameters(
                landRate: 1.2, easyLandShare: 0.3, hardLandShare: 0.2, disputeShare: 0.04,
                portalRate: 1.1, rainOnsetLagDays: 21, rainRetreatLeadDays: 0,
                labourShortageRate: 0.05, constructionSpeed: 0.9, administrativePace: 1.0),
            // Dompu
            5: RegencyParameters(
                landRate: 0.8, easyLandShare: 0.2, hardLandShare: 0.3, disputeShare: 0.05,
                portalRate: 1.0, rainOnsetLagDays: 21, rainRetreatLeadDays: 7,
                labourShortageRate: 0.05, constructionSpeed: 0.9, administrativePace: 1.0),
            // Bima
            6: RegencyParameters(
                landRate: 0.65, easyLandShare: 0.2, hardLandShare: 0.3, disputeShare: 0.06,
                portalRate: 1.0, rainOnsetLagDays: 28, rainRetreatLeadDays: 10,
                labourShortageRate: 0.05, constructionSpeed: 0.9, administrativePace: 0.7),
            // Sumbawa Barat
            7: RegencyParameters(
                landRate: 1.0, easyLandShare: 0.25, hardLandShare: 0.25, disputeShare: 0.04,
                portalRate: 1.0, rainOnsetLagDays: 14, rainRetreatLeadDays: 0,
                labourShortageRate: 0.05, constructionSpeed: 0.95, administrativePace: 1.0),
            // Lombok Utara
            8: RegencyParameters(
                landRate: 1.6, easyLandShare: 0.22, hardLandShare: 0.6, disputeShare: 0.05,
                portalRate: 1.0, rainOnsetLagDays: 0, rainRetreatLeadDays: 0,
                labourShortageRate: 0.045, constructionSpeed: 0.95, administrativePace: 1.0),
            // Kota Mataram
            71: RegencyParameters(
                landRate: 0.5, easyLandShare: 0.02, hardLandShare: 0.8, disputeShare: 0.1,
                portalRate: 0.8, rainOnsetLagDays: 0, rainRetreatLeadDays: 0,
                labourShortageRate: 0.03, constructionSpeed: 1.1, administrativePace: 1.0),
            // Kota Bima
            72: RegencyParameters(
                landRate: 0.6, easyLandShare: 0.05, hardLandShare: 0.6, disputeShare: 0.08,
                portalRate: 0.8, rainOnsetLagDays: 28, rainRetreatLeadDays: 10,
                labourShortageRate: 0.05, constructionSpeed: 0.95, administrativePace: 0.8),
        ],
        calendar: .ntb, rainAmplitude: 1, seasonShiftDays: 0)

    /// NTB's parameters varied for another province, deterministically from `seed` and
    /// the province code: every regency's land rate × lognormal(0, 0.35), land-class
    /// shares ± up to 0.1, construction speed × lognormal(0, 0.08), labour rate
    /// × lognormal(0, 0.3), administrative pace × lognormal(0, 0.15); the programme
    /// calendar moved by −14…+21 days; the season moved by −28…+28 days with amplitude
    /// 0.6–1.1 (island regencies keep their onset lags).
    public static func varied(provinceCode: Int, seed: UInt64) -> ProvinceParameters {
        if provinceCode == NTBStructure.provinceCode { return ntb }
        var rng = Xoshiro256StarStar(stream: [seed, 0x5641_5249_4544, UInt64(provinceCode)])
        var p = ntb
        let provinceLand = rng.lognormal(mu: 0, sigma: 0.2)
        for suffix in NTBStructure.regencySuffixes {
            var r = p.regency(suffix)
            r.landRate *= provinceLand * rng.lognormal(mu: 0, sigma: 0.3)
            r.easyLandShare = min(0.6, max(0.02, r.easyLandShare + (rng.uniform() - 0.5) * 0.2))
            r.hardLandShare = min(0.8, max(0.05, r.hardLandShare + (rng.uniform() - 0.5) * 0.2))
            r.constructionSpeed *= rng.lognormal(mu: 0, sigma: 0.08)
            r.labourShortageRate *= rng.lognormal(mu: 0, sigma: 0.3)
            r.administrativePace *= rng.lognormal(mu: 0, sigma: 0.15)
            r.portalRate *= rng.lognormal(mu: 0, sigma: 0.15)
            p.regencies[suffix] = r
        }
        p.calendar = ntb.calendar.shifted(by: rng.index(36) - 14)
        p.seasonShiftDays = rng.index(57) - 28
        p.rainAmplitude = 0.6 + 0.5 * rng.uniform()
        return p
    }
}

/// The world-wide constants of the generative process. Rates are weekly hazard rates
/// (the weekly probability is `1 − exp(−rate × multipliers)`); durations are in weeks.
///
/// ``calibrated`` holds the values the bundled NTB dataset was generated with; the
/// process is described in `datasets/README.md` and on ``CooperativeSimulator``.
public struct ModelParameters: Sendable, Hashable {
    // MARK: Land
    /// Share of villages whose land is already proposed at the first report.
    public var initialProposedShare: Double
    /// Rate of proposing land (`tidak_ada` → `diusulkan`).
    public var proposalRate: Double
    /// Rate of starting verification (`diusulkan` → `verifikasi`).
    public var verificationStartRate: Double
    /// Rate of ending verification (`verifikasi` → `siap`, `sengketa` or back to `tidak_ada`).
    public var verificationEndRate: Double
    /// Land-rate multiplier of easy, normal and hard land.
    public var landClassRate: [Double]
    /// Probability that a verification rejects the plot, by land class.
    public var landClassRejection: [Double]
    /// Dispute-probability multiplier by land class.
    public var landClassDispute: [Double]
    /// Standard deviation of the per-cooperative lognormal land frailty.
    public var landFrailtySigma: Double
    /// Rate at which an ordinary dispute is resolved.
    public var disputeResolutionRate: Double
    /// Share of disputes that are intractable.
    public var intractableDisputeShare: Double
    /// Rate at which an intractable dispute is resolved.
    public var intractableResolutionRate: Double

    // MARK: Portal and start
    /// Portal-registration rate by land status, indexed by `StatusLahan.code`
    /// (`tidak_ada`, `diusulkan`, `verifikasi`, `siap`, `sengketa`).
    public var portalRateByLand: [Double]
    /// Rate of starting construction once registered in the portal with land `siap`.
    public var startRate: Double

    // MARK: Construction
    /// Work content of a site in nominal weeks (90 working days ≈ 18 weeks).
    public var workWeeks: Double
    /// Standard deviation of the per-cooperative lognormal speed factor.
    public var speedSigma: Double
    /// Standard deviation of the weekly lognormal noise on the work done.
    public var workNoiseSigma: Double
    /// Steepness `k` of the logistic S-curve mapping work done to physical progress.
    public var sCurveSteepness: Double
    /// Weekly probability of rain stopping work = base + slope × rain intensity.
    public var weatherBase: Double
    /// See ``weatherBase``.
    public var weatherSlope: Double
    /// Work multiplier in a week with a weather delay.
    public var weatherEffect: Double
    /// Rate at which a labour shortage ends.
    public var labourRecoveryRate: Double
    /// Work multiplier during a labour shortage.
    public var labourEffect: Double
    /// Multiplier of the labour-shortage onset in harvest months (March, April, August).
    public var harvestLabourFactor: Double
    /// Onset rate of a technical stoppage.
    public var technicalRate: Double
    /// Rate at which a technical stoppage ends.
    public var technicalRecoveryRate: Double
    /// Work multiplier during a technical stoppage.
    public var technicalEffect: Double
    /// Onset rate of a land problem on a site under construction.
    public var siteLandProblemRate: Double
    /// Share of such problems that are disputes (`status_lahan` becomes `sengketa`).
    public var siteLandDisputeShare: Double
    /// Rate at which a (non-dispute) site land problem ends.
    public var siteLandRecoveryRate: Double

    // MARK: Operations
    /// Share of cooperatives running a business unit (in rented or village premises) at
    /// the first report.
    public var initialOperatingShare: Double
    /// Rate of opening a first unit before the building is finished.
    public var preBuildingOperatingRate: Double
    /// Weekly probability of opening the first unit after completion (geometric wait,
    /// after one week of handover).
    public var openingProbability: Double
    /// Weekly probability of moving an already running business into the new building.
    public var moveInProbability: Double
    /// Rate of adding a business unit while operating.
    public var unitGrowthRate: Double

    // MARK: Institutions and legality
    /// Share with `badan_hukum` = 1 at the first report.
    public var initialLegalEntityShare: Double
    /// Share with complete boards at the first report.
    public var initialBoardsShare: Double
    /// Share that held the members' meeting by the first report.
    public var initialMeetingShare: Double
    /// Shares with NIB, NPWP and a bank account at the first report.
    public var initialNIBShare: Double
    /// See ``initialNIBShare``.
    public var initialNPWPShare: Double
    /// See ``initialNIBShare``.
    public var initialBankShare: Double
    /// Rates of the legal entity, boards, meeting, NIB, NPWP and bank account.
    public var legalEntityRate: Double
    /// See ``legalEntityRate``.
    public var boardsRate: Double
    /// See ``legalEntityRate``.
    public var meetingRate: Double
    /// See ``legalEntityRate``.
    public var nibRate: Double
    /// See ``legalEntityRate``.
    public var npwpRate: Double
    /// See ``legalEntityRate``.
    public var bankRate: Double
    /// Rate of a board resignation (boards become incomplete).
    public var resignationRate: Double
    /// Standard deviation of the per-cooperative lognormal administrative frailty.
    public var adminFrailtySigma: Double

    // MARK: Reporting
    /// Mean share of weekly reports that are absent.
    public var missingReportShare: Double
    /// Mean share of reports submitted late (`laporan_tepat_waktu` = 0).
    public var lateReportShare: Double
    /// Probability that an active constraint is reported in its `kendala_*` flag.
    public var constraintReportedProbability: Double
    /// Probability of a `kendala_*` flag raised without the constraint (construction weeks).
    public var constraintFalseAlarmProbability: Double
    /// Standard deviation of the reporting noise on `progres_fisik`, in points.
    public var progressNoiseSD: Double

    /// The values the bundled NTB dataset was generated with.
    public static let calibrated = ModelParameters(
        initialProposedShare: 0.3, proposalRate: 0.06, verificationStartRate: 0.10,
        verificationEndRate: 0.15, landClassRate: [2.5, 1.0, 0.4],
        landClassRejection: [0.03, 0.12, 0.25], landClassDispute: [0.5, 1.0, 2.0],
        landFrailtySigma: 0.5, disputeResolutionRate: 1.0 / 30,
        intractableDisputeShare: 0.15, intractableResolutionRate: 1.0 / 500,
        portalRateByLand: [0.004, 0.021, 0.077, 2.0, 0.01], startRate: 3.0,
        workWeeks: 18, speedSigma: 0.3, workNoiseSigma: 0.15, sCurveSteepness: 7,
        weatherBase: 0.02, weatherSlope: 0.55, weatherEffect: 0.55,
        labourRecoveryRate: 0.35, labourEffect: 0.55, harvestLabourFactor: 1.5,
        technicalRate: 0.025, technicalRecoveryRate: 0.4, technicalEffect: 0.15,
        siteLandProblemRate: 0.004, siteLandDisputeShare: 0.25, siteLandRecoveryRate: 0.15,
        initialOperatingShare: 0.12, preBuildingOperatingRate: 0.01,
        openingProbability: 0.18, moveInProbability: 0.4, unitGrowthRate: 0.04,
        initialLegalEntityShare: 0.985, initialBoardsShare: 0.9, initialMeetingShare: 0.35,
        initialNIBShare: 0.45, initialNPWPShare: 0.55, initialBankShare: 0.35,
        legalEntityRate: 0.4, boardsRate: 0.12, meetingRate: 0.035, nibRate: 0.05,
        npwpRate: 0.05, bankRate: 0.045, resignationRate: 0.0015, adminFrailtySigma: 0.5,
        missingReportShare: 0.015, lateReportShare: 0.08,
        constraintReportedProbability: 0.92, constraintFalseAlarmProbability: 0.01,
        progressNoiseSD: 0.4)
}
