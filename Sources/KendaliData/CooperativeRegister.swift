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

    /// The registered codes nearest to `kode`, at most `limit`: those at the smallest edit
    /// distance between the two 10-digit strings (optimal string alignment: an inserted,
    /// deleted or changed digit, or two neighbouring digits swapped, each count 1), then
    /// the numerically closest, then the lower code. Codes more than 3 edits away are not
    /// suggested.
    ///
    /// Reference: F. J. Damerau, "A technique for computer detection and correction of
    /// spelling errors", Communications of the ACM 7(3), 1964, doi:10.1145/363958.363994.
    ///
    /// - Complexity: O(n) for n registered codes (a 10×10 table each, abandoned early
    ///   when already too far).
    public func nearestCodes(to kode: CooperativeCode, limit: Int = 3) -> [CooperativeCode] {
        let target = Self.digits(kode)
        var best: [(distance: Int, gap: Int64, kode: CooperativeCode)] = []
        var bound = 3
        for e in entries {
            let d = Self.editDistance(target, Self.digits(e.kode), bound: bound)
            guard d <= bound else { continue }
            best.append((d, abs(e.kode.value - kode.value), e.kode))
            if best.count > 4 * limit {
                best.sort { ($0.distance, $0.gap, $0.kode.value) < ($1.distance, $1.gap, $1.kode.value) }
                best.removeLast(best.count - limit)
                bound = best.last?.distance ?? bound
            }
        }
        best.sort { ($0.distance, $0.gap, $0.kode.value) < ($1.distance, $1.gap, $1.kode.value) }
        return best.prefix(limit).map(\.kode)
    }

    /// The ten decimal digits of a code.
    static func digits(_ kode: CooperativeCode) -> [UInt8] {
        var v = kode.value
        var out = [UInt8](repeating: 0, count: 10)
        for i in stride(from: 9, through: 0, by: -1) {
            out[i] = UInt8(v % 10)
            v /= 10
        }
        return out
    }

    /// The optimal-string-alignment distance between `a` and `b`; any value above `bound`
    /// once every entry of a row exceeds it.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], bound: Int) -> Int {
        let n = a.count, m = b.count
        var before = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMin = current[0]
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, before[j - 2] + 1)
                }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > bound { return bound + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[m]
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
