import KendaliData

extension ForecastOptions {
    /// The target date used when none is given: 31 December of the year of `lastReport`
    /// (the province's reporting horizon); 26 weeks after `lastReport` when that date
    /// cannot be formed (a year outside 1…9999).
    ///
    /// The probability of green by the target and the priority ranking are computed for
    /// this date by `kendali rank`, `kendali whatif` and the weekly report alike.
    public static func defaultTarget(lastReport: Day) -> Day {
        Day(year: lastReport.components.year, month: 12, day: 31) ?? lastReport.adding(days: 7 * 26)
    }
}

extension GreenForecast {
    /// The date of ``CooperativeForecast/probabilityGreenByTarget``: the options' target,
    /// or the as-of week + 26 weeks when the options name none.
    public var targetDate: Day { options.target ?? date(ofWeek: asOfWeek + 26) }
}
