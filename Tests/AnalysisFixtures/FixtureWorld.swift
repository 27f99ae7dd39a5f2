import Analysis
import KendaliData

/// A tiny deterministic world for the analysis and report tests: 20 cooperatives in 2 regencies and 4
/// districts of province 52, reporting for 24 weeks up to 27 November 2026.
///
/// Every cooperative proposes land, gets it verified and ready (at week `i % 7`), enters
/// the portal, builds at 6–14 points a week (halved in weather weeks, stopped in labour
/// weeks), finishes and opens a business unit two weeks later, which makes it green. Some
/// are special: #16 reports a progress drop once, #17 stalls at 40 (red) and has a hostile
/// name and village (`<script>`, `|`, `*`, `_`, `[`), #18 has disputed land (red), #19 has
/// no land although in the portal (red), #5 misses one week.
public enum FixtureWorld {
    /// The name of cooperative #17, full of HTML.
    public static let hostileName = "<script>alert(1)</script>"
    /// The village of cooperative #17, full of Markdown.
    public static let hostileVillage = "Desa A|B *x* _y_ [z] & <b>"
    /// The cooperative with the hostile names.
    public static let hostileIndex = 17
    /// The last report date.
    public static let lastDate = Day(year: 2026, month: 11, day: 27) ?? Day(daysSinceEpoch: 0)
    /// The number of weeks.
    public static let weekCount = 24
    /// The first report date.
    public static let firstDate = lastDate.adding(days: -7 * (weekCount - 1))

    /// The two regencies and their districts.
    public static let regencies: [(code: Int, name: String, districts: [(Int, String)])] = [
        (5201, "Lombok Barat", [(520101, "Gerung"), (520102, "Narmada")]),
        (5202, "Lombok Tengah", [(520201, "Praya"), (520202, "Pujut")]),
    ]

    /// The cooperative codes, in order (5 a district).
    public static var codes: [CooperativeCode] {
        regencies.flatMap { r in
            r.districts.flatMap { d in (1...5).compactMap { CooperativeCode(value: Int64(d.0) * 10_000 + 2000 + Int64($0)) } }
        }
    }

    /// The report of cooperative `i` in week `t`, or `nil` when it does not report.
    public static func record(_ i: Int, week t: Int) -> SnapshotRecord? {
        if i == 5, t == 10 { return nil }
        let code = codes[i]
        let district = regencies.flatMap(\.districts)[i / 5]
        let regency = regencies[i / 10]
        let landReady = i % 7
        var tahap = Tahap.terdaftar
        var land = t < landReady / 2 ? StatusLahan.diusulkan : (t < landReady ? .verifikasi : .siap)
        var progress: Double?
        var units = 0
        var weather = false, labour = false
        if i == 18 { land = .sengketa }
        if i == 19 { land = .tidakAda }
        if i == 19, t >= 3 { tahap = .portal }
        if i < 18, t > landReady { tahap = .portal }
        let start = landReady + 2
        if i < 18, t >= start {
            var p = 0.0
            let rate = 6.0 + Double(i % 5) * 2
            var finishedAt: Int?
            for s in start...t {
                let w = (s + i) % 6 == 0
                let l = (s + i) % 9 == 0
                if s == t {
                    weather = w
                    labour = l
                }
                if s > start { p += l ? 0 : (w ? rate / 2 : rate) }
                if i == 17 { p = min(p, 40) }
                if p >= 100, finishedAt == nil { finishedAt = s }
            }
            if i == 16, t == start + 4 { p = max(0, p - 20) }
            if let finishedAt {
                tahap = t >= finishedAt + 2 ? .beroperasi : .selesai
                progress = 100
                units = tahap == .beroperasi ? 1 + (i % 2) : 0
                weather = false
                labour = false
            } else {
                tahap = .pembangunan
                progress = max(0, min(99, p))
            }
        }
        let adminFrom = i % 4
        return SnapshotRecord(
            kode: code, nama: i == hostileIndex ? hostileName : "Koperasi Merah Putih \(i + 1)",
            desa: i == hostileIndex ? hostileVillage : "Desa \(i + 1)", kecamatan: district.1, kabupaten: regency.name,
            tanggal: firstDate.adding(days: 7 * t), tahap: tahap, badanHukum: true, pengurusLengkap: true,
            jumlahAnggota: 25, rapatAnggota: t >= 2, nib: t >= adminFrom, npwp: t >= adminFrom,
            rekeningBank: t >= adminFrom, laporanTepatWaktu: (t + i) % 10 != 0, statusLahan: land,
            progresFisik: progress, unitUsahaAktif: units, kendalaLahan: false, kendalaCuaca: weather,
            kendalaTenagaKerja: labour, kendalaTeknis: (t + i) % 13 == 0 && (progress ?? 100) < 100)
    }

    /// The weekly files of weeks `0..<weeks`.
    public static func files(weeks: Int = weekCount) -> [SnapshotFile] {
        (0..<weeks).map { t in
            let records = codes.indices.compactMap { record($0, week: t) }
            let date = firstDate.adding(days: 7 * t)
            return SnapshotFile(
                fileName: date.iso + ".csv", reportDate: date, records: records,
                recordLines: records.indices.map { $0 + 2 }, warnings: [],
                contentDigest: SnapshotDigest.sha256Hex(Array(date.iso.utf8)), byteCount: 0)
        }
    }

    /// The history of the world (cross-week warnings computed as on import).
    public static func history(weeks: Int = weekCount) -> SnapshotHistory {
        do {
            return try SnapshotHistory.build(files: files(weeks: weeks), source: .folder(path: "/somewhere/snapshots"))
        } catch {
            return SnapshotHistory(source: .memory, weeks: [])
        }
    }

    /// The analysis of the world, without the forecast unless asked (fast and independent
    /// of the forecast's code).
    public static func analysis(
        level: ReportLevel = .province(nil), forecast: Bool = false, priorities: PriorityInput? = nil,
        weeks: Int = weekCount
    ) throws(AnalysisError) -> WeeklyAnalysis {
        let options = AnalysisOptions(
            level: level, forecast: forecast, seed: 7, paths: 100, priorities: priorities, toolVersion: "test")
        return try Analyser.analyse(history: history(weeks: weeks), options: options)
    }
}
