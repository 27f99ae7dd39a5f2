import Foundation
import KendaliData

/// The clock time a report shows: Indonesia's three zones (WIB, WITA, WIT) or a fixed
/// offset from UTC, chosen from the province of the unit reported on.
///
/// Indonesia keeps no daylight saving time, so each zone is a fixed offset: WIB UTC+7,
/// WITA UTC+8, WIT UTC+9 (Keputusan Presiden No. 41 Tahun 1987 on the division of
/// Indonesia's time zones).
public struct ReportTimeZone: Sendable, Equatable, CustomStringConvertible {
    /// The name shown after a time: `WIB`, `WITA`, `WIT`, or `UTC`, `UTC+5`, `UTC-3:30`.
    public var name: String
    /// The offset from UTC, minutes east (−14·60…14·60).
    public var offsetMinutes: Int

    /// Waktu Indonesia Barat, UTC+7: Sumatra, Java, West and Central Kalimantan.
    public static let wib = ReportTimeZone(name: "WIB", offsetMinutes: 7 * 60)
    /// Waktu Indonesia Tengah, UTC+8: Bali, Nusa Tenggara, South, East and North Kalimantan, Sulawesi.
    public static let wita = ReportTimeZone(name: "WITA", offsetMinutes: 8 * 60)
    /// Waktu Indonesia Timur, UTC+9: Maluku, North Maluku and the Papua provinces.
    public static let wit = ReportTimeZone(name: "WIT", offsetMinutes: 9 * 60)
    /// Coordinated Universal Time.
    public static let utc = ReportTimeZone(name: "UTC", offsetMinutes: 0)

    /// A zone from its name and offset (minutes east of UTC).
    public init(name: String, offsetMinutes: Int) {
        self.name = name
        self.offsetMinutes = offsetMinutes
    }

    /// The zone written on a command line: `WIB`, `WITA`, `WIT` (any case), `UTC`, or a
    /// fixed offset `UTC+H`, `UTC-H`, `UTC+H:MM` (hours 0…14); `nil` otherwise.
    public init?(parsing text: String) {
        let upper = text.uppercased()
        switch upper {
        case "WIB": self = .wib; return
        case "WITA": self = .wita; return
        case "WIT": self = .wit; return
        case "UTC", "UTC+0", "UTC-0": self = .utc; return
        default: break
        }
        guard upper.hasPrefix("UTC+") || upper.hasPrefix("UTC-") else { return nil }
        let sign = upper.hasPrefix("UTC-") ? -1 : 1
        let parts = upper.dropFirst(4).split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isNumber),
              let hours = Int(parts[0]), (0...14).contains(hours)
        else { return nil }
        var minutes = 0
        if parts.count == 2 {
            guard parts[1].count == 2, let m = Int(parts[1]), (0..<60).contains(m) else { return nil }
            minutes = m
        }
        guard hours * 60 + minutes <= 14 * 60 else { return nil }
        let label = "UTC" + (sign < 0 ? "-" : "+") + String(hours) + (minutes == 0 ? "" : (minutes < 10 ? ":0" : ":") + String(minutes))
        self.init(name: label, offsetMinutes: sign * (hours * 60 + minutes))
    }

    /// The zone of a province from its two-digit code (Kepmendagri No. 100.1.1-6117 Tahun
    /// 2022 on the codes of the administrative regions, the codes BPS also uses), by
    /// Keputusan Presiden No. 41 Tahun 1987; `nil` for a code that is not a province.
    ///
    /// | Codes | Provinces | Zone |
    /// |---|---|---|
    /// | 11–19, 21 | Sumatra, Bangka Belitung, Riau Islands | WIB |
    /// | 31–36 | Java (Jakarta, West/Central/East Java, Yogyakarta, Banten) | WIB |
    /// | 51–53 | Bali, West and East Nusa Tenggara | WITA |
    /// | 61, 62 | West and Central Kalimantan | WIB |
    /// | 63–65 | South, East and North Kalimantan | WITA |
    /// | 71–76 | Sulawesi (North, Central, South, Southeast, Gorontalo, West) | WITA |
    /// | 81, 82 | Maluku, North Maluku | WIT |
    /// | 91–96 | the Papua provinces | WIT |
    public static func province(_ code: Int) -> ReportTimeZone? {
        switch code {
        case 11...19, 21, 31...36, 61, 62: .wib
        case 51...53, 63...65, 71...76: .wita
        case 81, 82, 91...96: .wit
        default: nil
        }
    }

    /// The zone of `unit`: its province's, or WIB (the capital's) for the national report
    /// and for a code outside the table.
    public static func of(_ unit: AdminUnit) -> ReportTimeZone {
        guard unit.level != .national else { return .wib }
        var u = unit
        while u.level != .province, let up = u.parent { u = up }
        return province(Int(u.code)) ?? .wib
    }

    /// `date` as `YYYY-MM-DD HH:MM NAME` in this zone (a report's generation time).
    public func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetMinutes * 60
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let minute = (seconds - days * 86_400) / 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return Day(daysSinceEpoch: Int32(days)).iso + " " + two(minute / 60) + ":" + two(minute % 60) + " " + name
    }

    /// The name.
    public var description: String { name }
}
