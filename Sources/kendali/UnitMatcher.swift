import ArgumentParser
import KendaliData

/// Finds one regency or district by code or name among the units of the data.
struct UnitMatcher {
    /// Why no single unit matches.
    enum Failure: Error, CustomStringConvertible {
        case none(String, level: AdminLevel)
        case ambiguous(String, [(AdminUnit, String)])

        var description: String {
            switch self {
            case let .none(value, level):
                "no \(level.indonesianName) '\(value)' in the data"
            case let .ambiguous(value, matches):
                "'\(value)' matches several: "
                    + matches.map { "\($0.1) (\($0.0.dotted))" }.joined(separator: ", ")
                    + "; give the full name or the code"
            }
        }
    }

    /// The units of the level with their names, by code.
    let units: [(AdminUnit, String)]
    let level: AdminLevel

    /// The units of `level` with their names.
    init(units: [(AdminUnit, String)], level: AdminLevel) {
        self.level = level
        self.units = units
    }

    /// The units of `level` reported in `weeks`, named as last reported.
    init(weeks: [SnapshotHistory.Week], level: AdminLevel) {
        var names = AdminNames()
        var seen = Set<AdminUnit>()
        for week in weeks {
            names.observe(contentsOf: week.records)
            for r in week.records { seen.insert(r.kode.unit(at: level)) }
        }
        self.level = level
        self.units = seen.sorted().map { ($0, names.label(of: $0)) }
    }

    /// A name without case, surrounding spaces or the `Kabupaten`/`Kota`/`Kab.` prefix.
    static func plain(_ name: String) -> String {
        var s = name.lowercased().trimmingCharacters(in: .whitespaces)
        for prefix in ["kabupaten ", "kab. ", "kab ", "kota "] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        return s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The unit `value` names: a code (plain or dotted), the full name, or the name without
    /// its prefix.
    func match(_ value: String) throws(Failure) -> AdminUnit {
        let digits = value.filter { $0 != "." }
        let width = level == .regency ? 4 : 6
        if digits.count == width, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let code = Int64(digits) {
            if let u = units.first(where: { $0.0.code == code }) { return u.0 }
            throw .none(value, level: level)
        }
        let lowered = value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let exact = units.filter { $0.1.lowercased() == lowered }
        if exact.count == 1 { return exact[0].0 }
        let wanted = Self.plain(value)
        let loose = units.filter { Self.plain($0.1) == wanted }
        switch loose.count {
        case 1: return loose[0].0
        case 0: throw .none(value, level: level)
        default: throw .ambiguous(value, loose)
        }
    }
}

extension UnitMatcher {
    /// `(level, value)` of a `--where KEY=VALUE` option: the key `kabupaten` (or
    /// `regency`) or `kecamatan` (or `district`), the value a name or a code.
    ///
    /// - Throws: `ValidationError` naming what is wrong.
    static func parseWhere(_ text: String) throws -> (AdminLevel, String) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ValidationError("--where '\(text)': expected KEY=VALUE, e.g. kabupaten=Lombok Tengah")
        }
        let key = text[..<eq].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw ValidationError("--where '\(text)': the value is empty") }
        switch AdminLevel(name: key) {
        case .regency: return (.regency, value)
        case .district: return (.district, value)
        default: throw ValidationError("--where '\(text)': the key must be kabupaten or kecamatan")
        }
    }

    /// The unit a `--where` option names among the units of `weeks`.
    ///
    /// - Throws: ``CLIError`` when no unit or several match (the matches listed).
    static func scope(whereClause: String, weeks: [SnapshotHistory.Week]) throws -> AdminUnit {
        let (key, value) = try parseWhere(whereClause)
        do {
            return try UnitMatcher(weeks: weeks, level: key).match(value)
        } catch {
            throw CLIError("--where \(whereClause): " + error.description)
        }
    }
}

extension AdminUnit {
    /// The codes of the cooperatives in the unit, as a closed range of 10-digit values.
    var codeRange: ClosedRange<Int64> {
        let divisor: Int64 = switch level {
        case .national: 0
        case .province: 100_000_000
        case .regency: 1_000_000
        case .district: 10_000
        case .village: 1
        }
        guard divisor > 0 else { return 0...Int64.max }
        return (code * divisor)...(code * divisor + divisor - 1)
    }
}
