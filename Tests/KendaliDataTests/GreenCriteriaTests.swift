import Testing
@testable import KendaliData

/// What keeps a report from green, and the changes between two reports.
@Suite("Green criteria and report changes")
struct GreenCriteriaTests {
    let classifier = ZoneClassifier()

    @Test("every threshold missed is listed with its value and minimum; none when green")
    func missing() {
        var r = SnapshotFixtures.record(tahap: .pembangunan, lahan: .verifikasi, progres: 50, units: 0, anggota: 19)
        r.rapatAnggota = false
        r.npwp = false
        r.laporanTepatWaktu = false
        let m = classifier.missingForGreen(r.zoneInputs)
        #expect(m == [
            GreenShortfall(criterion: .infrastruktur, value: 20 + 0.7 * 50, needed: 100),
            GreenShortfall(criterion: .kelembagaan, value: 50, needed: 75),
            GreenShortfall(criterion: .legalitas, value: 50, needed: 75),
            GreenShortfall(criterion: .unitUsahaAktif, value: 0, needed: 1),
        ])
        let green = SnapshotFixtures.record(tahap: .beroperasi, lahan: .siap, progres: 100, units: 1)
        #expect(classifier.isGreen(green))
        #expect(classifier.missingForGreen(green.zoneInputs).isEmpty)
        #expect(classifier.missingForGreen(history: [green], at: 0).isEmpty)
        // Empty exactly when green, over a grid of reports.
        for lahan in StatusLahan.allCases {
            for units in 0...1 {
                for p in stride(from: 0.0, through: 100, by: 25) {
                    let x = SnapshotFixtures.record(tahap: .pembangunan, lahan: lahan, progres: p, units: units)
                    #expect(classifier.missingForGreen(x.zoneInputs).isEmpty == classifier.isGreen(x))
                }
            }
        }
    }

    @Test("changes list the columns that differ, values as written, code and date left out")
    func changes() {
        let a = SnapshotFixtures.record(tahap: .portal, lahan: .verifikasi, progres: nil, units: 0)
        var b = a
        b.tanggal = a.tanggal.adding(days: 7)
        #expect(b.changes(since: a).isEmpty)
        b.statusLahan = .tidakAda
        b.kendalaLahan = true
        b.progresFisik = 2.5
        #expect(b.changes(since: a) == [
            InputChange(column: "status_lahan", from: "verifikasi", to: "tidak_ada"),
            InputChange(column: "progres_fisik", from: "", to: "2.5"),
            InputChange(column: "kendala_lahan", from: "0", to: "1"),
        ])
        #expect(a.columnValues.count == SnapshotColumns.all.count)
    }
}
