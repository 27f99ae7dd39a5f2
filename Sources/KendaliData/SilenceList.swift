import GRDB

/// A cooperative that has not reported for some weeks, with its last report.
public struct SilentCooperative: Hashable, Sendable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its names: the register's when it is registered, else as last reported.
    public var nama: String?
    /// `desa`.
    public var desa: String?
    /// `kecamatan`.
    public var kecamatan: String?
    /// `kabupaten`.
    public var kabupaten: String?
    /// The week of its last report; `nil` for a registered cooperative that never reported.
    public var lastSeen: Day?
    /// The weeks of the history after its last report, up to the list's week (every week
    /// when it never reported).
    public var weeksSilent: Int
}

/// The cooperatives silent in a week: every cooperative seen (or registered) with no
/// report in the last `minimumWeeks` weeks or more of the history, up to that week.
///
/// A week is a week of the history (a stored week, or a file of the folder): a week
/// with no file at all counts for nobody. A cooperative registered but never reported is
/// silent for every week.
public struct SilenceList: Sendable {
    /// The week the list is for.
    public var asOf: Day
    /// The weeks of the history up to `asOf`.
    public var weekCount: Int
    /// The fewest silent weeks listed.
    public var minimumWeeks: Int
    /// The silent cooperatives, longest silent first, then by code.
    public var cooperatives: [SilentCooperative]

    /// The list from each cooperative's last report week.
    ///
    /// - Parameters:
    ///   - weeks: the weeks of the history up to the list's week, oldest first (not empty).
    ///   - lastSeen: each cooperative seen, with the week of its last report up to it.
    ///   - names: the names of a cooperative as last reported, when known.
    ///   - register: every registered cooperative is included, with the register's names.
    static func make(
        weeks: [Day], lastSeen: [CooperativeCode: Day], names: (CooperativeCode) -> CooperativeNames?,
        register: CooperativeRegister?, minimumWeeks: Int
    ) -> SilenceList? {
        guard let asOf = weeks.last else { return nil }
        func silent(since last: Day?) -> Int {
            guard let last else { return weeks.count }
            // Weeks are sorted: those after `last`.
            var lo = 0, hi = weeks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if weeks[mid] <= last { lo = mid + 1 } else { hi = mid }
            }
            return weeks.count - lo
        }
        var out: [SilentCooperative] = []
        var codes = Set(lastSeen.keys)
        if let register { codes.formUnion(register.entries.map(\.kode)) }
        for kode in codes {
            let last = lastSeen[kode]
            let n = silent(since: last)
            guard n >= minimumWeeks else { continue }
            var c = SilentCooperative(kode: kode, lastSeen: last, weeksSilent: n)
            if let e = register?.entry(of: kode) {
                (c.nama, c.desa, c.kecamatan, c.kabupaten) = (e.nama, e.desa, e.kecamatan, e.kabupaten)
            } else if let known = names(kode) {
                (c.nama, c.desa, c.kecamatan, c.kabupaten) = (known.nama, known.desa, known.kecamatan, known.kabupaten)
            }
            out.append(c)
        }
        out.sort { $0.weeksSilent != $1.weeksSilent ? $0.weeksSilent > $1.weeksSilent : $0.kode < $1.kode }
        return SilenceList(asOf: asOf, weekCount: weeks.count, minimumWeeks: minimumWeeks, cooperatives: out)
    }

    /// The list of the latest week on or before `asOf` (the latest week when `nil`) of
    /// `history`, with its register when it has one.
    ///
    /// - Returns: `nil` when no week is on or before `asOf`.
    /// - Complexity: O(total reports).
    public static func compute(history: SnapshotHistory, asOf: Day? = nil, minimumWeeks: Int = 2) -> SilenceList? {
        let upTo = asOf.map { history.asOf($0) } ?? history
        var lastSeen: [CooperativeCode: Day] = [:]
        for w in upTo.weeks {
            for r in w.records { lastSeen[r.kode] = w.date }
        }
        let names = upTo.cooperativeNames()
        return make(
            weeks: upTo.dates, lastSeen: lastSeen, names: { names[$0] }, register: history.register,
            minimumWeeks: minimumWeeks)
    }
}

extension HistoryStore {
    /// The silent cooperatives of the latest active week on or before `asOf` (the
    /// latest when `nil`), with the stored register when there is one; each
    /// cooperative's last report found with one grouped scan of the active reports.
    ///
    /// - Returns: `nil` when no week is stored on or before `asOf`.
    /// - Complexity: O(total reports up to `asOf`).
    public func silence(asOf: Day? = nil, minimumWeeks: Int = 2) throws(StoreError) -> SilenceList? {
        let register = try register()?.register
        return try read { db -> SilenceList? in
            let weeks = try Self.activeFiles(db, asOf: asOf).map(\.reportDate)
            guard let last = weeks.last else { return nil }
            var lastSeen: [CooperativeCode: Day] = [:]
            let s = try StoreStatement(db, """
                SELECT r.kode, max(f.report_date) FROM report r JOIN import_file f ON f.id = r.import_id
                WHERE f.active = 1 AND f.report_date <= ? GROUP BY r.kode
                """)
            s.bind(1, last.iso)
            while try s.next() {
                guard let kode = CooperativeCode(value: s.int64(0)), let day = Day(parsing: s.string(1)) else {
                    throw StoreError.database("a stored report's code or date is malformed")
                }
                lastSeen[kode] = day
            }
            var names: [CooperativeCode: CooperativeNames] = [:]
            let n = try StoreStatement(db, "SELECT kode, nama, desa, kecamatan, kabupaten, first_seen FROM cooperative")
            while try n.next() {
                guard let kode = CooperativeCode(value: n.int64(0)), let first = Day(parsing: n.string(5)) else { continue }
                names[kode] = CooperativeNames(
                    nama: n.optionalString(1), desa: n.optionalString(2), kecamatan: n.optionalString(3),
                    kabupaten: n.optionalString(4), firstSeen: first)
            }
            return SilenceList.make(
                weeks: weeks, lastSeen: lastSeen, names: { names[$0] }, register: register,
                minimumWeeks: minimumWeeks)
        }
    }
}
