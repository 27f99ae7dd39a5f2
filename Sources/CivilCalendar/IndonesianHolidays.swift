/// The public holidays that stop building work across Indonesia: Christmas (with New
/// Year a week later), Idul Fitri (Lebaran, when workers travel home, *mudik*) and Idul
/// Adha.
///
/// Each holiday is a calendar fact, the same for every province and every world; what a
/// holiday costs the work of a week is not here (the forecast learns it from the history).
///
/// Dates are the first day of the nationwide break as the joint decree of the Ministers of
/// Religious Affairs, Manpower and Administrative Reform on national holidays and joint
/// leave (*SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama*) sets it for each
/// year: Idul Fitri 2024 (SKB 855/2023: joint leave from 8 April, 1 Syawal 10 April),
/// 2025 (1 Syawal 31 March; joint leave 2–7 April), 2026 (SKB 1497/2025: joint leave from
/// 20 March, 1 Syawal 21 March); Idul Adha 2024 (17 June), 2025 (6 June), 2026
/// (27 May). Later years, not yet decreed, take the expected date of 1 Syawal and
/// 10 Dzulhijjah by astronomical reckoning (*hisab*); a decree can move them by a day.
public enum IndonesianHolidays {
    /// A kind of holiday.
    public enum Kind: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// Christmas, 25 December; New Year's Day falls in the following week.
        case christmas
        /// Idul Fitri (Lebaran), the end of Ramadan: the longest break of the year.
        case idulFitri
        /// Idul Adha, the feast of sacrifice.
        case idulAdha

        /// A machine name: `christmas`, `idul_fitri`, `idul_adha`.
        public var description: String {
            switch self {
            case .christmas: "christmas"
            case .idulFitri: "idul_fitri"
            case .idulAdha: "idul_adha"
            }
        }
    }

    /// One holiday: its kind and the first day of its nationwide break.
    public struct Holiday: Sendable, Hashable {
        /// What the holiday is.
        public var kind: Kind
        /// The first day off (see ``IndonesianHolidays``).
        public var day: Day
    }

    /// The first and last years the calendar holds.
    public static let years = 2024...2030

    /// Every holiday of ``years``, in date order.
    public static let all: [Holiday] = {
        let islamic: [(Kind, Int, Int, Int)] = [
            (.idulFitri, 2024, 4, 8), (.idulAdha, 2024, 6, 17),
            (.idulFitri, 2025, 3, 31), (.idulAdha, 2025, 6, 6),
            (.idulFitri, 2026, 3, 20), (.idulAdha, 2026, 5, 27),
            (.idulFitri, 2027, 3, 10), (.idulAdha, 2027, 5, 17),
            (.idulFitri, 2028, 2, 27), (.idulAdha, 2028, 5, 5),
            (.idulFitri, 2029, 2, 14), (.idulAdha, 2029, 4, 24),
            (.idulFitri, 2030, 2, 5), (.idulAdha, 2030, 4, 13),
        ]
        var out = islamic.compactMap { kind, y, m, d in
            Day(year: y, month: m, day: d).map { Holiday(kind: kind, day: $0) }
        }
        for y in years {
            if let d = Day(year: y, month: 12, day: 25) { out.append(Holiday(kind: .christmas, day: d)) }
        }
        return out.sorted { $0.day < $1.day }
    }()

    /// The holidays of `kind`, in date order.
    public static func holidays(of kind: Kind) -> [Holiday] {
        all.filter { $0.kind == kind }
    }

    /// Where `day` lies relative to the holidays, for a week that ends on `day` (covers the
    /// 7 days `day − 6 … day`): `(kind, 0)` when that week holds a holiday's first day,
    /// `(kind, 1)` when the week before did. Every match, in date order (none in an
    /// ordinary week).
    public static func weeks(endingOn day: Day) -> [(kind: Kind, weekAfter: Int)] {
        var out: [(kind: Kind, weekAfter: Int)] = []
        for h in all {
            let offset = h.day.days(to: day)
            if (0...6).contains(offset) { out.append((h.kind, 0)) } else if (7...13).contains(offset) { out.append((h.kind, 1)) }
        }
        return out
    }
}
