import Analysis
import KendaliData

/// The one-sentence explanation of a priority row, in the report's language: each row of
/// the ranking explains itself.
public enum PriorityReason {
    /// The intervention's name for planners.
    public static func name(_ kind: InterventionKind, _ language: ReportLanguage) -> String {
        switch (kind, language) {
        case (.land, .id): "penyelesaian lahan"
        case (.labour, .id): "tambahan tenaga kerja"
        case (.technical, .id): "bantuan teknis"
        case (.coaching, .id): "pendampingan kelembagaan dan legalitas"
        case (.land, .en): "resolving land"
        case (.labour, .en): "ending the labour shortage"
        case (.technical, .en): "ending the technical stoppage"
        case (.coaching, .en): "coaching on the institutional and legal gaps"
        }
    }

    /// The delay cause's name for planners.
    public static func name(_ cause: DelayCause, _ language: ReportLanguage) -> String {
        switch (cause, language) {
        case (.land, .id): "lahan"
        case (.weather, .id): "cuaca"
        case (.labour, .id): "tenaga kerja"
        case (.technical, .id): "teknis"
        case (.start, .id): "menunggu mulai pembangunan"
        case (.operations, .id): "menunggu unit usaha beroperasi"
        case (.institutional, .id): "kelembagaan dan legalitas"
        case (.land, .en): "land"
        case (.weather, .en): "weather"
        case (.labour, .en): "labour"
        case (.technical, .en): "technical problems"
        case (.start, .en): "waiting for construction to start"
        case (.operations, .en): "waiting for a business unit to open"
        case (.institutional, .en): "institutional and legal gaps"
        }
    }

    /// The sentence of `row`: the intervention, from when, the P50 green date before and
    /// after, the weeks gained and the change in the probability of green by the target
    /// date; the land status is named for a land intervention before construction.
    public static func sentence(_ row: PriorityExplanation, language: ReportLanguage) -> String {
        let f = ReportFormatter(language)
        func when(_ day: Day?) -> String {
            guard let day else { return language == .id ? "di luar horizon" : "beyond the horizon" }
            return f.date(day)
        }
        guard let kind = row.intervention else {
            let cause = name(row.mainCause, language)
            return language == .id
                ? "Tidak ada intervensi yang memajukan perkiraan P50 hijau (\(when(row.p50Now))); hambatan utama: \(cause)."
                : "No intervention moves the P50 green date (\(when(row.p50Now))); the main delay: \(cause)."
        }
        var what = name(kind, language)
        if kind == .land, let landStatus = row.landStatus, landStatus != .siap, row.notStarted {
            let land = ReportText(language).landName(landStatus).lowercased()
            what += language == .id ? " (kini \(land))" : " (now \(land))"
        }
        let weeks = row.weeksGained
        let dp = row.probabilityGain
        let from = f.date(row.from)
        let targetText = f.date(row.target)
        if language == .id {
            var s = "Dengan \(what) mulai \(from), "
            if weeks == 0 {
                s += "perkiraan P50 hijau tetap \(when(row.p50Now))"
            } else if row.p50Now == nil {
                s += "perkiraan P50 hijau menjadi \(when(row.p50After)) (kini di luar horizon: setidaknya \(f.integer(weeks)) minggu lebih cepat)"
            } else {
                s += "perkiraan P50 hijau maju dari \(when(row.p50Now)) ke \(when(row.p50After)) (\(f.integer(weeks)) minggu lebih cepat)"
            }
            s += abs(dp) >= 0.005
                ? "; peluang hijau sebelum \(targetText) berubah \(f.percentagePoints(dp, digits: 0)) persen."
                : "; peluang hijau sebelum \(targetText) hampir tidak berubah."
            return s
        }
        var s = what.prefix(1).uppercased() + what.dropFirst() + " from \(from) "
        if weeks == 0 {
            s += "leaves the P50 green date at \(when(row.p50Now))"
        } else if row.p50Now == nil {
            s += "brings the P50 green date to \(when(row.p50After)) (now beyond the horizon: at least \(f.integer(weeks)) weeks earlier)"
        } else {
            s += "brings the P50 green date forward from \(when(row.p50Now)) to \(when(row.p50After)) (\(f.integer(weeks)) week\(weeks == 1 ? "" : "s") earlier)"
        }
        s += abs(dp) >= 0.005
            ? "; the chance of green by \(targetText) changes by \(f.percentagePoints(dp, digits: 0))."
            : "; the chance of green by \(targetText) hardly changes."
        return s
    }
}
