import Testing
@testable import KendaliData

@Suite("Zones and scores, rule set 1")
struct ZoneTests {
    let classifier = ZoneClassifier()

    /// A report that is green under rule set 1.
    func green() -> SnapshotRecord {
        SnapshotFixtures.record(tahap: .beroperasi, lahan: .siap, progres: 100, units: 1)
    }

    @Test("missingForGreen: empty exactly when green, each criterion with its value and threshold")
    func missingForGreen() {
        #expect(classifier.missingForGreen(green()).isEmpty)
        var r = SnapshotFixtures.record(tahap: .pembangunan, lahan: .verifikasi, progres: 50, units: 0, anggota: 19)
        r.rapatAnggota = false
        r.npwp = false
        r.laporanTepatWaktu = false
        let missing = classifier.missingForGreen(r)
        #expect(missing.map(\.criterion) == [.infrastruktur, .kelembagaan, .legalitas, .unitUsahaAktif])
        #expect(missing[3].value == 0 && missing[3].needed == 1)
        #expect(missing[2].value == 50 && missing[2].needed == classifier.rules.greenMinimumLegalitas)
        // Exhaustively over the inputs the rule reads: green ⇔ nothing missing.
        for tahap in Tahap.allCases {
            for lahan in StatusLahan.allCases {
                for units in 0...2 {
                    for k in 0...3 {
                        for l in 0...4 {
                            for progres in [0.0, 60, 100] {
                                let z = ZoneInputs(tahap: tahap, statusLahan: lahan, progresFisik: progres, unitUsahaAktif: units,
                                                   jumlahAnggota: 20, kelembagaanItems: k, legalitasItems: l)
                                #expect(classifier.isGreen(z) == classifier.missingForGreen(z).isEmpty)
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("scores follow the spec's formulas")
    func scores() {
        var r = SnapshotFixtures.record(tahap: .pembangunan, lahan: .verifikasi, progres: 50,
                                        units: 2, anggota: 19)
        r.rapatAnggota = false
        r.npwp = false
        r.laporanTepatWaktu = false
        let s = classifier.scores(r)
        #expect(s.kelembagaan == 50)  // badan_hukum + pengurus; 19 members < 20
        #expect(s.legalitas == 50)  // nib + rekening
        #expect(s.infrastruktur == 20 + 0.7 * 50)
        #expect(abs(s.operasional - 200.0 / 3.0) < 1e-12)
        r.jumlahAnggota = 20
        #expect(classifier.scores(r).kelembagaan == 75)
        r.unitUsahaAktif = 5
        #expect(classifier.scores(r).operasional == 100)
        r.progresFisik = nil
        r.statusLahan = .diusulkan
        #expect(classifier.scores(r).infrastruktur == 10)
        r.statusLahan = .siap
        r.progresFisik = 100
        #expect(classifier.scores(r).infrastruktur == 100)  // 30 + 70
        r.tahap = .selesai
        r.statusLahan = .tidakAda
        r.progresFisik = nil
        #expect(classifier.scores(r).infrastruktur == 100)
    }

    @Test("land points of each status", arguments: [
        (StatusLahan.tidakAda, 0.0), (.sengketa, 0), (.diusulkan, 10), (.verifikasi, 20), (.siap, 30),
    ])
    func landPoints(status: StatusLahan, points: Double) {
        let r = SnapshotFixtures.record(tahap: .portal, lahan: status, progres: nil)
        #expect(classifier.scores(r).infrastruktur == points)
    }

    @Test("green needs all four conditions")
    func greenBranches() {
        #expect(classifier.zones(history: [green()]) == [.hijau])
        var noUnits = green()
        noUnits.unitUsahaAktif = 0
        var weakInstitution = green()
        weakInstitution.badanHukum = false
        weakInstitution.rapatAnggota = false
        var weakLegal = green()
        weakLegal.nib = false
        weakLegal.npwp = false
        var building = green()
        building.tahap = .pembangunan
        building.progresFisik = 99
        for r in [noUnits, weakInstitution, weakLegal, building] {
            #expect(classifier.zones(history: [r]) == [.kuning])
        }
        // One missing item of each group still leaves 75: green.
        var oneMissing = green()
        oneMissing.rapatAnggota = false
        oneMissing.laporanTepatWaktu = false
        #expect(classifier.zones(history: [oneMissing]) == [.hijau])
        // Green wins over red conditions (the spec: red "when not green").
        var disputedButDone = green()
        disputedButDone.statusLahan = .sengketa
        #expect(classifier.zones(history: [disputedButDone]) == [.hijau])
    }

    @Test("red: disputed land, no land from portal on")
    func redLand() {
        let disputed = SnapshotFixtures.record(tahap: .terdaftar, lahan: .sengketa, progres: nil)
        #expect(classifier.zones(history: [disputed]) == [.merah])
        #expect(classifier.redReason(history: [disputed], at: 0) == .landDisputed)
        let noLandRegistered = SnapshotFixtures.record(tahap: .terdaftar, lahan: .tidakAda, progres: nil)
        #expect(classifier.zones(history: [noLandRegistered]) == [.kuning])
        for tahap in [Tahap.portal, .pembangunan, .selesai] {
            let r = SnapshotFixtures.record(tahap: tahap, lahan: .tidakAda, progres: 10)
            #expect(classifier.zones(history: [r]) == [.merah], "\(tahap)")
            #expect(classifier.redReason(history: [r], at: 0) == .noLand)
        }
    }

    func building(_ progress: [Double?], tahap: [Tahap]? = nil) -> [SnapshotRecord] {
        progress.enumerated().map { i, p in
            SnapshotFixtures.record(
                date: SnapshotFixtures.day("2026-01-05").adding(days: 7 * i),
                tahap: tahap?[i] ?? .pembangunan, lahan: .siap, progres: p)
        }
    }

    @Test("red: stalled construction compares with the report four reports earlier")
    func stalled() {
        // Rises of 0.2 a week: 0.8 over four reports < 1 → red from the fifth report.
        let slow = building([10, 10.2, 10.4, 10.6, 10.8, 11.0])
        #expect(classifier.zones(history: slow) == [.kuning, .kuning, .kuning, .kuning, .merah, .merah])
        #expect(classifier.redReason(history: slow, at: 4) == .stalledConstruction)
        // Exactly 1 point over four reports is not stalled.
        let exact = building([10, 10.25, 10.5, 10.75, 11])
        #expect(classifier.zones(history: exact).last == .kuning)
        // Progress that jumped early but stopped later becomes red once the window holds
        // only flat reports: 40 − 20 at report 5 is fine, 40 − 40 at report 6 is not.
        let stopped = building([0, 20, 40, 40, 40, 40, 40])
        #expect(classifier.zones(history: stopped)
            == [.kuning, .kuning, .kuning, .kuning, .kuning, .kuning, .merah])
        // Empty progress counts as 0.
        let empty = building([nil, nil, nil, nil, 0.5])
        #expect(classifier.zones(history: empty).last == .merah)
    }

    @Test("the stall window must lie entirely in pembangunan")
    func stallNeedsWholeWindow() {
        let justStarted = building([nil, nil, nil, nil, 0],
                                   tahap: [.portal, .portal, .portal, .portal, .pembangunan])
        #expect(classifier.zones(history: justStarted).last == .kuning)
        let fewReports = building([5, 5, 5, 5])
        #expect(classifier.zones(history: fewReports) == [.kuning, .kuning, .kuning, .kuning])
    }

    @Test("green date and transitions")
    func greenDateAndTransitions() {
        var h = building([10, 10.1, 10.2, 10.3, 10.4])
        var g = green()
        g.tanggal = h[4].tanggal.adding(days: 7)
        h.append(g)
        #expect(classifier.greenDate(history: h) == g.tanggal)
        #expect(classifier.greenDate(history: Array(h.prefix(5))) == nil)
        let t = classifier.transitions(history: h)
        #expect(t == [
            ZoneTransition(date: h[0].tanggal, from: nil, to: .kuning),
            ZoneTransition(date: h[4].tanggal, from: .kuning, to: .merah),
            ZoneTransition(date: g.tanggal, from: .merah, to: .hijau),
        ])
    }

    @Test("zone names")
    func names() {
        #expect(Zone.hijau.englishName == "green")
        #expect(Zone.kuning.englishName == "yellow")
        #expect(Zone.merah.englishName == "red")
        #expect(Zone(rawValue: "merah") == .merah)
        #expect(Zone.hijau < Zone.merah)
    }
}

@Suite("Rule sets")
struct RuleSetTests {
    @Test("the default rule set is the spec's rule set 1")
    func defaults() {
        let r = RuleSet.default
        #expect(r.name == "KDKMP rule set 1")
        #expect(r.version == 1)
        #expect(r.progressWeight == 0.7)
        #expect(r.landPoints[.siap] == 30)
        #expect(r.stallWindowReports == 4)
        #expect(r.stallMinimumRise == 1)
        #expect(r.operationalUnitsDivisor == 3)
        #expect(r.label == "KDKMP rule set 1 (version 1)")
    }

    @Test("JSON round trip and loading from a file")
    func jsonLoad() throws {
        let text = RuleSet.default.jsonText()
        #expect(text.contains("\"tidak_ada\""))
        let decoded = try RuleSet.decode(json: Array(text.utf8))
        #expect(decoded == RuleSet.default)
        let loaded = try RuleSet.load(path: SnapshotFixtures.path("rules-strict.json"))
        #expect(loaded.name == "strict test rules")
        #expect(loaded.version == 2)
        #expect(loaded.greenMinimumKelembagaan == 100)
    }

    @Test("a changed threshold changes the zone")
    func thresholdChangesZone() throws {
        var r = SnapshotFixtures.record(tahap: .beroperasi, lahan: .siap, progres: 100, units: 1)
        r.rapatAnggota = false  // kelembagaan 75
        #expect(ZoneClassifier().zones(history: [r]) == [.hijau])
        let strict = try RuleSet.load(path: SnapshotFixtures.path("rules-strict.json"))
        #expect(ZoneClassifier(rules: strict).zones(history: [r]) == [.kuning])
    }

    @Test("bad rule files are rejected with a message")
    func badFiles() {
        #expect(throws: RuleSetError.self) { try RuleSet.decode(json: Array("{".utf8)) }
        #expect(throws: RuleSetError.self) { try RuleSet.decode(json: Array("{\"name\":\"x\"}".utf8)) }
        var bad = RuleSet.default
        bad.stallWindowReports = 0
        #expect(throws: RuleSetError.self) { try RuleSet.decode(json: Array(bad.jsonText().utf8)) }
        #expect(throws: RuleSetError.self) { try RuleSet.load(path: "/nonexistent/rules.json") }
        do {
            _ = try RuleSet.decode(json: Array("{\"name\":\"x\"}".utf8), source: "r.json")
        } catch {
            #expect(error.description.hasPrefix("r.json: missing key"))
        }
    }
}
