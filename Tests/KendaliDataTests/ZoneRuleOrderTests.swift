import Testing
@testable import KendaliData

@Suite("Zone rules: one order through every entry point")
struct ZoneRuleOrderTests {
    let classifier = ZoneClassifier()

    /// Five reports under construction, progress flat at `progress` (stalled under rule
    /// set 1), the last one with `lastLand` and `units`.
    func stalledHistory(progress: Double = 40, lastLand: StatusLahan, units: Int = 0) -> [SnapshotRecord] {
        (0..<5).map { i in
            SnapshotFixtures.record(
                date: SnapshotFixtures.day("2026-01-05").adding(days: 7 * i), tahap: .pembangunan,
                lahan: i == 4 ? lastLand : .siap, progres: progress, units: i == 4 ? units : 0)
        }
    }

    /// The zone and red reason of the last report, by every way the library classifies
    /// one: the history functions, the rolling windows of the weekly pass, and the rule on
    /// the report's zone inputs; all must agree.
    func classified(_ history: [SnapshotRecord]) -> (zone: Zone, redReason: RedReason?) {
        let last = history.count - 1
        let byHistory = (classifier.zone(history: history, at: last), classifier.redReason(history: history, at: last))
        var windows = ZoneWindows(count: 1, capacity: classifier.rules.stallWindowReports)
        for r in history.dropLast() { windows.append(r, to: 0) }
        let byWindow = classifier.classify(history[last], after: 0, in: windows)
        let byInputs = classifier.classify(history[last].zoneInputs) {
            classifier.isStalled(history: history, at: last)
        }
        #expect(byWindow.zone == byHistory.0 && byInputs.zone == byHistory.0)
        #expect(byWindow.redReason == byInputs.redReason)
        // The history's red reason is asked regardless of green; the others give none
        // unless red.
        if byHistory.0 == .merah { #expect(byWindow.redReason == byHistory.1) }
        return byWindow
    }

    @Test("disputed land comes before stalled construction")
    func disputedFirst() {
        let h = stalledHistory(lastLand: .sengketa)
        #expect(classifier.isStalled(history: h, at: 4))
        #expect(classified(h) == (.merah, .landDisputed))
    }

    @Test("no land from the portal on comes before stalled construction")
    func noLandSecond() {
        let h = stalledHistory(lastLand: .tidakAda)
        #expect(classifier.isStalled(history: h, at: 4))
        #expect(classified(h) == (.merah, .noLand))
    }

    @Test("stalled construction is the last red rule")
    func stalledLast() {
        #expect(classified(stalledHistory(lastLand: .siap)) == (.merah, .stalledConstruction))
        #expect(classified(stalledHistory(lastLand: .verifikasi)) == (.merah, .stalledConstruction))
    }

    @Test("green comes before every red rule")
    func greenFirst() {
        // Land ready and progress 100 under construction: infrastruktur 30 + 70 = 100,
        // green with a business unit even though progress is flat.
        let h = stalledHistory(progress: 100, lastLand: .siap, units: 1)
        #expect(classifier.isStalled(history: h, at: 4))
        #expect(classified(h) == (.hijau, nil))
        #expect(classifier.redReason(history: h, at: 4) == .stalledConstruction)
    }

    @Test("neither rule: yellow")
    func yellow() {
        let rising = (0..<5).map { i in
            SnapshotFixtures.record(
                date: SnapshotFixtures.day("2026-01-05").adding(days: 7 * i), tahap: .pembangunan,
                lahan: .siap, progres: 10 + 5 * Double(i))
        }
        #expect(classified(rising) == (.kuning, nil))
    }

    @Test("the stall rule is asked only when green and the land rules leave the zone open")
    func stallAskedLast() {
        var asked = 0
        func ask() -> Bool { asked += 1; return true }
        let green = SnapshotFixtures.record(tahap: .beroperasi, lahan: .siap, progres: 100, units: 1)
        let disputed = SnapshotFixtures.record(tahap: .pembangunan, lahan: .sengketa, progres: 40)
        let noLand = SnapshotFixtures.record(tahap: .portal, lahan: .tidakAda, progres: nil)
        let open = SnapshotFixtures.record(tahap: .pembangunan, lahan: .verifikasi, progres: 40)
        #expect(classifier.classify(green.zoneInputs, stalled: ask) == (.hijau, nil))
        #expect(classifier.classify(disputed.zoneInputs, stalled: ask) == (.merah, .landDisputed))
        #expect(classifier.classify(noLand.zoneInputs, stalled: ask) == (.merah, .noLand))
        #expect(asked == 0)
        #expect(classifier.classify(open.zoneInputs, stalled: ask) == (.merah, .stalledConstruction))
        #expect(asked == 1)
    }

    @Test("zone inputs give the record's scores", arguments: [false, true])
    func inputs(allFlags: Bool) {
        for tahap in Tahap.allCases {
            for lahan in StatusLahan.allCases {
                let r = SnapshotFixtures.record(tahap: tahap, lahan: lahan, progres: 55, units: 1,
                                                allFlags: allFlags)
                let i = r.zoneInputs
                #expect(i.kelembagaanItems == (allFlags ? 3 : 0) && i.legalitasItems == (allFlags ? 4 : 0))
                #expect(classifier.scores(i) == classifier.scores(r))
                #expect(classifier.isGreen(i) == classifier.isGreen(r))
            }
        }
    }
}

@Suite("Stage and land codes")
struct StageAndLandCodeTests {
    @Test("stage codes round-trip and follow the pipeline order")
    func stages() {
        for t in Tahap.allCases {
            #expect(Tahap(code: t.code) == t)
            #expect(Int(t.code) == t.rank)
        }
        #expect(Tahap.allCases.map(\.code) == [0, 1, 2, 3, 4])
        #expect(Tahap(code: Tahap.absentCode) == nil)
        #expect(Tahap(code: 5) == nil)
    }

    @Test("land codes round-trip in allCases order")
    func land() {
        for (k, s) in StatusLahan.allCases.enumerated() {
            #expect(StatusLahan(code: s.code) == s)
            #expect(Int(s.code) == k)
        }
        #expect(StatusLahan.allCases.count == StatusLahan.codeCount)
        #expect(StatusLahan(code: StatusLahan.absentCode) == nil)
        #expect(StatusLahan(code: Int8(StatusLahan.codeCount)) == nil)
    }

    @Test("in the portal with land not ready", arguments: Tahap.allCases)
    func portalLandNotReady(tahap: Tahap) {
        for lahan in StatusLahan.allCases {
            let r = SnapshotFixtures.record(tahap: tahap, lahan: lahan, progres: nil)
            #expect(r.isPortalLandNotReady == (tahap == .portal && lahan != .siap), "\(tahap), \(lahan)")
        }
        #expect(SnapshotFixtures.record(tahap: .portal, lahan: .sengketa, progres: nil).isPortalLandNotReady)
        #expect(!SnapshotFixtures.record(tahap: .portal, lahan: .siap, progres: nil).isPortalLandNotReady)
        #expect(!SnapshotFixtures.record(tahap: .pembangunan, lahan: .tidakAda, progres: nil).isPortalLandNotReady)
    }
}
