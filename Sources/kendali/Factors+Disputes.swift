import Forecasting
import KendaliData
import Reports

extension Factors {
    /// The site-disputes section of the table: the work done in a disputed week as a share
    /// of what the model expects, how often a dispute arises and how long one lasts.
    static func disputeTable(_ d: SiteDisputes?, language: ReportLanguage = .en) -> String {
        guard let d, d.disputedWeeks > 0 || d.episodes > 0 else { return "" }
        let fm = ReportFormatter(language)
        func x(_ v: Double, _ digits: Int) -> String { fm.decimal(v, digits: digits) }
        let lo = max(0, d.workShare - 1.96 * d.workShareStandardError)
        let hi = min(1, d.workShare + 1.96 * d.workShareStandardError)
        let median = d.law.median()
        if language == .id {
            return "\nSengketa lahan di lokasi pembangunan (status_lahan = sengketa; di luar model faktor): "
                + "kerja minggu bersengketa \(x(100 * d.workShare, 0)) % dari yang diharapkan "
                + "(selang 95% \(x(100 * lo, 0))–\(x(100 * hi, 0)) %, \(fm.integer(d.disputedWeeks)) minggu); "
                + "muncul \(x(100 * d.onset, 2)) % per minggu pembangunan; \(fm.integer(d.episodes)) episode, "
                + "median lama \(median.map { fm.integer($0) + " minggu" } ?? "–")\n"
        }
        return "\nLand disputes on building sites (status_lahan = sengketa; outside the factor model): "
            + "a disputed week does \(x(100 * d.workShare, 0)) % of the work expected "
            + "(95 % interval \(x(100 * lo, 0))–\(x(100 * hi, 0)) %, \(fm.integer(d.disputedWeeks)) weeks); "
            + "one arises in \(x(100 * d.onset, 2)) % of construction weeks; \(fm.integer(d.episodes)) episodes, "
            + "median length \(median.map { fm.integer($0) + " weeks" } ?? "–")\n"
    }

    /// The site disputes as a JSON object.
    static func disputeJSON(_ d: SiteDisputes) -> String {
        let n = Tabular.jsonNumber
        return "{\"disputed_weeks\": \(d.disputedWeeks), \"work_share\": \(n(d.workShare)), "
            + "\"work_share_se\": \(n(d.workShareStandardError)), \"onset_per_week\": \(n(d.onset)), "
            + "\"episodes\": \(d.episodes), \"median_weeks\": \(d.law.median().map(String.init) ?? "null"), "
            + "\"hazard_by_week\": [" + d.law.hazard.map { n($0) }.joined(separator: ", ") + "], \"tail_hazard\": \(n(d.law.tail))}"
    }
}
