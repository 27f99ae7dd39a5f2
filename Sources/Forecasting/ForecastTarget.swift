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

    /// Why `target` cannot be a forecast's target when the data end at `asOf`, or `nil`
    /// when it can: a target on or before the as-of week asks for the chance of something
    /// that is already known, so `rank`, `whatif` and `forecast` refuse it, naming both dates
    /// and the option (`option`) that gave it.
    public static func targetProblem(_ target: Day, asOf: Day, option: String = "--target") -> String? {
        target > asOf ? nil
            : "\(option) \(target.iso) is not after the as-of week \(asOf.iso): the chance of green is forecast for a later date"
    }
}

extension GreenForecast {
    /// The date of ``CooperativeForecast/probabilityGreenByTarget``: the options' target,
    /// or the as-of week + 26 weeks when the options name none.
    public var targetDate: Day { options.target ?? date(ofWeek: asOfWeek + 26) }
}
