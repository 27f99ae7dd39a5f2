import KendaliData

/// How far a cooperative's last reports can be trusted as its state at the as-of week.
///
/// - `stale`: its last report is ``Panel/staleAfterWeeks`` (3) or more grid weeks before
///   the as-of week, so its state now is not known;
/// - `inconsistent`: its last report contradicts the report before it — `progres_fisik`
///   fell by more than ``Panel/progressDropTolerance`` (2) points, or `tahap` went back —
///   so one of the two is wrong and it is not known which;
/// - `ok` otherwise. A cooperative both stale and inconsistent is `stale`.
///
/// The forecast of a cooperative whose data quality is not `ok` starts its paths from
/// both readings of its state (see ``GreenForecaster``), and its P10–P90 interval is never
/// narrower than the one the last report read as fresh would give.
public enum DataQuality: String, CaseIterable, Sendable, Codable {
    /// The last reports are recent and agree.
    case ok
    /// Silent for ``Panel/staleAfterWeeks`` weeks or more.
    case stale
    /// The last two reports contradict each other.
    case inconsistent
}

extension Panel {
    /// Grid weeks since the last report from which a cooperative is ``DataQuality/stale``:
    /// a cooperative that reported 3 weeks before the as-of week has missed three weeks.
    public static let staleAfterWeeks = 3

    /// A fall of `progres_fisik` between two consecutive reports larger than this many
    /// points makes them ``DataQuality/inconsistent`` (smaller falls are reporting noise).
    public static let progressDropTolerance = 2.0

    /// The grid week of cooperative `i`'s last report before week `t` (exclusive), or `nil`.
    public func report(of i: Int, before t: Int) -> Int? {
        t > 0 ? lastReport(of: i, upTo: t - 1) : nil
    }

    /// The data quality of cooperative `i` at as-of week `t` (see ``DataQuality``); `ok`
    /// for a cooperative with no report by `t`.
    ///
    /// - Complexity: O(weeks back to its last two reports).
    public func dataQuality(of i: Int, at t: Int) -> DataQuality {
        guard let last = lastReport(of: i, upTo: t) else { return .ok }
        if t - last >= Self.staleAfterWeeks { return .stale }
        return contradicts(cooperative: i, at: last) ? .inconsistent : .ok
    }

    /// True when cooperative `i`'s report at week `w` contradicts its report before it:
    /// progress (both reported) fell by more than ``progressDropTolerance`` points, or the
    /// stage code (both known) went down.
    public func contradicts(cooperative i: Int, at w: Int) -> Bool {
        guard let before = report(of: i, before: w) else { return false }
        let a = cell(i, before), b = cell(i, w)
        if !progress[a].isNaN, !progress[b].isNaN,
           Double(progress[a]) - Double(progress[b]) > Self.progressDropTolerance { return true }
        let absent = Tahap.absentCode
        return tahap[a] != absent && tahap[b] != absent && tahap[b] < tahap[a]
    }
}
