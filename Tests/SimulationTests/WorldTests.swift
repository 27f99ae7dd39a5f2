import Foundation
import KendaliData
import Testing
@testable import Simulation

/// Determinism, the canonical file form, the truth against the zones, and the bundled
/// dataset reproduced from its seed.
@Suite struct WorldTests {
    /// The same seed gives the same world; another seed another world; a shorter cap
    /// changes only the truth beyond it.
    @Test func sameSeedSameWorld() throws {
        let bundled = try SimulationFixtures.world()
        let again = try WorldSimulator.simulate(SimulationConfiguration(
            seed: SimulationConfiguration.bundledSeed, capWeeks: 70))
        #expect(again.provinces[0].reports == bundled.provinces[0].reports)
        let last = try #require(bundled.reportDates.last)
        #expect(again.truth.map(\.greenDate) == bundled.truth.map { t in t.greenDate.flatMap { $0 <= last ? $0 : nil } })
        let other = try WorldSimulator.simulate(SimulationConfiguration(seed: 100, weeks: 30, capWeeks: 30))
        #expect(Array(bundled.provinces[0].reports.prefix(30)) != Array(other.provinces[0].reports.prefix(30)))
        #expect(bundled.truthCSV() == bundled.truthCSV())
    }

    /// A national world: distinct province codes, ~1,166 cooperatives each, NTB's part
    /// identical to the NTB world, and a province identical when simulated alone on one
    /// thread (so the result does not depend on the number of threads).
    @Test func nationalWorldIsDeterministicPerProvince() throws {
        let config = SimulationConfiguration(
            seed: SimulationConfiguration.bundledSeed, provinces: 2, weeks: 10, capWeeks: 10)
        let world = try WorldSimulator.simulate(config)
        #expect(world.provinces.map(\.province.code) == [11, 52])
        #expect(world.cooperativeCount == 2 * 1166)
        let codes = world.truth.map(\.kode)
        #expect(Set(codes).count == codes.count)
        #expect(codes == codes.sorted())
        let bundled = try SimulationFixtures.world()
        let ntb = try #require(world.provinces.first { $0.province.code == 52 })
        for i in stride(from: 0, to: 1166, by: 7) {
            for w in 0..<10 {
                #expect(ntb.report(cooperative: i, week: w) == bundled.provinces[0].report(cooperative: i, week: w))
            }
        }
        let other = world.provinces[0]
        let serial = WorldSimulator.simulateProvince(code: 11, configuration: config)
        #expect(serial.reports == other.reports)
        #expect(serial.truth == other.truth)
        #expect(other.parameters != ntb.parameters)
        #expect(other.cooperatives.map(\.kabupaten) != ntb.cooperatives.map(\.kabupaten))
    }

    /// A later `start` shows the same world from that week on (weeks before it are
    /// simulated but not written).
    @Test func laterStartShowsTheSameWorld() throws {
        let full = try SimulationFixtures.world()
        let start = Day.known(2025, 10, 3)
        let part = try WorldSimulator.simulate(SimulationConfiguration(
            seed: SimulationConfiguration.bundledSeed, start: start, weeks: 10, capWeeks: 20))
        let offset = try #require(full.reportDates.firstIndex(of: start))
        #expect(part.reportDates == Array(full.reportDates[offset..<(offset + 10)]))
        for i in stride(from: 0, to: 1166, by: 7) {
            for w in 0..<10 {
                #expect(part.provinces[0].report(cooperative: i, week: w)
                    == full.provinces[0].report(cooperative: i, week: offset + w))
            }
        }
        // The cap of 20 simulated weeks from 2025-08-01 ends on 2025-12-12.
        let capEnd = Day.known(2025, 12, 12)
        let sameStarts = part.truth.map(\.constructionStart) == full.truth.map { t in
            t.constructionStart.flatMap { $0 <= capEnd ? $0 : nil } }
        #expect(sameStarts)
    }

    /// Invalid counts are rejected with typed errors.
    @Test func invalidConfigurationsThrow() {
        #expect(throws: SimulationError.invalidProvinceCount(0, maximum: 89)) {
            try WorldSimulator.simulate(SimulationConfiguration(seed: 1, provinces: 0))
        }
        #expect(throws: SimulationError.invalidProvinceCount(90, maximum: 89)) {
            try WorldSimulator.simulate(SimulationConfiguration(seed: 1, provinces: 90))
        }
        #expect(throws: SimulationError.invalidWeekCount(0, maximum: 520)) {
            try WorldSimulator.simulate(SimulationConfiguration(seed: 1, weeks: 0))
        }
    }

    /// The fast writer's bytes equal `SnapshotWriter`'s canonical bytes of the same
    /// records, and the reader accepts them with no errors and gets the records back.
    @Test func filesAreCanonicalAndReadable() throws {
        let world = try SimulationFixtures.world()
        for week in [0, 12, 24, 40, 69] {
            let bytes = world.snapshotCSV(week: week)
            let records = world.records(week: week)
            #expect(bytes == SnapshotWriter.bytes(records), "week \(week)")
            let name = SimulatedWorld.snapshotFileName(world.reportDates[week])
            let file = try SnapshotReader.parse(bytes: bytes, fileName: name)
            #expect(file.records == records, "week \(week)")
            #expect(file.reportDate == world.reportDates[week])
        }
    }

    /// Every written row is valid for the spec: progress only under construction or
    /// later, 100 once finished, units 0–7; land `siap` once building unless a problem
    /// arose; names always present.
    @Test func rowsAreConsistent() throws {
        let world = try SimulationFixtures.world()
        let p = world.provinces[0]
        for i in p.cooperatives.indices {
            for w in 0..<p.weeks {
                let r = p.report(cooperative: i, week: w)
                guard r.isPresent else { continue }
                if r.tahap <= .portal { #expect(r.progressTenths == -1) }
                if r.tahap >= .pembangunan { #expect(r.progressTenths >= 0) }
                if r.tahap >= .selesai { #expect(r.progressTenths == 1000) }
                #expect(r.unitUsahaAktif <= 7)
                if r.tahap == .beroperasi { #expect(r.unitUsahaAktif >= 1) }
                if r.tahap >= .pembangunan { #expect(r.statusLahan == .siap || r.statusLahan == .sengketa) }
                #expect((r.omzetThousands >= 0) == (r.unitUsahaAktif > 0))
            }
        }
    }

    /// The truth's green date is the first report date on which the zone classifier
    /// (rule set 1) calls the cooperative green, for every cooperative green within the
    /// written weeks; the others are not green in any written report.
    @Test func truthAgreesWithZones() throws {
        let world = try SimulationFixtures.world()
        let p = world.provinces[0]
        let classifier = ZoneClassifier(rules: .default)
        let last = try #require(world.reportDates.last)
        var greenWithin = 0
        for (i, c) in p.cooperatives.enumerated() {
            var history: [SnapshotRecord] = []
            for w in 0..<p.weeks {
                let r = p.report(cooperative: i, week: w)
                guard r.isPresent else { continue }
                let record = r.record(village: c.village, kecamatan: c.kecamatan,
                                      kabupaten: c.kabupaten, date: world.reportDates[w])
                #expect(classifier.isGreen(record) == r.isGreenUnderRuleSet1)
                #expect(record.zoneInputs == r.zoneInputs)
                history.append(record)
            }
            let observed = classifier.greenDate(history: history)
            let truth = p.truth[i].greenDate
            if let t = truth, t <= last {
                greenWithin += 1
                #expect(observed == t, "\(c.village.code): truth \(t), observed \(String(describing: observed))")
            } else {
                #expect(observed == nil, "\(c.village.code) green before its true date")
            }
        }
        #expect(greenWithin > 300)
    }

    /// The truth's milestones are ordered: portal < start, land ready < start, start <
    /// completion ≤ operating; green after the start, and before completion only on a
    /// report of `progres_fisik` 100 (the spec's infrastruktur is then 100 too).
    @Test func truthMilestonesAreOrdered() throws {
        let world = try SimulationFixtures.world()
        for t in world.truth {
            if let s = t.constructionStart {
                #expect(t.portalDate.map { $0 < s } == true)
                #expect(t.landReadyDate.map { $0 < s } == true)
            }
            if let c = t.completion {
                #expect(t.constructionStart.map { $0 < c } == true)
                if let o = t.operatingDate { #expect(o >= c) }
            }
            if let g = t.greenDate {
                #expect(t.constructionStart.map { $0 < g } == true)
                if let c = t.completion, g < c, let w = world.reportDates.firstIndex(of: g),
                   let i = world.provinces[0].cooperatives.firstIndex(where: { $0.village.code == t.kode }) {
                    #expect(world.provinces[0].report(cooperative: i, week: w).progressTenths == 1000)
                }
            }
        }
    }

    /// `WorldWriter` writes one file a week and the truth, with the in-memory bytes;
    /// writing into a path that is a file fails with a typed error.
    @Test func writerWritesTheFolder() throws {
        let world = try WorldSimulator.simulate(SimulationConfiguration(seed: 8, weeks: 3, capWeeks: 3))
        let folder = try SimulationFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("nested/world").path
        try WorldWriter.write(world, to: out)
        let names = try FileManager.default.contentsOfDirectory(atPath: out + "/snapshots").sorted()
        #expect(names == ["2025-08-01.csv", "2025-08-08.csv", "2025-08-15.csv"])
        for (w, name) in names.enumerated() {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/snapshots/" + name))
            #expect([UInt8](data) == world.snapshotCSV(week: w))
        }
        let truth = try Data(contentsOf: URL(fileURLWithPath: out + "/truth.csv"))
        #expect([UInt8](truth) == world.truthCSV())
        let register = try Data(contentsOf: URL(fileURLWithPath: out + "/koperasi.csv"))
        #expect([UInt8](register) == world.registerCSV())
        #expect(world.register.count == world.cooperativeCount)
        let blocker = folder.appendingPathComponent("file").path
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data([1])))
        #expect(throws: SimulationError.self) { try WorldWriter.write(world, to: blocker) }
    }

    /// The bundled dataset (`datasets/ntb`) is reproduced byte for byte from its seed:
    /// every weekly file, the truth and the register of cooperatives.
    @Test func bundledDatasetReproducesFromItsSeed() throws {
        let world = try SimulationFixtures.world()
        let folder = SimulationFixtures.bundledDataset
        let snapshots = folder.appendingPathComponent("snapshots")
        let names = try FileManager.default.contentsOfDirectory(atPath: snapshots.path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names == world.reportDates.map(SimulatedWorld.snapshotFileName))
        for (w, date) in world.reportDates.enumerated() {
            let url = snapshots.appendingPathComponent(SimulatedWorld.snapshotFileName(date))
            let data = try Data(contentsOf: url)
            #expect([UInt8](data) == world.snapshotCSV(week: w), "\(url.lastPathComponent) differs")
        }
        let truth = try Data(contentsOf: folder.appendingPathComponent("truth.csv"))
        #expect([UInt8](truth) == world.truthCSV())
        let register = try Data(contentsOf: folder.appendingPathComponent("koperasi.csv"))
        #expect([UInt8](register) == world.registerCSV())
    }
}
