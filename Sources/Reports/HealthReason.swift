import Analysis
import KendaliData

/// Why an operating cooperative is falling, in the report's language: each reason with the
/// figures that show it, so the list explains itself.
public enum HealthReason {
    /// The reasons of `assessment`, joined by "; ": the turnover fall with both medians,
    /// the share of active members, the business units before and now.
    public static func sentence(_ assessment: HealthAssessment, language: ReportLanguage) -> String {
        assessment.reasons.map { phrase($0, assessment, language: language) }.joined(separator: "; ")
    }

    /// One reason with its figures.
    public static func phrase(_ reason: FallingReason, _ a: HealthAssessment, language: ReportLanguage) -> String {
        let f = ReportFormatter(language)
        func rupiah(_ v: Double?) -> String { v.map { "Rp" + f.integer(Int($0.rounded())) } ?? ReportFormatter.missing }
        switch reason {
        case .turnoverFell:
            var fall = ReportFormatter.missing
            if let now = a.turnoverNow, let before = a.turnoverBefore, before > 0 {
                fall = f.percent(1 - now / before)
            }
            return language == .id
                ? "median omzet turun \(fall) (\(rupiah(a.turnoverNow)) dari \(rupiah(a.turnoverBefore)))"
                : "median turnover down \(fall) (\(rupiah(a.turnoverNow)) from \(rupiah(a.turnoverBefore)))"
        case .fewActiveMembers:
            let share = a.activeMemberShare.map { f.percent($0, digits: 1) } ?? ReportFormatter.missing
            return language == .id ? "hanya \(share) anggota aktif" : "only \(share) of members active"
        case .unitsLost:
            let before = a.unitsBefore.map(f.integer) ?? ReportFormatter.missing
            return language == .id
                ? "unit usaha berkurang dari \(before) menjadi \(f.integer(a.unitsNow))"
                : "business units down from \(before) to \(f.integer(a.unitsNow))"
        }
    }
}
