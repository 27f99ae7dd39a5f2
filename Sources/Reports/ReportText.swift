import Analysis
import KendaliData

/// Every word of the report, in Bahasa Indonesia and English: one table, one row per key.
///
/// `{1}`, `{2}`, … are replaced by the arguments of ``format(_:_:)`` (already formatted
/// numbers, dates or names). Add a key to ``Key`` and a row to ``entry(_:)`` together; the
/// `switch` makes a missing translation a compile error.
public struct ReportText: Sendable, Hashable {
    /// The language of the words.
    public var language: ReportLanguage

    /// The words of `language`.
    public init(_ language: ReportLanguage) {
        self.language = language
    }

    /// The text of `key` with `{n}` replaced by `args[n − 1]`.
    public func format(_ key: Key, _ args: [String]) -> String {
        let e = Self.entry(key)
        return Self.fill(language == .id ? e.id : e.en, args)
    }

    /// `template` with `{n}` replaced by `args[n − 1]`; a `{` that opens no valid
    /// placeholder is kept as it is.
    static func fill(_ template: String, _ args: [String]) -> String {
        guard !args.isEmpty else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let n = Int(after[..<close]), n >= 1, n <= args.count {
                out += args[n - 1]
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        return out + rest
    }

    /// The text of `key` with its arguments.
    public func callAsFunction(_ key: Key, _ args: String...) -> String { format(key, args) }

    /// The name of a zone: Hijau, Kuning, Merah (Green, Yellow, Red).
    public func zoneName(_ zone: Zone) -> String {
        switch zone {
        case .hijau: format(.zoneGreen, [])
        case .kuning: format(.zoneYellow, [])
        case .merah: format(.zoneRed, [])
        }
    }

    /// The keys of the table.
    public enum Key: String, CaseIterable, Sendable {
        case reportTitle, reportSubtitle, footerTool, footerGenerated, contents, moreRows, dataFiles
        case cliWritten, cliIndex, cliMarkdown, cliCharts, cliData, cliPDF
        case sectionSummary, sectionTrend, sectionForecast, sectionFactors, sectionSurvival, sectionPriorities
        case sectionBreakdown, sectionChanges, sectionSCurves, sectionWarnings, sectionVersions
        case zoneGreen, zoneYellow, zoneRed
        case stageRegistered, stagePortal, stageBuilding, stageFinished, stageOperating, stagePortalLandNotReady
        case stageNotStarted, interventionLand, interventionLabour, interventionTechnical, interventionCoaching
        case interventionNone
        case landNone, landProposed, landVerification, landReady, landDisputed
        case redLandDisputed, redNoLand, redStalled
        case levelNational, levelProvince, levelProvinces, levelRegency, levelRegencies, levelDistrict, levelDistricts
        case levelVillage, levelVillages
        case factorLand, factorWeather, factorLabour, factorTechnical
        case causeLand, causeWeather, causeLabour, causeTechnical, causeStart, causeOperations, causeInstitutional
        case warnUnknownColumn, warnProgressDecreased, warnTahapBackwards, warnCooperativeMissing, warnCompleteBuilding
        case warnDuplicateRow
        case warnWindows1252
        case warnRegisterMismatch, warnNewCode, warnUnusualWeekday, warnNotReported
        case changeSinceLastWeek, figureReporting, ofKnown, figureMilestone, figureMilestoneDetail, noForecastShort
        case beyondHorizon, beyondHorizonUntil
        case summarySentence, summaryChange, missingThisWeek, stagesCaption, meanProgress
        case trendChartTitle, trendChartSubtitle, trendCaption, trendSentence
        case burnUpChartTitle, burnUpSubtitleObserved, burnUpSubtitleForecast, burnUpCaption, burnUpCaptionObserved
        case forecastDatesCaption, forecastExplain, assumptionsIntro
        case factorsChartTitle, factorsChartSubtitle, factorsCaption, factorsTableCaption, causesCaption
        case notEstimatedSuffix
        case survivalChartTitle, survivalChartSubtitle, survivalCaption, omittedGroups, notReached
        case prioritiesIntro
        case breakdownChartTitle, breakdownChartSubtitle, breakdownCaption, breakdownOnePerUnit
        case changesSentence, noChanges, firstWeekNoChanges, newCooperative
        case sCurveTitlePriority, sCurveTitleDelayed, sCurveTitleRequested, sCurveSubtitleBand, sCurveSubtitleObserved
        case sCurveIntroPriority, sCurveIntroDelayed, sCurveIntroRequested, sCurveCaptionBand, sCurveCaptionObserved
        case noWarnings, warningsIntro, warningsLatestCaption
        case versionsIntro, versionTool, versionRuleSet, versionRuleSetSource, versionRuleSetDigest, versionDataSource
        case versionWeeks, versionLatestFile, versionLatestDigest, versionDataDigest, versionForecast, versionModel
        case builtInRules, forecastSettings, modelSettings, converged, notConverged, notRun
        case forecastNotRequested, forecastFailed, forecastNotAtDistrict, prioritiesNotGiven, survivalFailed
        case noneBuilding, requestedNotFound, detailPrefix
        case axisCooperatives, axisGreenCooperatives, axisWeeksLost, axisWeeksSinceFirst, axisNotGreen, axisProgress
        case legendBand, legendExpected, legendObserved, legendGroup, legendWholeUnit, legendProjection
        case legendProjectionBand, legendObservedProgress, ruleTotal, ruleToday
        case colZone, colCooperatives, colChange, colShare, colStage, colStageCode, colDate, colReporting
        case colObservedGreen, colExpected, colMilestone, colCooperativesNeeded, colP50Date
        case colFactor, colColumn, colEstimated, colShareLost, colShareLostInterval, colWeeksLostInterval, colLower95, colUpper95, colFlaggedWeeks, colWeeksLost
        case colCause, colMeanWeeks, colMainCauseOf, colCode, colName, colGreenSoFar, colMedianWeeks, colWeeks
        case colNotGreen, colRank, colVillage, colIntervention, colP50Now, colP50After, colWeeksGained, colReason
        case colGreenShare, colGreenChange, colDistrict, colRegency, colFrom, colTo, colLand, colRedReason
        case colProgress, colWeeksBuilding, colP50Green, colMedian, colP10Speed, colP90Speed
        case colKind, colDescription, colLatestWeek, colAllWeeks, colFile, colLine, colValue, colExpectedValue, colItem
        case total, yes, no
        case sectionHealth, healthIntro, healthTurnover, healthNoTurnover, healthMembers, healthNoneOperating, healthTrendSentence, healthTableCaption
        case healthChartTitle, healthChartSubtitle, healthCaption, axisTurnover, legendMedian, legendInterquartile
        case beyondHorizonAtLeast, greenThisWeek, everGreen, greenBothSentence, colGreenNow, legendGreenNow, legendEverGreen
        case phaseBefore, phaseDuring, delayLand, delayStart, delayLandOnSite, colPhase, colWeeksOfDelay
        case colCooperativesAffected, colMainDelayOf, delaysCaption, delaysTableCaption
        case sectionCooperatives, cooperativesIntro, cooperativesPrint, cooperativesByProvince, cooperativesPageTitle
        case cooperativesSearch, cooperativesShown, colMissingForGreen, colP50P90, colMainDelay, colWeeksSilent
        case criterionUnits, criterionKelembagaan, criterionLegalitas, criterionInfrastruktur, criterionHealth
        case everGreenNotForecast, notForecast
        case healthFallingIntro, healthNoFalling, healthSlips, healthRulesStandard, healthRulesFromSet
        case colOperating, colUnitsActive, colMedianTurnover, colP25Turnover, colP75Turnover, colActiveMemberShare
        case colFalling, colTrendPerWeek, colTurnoverNow, colTurnoverBefore, colUnitsNow, colUnitsBefore
        case colTurnoverFigures, colReference
        case sectionMoves, movesIntro, movesNone, dataQualityNote, moveNotExplained, moveNoReport
        case moveSameReport, qualityOk, qualityStale, qualityInconsistent, colP50Before, colMoveWeeks
        case colP50NowShort, colDataQuality, colExplainedBy, colExplainedWeeks, colChangedColumns
    }

    // swiftlint:disable function_body_length
    /// The row of `key`: the Indonesian and the English text.
    public static func entry(_ key: Key) -> (id: String, en: String) {
        switch key {
        // MARK: Frame
        case .reportTitle: ("Laporan Mingguan KDKMP — {1}", "KDKMP Weekly Report — {1}")
        case .reportSubtitle: ("Data per {1} · {2} minggu laporan", "Data as of {1} · {2} weekly reports")
        case .footerTool: ("Dibuat oleh kendali {1}. Tabel lengkap ada di folder data/ (CSV dan JSON).",
                           "Made by kendali {1}. Every table is in the data/ folder (CSV and JSON).")
        case .footerGenerated: ("Dibuat pada {1}.", "Generated at {1}.")
        case .contents: ("Isi", "Contents")
        case .moreRows: ("… dan {1} baris lagi di {2}.", "… and {1} more rows in {2}.")
        case .dataFiles: ("Data: {1}", "Data: {1}")
        case .cliWritten: ("Laporan {1} per {2} ditulis ke {3}", "Report for {1} as of {2} written to {3}")
        case .cliIndex: ("  index.html  halaman laporan (buka di peramban; siap cetak A4)",
                         "  index.html  the report page (open in a browser; prints on A4)")
        case .cliMarkdown: ("  report.md   isi yang sama dalam Markdown", "  report.md   the same content in Markdown")
        case .cliCharts: ("  charts/     {1} grafik SVG", "  charts/     {1} SVG charts")
        case .cliData: ("  data/       {1} tabel, CSV dan JSON", "  data/       {1} tables, CSV and JSON")
        case .cliPDF: ("  laporan.pdf halaman laporan dicetak ke PDF A4", "  laporan.pdf the report page printed to an A4 PDF")

        // MARK: Sections
        case .sectionSummary: ("Ringkasan", "Summary")
        case .sectionTrend: ("Tren zona", "Zone trend")
        case .sectionForecast: ("Prakiraan: kapan koperasi menjadi hijau", "Forecast: when cooperatives turn green")
        case .sectionFactors: ("Faktor penghambat dan biayanya", "Delay factors and what they cost")
        case .sectionSurvival: ("Waktu menuju hijau per {1} (Kaplan–Meier)", "Time to green by {1} (Kaplan–Meier)")
        case .sectionPriorities: ("Daftar prioritas", "Priority list")
        case .sectionBreakdown: ("Zona per {1}", "Zones by {1}")
        case .sectionChanges: ("Koperasi yang berganti zona minggu ini", "Cooperatives that changed zone this week")
        case .sectionSCurves: ("Kurva S pembangunan", "Construction S-curves")
        case .sectionWarnings: ("Peringatan data", "Data warnings")
        case .sectionVersions: ("Versi aturan, model dan data", "Rule set, model and data versions")

        // MARK: Vocabulary
        case .zoneGreen: ("Hijau", "Green")
        case .zoneYellow: ("Kuning", "Yellow")
        case .zoneRed: ("Merah", "Red")
        case .stageRegistered: ("Terdaftar", "Registered")
        case .stagePortal: ("Masuk portal", "In the portal")
        case .stageBuilding: ("Pembangunan", "Under construction")
        case .stageFinished: ("Bangunan selesai", "Building finished")
        case .stageOperating: ("Beroperasi", "Operating")
        case .stagePortalLandNotReady: ("Di portal, lahan belum siap", "In the portal, land not ready")
        case .stageNotStarted: ("Belum mulai membangun", "Not started")
        case .interventionLand: ("Lahan", "Land")
        case .interventionLabour: ("Tenaga kerja", "Labour")
        case .interventionTechnical: ("Teknis", "Technical")
        case .interventionCoaching: ("Pendampingan", "Coaching")
        case .interventionNone: ("tidak ada", "none")
        case .landNone: ("Tidak ada lahan", "No land")
        case .landProposed: ("Diusulkan", "Proposed")
        case .landVerification: ("Verifikasi", "Under verification")
        case .landReady: ("Siap", "Ready")
        case .landDisputed: ("Sengketa", "Disputed")
        case .redLandDisputed: ("Lahan sengketa", "Land disputed")
        case .redNoLand: ("Belum ada lahan padahal sudah di portal", "No land although in the portal")
        case .redStalled: ("Pembangunan macet (naik < 1 poin dalam 4 laporan)",
                           "Construction stalled (< 1 point in 4 reports)")
        case .levelNational: ("Nasional", "National")
        case .levelProvince: ("Provinsi", "Province")
        case .levelProvinces: ("provinsi", "province")
        case .levelRegency: ("Kabupaten/Kota", "Regency/City")
        case .levelRegencies: ("kabupaten/kota", "regency")
        case .levelDistrict: ("Kecamatan", "District")
        case .levelDistricts: ("kecamatan", "district")
        case .levelVillage: ("Desa/Kelurahan", "Village")
        case .levelVillages: ("desa/kelurahan", "village")
        case .factorLand: ("Lahan", "Land")
        case .factorWeather: ("Cuaca", "Weather")
        case .factorLabour: ("Tenaga kerja", "Labour")
        case .factorTechnical: ("Teknis", "Technical")
        case .causeLand: ("Lahan", "Land")
        case .causeWeather: ("Cuaca", "Weather")
        case .causeLabour: ("Tenaga kerja", "Labour")
        case .causeTechnical: ("Teknis", "Technical")
        case .causeStart: ("Menunggu mulai bangun", "Waiting to start building")
        case .causeOperations: ("Menunggu unit usaha buka", "Waiting for a business unit to open")
        case .causeInstitutional: ("Kelembagaan dan legalitas", "Institutional and legal gaps")
        case .warnUnknownColumn: ("Kolom tidak dikenal (diabaikan)", "Unknown column (ignored)")
        case .warnProgressDecreased: ("Progres fisik turun", "Physical progress went down")
        case .warnTahapBackwards: ("Tahap mundur", "Stage went backwards")
        case .warnCooperativeMissing: ("Koperasi tidak melapor minggu ini", "Cooperative missing this week")
        case .warnCompleteBuilding: ("Progres 100 tetapi tahap masih pembangunan",
                                     "Progress 100 while the stage is still construction")
        case .warnDuplicateRow: ("Baris kembar, disimpan sekali", "Repeated row, kept once")
        case .warnWindows1252: ("Berkas Windows-1252, bukan UTF-8; dibaca sebagai Windows-1252",
                                "Windows-1252 file, not UTF-8; read as Windows-1252")
        case .warnRegisterMismatch: ("Nama wilayah berbeda dari daftar koperasi", "Place name differs from the register")
        case .warnNewCode: ("Kode baru, belum pernah melapor", "New code, never reported before")
        case .warnUnusualWeekday: ("Tanggal laporan bukan hari laporan biasa", "Report date not on the usual weekday")
        case .warnNotReported: ("Koperasi terdaftar tidak melapor dua minggu atau lebih", "Registered cooperative silent two weeks or more")

        // MARK: Summary
        case .changeSinceLastWeek: ("{1} dari minggu lalu", "{1} since last week")
        case .figureReporting: ("Koperasi melapor", "Cooperatives reporting")
        case .ofKnown: ("dari {1} yang terdaftar", "of {1} known")
        case .figureMilestone: ("{1} pernah hijau (P50)", "{1} ever green (P50)")
        case .figureMilestoneDetail: ("{1} pernah hijau: {2}", "{1} ever green: {2}")
        case .noForecastShort: ("tanpa prakiraan", "no forecast")
        case .beyondHorizon: ("di luar horizon", "beyond the horizon")
        case .beyondHorizonUntil: ("setelah {1}", "after {1}")
        case .summarySentence:
            ("Per {1}, {2} dari {3} koperasi ({4}) berada di zona hijau, {5} di zona kuning dan {6} di zona merah.",
             "As of {1}, {2} of {3} cooperatives ({4}) are green, {5} yellow and {6} red.")
        case .summaryChange: ("Dibanding minggu lalu: hijau {1}, kuning {2}, merah {3}.",
                              "Since last week: green {1}, yellow {2}, red {3}.")
        case .missingThisWeek: ("{1} koperasi yang pernah melapor tidak melapor minggu ini; mereka tidak dihitung dalam zona minggu ini.",
                                "Missing this week although they reported before: {1}. They are not counted in this week's zones.")
        case .stagesCaption: ("Tahapan pembangunan minggu ini dan perubahannya.", "Stages this week and their change since last week.")
        case .meanProgress: ("Rata-rata progres fisik {2} koperasi yang sedang membangun: {1}%.",
                             "Mean physical progress of those under construction ({2}): {1}%.")

        // MARK: Trend
        case .trendChartTitle: ("Zona koperasi per minggu — {1}", "Cooperatives by zone per week — {1}")
        case .trendChartSubtitle: ("Jumlah koperasi yang melapor, ditumpuk menurut zona",
                                   "Cooperatives reporting, stacked by zone")
        case .trendCaption: ("Zona setiap koperasi pada setiap laporan, {1} minggu.",
                             "Each cooperative's zone at each report, {1} weeks.")
        case .trendSentence: ("Sejak {1}, jumlah koperasi hijau naik dari {2} menjadi {3}, dan merah berubah dari {4} menjadi {5}.",
                              "Since {1}, green cooperatives went from {2} to {3}, and red ones from {4} to {5}.")

        // MARK: Forecast
        case .burnUpChartTitle: ("Koperasi hijau: teramati dan prakiraan — {1}", "Green cooperatives: observed and forecast — {1}")
        case .burnUpSubtitleObserved: ("Pernah hijau (kumulatif) dan hijau minggu ini", "Ever green (cumulative) and green this week")
        case .burnUpSubtitleForecast: ("Pernah hijau dan hijau minggu ini (teramati); prakiraan pernah hijau dan pita P10–P90 ({1} simulasi per koperasi)",
                                       "Ever green and green this week (observed); forecast of ever green with its P10–P90 band ({1} simulated paths per cooperative)")
        case .burnUpCaption: ("Pita: 80% dunia simulasi berada di dalamnya. Garis titik-titik: tanggal median 50%, 90% dan 100% hijau. {1} simulasi per koperasi.",
                              "Band: 80% of the simulated worlds lie inside it. Dotted lines: median dates of 50%, 90% and 100% green. {1} paths per cooperative.")
        case .burnUpCaptionObserved: ("Hanya data teramati.", "Observed data only.")
        case .forecastDatesCaption: ("Tanggal median (P50) ketika bagian koperasi ini pernah hijau (prakiraan menghitung kapan koperasi pertama kali hijau).",
                                     "Median (P50) date by which this share of cooperatives has been green at least once (the forecast is about the first time a cooperative is green).")
        case .forecastExplain: ("Prakiraan Monte Carlo dari model tahapan, kecepatan pembangunan (kurva S), faktor penghambat dan musim hujan; {1} dari {2} koperasi sudah pernah hijau. Prakiraan adalah sebaran, bukan satu tanggal.",
                                "A Monte Carlo forecast from the stage models, construction speeds (S-curves), delay factors and the rainy season; {1} of {2} cooperatives have been green at least once. The forecast is a distribution, not a single date.")
        case .assumptionsIntro: ("Asumsi model (dari model, dalam bahasa Inggris):", "Model assumptions:")

        // MARK: Factors
        case .factorsChartTitle: ("Minggu keterlambatan per faktor, sebelum dan selama pembangunan — {1}", "Weeks of delay per factor, before and during construction — {1}")
        case .factorsChartSubtitle: ("Sebelum: minggu menunggu; selama: minggu bertanda × bagian kerja yang hilang (selang 95%)",
                                     "Before: weeks waited; during: flagged weeks × share of work lost (95% intervals)")
        case .factorsCaption: ("Model kemajuan pembangunan mingguan dengan faktor penghambat, diestimasi dari {1} pasang laporan; garis: selang kepercayaan 95% (robust per koperasi).",
                               "Weekly construction progress model with delay factors, fitted on {1} pairs of reports; whiskers: 95% intervals (cluster-robust by cooperative).")
        case .factorsTableCaption: ("Bagian kerja seminggu yang hilang bila faktor dilaporkan, dan minggu yang hilang di wilayah ini.",
                                    "Share of a week's work lost when a factor is reported, and the weeks lost in this area.")
        case .causesCaption: ("Rata-rata minggu keterlambatan per koperasi menurut penyebab, dari prakiraan {1} koperasi yang belum hijau.",
                              "Mean weeks of delay per cooperative by cause, from the forecast of the {1} cooperatives not yet green.")
        case .notEstimatedSuffix: ("(tidak diestimasi)", "(not estimated)")

        // MARK: Survival
        case .survivalChartTitle: ("Bagian koperasi yang belum hijau", "Share of cooperatives not yet green")
        case .survivalChartSubtitle: ("Kaplan–Meier sejak laporan pertama, pita 95%; garis putus-putus: seluruh wilayah",
                                      "Kaplan–Meier from the first report, 95% band; dashed: the whole area")
        case .survivalCaption: ("Waktu dihitung dari laporan pertama setiap koperasi; koperasi yang belum hijau disensor pada tanggal laporan terakhir.",
                                "Time runs from each cooperative's first report; cooperatives not yet green are censored at the latest report date.")
        case .omittedGroups: ("{1} wilayah kecil tidak digambar (semua ada di data/km_curves.csv).",
                              "Small areas not drawn: {1} (all are in data/km_curves.csv).")
        case .notReached: ("belum tercapai", "not reached")

        // MARK: Priorities
        case .prioritiesIntro: ("Peringkat dari {1}: urut menurut kenaikan peluang hijau sebelum tanggal target, lalu menurut minggu yang dimajukan; setiap baris memakai intervensi terbaiknya ({2} koperasi di wilayah ini).",
                                "Ranking from {1}: ordered by the gain in the chance of green by the target date, then by weeks gained; each row takes its best intervention ({2} cooperatives in this area).")

        // MARK: Breakdown
        case .breakdownChartTitle: ("Zona per {1}", "Zones by {1}")
        case .breakdownChartSubtitle: ("Jumlah dan persentase koperasi yang melapor, {1}", "Count and share of cooperatives reporting, {1}")
        case .breakdownCaption: ("Warna makin pekat berarti bagian makin besar (setiap kolom dengan skalanya sendiri); angka selalu tertulis.",
                                 "Darker means a larger share (each column on its own scale); the numbers are always written.")
        case .breakdownOnePerUnit: ("Setiap {1} punya satu koperasi, jadi tabel ini menunjukkan zonanya.",
                                    "Each {1} has one cooperative, so the table shows its zone.")

        // MARK: Changes
        case .changesSentence: ("{1} koperasi berganti zona: {2} memburuk, {3} membaik, {4} baru melapor.",
                                "Zone changes this week: {1} ({2} worse, {3} better, {4} reporting for the first time).")
        case .noChanges: ("Tidak ada koperasi yang berganti zona minggu ini.", "No cooperative changed zone this week.")
        case .firstWeekNoChanges: ("Ini minggu laporan pertama; belum ada perubahan untuk dibandingkan.",
                                   "This is the first reported week; there is no change to compare yet.")
        case .newCooperative: ("baru", "new")

        // MARK: S-curves
        case .sCurveTitlePriority: ("Kurva S koperasi prioritas teratas", "S-curves of the top-priority cooperatives")
        case .sCurveTitleDelayed: ("Kurva S koperasi yang paling terlambat", "S-curves of the most delayed cooperatives")
        case .sCurveTitleRequested: ("Kurva S pembangunan", "Construction S-curve")
        case .sCurveSubtitleBand: ("Progres fisik teramati dan proyeksi (pita: kecepatan P10–P90)",
                                   "Observed physical progress and projection (band: P10–P90 speed)")
        case .sCurveSubtitleObserved: ("Progres fisik teramati", "Observed physical progress")
        case .sCurveIntroPriority: ("Koperasi teratas dalam daftar prioritas yang sudah mulai membangun.",
                                    "The top cooperatives of the priority list that have started building.")
        case .sCurveIntroDelayed: ("Koperasi yang sedang membangun dengan tanggal hijau prakiraan paling lambat (tanpa prakiraan: yang paling lama membangun).",
                                   "Cooperatives under construction with the latest forecast green date (without a forecast: the longest building).")
        case .sCurveIntroRequested: ("Koperasi yang diminta.", "The cooperatives asked for.")
        case .sCurveCaptionBand: ("Proyeksi: kurva S gabungan dengan kecepatan koperasi itu (median, P10 dan P90) dan rata-rata hambatan yang dilaporkan ({1} kerja per minggu).",
                                  "Projection: the pooled S-curve at the cooperative's speed (median, P10 and P90) with the average reported delays ({1} of a week's work).")
        case .sCurveCaptionObserved: ("Hanya progres teramati; proyeksi memerlukan prakiraan.",
                                      "Observed progress only; the projection needs the forecast.")

        // MARK: Warnings
        case .noWarnings: ("Tidak ada peringatan data untuk wilayah ini.", "No data warnings for this area.")
        case .warningsIntro: ("Peringatan saat impor: baris tetap dipakai, tetapi datanya perlu diperiksa.",
                              "Warnings found on import: the rows are kept, but the data should be checked.")
        case .warningsLatestCaption: ("Peringatan minggu ini ({1}).",
                                      "This week's warnings ({1}).")

        // MARK: Versions
        case .versionsIntro: ("Laporan ini dapat diulang: data, aturan dan pengaturan model yang sama menghasilkan angka yang sama.",
                              "This report can be reproduced: the same data, rules and model settings give the same numbers.")
        case .versionTool: ("Alat", "Tool")
        case .versionRuleSet: ("Aturan zona", "Zone rule set")
        case .versionRuleSetSource: ("Sumber aturan", "Rule set source")
        case .versionRuleSetDigest: ("SHA-256 aturan (JSON)", "Rule set SHA-256 (JSON)")
        case .versionDataSource: ("Sumber data", "Data source")
        case .versionWeeks: ("Minggu laporan", "Weekly reports")
        case .versionLatestFile: ("Berkas terbaru", "Latest file")
        case .versionLatestDigest: ("SHA-256 berkas terbaru", "Latest file SHA-256")
        case .versionDataDigest: ("SHA-256 seluruh data", "Whole data SHA-256")
        case .versionForecast: ("Prakiraan", "Forecast")
        case .versionModel: ("Model pembangunan", "Construction model")
        case .builtInRules: ("bawaan", "built in")
        case .forecastSettings: ("seed {1}, {2} simulasi per koperasi, horizon {3} minggu",
                                 "seed {1}, {2} paths per cooperative, horizon {3} weeks")
        case .modelSettings: ("{1} pasang laporan, {2}", "{1} pairs of reports, {2}")
        case .converged: ("konvergen", "converged")
        case .notConverged: ("TIDAK konvergen", "NOT converged")
        case .notRun: ("tidak dijalankan", "not run")

        // MARK: Not available
        case .forecastNotRequested: ("Belum tersedia: prakiraan tidak dijalankan untuk laporan ini.",
                                     "Not available: the forecast was not run for this report.")
        case .forecastFailed: ("Belum tersedia: model prakiraan tidak dapat diestimasi dari data ini.",
                               "Not available: the forecast models could not be fitted to this data.")
        case .forecastNotAtDistrict: ("Belum tersedia di tingkat kecamatan: prakiraan hanya diringkas per kabupaten/kota dan provinsi.",
                                      "Not available at district tier: the forecast is summarised per regency and province only.")
        case .prioritiesNotGiven: ("Belum tersedia: tidak ada peringkat prioritas yang diberikan. Buat dengan `kendali rank --format csv > prioritas.csv`, lalu `kendali report ... --priorities prioritas.csv`.",
                                   "Not available: no priority ranking was given. Make one with `kendali rank --format csv > priorities.csv`, then `kendali report ... --priorities priorities.csv`.")
        case .survivalFailed: ("Belum tersedia: kurva Kaplan–Meier tidak dapat dihitung.", "Not available: the Kaplan–Meier curves could not be computed.")
        case .noneBuilding: ("Tidak ada koperasi yang sedang membangun di wilayah ini.", "No cooperative is under construction in this area.")
        case .requestedNotFound: ("Koperasi yang diminta tidak ada di wilayah ini.", "The cooperatives asked for are not in this area.")
        case .detailPrefix: ("Rincian:", "Detail:")

        // MARK: Chart words
        case .axisCooperatives: ("Koperasi", "Cooperatives")
        case .axisGreenCooperatives: ("Koperasi hijau", "Green cooperatives")
        case .axisWeeksLost: ("Minggu keterlambatan", "Weeks of delay")
        case .axisWeeksSinceFirst: ("Minggu sejak laporan pertama", "Weeks since the first report")
        case .axisNotGreen: ("Belum hijau", "Not yet green")
        case .axisProgress: ("Progres fisik (%)", "Physical progress (%)")
        case .legendBand: ("Prakiraan P10–P90", "Forecast P10–P90")
        case .legendExpected: ("Prakiraan (harapan)", "Forecast (expected)")
        case .legendObserved: ("Teramati", "Observed")
        case .legendGroup: ("Wilayah", "Area")
        case .legendWholeUnit: ("Seluruh {1}", "All of {1}")
        case .legendProjection: ("Proyeksi median", "Median projection")
        case .legendProjectionBand: ("Proyeksi P10–P90", "Projection P10–P90")
        case .legendObservedProgress: ("Progres teramati", "Observed progress")
        case .ruleTotal: ("Total {1}", "Total {1}")
        case .ruleToday: ("Minggu ini", "This week")

        // MARK: Table columns
        case .colZone: ("Zona", "Zone")
        case .colCooperatives: ("Koperasi", "Cooperatives")
        case .colChange: ("Perubahan", "Change")
        case .colShare: ("Bagian", "Share")
        case .colStage: ("Tahap", "Stage")
        case .colStageCode: ("Kode tahap", "Stage code")
        case .colDate: ("Tanggal", "Date")
        case .colReporting: ("Melapor", "Reporting")
        case .colObservedGreen: ("Pernah hijau (teramati)", "Ever green (observed)")
        case .colExpected: ("Prakiraan", "Expected")
        case .colMilestone: ("Tonggak", "Milestone")
        case .colCooperativesNeeded: ("Koperasi hijau", "Cooperatives green")
        case .colP50Date: ("Tanggal P50", "P50 date")
        case .colFactor: ("Faktor", "Factor")
        case .colColumn: ("Kolom", "Column")
        case .colEstimated: ("Diestimasi", "Estimated")
        case .colShareLost: ("Kerja hilang", "Work lost")
        case .colShareLostInterval: ("Kerja hilang per minggu bertanda (selang 95%)", "Work lost per flagged week (95% interval)")
        case .colWeeksLostInterval: ("Minggu hilang (selang 95%)", "Weeks lost (95% interval)")
        case .colLower95: ("Batas bawah 95%", "Lower 95%")
        case .colUpper95: ("Batas atas 95%", "Upper 95%")
        case .colFlaggedWeeks: ("Minggu dilaporkan", "Flagged weeks")
        case .colWeeksLost: ("Minggu hilang", "Weeks lost")
        case .colCause: ("Penyebab", "Cause")
        case .colMeanWeeks: ("Rata-rata minggu", "Mean weeks")
        case .colMainCauseOf: ("Penyebab utama bagi", "Main cause for")
        case .colCode: ("Kode", "Code")
        case .colName: ("Nama", "Name")
        case .colGreenSoFar: ("Sudah hijau", "Green so far")
        case .colMedianWeeks: ("Median minggu", "Median weeks")
        case .colWeeks: ("Minggu", "Weeks")
        case .colNotGreen: ("Belum hijau", "Not green")
        case .colRank: ("Peringkat", "Rank")
        case .colVillage: ("Desa", "Village")
        case .colIntervention: ("Intervensi", "Intervention")
        case .colP50Now: ("P50 sekarang", "P50 now")
        case .colP50After: ("P50 sesudah", "P50 after")
        case .colWeeksGained: ("Minggu lebih cepat", "Weeks gained")
        case .colReason: ("Alasan", "Reason")
        case .colGreenShare: ("Bagian hijau", "Green share")
        case .colGreenChange: ("Perubahan hijau", "Green change")
        case .colDistrict: ("Kecamatan", "District")
        case .colRegency: ("Kabupaten/Kota", "Regency")
        case .colFrom: ("Dari", "From")
        case .colTo: ("Menjadi", "To")
        case .colLand: ("Lahan", "Land")
        case .colRedReason: ("Alasan merah", "Why red")
        case .colProgress: ("Progres (%)", "Progress (%)")
        case .colWeeksBuilding: ("Minggu membangun", "Weeks building")
        case .colP50Green: ("Hijau P50", "Green P50")
        case .colMedian: ("Median", "Median")
        case .colP10Speed: ("Kecepatan P10", "P10 speed")
        case .colP90Speed: ("Kecepatan P90", "P90 speed")
        case .colKind: ("Jenis", "Kind")
        case .colDescription: ("Keterangan", "Description")
        case .colLatestWeek: ("Minggu ini", "This week")
        case .colAllWeeks: ("Semua minggu", "All weeks")
        case .colFile: ("Berkas", "File")
        case .colLine: ("Baris", "Line")
        case .colValue: ("Nilai", "Value")
        case .colExpectedValue: ("Yang diharapkan", "Expected")
        case .colItem: ("Butir", "Item")
        case .total: ("Total", "Total")
        case .yes: ("ya", "yes")
        case .no: ("tidak", "no")

        // MARK: Operations and business health
        case .sectionHealth: ("Operasional dan kesehatan usaha", "Operations and business health")
        case .healthIntro: ("{1} koperasi beroperasi minggu ini dengan {2} unit usaha aktif.",
                            "{1} cooperatives operate this week with {2} business units.")
        case .healthTurnover: ("Median omzet bulanan Rp{1} (P25–P75: Rp{2}–Rp{3})", "Median monthly turnover Rp{1} (P25–P75: Rp{2}–Rp{3})")
        case .healthNoTurnover: ("Belum ada angka omzet", "No turnover figures yet")
        case .healthMembers: ("; {1} anggota aktif.", "; {1} of members active.")
        case .healthNoneOperating: ("Belum ada koperasi yang beroperasi minggu ini.", "No cooperative operates this week.")
        case .healthTrendSentence: ("Tren median omzet dalam {1} laporan terakhir: {2} per minggu (kemiringan Theil–Sen).",
                                    "Trend of the median turnover over the last {1} reports: {2} a week (Theil–Sen slope).")
        case .healthTableCaption:
            ("Koperasi yang beroperasi minggu ini. Omzet dalam rupiah per bulan (median dan kuartil); anggota aktif = jumlah anggota aktif dibagi jumlah anggota.",
             "Cooperatives operating this week. Turnover in rupiah a month (median and quartiles); active members = active members over all members.")
        case .healthChartTitle: ("Median omzet bulanan per {1}", "Median monthly turnover by {1}")
        case .healthChartSubtitle: ("Juta rupiah per bulan; pita = P25–P75 koperasi yang beroperasi",
                                    "Million rupiah a month; band = P25–P75 of the operating cooperatives")
        case .healthCaption: ("Median dan P25–P75 omzet bulanan koperasi yang beroperasi, per minggu laporan.",
                              "Median and P25–P75 monthly turnover of the operating cooperatives, by report week.")
        case .axisTurnover: ("Omzet (juta Rp)", "Turnover (million Rp)")
        case .legendMedian: ("Median", "Median")
        case .legendInterquartile: ("P25–P75", "P25–P75")
        case .healthFallingIntro:
            ("{1} koperasi yang beroperasi sedang menurun: median omzet {2} laporan terakhir paling tinggi {3} dari median {2} laporan sebelumnya, anggota aktif di bawah {4}, atau unit usaha berkurang dibanding {2} laporan lalu. Merekalah yang paling membutuhkan pendampingan.",
             "{1} operating cooperatives are falling: the median turnover of their last {2} reports is at most {3} of the {2} before, fewer than {4} of members are active, or they run fewer business units than {2} reports ago. They need coaching most.")
        case .healthNoFalling: ("Tidak ada koperasi beroperasi yang menurun minggu ini.", "No operating cooperative is falling this week.")
        case .healthSlips:
            ("{1} angka omzet minggu ini meleset {2} kali atau lebih dari median koperasinya sendiri (rupiah dan ribuan tertukar); angka itu peringatan data, tidak dihitung ({3} dalam semua minggu).",
             "{1} turnover figures this week are off by a factor of {2} or more from the cooperative's own median (rupiah and thousands mixed up); they are data warnings, not counted ({3} in all weeks).")
        case .healthRulesStandard: ("Ambang penurunan: ambang standar ({1} tidak memuatnya); zona tidak berubah karena penurunan.",
                                    "Falling thresholds: the standard ones ({1} has none); falling does not change the zone.")
        case .healthRulesFromSet: ("Ambang penurunan dari {1}: koperasi beroperasi yang menurun paling baik {2}.",
                                   "Falling thresholds from {1}: an operating cooperative that is falling is at best {2}.")
        case .colOperating: ("Beroperasi", "Operating")
        case .colUnitsActive: ("Unit usaha aktif", "Business units")
        case .colMedianTurnover: ("Median omzet (Rp)", "Median turnover (Rp)")
        case .colP25Turnover: ("P25 omzet (Rp)", "P25 turnover (Rp)")
        case .colP75Turnover: ("P75 omzet (Rp)", "P75 turnover (Rp)")
        case .colActiveMemberShare: ("Anggota aktif", "Active members")
        case .colFalling: ("Menurun", "Falling")
        case .colTrendPerWeek: ("Tren per minggu", "Trend a week")
        case .colTurnoverNow: ("Omzet kini (Rp)", "Turnover now (Rp)")
        case .colTurnoverBefore: ("Omzet sebelumnya (Rp)", "Turnover before (Rp)")
        case .colUnitsNow: ("Unit kini", "Units now")
        case .colUnitsBefore: ("Unit sebelumnya", "Units before")
        case .colTurnoverFigures: ("Angka omzet", "Turnover figures")
        case .colReference: ("Median koperasi (Rp)", "Cooperative's median (Rp)")
        case .sectionMoves: ("Prakiraan yang bergeser", "Forecasts that moved")
        case .movesIntro:
            ("Prakiraan yang bergeser: {1} P50 yang paling bergeser sejak prakiraan per {2}, dengan perubahan laporan yang menjelaskan sebagian besar geserannya (dalam kurung: minggu yang dijelaskannya).",
             "Forecasts that moved: the {1} P50s that moved most since the forecast as of {2}, with the report's change that explains most of the move (in brackets: the weeks it explains).")
        case .movesNone: ("Prakiraan yang bergeser: tidak ada P50 yang bergeser 2 minggu atau lebih sejak {1}.",
                          "Forecasts that moved: no P50 moved by 2 weeks or more since {1}.")
        case .dataQualityNote:
            ("Kualitas data: {1} dari {2} koperasi yang diprakirakan tidak melapor 3 minggu atau lebih (usang), {3} laporan terakhirnya bertentangan dengan sebelumnya (tidak konsisten); rentang P10–P90 mereka diperlebar, tidak dipersempit.",
             "Data quality: of the {2} cooperatives forecast, {1} have been silent for 3 weeks or more (stale) and {3} sent a last report that contradicts the one before (inconsistent); their P10–P90 intervals are widened, never narrowed.")
        case .moveNotExplained: ("{1} perubahan, tak satu pun dominan", "{1} changes, none dominant")
        case .moveNoReport: ("Tidak melapor minggu ini", "No report this week")
        case .moveSameReport: ("Laporan sama; model dipasang ulang", "Same report; models refitted")
        case .qualityOk: ("baik", "ok")
        case .qualityStale: ("usang", "stale")
        case .qualityInconsistent: ("tidak konsisten", "inconsistent")
        case .colP50Before: ("P50 lalu", "P50 before")
        case .colMoveWeeks: ("Geser (mgg)", "Move (wk)")
        case .colP50NowShort: ("P50 kini", "P50 now")
        case .colDataQuality: ("Kualitas data", "Data quality")
        case .colExplainedBy: ("Dijelaskan oleh", "Explained by")
        case .colExplainedWeeks: ("Minggu yang dijelaskan", "Weeks explained")
        case .colChangedColumns: ("Kolom yang berubah", "Columns changed")

        // MARK: Green this week and ever green
        case .beyondHorizonAtLeast: ("di luar horizon (setidaknya {1} minggu)", "beyond the horizon (at least {1} weeks)")
        case .greenThisWeek: ("hijau minggu ini", "green this week")
        case .everGreen: ("pernah hijau", "ever green")
        case .greenBothSentence:
            ("Dua hitungan hijau: hijau minggu ini {1} (zona laporan minggu ini, seperti kendali status) dan pernah hijau {2} (hijau pada suatu laporan sejauh ini; prakiraan menghitung kapan koperasi pertama kali hijau). {3} koperasi pernah hijau tetapi tidak hijau minggu ini (turun zona atau tidak melapor).",
             "Two counts of green: green this week {1} (the zone of this week's reports, as kendali status counts it) and ever green {2} (green at some report so far; the forecast is about the first time a cooperative is green). Ever green but not green this week (fell back or not reporting): {3}.")
        case .colGreenNow: ("Hijau minggu ini", "Green this week")
        case .legendGreenNow: ("Hijau minggu ini", "Green this week")
        case .legendEverGreen: ("Pernah hijau", "Ever green")

        // MARK: Delay accounting
        case .phaseBefore: ("Sebelum pembangunan", "Before construction")
        case .phaseDuring: ("Selama pembangunan", "During construction")
        case .delayLand: ("Lahan belum siap", "Land not ready")
        case .delayStart: ("Menunggu mulai bangun", "Waiting to start building")
        case .delayLandOnSite: ("Masalah lahan di lokasi", "Land problem on site")
        case .colPhase: ("Fase", "Phase")
        case .colWeeksOfDelay: ("Minggu keterlambatan", "Weeks of delay")
        case .colCooperativesAffected: ("Koperasi terdampak", "Cooperatives affected")
        case .colMainDelayOf: ("Hambatan utama bagi", "Main delay for")
        case .delaysCaption:
            ("Sebelum pembangunan: minggu menunggu lahan siap, lalu menunggu mulai bangun. Selama pembangunan: minggu bertanda × bagian kerja yang hilang (model dari {1} pasang laporan), garis: selang 95%. Tabel penyebab dan kendali factors memakai hitungan yang sama.",
             "Before construction: weeks waiting for the land, then for the start. During construction: flagged weeks × the share of work lost (model fitted on {1} pairs of reports), whiskers: 95% intervals. The causes table and kendali factors use the same accounting.")
        case .delaysTableCaption:
            ("Minggu keterlambatan sejauh ini per faktor dan fase di wilayah ini, dan bagi berapa koperasi faktor itu hambatan terbesar.",
             "Weeks of delay so far per factor and phase in this area, and for how many cooperatives each is the largest delay.")

        // MARK: Every cooperative
        case .sectionCooperatives: ("Semua koperasi", "Every cooperative")
        case .cooperativesIntro:
            ("{1} koperasi di wilayah ini, urut kode. Ketik untuk mencari (kode 10 angka, nama, desa, kecamatan); klik judul kolom untuk mengurutkan.",
             "{1} cooperatives in this area, by code. Type to search (10-digit code, name, village, district); click a column header to sort.")
        case .cooperativesPrint: ("Tabel ini tidak dicetak; datanya ada di {1}.", "This table is not printed; its data is in {1}.")
        case .cooperativesByProvince:
            ("Di tingkat nasional, daftar koperasi dibagi per provinsi; setiap halaman di bawah memuat semua koperasi provinsinya. Semua baris ada di {1}.",
             "At national level the list is split by province; each page below holds every cooperative of its province. Every row is in {1}.")
        case .cooperativesPageTitle: ("Semua koperasi — {1}", "Every cooperative — {1}")
        case .cooperativesSearch: ("Cari", "Search")
        case .cooperativesShown: ("baris tampil", "rows shown")
        case .colMissingForGreen: ("Kurang untuk hijau", "Missing for green")
        case .colP50P90: ("P50 / P90 hijau", "P50 / P90 green")
        case .colMainDelay: ("Hambatan utama", "Main delay")
        case .colWeeksSilent: ("Minggu tanpa laporan", "Weeks silent")
        case .criterionUnits: ("unit usaha {1}/{2}", "business units {1}/{2}")
        case .criterionKelembagaan: ("kelembagaan {1}/{2}", "institutional {1}/{2}")
        case .criterionLegalitas: ("legalitas {1}/{2}", "legal {1}/{2}")
        case .criterionInfrastruktur: ("infrastruktur {1}/{2}", "infrastructure {1}/{2}")
        case .criterionHealth: ("usaha menurun", "business falling")
        case .everGreenNotForecast: ("sudah pernah hijau", "already green once")
        case .notForecast: ("tanpa prakiraan", "not forecast")
        }
    }
}

extension ReportText.Key {
    /// The note of a section whose data the analysis does not have.
    public init(_ reason: UnavailableReason) {
        switch reason {
        case .forecastNotRequested: self = .forecastNotRequested
        case .forecastFailed: self = .forecastFailed
        case .forecastNotAtDistrict: self = .forecastNotAtDistrict
        case .survivalFailed: self = .survivalFailed
        case .prioritiesNotGiven: self = .prioritiesNotGiven
        case .requestedNotFound: self = .requestedNotFound
        case .noneBuilding: self = .noneBuilding
        }
    }
}

extension SCurveSelection {
    /// The chart title's key.
    var titleKey: ReportText.Key {
        switch self {
        case .priority: .sCurveTitlePriority
        case .mostDelayed: .sCurveTitleDelayed
        case .requested: .sCurveTitleRequested
        }
    }

    /// The section introduction's key.
    var introKey: ReportText.Key {
        switch self {
        case .priority: .sCurveIntroPriority
        case .mostDelayed: .sCurveIntroDelayed
        case .requested: .sCurveIntroRequested
        }
    }
}
