import KendaliData

/// Five cooperatives over ten weekly reports (2026-01-02 … 2026-03-06), small enough to
/// compute the health figures by hand.
///
/// | kode | regency | tahap | units | members / active | omzet_bulanan (rupiah) |
/// | --- | --- | --- | --- | --- | --- |
/// | A 5201012001 | 52.01 | beroperasi | 2 | 30 / 15 | 10,000,000 in weeks 0–5, 6,000,000 in weeks 6–9 |
/// | B 5201012002 | 52.01 | beroperasi | 3 in weeks 0–5, then 2 | 40 / 20 | 20,000,000; 20,000 in week 7 (a slip) |
/// | C 5202012003 | 52.02 | beroperasi | 1 | 50 / 5 | 4,000,000; 4,000 in week 9 (a slip) |
/// | D 5202012004 | 52.02 | pembangunan | 0 | 20 / – | – |
/// | E 5202022005 | 52.02 | selesai in weeks 0–3, then beroperasi | 0, then 1 | 20 / 10 from week 4 | 8,000,000 from week 4 |
///
/// In the last week A is falling (turnover 6 M ≤ 0.7 × 10 M), B lost a business unit (2 < 3
/// four reports earlier) and C has 10 % of its members active.
public enum HealthFixture {
    /// The first report date, a Friday.
    public static let firstDate = Day(year: 2026, month: 1, day: 2) ?? Day(daysSinceEpoch: 0)
    /// Weekly reports.
    public static let weekCount = 10

    /// The codes of A … E.
    public static let codes: [CooperativeCode] = [5201012001, 5201012002, 5202012003, 5202012004, 5202022005]
        .compactMap { CooperativeCode(parsing: String($0)) }

    /// Regency and district names by regency code.
    static func places(_ i: Int) -> (desa: String, kecamatan: String, kabupaten: String) {
        switch i {
        case 0, 1: ("Desa \(i + 1)", "Batu Layar", "Kabupaten Lombok Barat")
        case 2, 3: ("Desa \(i + 1)", "Praya", "Kabupaten Lombok Tengah")
        default: ("Desa \(i + 1)", "Jonggat", "Kabupaten Lombok Tengah")
        }
    }

    /// The report of cooperative `i` (0 = A … 4 = E) in week `t`.
    public static func record(_ i: Int, week t: Int) -> SnapshotRecord {
        var tahap = Tahap.beroperasi
        var units = 0, members = 20
        var active: Int?
        var omzet: Int64?
        switch i {
        case 0:
            units = 2; members = 30; active = 15
            omzet = t < 6 ? 10_000_000 : 6_000_000
        case 1:
            units = t < 6 ? 3 : 2; members = 40; active = 20
            omzet = t == 7 ? 20_000 : 20_000_000
        case 2:
            units = 1; members = 50; active = 5
            omzet = t == 9 ? 4_000 : 4_000_000
        case 3:
            tahap = .pembangunan
        default:
            if t < 4 {
                tahap = .selesai
            } else {
                units = 1; active = 10; omzet = 8_000_000
            }
        }
        let p = places(i)
        return SnapshotRecord(
            kode: codes[i], nama: "Koperasi \(["A", "B", "C", "D", "E"][i])", desa: p.desa, kecamatan: p.kecamatan,
            kabupaten: p.kabupaten, tanggal: firstDate.adding(days: 7 * t), tahap: tahap, badanHukum: true,
            pengurusLengkap: true, jumlahAnggota: members, rapatAnggota: true, nib: true, npwp: true,
            rekeningBank: true, laporanTepatWaktu: true, statusLahan: .siap,
            progresFisik: tahap == .pembangunan ? 50 : 100, unitUsahaAktif: units, omzetBulanan: omzet,
            anggotaAktif: active, kendalaLahan: false, kendalaCuaca: false, kendalaTenagaKerja: false,
            kendalaTeknis: false)
    }

    /// The ten weeks.
    public static func history() -> SnapshotHistory {
        let weeks = (0..<weekCount).map { t in
            SnapshotHistory.Week(
                date: firstDate.adding(days: 7 * t), fileName: "w\(t).csv", contentDigest: "digest\(t)",
                records: codes.indices.map { record($0, week: t) }, warnings: [])
        }
        return SnapshotHistory(source: .memory, weeks: weeks)
    }
}
