import KendaliData

/// A piecewise-linear function of the calendar: straight lines between knots, flat before
/// the first knot and after the last.
///
/// ```
/// f(d) = v₀                                   d ≤ d₀
///      = vᵢ + (vᵢ₊₁ − vᵢ)·(d − dᵢ)/(dᵢ₊₁ − dᵢ)   dᵢ ≤ d ≤ dᵢ₊₁
///      = vₙ                                   d ≥ dₙ
/// ```
///
/// A step is two knots one day apart. The simulator's programme calendar (when land
/// verification, portal registration and construction starts were possible, and how hard
/// they were pushed) is made of these.
public struct Schedule: Sendable, Hashable {
    /// The knots: strictly increasing days and their values.
    public private(set) var knots: [(day: Int32, value: Double)]

    /// A schedule through `knots` (days as `Day`), which must be in strictly increasing
    /// order of day.
    ///
    /// - Precondition: at least one knot; days strictly increasing.
    public init(_ knots: [(Day, Double)]) {
        precondition(!knots.isEmpty, "a schedule needs a knot")
        for i in knots.indices.dropFirst() {
            precondition(knots[i - 1].0 < knots[i].0, "schedule knots must increase")
        }
        self.knots = knots.map { ($0.0.daysSinceEpoch, $0.1) }
    }

    /// The value on `day`.
    ///
    /// - Complexity: O(number of knots).
    public func value(on day: Day) -> Double {
        let d = day.daysSinceEpoch
        guard let first = knots.first, let last = knots.last else { return 0 }
        if d <= first.day { return first.value }
        if d >= last.day { return last.value }
        var i = 1
        while knots[i].day < d { i += 1 }
        let a = knots[i - 1], b = knots[i]
        let t = Double(d - a.day) / Double(b.day - a.day)
        return a.value + (b.value - a.value) * t
    }

    /// The same schedule moved `days` later (earlier when negative).
    public func shifted(by days: Int) -> Schedule {
        var s = self
        s.knots = knots.map { ($0.day + Int32(days), $0.value) }
        return s
    }

    /// Equal when the knots are equal.
    public static func == (a: Schedule, b: Schedule) -> Bool {
        a.knots.count == b.knots.count
            && zip(a.knots, b.knots).allSatisfy { $0.day == $1.day && $0.value == $1.value }
    }

    /// Hashes the knots.
    public func hash(into hasher: inout Hasher) {
        for k in knots {
            hasher.combine(k.day)
            hasher.combine(k.value)
        }
    }
}

extension Day {
    /// A day from a literal civil date known to be valid (a programming constant).
    ///
    /// - Precondition: the date exists.
    static func known(_ year: Int, _ month: Int, _ day: Int) -> Day {
        guard let d = Day(year: year, month: month, day: day) else {
            preconditionFailure("invalid constant date \(year)-\(month)-\(day)")
        }
        return d
    }
}

/// The seasonal rain index of the monsoon climate of Nusa Tenggara Barat: 0 (dry) … 1
/// (peak wet season), a function of the day of the year.
///
/// The Lombok baseline follows BMKG's description of the 2025/26 season and the normal
/// pattern: onset from late October (west Lombok, dekad III) across November, the whole
/// province wet by December, peak January–February, retreat through March and April, dry
/// from May, driest July–August. Knots, in days after 1 July:
///
/// | day | date (Lombok) | index |
/// | --- | --- | --- |
/// | 0 | 1 Jul | 0.05 |
/// | 111 | 20 Oct | 0.05 |
/// | 157 | 5 Dec | 0.75 |
/// | 188 | 5 Jan | 1.00 |
/// | 239 | 25 Feb | 1.00 |
/// | 273 | 31 Mar | 0.60 |
/// | 313 | 10 May | 0.10 |
/// | 364 | 30 Jun | 0.05 |
///
/// ``onsetLagDays`` moves the three onset knots later (Sumbawa island: 2–4 weeks later
/// than Lombok) and ``retreatLeadDays`` moves the three retreat knots earlier (Bima's dry
/// season starts in April dekad I); ``amplitude`` scales the whole curve.
public struct Season: Sendable, Hashable {
    /// Days the onset is later than on Lombok (0 on Lombok, 14–28 on Sumbawa island).
    public var onsetLagDays: Int
    /// Days the retreat is earlier than on Lombok.
    public var retreatLeadDays: Int
    /// Multiplier of the index (1 in NTB; other provinces vary).
    public var amplitude: Double
    /// Days the whole season is moved (0 in NTB; other provinces vary).
    public var shiftDays: Int

    /// A season with the given offsets.
    public init(onsetLagDays: Int = 0, retreatLeadDays: Int = 0, amplitude: Double = 1, shiftDays: Int = 0) {
        self.onsetLagDays = onsetLagDays
        self.retreatLeadDays = retreatLeadDays
        self.amplitude = amplitude
        self.shiftDays = shiftDays
    }

    /// The rain index on `day`, in [0, `amplitude`].
    public func index(on day: Day) -> Double {
        let shifted = day.adding(days: -shiftDays)
        let c = shifted.components
        let seasonYear = c.month >= 7 ? c.year : c.year - 1
        let july1 = Day.known(seasonYear, 7, 1)
        let t = Double(july1.days(to: shifted))
        let lag = Double(onsetLagDays), lead = Double(retreatLeadDays)
        let xs: [Double] = [0, 111 + lag, 157 + lag, 188 + lag, 239 - lead, 273 - lead, 313 - lead, 366]
        let ys: [Double] = [0.05, 0.05, 0.75, 1.0, 1.0, 0.6, 0.1, 0.05]
        var i = 1
        while i < xs.count - 1 && xs[i] < t { i += 1 }
        let x0 = xs[i - 1], x1 = xs[i]
        let u = x1 > x0 ? min(1, max(0, (t - x0) / (x1 - x0))) : 1
        return amplitude * (ys[i - 1] + (ys[i] - ys[i - 1]) * u)
    }
}
