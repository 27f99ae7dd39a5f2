/// One cooperative of the register: its code and the names the programme has on file.
public struct RegisteredCooperative: Hashable, Sendable, Codable {
    /// The cooperative's code.
    public var kode: CooperativeCode
    /// `nama_koperasi`; `nil` when the register leaves it empty.
    public var nama: String?
    /// `desa` (village or kelurahan).
    public var desa: String
    /// `kecamatan` (district).
    public var kecamatan: String
    /// `kabupaten` (regency or city).
    public var kabupaten: String

    /// An entry from its fields.
    public init(kode: CooperativeCode, nama: String?, desa: String, kecamatan: String, kabupaten: String) {
        self.kode = kode
        self.nama = nama
        self.desa = desa
        self.kecamatan = kecamatan
        self.kabupaten = kabupaten
    }
}

/// The register of cooperatives: every cooperative the programme expects a weekly report
/// from, with its names (`kode_koperasi, nama_koperasi, desa, kecamatan, kabupaten`).
///
/// With a register, a report's code must be in it, a report's place names are compared
/// with it, and the cooperatives that did not report are known even when they never did.
/// Read from CSV or `.xlsx` by ``read(contentsOf:sheet:)``; kept by the history store,
/// one revision per register given.
public struct CooperativeRegister: Hashable, Sendable {
    /// The file name it was read from (without folders).
    public var fileName: String
    /// SHA-256 of the file's bytes, 64 lower-case hex digits.
    public var contentDigest: String
    /// The cooperatives, by code (codes are unique).
    public private(set) var entries: [RegisteredCooperative]

    /// A register from its entries (sorted here by code).
    ///
    /// - Precondition: no code is given twice (the reader refuses such a file).
    public init(fileName: String, contentDigest: String, entries: [RegisteredCooperative]) {
        self.fileName = fileName
        self.contentDigest = contentDigest
        self.entries = entries.sorted { $0.kode < $1.kode }
        for i in self.entries.indices.dropFirst() {
            precondition(self.entries[i - 1].kode != self.entries[i].kode, "a code is registered twice")
        }
    }

    /// Number of registered cooperatives.
    public var count: Int { entries.count }

    /// The entry of `kode`, or `nil` when it is not registered.
    ///
    /// - Complexity: O(log n) (binary search).
    public func entry(of kode: CooperativeCode) -> RegisteredCooperative? {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].kode < kode { lo = mid + 1 } else { hi = mid }
        }
        return lo < entries.count && entries[lo].kode == kode ? entries[lo] : nil
    }

    /// Whether `kode` is registered.
    public func contains(_ kode: CooperativeCode) -> Bool { entry(of: kode) != nil }

    /// The registered codes nearest to `kode`, at most `limit`: see
    /// ``CooperativeCode/nearest(to:among:limit:)``.
    public func nearestCodes(to kode: CooperativeCode, limit: Int = 3) -> [CooperativeCode] {
        CooperativeCode.nearest(to: kode, among: entries.map(\.kode), limit: limit)
    }

    /// The name of `unit` (regency or district) in the register: the `kabupaten` or
    /// `kecamatan` of its highest registered code, as names are learnt from reports;
    /// `nil` for other levels or a unit with no registered cooperative.
    public func name(of unit: AdminUnit) -> String? {
        guard unit.level == .regency || unit.level == .district || unit.level == .village else { return nil }
        let divisor = unit.level.divisor
        // The last entry whose code is in the unit: codes of a unit are consecutive.
        var lo = 0, hi = entries.count
        let upper = (unit.code + 1) * divisor
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].kode.value < upper { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0, entries[lo - 1].kode.value / divisor == unit.code else { return nil }
        let e = entries[lo - 1]
        switch unit.level {
        case .regency: return e.kabupaten
        case .district: return e.kecamatan
        default: return e.desa
        }
    }

    /// Whether two place names are the same name: equal after trimming, folding case and
    /// collapsing runs of spaces (`Lombok  Tengah` is `lombok tengah`).
    public static func sameName(_ a: String, _ b: String) -> Bool {
        func fold(_ s: String) -> String {
            s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        }
        return a == b || fold(a) == fold(b)
    }
}
