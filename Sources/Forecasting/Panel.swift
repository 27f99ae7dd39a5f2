import Dispatch
import KendaliData

/// The weekly history as a columnar cooperatives × weeks panel: what every model of the
/// forecast reads.
///
/// The week grid runs every 7 days from the first report date to the last one kept; a
/// week whose file is missing is an empty column (no report from anyone), and a report
/// date off the 7-day grid is put in the nearest grid week. Cell `(i, t)` of cooperative
/// `i` and week `t` is at `i × weekCount + t` in every column.
///
/// Reporting noise is kept as reported (progress may go down); the models decide what to
/// do with it. A cooperative's *completed* state (`tahap` ≥ `selesai`) is taken as
/// absorbing.
///
/// - Complexity: building is O(reports) with no per-report allocation, the grid weeks filled
///   in parallel (each writes only its own cells); memory is about 16 bytes per cell
///   (80,000 × 70 cells ≈ 90 MB).
public struct Panel: Sendable {
    /// Bits of ``flags``.
    public enum Bit {
        /// `kendala_lahan`.
        public static let land: UInt16 = 1 << 0
        /// `kendala_cuaca`.
        public static let weather: UInt16 = 1 << 1
        /// `kendala_tenaga_kerja`.
        public static let labour: UInt16 = 1 << 2
        /// `kendala_teknis`.
        public static let technical: UInt16 = 1 << 3
        /// `badan_hukum`.
        public static let badanHukum: UInt16 = 1 << 4
        /// `pengurus_lengkap`.
        public static let pengurusLengkap: UInt16 = 1 << 5
        /// `rapat_anggota`.
        public static let rapatAnggota: UInt16 = 1 << 6
        /// `nib`.
        public static let nib: UInt16 = 1 << 7
        /// `npwp`.
        public static let npwp: UInt16 = 1 << 8
        /// `rekening_bank`.
        public static let rekeningBank: UInt16 = 1 << 9
        /// `laporan_tepat_waktu`.
        public static let laporanTepatWaktu: UInt16 = 1 << 10
        /// The four `kendala_*` flags in ``DelayFactor`` order.
        public static let factors: [UInt16] = [land, weather, labour, technical]
        /// The six institutional and legal items that persist week to week, in the order
        /// badan_hukum, pengurus_lengkap, rapat_anggota, nib, npwp, rekening_bank.
        public static let adminItems: [UInt16] = [
            badanHukum, pengurusLengkap, rapatAnggota, nib, npwp, rekeningBank,
        ]
    }

    /// The report date of each grid week, oldest first (7 days apart).
    public let dates: [Day]
    /// Number of grid weeks.
    public var weekCount: Int { dates.count }
    /// The cooperatives, in code order.
    public let codes: [CooperativeCode]
    /// Number of cooperatives.
    public var cooperativeCount: Int { codes.count }
    /// The regency codes present (e.g. 5201), ascending.
    public let regencies: [Int]
    /// Index into ``regencies`` of each cooperative.
    public let regencyIndex: [Int32]
    /// The regency name (`kabupaten`) last reported for each regency, or its code.
    public let regencyNames: [String]

    /// 1 when the cooperative reported that week.
    public let present: [UInt8]
    /// `tahap` as its code (`Tahap.code`: 0 terdaftar … 4 beroperasi), `Tahap.absentCode`
    /// when absent.
    public internal(set) var tahap: [Int8]
    /// `status_lahan` as its code (`StatusLahan.code`), `StatusLahan.absentCode` when absent.
    public internal(set) var lahan: [Int8]
    /// `progres_fisik`, NaN when empty or absent.
    public internal(set) var progress: [Float]
    /// The 0/1 fields as bits (``Bit``).
    public internal(set) var flags: [UInt16]
    /// `jumlah_anggota`.
    public internal(set) var members: [Int32]
    /// `unit_usaha_aktif`.
    public internal(set) var units: [Int8]
    /// 1 when the report is green under ``rules``.
    public let green: [UInt8]

    /// The rule set the green column was computed with.
    public let rules: RuleSet

    /// Index of each cooperative's first report week.
    public let firstWeek: [Int32]
    /// Index of each cooperative's last report week.
    public let lastWeek: [Int32]
    /// Index of each cooperative's first green report, −1 when never green.
    public let greenWeek: [Int32]

    /// The panel of `history` up to `asOf` (every week when `nil`), greens under `rules`.
    ///
    /// - Complexity: O(reports + cooperatives × weeks).
    public init(history: SnapshotHistory, asOf: Day? = nil, rules: RuleSet = .default) {
        let weeks = history.weeks.filter { week in asOf.map { week.date <= $0 } ?? true }
        self.rules = rules
        let classifier = ZoneClassifier(rules: rules)
        guard let first = weeks.first, let last = weeks.last else {
            dates = []
            codes = []
            regencies = []
            regencyIndex = []
            regencyNames = []
            present = []
            tahap = []
            lahan = []
            progress = []
            flags = []
            members = []
            units = []
            green = []
            firstWeek = []
            lastWeek = []
            greenWeek = []
            return
        }
        // A report date off the 7-day grid belongs to the nearest grid week (the type's
        // rule), so the grid spans the first date's week to the last date's nearest week.
        let w = first.date.weeks(to: last.date, rounding: .nearest) + 1
        dates = (0..<w).map { first.date.adding(days: 7 * $0) }
        // Every code, sorted: the union of the weeks' codes, merged week by week (a week
        // holding the same codes as the union so far, the usual case, costs one comparison
        // per report).
        var sortedCodes: [Int64] = []
        for week in weeks {
            var codesOfWeek = week.records.map(\.kode.value)
            if !codesOfWeek.isSorted() { codesOfWeek.sort() }
            if codesOfWeek != sortedCodes { sortedCodes = Self.union(sortedCodes, codesOfWeek) }
        }
        codes = sortedCodes.compactMap { CooperativeCode(value: $0) }
        let n = codes.count
        var regencyOf = [Int](repeating: 0, count: n)
        for i in 0..<n { regencyOf[i] = codes[i].regency }
        let regs = Array(Set(regencyOf)).sorted()
        regencies = regs
        var regPos: [Int: Int] = [:]
        for (k, r) in regs.enumerated() { regPos[r] = k }
        let regencyIndex = regencyOf.map { Int32(regPos[$0] ?? 0) }
        self.regencyIndex = regencyIndex

        // The weeks of each grid column, in file order (two files on one grid week: the later
        // one's reports win, as when read one after the other).
        var weeksOfColumn = [[Int]](repeating: [], count: w)
        for (k, week) in weeks.enumerated() {
            let t = first.date.weeks(to: week.date, rounding: .nearest)
            if t >= 0, t < w { weeksOfColumn[t].append(k) }
        }
        let columnWeeks = weeksOfColumn
        let allCodes = sortedCodes
        let columns = PanelColumns(cells: n * w)
        defer { columns.deallocate() }
        // Columns are filled in parallel: each grid week writes only its own cells.
        let firstNames = ParallelSlots<[String?]>(count: w)
        DispatchQueue.concurrentPerform(iterations: w) { t in
            var named = [String?](repeating: nil, count: regs.count)
            for k in columnWeeks[t] {
                Self.fill(column: t, weeks: w, records: weeks[k].records, codes: allCodes,
                          regencyIndex: regencyIndex, classifier: classifier, into: columns, names: &named)
            }
            firstNames.store(named, at: t)
        }
        // Each regency's name: the first one reported, in week order.
        var names = regs.map { String($0) }
        var named = [Bool](repeating: false, count: regs.count)
        for column in firstNames.values {
            for (g, name) in column.enumerated() where !named[g] {
                if let name { names[g] = name; named[g] = true }
            }
        }
        let present = Array(columns.present)
        let green = Array(columns.green)
        regencyNames = names
        var fw = [Int32](repeating: -1, count: n)
        var lw = [Int32](repeating: -1, count: n)
        var gw = [Int32](repeating: -1, count: n)
        for i in 0..<n {
            for t in 0..<w where present[i * w + t] == 1 {
                if fw[i] < 0 { fw[i] = Int32(t) }
                lw[i] = Int32(t)
                if gw[i] < 0, green[i * w + t] == 1 { gw[i] = Int32(t) }
            }
        }
        self.present = present
        tahap = Array(columns.tahap)
        lahan = Array(columns.lahan)
        progress = Array(columns.progress)
        flags = Array(columns.flags)
        members = Array(columns.members)
        units = Array(columns.units)
        self.green = green
        firstWeek = fw
        lastWeek = lw
        greenWeek = gw
    }

    /// The union of two ascending code lists, ascending and without repeats.
    static func union(_ a: [Int64], _ b: [Int64]) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let x: Int64
            if j >= b.count || (i < a.count && a[i] < b[j]) {
                x = a[i]; i += 1
            } else if i >= a.count || b[j] < a[i] {
                x = b[j]; j += 1
            } else {
                x = a[i]; i += 1; j += 1
            }
            if out.last != x { out.append(x) }
        }
        return out
    }

    /// Writes the reports of one week into grid column `t` of `columns`, and the first
    /// regency name seen for each regency without one yet into `names`.
    private static func fill(
        column t: Int, weeks w: Int, records: [SnapshotRecord], codes sortedCodes: [Int64],
        regencyIndex: [Int32], classifier: ZoneClassifier, into columns: PanelColumns, names: inout [String?]
    ) {
        let n = sortedCodes.count
        var j = 0  // merge pointer into the sorted codes
        for r in records {
            while j < n, sortedCodes[j] < r.kode.value { j += 1 }
            if j >= n || sortedCodes[j] != r.kode.value {
                // Records out of code order: binary search.
                var lo = 0, hi = n
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if sortedCodes[mid] < r.kode.value { lo = mid + 1 } else { hi = mid }
                }
                j = lo
            }
            guard j < n, sortedCodes[j] == r.kode.value else { continue }
            let c = j * w + t
            columns.present[c] = 1
            columns.tahap[c] = r.tahap.code
            columns.lahan[c] = r.statusLahan.code
            if let p = r.progresFisik { columns.progress[c] = Float(p) }
            var f: UInt16 = 0
            if r.kendalaLahan { f |= Bit.land }
            if r.kendalaCuaca { f |= Bit.weather }
            if r.kendalaTenagaKerja { f |= Bit.labour }
            if r.kendalaTeknis { f |= Bit.technical }
            if r.badanHukum { f |= Bit.badanHukum }
            if r.pengurusLengkap { f |= Bit.pengurusLengkap }
            if r.rapatAnggota { f |= Bit.rapatAnggota }
            if r.nib { f |= Bit.nib }
            if r.npwp { f |= Bit.npwp }
            if r.rekeningBank { f |= Bit.rekeningBank }
            if r.laporanTepatWaktu { f |= Bit.laporanTepatWaktu }
            columns.flags[c] = f
            columns.members[c] = Int32(clamping: r.jumlahAnggota)
            columns.units[c] = Int8(clamping: r.unitUsahaAktif)
            columns.green[c] = classifier.isGreen(r) ? 1 : 0
            let g = Int(regencyIndex[j])
            if names[g] == nil, let k = r.kabupaten, !k.isEmpty { names[g] = k }
        }
    }

    /// The cell index of cooperative `i` in week `t`.
    @inline(__always)
    public func cell(_ i: Int, _ t: Int) -> Int { i * dates.count + t }

    /// True when cooperative `i` reported in week `t` and that report meets the green rule
    /// (``green``): green this week, where ``greenWeek`` gives the first green week.
    public func isGreenReport(_ i: Int, at t: Int) -> Bool {
        guard t >= 0, t < dates.count else { return false }
        let c = cell(i, t)
        return present[c] == 1 && green[c] == 1
    }

    /// The last week on or before `t` in which cooperative `i` reported, or `nil`.
    public func lastReport(of i: Int, upTo t: Int) -> Int? {
        var s = min(t, weekCount - 1)
        while s >= 0 {
            if present[cell(i, s)] == 1 { return s }
            s -= 1
        }
        return nil
    }

    /// The index of the grid week on or before `day`, or `nil` when `day` is before the
    /// first week.
    ///
    /// Rounded down: a week after `day` would hold reports `day` has not seen yet.
    public func weekIndex(onOrBefore day: Day) -> Int? {
        guard let first = dates.first, day >= first else { return nil }
        return min(dates.count - 1, first.weeks(to: day, rounding: .down))
    }

    /// The date of grid week `t`, extended past the panel on the same 7-day grid.
    public func date(ofWeek t: Int) -> Day {
        (dates.first ?? Day(daysSinceEpoch: 0)).adding(days: 7 * t)
    }

    /// The last `count` reports of cooperative `i` up to week `t` (inclusive), oldest
    /// first, rebuilt as snapshot records for the zone rules (names and business figures
    /// left empty).
    public func recentRecords(of i: Int, upTo t: Int, count: Int) -> [SnapshotRecord] {
        var out: [SnapshotRecord] = []
        var s = min(t, weekCount - 1)
        while s >= 0, out.count < count {
            let c = cell(i, s)
            if present[c] == 1 { out.append(record(cell: c, code: codes[i], date: dates[s])) }
            s -= 1
        }
        return out.reversed()
    }

    /// The zone of cooperative `i` at its last report on or before week `t` (under
    /// ``rules``), or `nil` when it has not reported by then.
    public func zone(of i: Int, at t: Int) -> Zone? {
        let history = recentRecords(of: i, upTo: t, count: rules.stallWindowReports + 1)
        guard !history.isEmpty else { return nil }
        return ZoneClassifier(rules: rules).zone(history: history, at: history.count - 1)
    }

    private func record(cell c: Int, code: CooperativeCode, date: Day) -> SnapshotRecord {
        let f = flags[c]
        // A present cell holds a valid code of each.
        let tahapCase = Tahap(code: tahap[c]) ?? .terdaftar
        let lahanCase = StatusLahan(code: lahan[c]) ?? .tidakAda
        return SnapshotRecord(
            kode: code, tanggal: date, tahap: tahapCase,
            badanHukum: f & Bit.badanHukum != 0, pengurusLengkap: f & Bit.pengurusLengkap != 0,
            jumlahAnggota: Int(members[c]), rapatAnggota: f & Bit.rapatAnggota != 0,
            nib: f & Bit.nib != 0, npwp: f & Bit.npwp != 0, rekeningBank: f & Bit.rekeningBank != 0,
            laporanTepatWaktu: f & Bit.laporanTepatWaktu != 0, statusLahan: lahanCase,
            progresFisik: progress[c].isNaN ? nil : Double(progress[c]),
            unitUsahaAktif: Int(units[c]), kendalaLahan: f & Bit.land != 0,
            kendalaCuaca: f & Bit.weather != 0, kendalaTenagaKerja: f & Bit.labour != 0,
            kendalaTeknis: f & Bit.technical != 0)
    }
}

/// The panel's columns while they are filled by parallel workers, each grid week's cells by
/// exactly one (so no two workers write the same element).
private struct PanelColumns: @unchecked Sendable {
    let present: UnsafeMutableBufferPointer<UInt8>
    let tahap: UnsafeMutableBufferPointer<Int8>
    let lahan: UnsafeMutableBufferPointer<Int8>
    let progress: UnsafeMutableBufferPointer<Float>
    let flags: UnsafeMutableBufferPointer<UInt16>
    let members: UnsafeMutableBufferPointer<Int32>
    let units: UnsafeMutableBufferPointer<Int8>
    let green: UnsafeMutableBufferPointer<UInt8>

    /// `cells` cells, each as in a week without a report.
    init(cells: Int) {
        func column<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
            let b = UnsafeMutableBufferPointer<T>.allocate(capacity: cells)
            b.initialize(repeating: value)
            return b
        }
        present = column(0)
        tahap = column(Tahap.absentCode)
        lahan = column(StatusLahan.absentCode)
        progress = column(.nan)
        flags = column(0)
        members = column(0)
        units = column(0)
        green = column(0)
    }

    func deallocate() {
        present.deallocate()
        tahap.deallocate()
        lahan.deallocate()
        progress.deallocate()
        flags.deallocate()
        members.deallocate()
        units.deallocate()
        green.deallocate()
    }
}

extension Array where Element: Comparable {
    /// Whether the elements are in ascending order (repeats allowed).
    func isSorted() -> Bool {
        var k = 1
        while k < count {
            if self[k] < self[k - 1] { return false }
            k += 1
        }
        return true
    }
}
