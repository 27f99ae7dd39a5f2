import Analysis
import KendaliData

/// The names of the domain's codes (stages, land states, delay factors and causes,
/// interventions, levels) in the report's language: the one place every output that shows
/// a code to people (the report, its charts and workbook, the command-line tables) takes
/// its label from. Machine outputs (CSV, JSON) keep the codes themselves.
extension ReportText {
    /// The name of a reported stage (`tahap`): Terdaftar, Masuk portal, … (Registered, …).
    public func stageName(_ stage: Tahap) -> String {
        switch stage {
        case .terdaftar: format(.stageRegistered, [])
        case .portal: format(.stagePortal, [])
        case .pembangunan: format(.stageBuilding, [])
        case .selesai: format(.stageFinished, [])
        case .beroperasi: format(.stageOperating, [])
        }
    }

    /// The name of a forecast cooperative's stage: not started, under construction, or
    /// building finished.
    public func stageName(_ stage: CooperativeStage) -> String {
        switch stage {
        case .notStarted: format(.stageNotStarted, [])
        case .building: format(.stageBuilding, [])
        case .complete: format(.stageFinished, [])
        }
    }

    /// The name of a land state (`status_lahan`): Tidak ada lahan, Diusulkan, … (No land, …).
    public func landName(_ land: StatusLahan) -> String {
        switch land {
        case .tidakAda: format(.landNone, [])
        case .diusulkan: format(.landProposed, [])
        case .verifikasi: format(.landVerification, [])
        case .siap: format(.landReady, [])
        case .sengketa: format(.landDisputed, [])
        }
    }

    /// The name of a delay factor flagged in the weekly reports (a `kendala_*` column).
    public func factorName(_ factor: DelayFactor) -> String {
        switch factor {
        case .land: format(.factorLand, [])
        case .weather: format(.factorWeather, [])
        case .labour: format(.factorLabour, [])
        case .technical: format(.factorTechnical, [])
        }
    }

    /// The name of a forecast's data quality (ok, stale, inconsistent).
    public func dataQualityName(_ quality: DataQuality) -> String {
        switch quality {
        case .ok: format(.qualityOk, [])
        case .stale: format(.qualityStale, [])
        case .inconsistent: format(.qualityInconsistent, [])
        }
    }

    /// The name of a cause of delay in the forecast.
    public func causeName(_ cause: DelayCause) -> String {
        switch cause {
        case .land: format(.causeLand, [])
        case .weather: format(.causeWeather, [])
        case .labour: format(.causeLabour, [])
        case .technical: format(.causeTechnical, [])
        case .start: format(.causeStart, [])
        case .operations: format(.causeOperations, [])
        case .institutional: format(.causeInstitutional, [])
        }
    }

    /// The short name of an intervention for a table column (Lahan, Tenaga kerja, Teknis,
    /// Pendampingan); `nil` (no intervention helps) is "tidak ada" / "none". The sentence
    /// forms are ``PriorityReason/name(_:_:)-swift.type.method``.
    public func interventionName(_ kind: InterventionKind?) -> String {
        switch kind {
        case .land: format(.interventionLand, [])
        case .labour: format(.interventionLabour, [])
        case .technical: format(.interventionTechnical, [])
        case .coaching: format(.interventionCoaching, [])
        case nil: format(.interventionNone, [])
        }
    }

    /// The name of an administrative level, singular (Kabupaten/Kota) or plural
    /// (kabupaten/kota, as used inside a sentence).
    public func levelName(_ level: AdminLevel, plural: Bool) -> String {
        switch level {
        case .national: format(.levelNational, [])
        case .province: format(plural ? .levelProvinces : .levelProvince, [])
        case .regency: format(plural ? .levelRegencies : .levelRegency, [])
        case .district: format(plural ? .levelDistricts : .levelDistrict, [])
        case .village: format(plural ? .levelVillages : .levelVillage, [])
        }
    }
}
