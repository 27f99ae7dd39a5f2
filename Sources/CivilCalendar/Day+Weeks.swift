extension Day {
    /// How ``Day/weeks(to:rounding:)`` turns a day count that is not a whole number of
    /// weeks into weeks.
    public enum WeekRounding: Sendable, Hashable {
        /// Toward the earlier week (floor): the week that starts on or before the day.
        case down
        /// To the nearest week. Seven is odd, so there are no ties: 3 days past a week
        /// round down, 4 days round up.
        case nearest
        /// Toward the later week (ceiling): the first week that starts on or after the day.
        case up
    }

    /// The number of 7-day weeks from `self` to `other`, rounded as `rounding` says: the
    /// index of `other` on a weekly grid whose week 0 is `self`.
    ///
    /// With d = `days(to: other)`:
    ///
    /// ```
    /// down     ⌊d / 7⌋
    /// nearest  ⌊(d + 3) / 7⌋      (= d / 7 rounded half away from zero; 7 is odd, no ties)
    /// up       ⌈d / 7⌉
    /// ```
    ///
    /// Floor and ceiling are the mathematical ones for negative d too (1 day before week
    /// 0 is week −1 rounded down and week 0 rounded up), so the result is negative
    /// exactly when `other` is before `self` by more than the rounding allows.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func weeks(to other: Day, rounding: WeekRounding) -> Int {
        let d = days(to: other)
        switch rounding {
        case .down: return Self.floorDivision(d, by: 7)
        case .nearest: return Self.floorDivision(d + 3, by: 7)
        case .up: return -Self.floorDivision(-d, by: 7)
        }
    }

    /// ⌊a / b⌋ for b > 0 (Swift's `/` truncates toward zero).
    @inlinable
    static func floorDivision(_ a: Int, by b: Int) -> Int {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }
}
