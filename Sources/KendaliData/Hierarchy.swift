/// A level of Indonesia's administrative hierarchy, from village to the whole country.
public enum AdminLevel: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// Desa or kelurahan: the cooperative's own code, 10 digits.
    case village
    /// Kecamatan: 6 digits `PPRRDD`.
    case district
    /// Kabupaten or kota: 4 digits `PPRR`.
    case regency
    /// Provinsi: 2 digits `PP`.
    case province
    /// Indonesia: code 0.
    case national

    /// 0 for village … 4 for national.
    public var depth: Int {
        switch self {
        case .village: 0
        case .district: 1
        case .regency: 2
        case .province: 3
        case .national: 4
        }
    }

    /// The Indonesian word for the level: desa, kecamatan, kabupaten, provinsi, nasional.
    public var indonesianName: String {
        switch self {
        case .village: "desa"
        case .district: "kecamatan"
        case .regency: "kabupaten"
        case .province: "provinsi"
        case .national: "nasional"
        }
    }

    /// The level a command-line word names, in English or Bahasa Indonesia, in any case:
    /// `village`/`desa`/`kelurahan`, `district`/`kecamatan`/`kec`,
    /// `regency`/`kabupaten`/`kota`/`kab`, `province`/`provinsi`, `national`/`nasional`;
    /// `nil` for any other word.
    ///
    /// Every option that takes a level reads it through this, so the same names work
    /// everywhere.
    public init?(name: String) {
        switch name.lowercased() {
        case "village", "desa", "kelurahan": self = .village
        case "district", "kecamatan", "kec": self = .district
        case "regency", "kabupaten", "kota", "kab": self = .regency
        case "province", "provinsi": self = .province
        case "national", "nasional": self = .national
        default: return nil
        }
    }

    /// The level above, `nil` for national.
    public var parent: AdminLevel? {
        switch self {
        case .village: .district
        case .district: .regency
        case .regency: .province
        case .province: .national
        case .national: nil
        }
    }

    /// The divisor turning a 10-digit village code into this level's code.
    var divisor: Int64 {
        switch self {
        case .village: 1
        case .district: 10_000
        case .regency: 1_000_000
        case .province: 100_000_000
        case .national: 100_000_000_000
        }
    }

    /// Orders from village (lowest) to national.
    public static func < (a: AdminLevel, b: AdminLevel) -> Bool { a.depth < b.depth }
}

/// One administrative unit: a level and its numeric code at that level
/// (`5201012001` village, `520101` district, `5201` regency, `52` province, `0` national).
public struct AdminUnit: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The level.
    public var level: AdminLevel
    /// The code at that level.
    public var code: Int64

    /// A unit from its level and code (not checked against any list).
    public init(level: AdminLevel, code: Int64) {
        self.level = level
        self.code = code
    }

    /// The unit containing `cooperative` at `level`.
    public init(_ cooperative: CooperativeCode, at level: AdminLevel) {
        self.level = level
        self.code = cooperative.value / level.divisor
    }

    /// The unit one level up; `nil` for national.
    public var parent: AdminUnit? {
        guard let up = level.parent else { return nil }
        return AdminUnit(level: up, code: code * level.divisor / up.divisor)
    }

    /// True when `cooperative` lies in this unit.
    public func contains(_ cooperative: CooperativeCode) -> Bool {
        AdminUnit(cooperative, at: level) == self
    }

    /// The dotted code: `52.01.01.2001`, `52.01.01`, `52.01`, `52`, or `ID` for national.
    public var dotted: String {
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        switch level {
        case .national: return "ID"
        case .province: return pad(code, 2)
        case .regency: return pad(code / 100, 2) + "." + pad(code % 100, 2)
        case .district:
            return pad(code / 10_000, 2) + "." + pad(code / 100 % 100, 2) + "." + pad(code % 100, 2)
        case .village:
            return pad(code / 100_000_000, 2) + "." + pad(code / 1_000_000 % 100, 2) + "."
                + pad(code / 10_000 % 100, 2) + "." + pad(code % 10_000, 4)
        }
    }

    /// The dotted code.
    public var description: String { dotted }

    /// Orders by level, then by code.
    public static func < (a: AdminUnit, b: AdminUnit) -> Bool {
        a.level != b.level ? a.level < b.level : a.code < b.code
    }
}

extension CooperativeCode {
    /// The unit containing this cooperative at `level`.
    public func unit(at level: AdminLevel) -> AdminUnit { AdminUnit(self, at: level) }
}

/// Names of administrative units, learnt from snapshot records: villages from `desa`,
/// districts from `kecamatan`, regencies from `kabupaten` — the last non-empty name seen
/// (feed records in date order). Provinces come from the Kemendagri list of 38 provinces;
/// national is "Indonesia".
public struct AdminNames: Sendable, Hashable {
    private var names: [AdminUnit: String] = [:]

    /// No names learnt yet.
    public init() {}

    /// Names learnt from `records`, in order.
    public init<S: Sequence>(records: S) where S.Element == SnapshotRecord {
        for r in records { observe(r) }
    }

    /// Learns the non-empty names of one record (later calls override earlier ones).
    public mutating func observe(_ r: SnapshotRecord) {
        if let v = r.desa, !v.isEmpty { names[r.kode.unit(at: .village)] = v }
        if let v = r.kecamatan, !v.isEmpty { names[r.kode.unit(at: .district)] = v }
        if let v = r.kabupaten, !v.isEmpty { names[r.kode.unit(at: .regency)] = v }
    }

    /// Learns the names of every record, in order.
    public mutating func observe<S: Sequence>(contentsOf records: S)
    where S.Element == SnapshotRecord {
        for r in records { observe(r) }
    }

    /// Sets a name by hand (e.g. from a reference list).
    public mutating func setName(_ name: String, for unit: AdminUnit) {
        names[unit] = name
    }

    /// The name of `unit`, or `nil` when never seen.
    public func name(of unit: AdminUnit) -> String? {
        switch unit.level {
        case .national: return "Indonesia"
        case .province: return names[unit] ?? AdminNames.provinces[Int(unit.code)]
        default: return names[unit]
        }
    }

    /// The name of `unit`, or its dotted code when unknown.
    public func label(of unit: AdminUnit) -> String {
        name(of: unit) ?? unit.dotted
    }

    /// Province names by Kemendagri code (Kepmendagri 300.2.2-2138/2025; the six Papua
    /// provinces numbered 91–96).
    public static let provinces: [Int: String] = [
        11: "Aceh", 12: "Sumatera Utara", 13: "Sumatera Barat", 14: "Riau", 15: "Jambi",
        16: "Sumatera Selatan", 17: "Bengkulu", 18: "Lampung",
        19: "Kepulauan Bangka Belitung", 21: "Kepulauan Riau", 31: "DKI Jakarta",
        32: "Jawa Barat", 33: "Jawa Tengah", 34: "DI Yogyakarta", 35: "Jawa Timur",
        36: "Banten", 51: "Bali", 52: "Nusa Tenggara Barat", 53: "Nusa Tenggara Timur",
        61: "Kalimantan Barat", 62: "Kalimantan Tengah", 63: "Kalimantan Selatan",
        64: "Kalimantan Timur", 65: "Kalimantan Utara", 71: "Sulawesi Utara",
        72: "Sulawesi Tengah", 73: "Sulawesi Selatan", 74: "Sulawesi Tenggara",
        75: "Gorontalo", 76: "Sulawesi Barat", 81: "Maluku", 82: "Maluku Utara",
        91: "Papua", 92: "Papua Barat", 93: "Papua Selatan", 94: "Papua Tengah",
        95: "Papua Pegunungan", 96: "Papua Barat Daya",
    ]
}

/// Counts of cooperatives per zone in one unit.
public struct ZoneTally: Hashable, Sendable, Codable {
    /// Green cooperatives.
    public var hijau: Int = 0
    /// Yellow cooperatives.
    public var kuning: Int = 0
    /// Red cooperatives.
    public var merah: Int = 0

    /// An empty tally.
    public init() {}

    /// Counts as given.
    public init(hijau: Int, kuning: Int, merah: Int) {
        self.hijau = hijau
        self.kuning = kuning
        self.merah = merah
    }

    /// All cooperatives counted.
    public var total: Int { hijau + kuning + merah }

    /// The count of `zone`.
    public subscript(zone: Zone) -> Int {
        get {
            switch zone {
            case .hijau: hijau
            case .kuning: kuning
            case .merah: merah
            }
        }
        set {
            switch zone {
            case .hijau: hijau = newValue
            case .kuning: kuning = newValue
            case .merah: merah = newValue
            }
        }
    }

    /// Share of green cooperatives, 0 when empty.
    public var greenShare: Double { total == 0 ? 0 : Double(hijau) / Double(total) }

    /// Adds one cooperative of `zone`.
    public mutating func add(_ zone: Zone) { self[zone] += 1 }

    /// Adds another tally.
    public mutating func add(_ other: ZoneTally) {
        hijau += other.hijau
        kuning += other.kuning
        merah += other.merah
    }
}

/// Roll-ups of per-cooperative values to administrative units.
public enum Hierarchy {
    /// Zone counts per unit at `level`.
    ///
    /// - Complexity: O(n) for n cooperatives.
    public static func tally<S: Sequence>(_ zones: S, at level: AdminLevel) -> [AdminUnit: ZoneTally]
    where S.Element == (CooperativeCode, Zone) {
        var out: [AdminUnit: ZoneTally] = [:]
        for (code, zone) in zones { out[code.unit(at: level), default: ZoneTally()].add(zone) }
        return out
    }

    /// Zone counts per unit at `level`.
    public static func tally(_ zones: [CooperativeCode: Zone], at level: AdminLevel)
        -> [AdminUnit: ZoneTally]
    {
        tally(zones.lazy.map { ($0.key, $0.value) }, at: level)
    }

    /// Groups values by unit at `level` and folds each group with `combine`, starting from
    /// `initial` (e.g. sums of scores, counts, maxima).
    ///
    /// - Complexity: O(n) for n values.
    public static func aggregate<S: Sequence, V, R>(
        _ values: S, at level: AdminLevel, initial: R, _ combine: (inout R, V) -> Void
    ) -> [AdminUnit: R] where S.Element == (CooperativeCode, V) {
        var out: [AdminUnit: R] = [:]
        for (code, v) in values { combine(&out[code.unit(at: level), default: initial], v) }
        return out
    }

    /// Mean of a value per unit at `level` (e.g. a group score).
    public static func mean<S: Sequence>(_ values: S, at level: AdminLevel) -> [AdminUnit: Double]
    where S.Element == (CooperativeCode, Double) {
        aggregate(values, at: level, initial: (sum: 0.0, n: 0)) { acc, v in
            acc.sum += v
            acc.n += 1
        }.mapValues { $0.n == 0 ? 0 : $0.sum / Double($0.n) }
    }
}
