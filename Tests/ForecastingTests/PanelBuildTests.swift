import Testing
@testable import Forecasting
import KendaliData

/// The panel built week by week in parallel, and the order statistic of the burn-up bands.
@Suite("Panel building and order statistics")
struct PanelBuildTests {
    static let first = Day(year: 2025, month: 8, day: 1) ?? Day(daysSinceEpoch: 0)

    static func record(_ code: Int64, _ date: Day, progress: Double?, kabupaten: String?) -> SnapshotRecord {
        let kode = CooperativeCode(value: code)!  // fixed valid codes of the test
        return SnapshotRecord(
            kode: kode, kabupaten: kabupaten, tanggal: date, tahap: progress == nil ? .terdaftar : .pembangunan,
            badanHukum: true, pengurusLengkap: true, jumlahAnggota: 30, rapatAnggota: true, nib: true,
            npwp: true, rekeningBank: true, laporanTepatWaktu: true, statusLahan: .siap,
            progresFisik: progress, unitUsahaAktif: 0, kendalaLahan: false, kendalaCuaca: progress == 40,
            kendalaTenagaKerja: false, kendalaTeknis: false)
    }

    /// Week 0; a file dated 2 days after week 1 (same grid week as week 1, read after it);
    /// week 3 with a code never seen before and its records out of code order; week 2 absent.
    @Test("two files on one grid week: the later one's reports win, a missing progress keeps the earlier")
    func sameGridWeek() {
        let d0 = Self.first, d1 = Self.first.adding(days: 7), d1b = Self.first.adding(days: 9)
        let d3 = Self.first.adding(days: 21)
        let weeks = [
            SnapshotHistory.Week(date: d0, fileName: "a.csv", contentDigest: "", records: [
                Self.record(5_201_011_001, d0, progress: 10, kabupaten: nil),
                Self.record(5_272_011_001, d0, progress: nil, kabupaten: "Kota Mataram"),
            ], warnings: []),
            SnapshotHistory.Week(date: d1, fileName: "b.csv", contentDigest: "", records: [
                Self.record(5_201_011_001, d1, progress: 20, kabupaten: "Lombok Barat"),
                Self.record(5_272_011_001, d1, progress: 5, kabupaten: "Kota Mataram"),
            ], warnings: []),
            SnapshotHistory.Week(date: d1b, fileName: "c.csv", contentDigest: "", records: [
                Self.record(5_201_011_001, d1b, progress: 40, kabupaten: "Lombok Barat (b)"),
                Self.record(5_272_011_001, d1b, progress: nil, kabupaten: "Kota Mataram"),
            ], warnings: []),
            SnapshotHistory.Week(date: d3, fileName: "d.csv", contentDigest: "", records: [
                Self.record(5_272_011_001, d3, progress: 9, kabupaten: "Kota Mataram"),
                Self.record(5_201_011_002, d3, progress: 1, kabupaten: "Lombok Barat"),
            ], warnings: []),
        ]
        let panel = Panel(history: SnapshotHistory(source: .memory, weeks: weeks))
        #expect(panel.codes.map(\.value) == [5_201_011_001, 5_201_011_002, 5_272_011_001])
        #expect(panel.weekCount == 4)
        // Cooperative 0, grid week 1: the later file's 40 and its weather flag.
        #expect(panel.progress[panel.cell(0, 1)] == 40)
        #expect(panel.flags[panel.cell(0, 1)] & Panel.Bit.weather != 0)
        // Cooperative 2, grid week 1: the later file has no progress, the earlier one's 5 stays.
        #expect(panel.progress[panel.cell(2, 1)] == 5)
        // Week 2 had no file; the new code appears in week 3 only.
        #expect((0..<3).allSatisfy { panel.present[panel.cell($0, 2)] == 0 })
        #expect(panel.firstWeek[1] == 3 && panel.lastWeek[1] == 3)
        #expect(panel.firstWeek[0] == 0 && panel.lastWeek[0] == 1)
        // Regency names: the first non-empty one in week order (week 0 had none for 5201).
        #expect(panel.regencyNames == ["Lombok Barat", "Kota Mataram"])
    }

    @Test("order statistic equals the sorted array's element, with many repeats")
    func orderStatistic() {
        var state: UInt64 = 42
        for n in [1, 2, 3, 10, 100, 501] {
            for range in [1, 3, 1000] {
                var values = (0..<n).map { _ -> Int in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return Int(state >> 33) % range
                }
                let sorted = values.sorted()
                for k in Set([0, n / 10, n / 2, (9 * n) / 10, n - 1]) {
                    #expect(GreenForecaster.orderStatistic(&values, k) == sorted[k], "n \(n) range \(range) k \(k)")
                }
                // Both ways of the pair: counted (a narrow range) and selected (a wide one).
                var histogram: [Int32] = []
                for offset in [0, 12_345] {
                    var shifted = values.map { $0 + offset }
                    let (least, most) = (sorted[0] + offset, sorted[n - 1] + offset)
                    for (k1, k2) in [(0, n - 1), (n / 10, (9 * n) / 10), (n / 2, n / 2)] {
                        let pair = GreenForecaster.orderStatistics(
                            &shifted, k1, k2, least: least, most: most, histogram: &histogram)
                        #expect(pair.0 == sorted[k1] + offset && pair.1 == sorted[k2] + offset,
                                "n \(n) range \(range) k \(k1), \(k2)")
                    }
                    #expect(histogram.allSatisfy { $0 == 0 })
                }
            }
        }
    }
}
