import Foundation
import KendaliData
import Testing
import AnalysisFixtures
@testable import Analysis

@Suite("The zone pass, however the work is split")
struct ZonePassTests {
    /// Everything a pass computes, as comparable text (dictionaries in key order).
    private func summary(_ pass: ZonePass) -> String {
        func sorted<V>(_ d: [Int64: V]) -> String {
            d.keys.sorted().map { "\($0)=\(String(describing: d[$0]))" }.joined(separator: ";")
        }
        return [
            String(describing: pass.cooperatives), String(describing: pass.dates),
            String(describing: pass.tallies), String(describing: pass.everGreen),
            sorted(pass.childLatest), sorted(pass.childPrevious), sorted(pass.childPortalLandNotReady),
            String(describing: pass.stagesLatest), String(describing: pass.stagesPrevious),
            String(describing: pass.meanProgressBuilding), String(describing: pass.ranges),
        ].joined(separator: "\n")
    }

    @Test(arguments: [AdminLevel.province, .regency, .district])
    func blocksGiveTheSamePass(level: AdminLevel) throws {
        let history = FixtureWorld.history()
        #expect(!history.weeks.isEmpty)
        let first = try #require(FixtureWorld.codes.first)
        let unit = AdminUnit(first, at: level)
        let child = Analyser.childLevel(of: level)
        let one = ZonePass(weeks: history.weeks, unit: unit, childLevel: child, rules: .default, blocks: 1)
        #expect(!one.cooperatives.isEmpty)
        for blocks in [2, 3, 7, 50] {
            let split = ZonePass(weeks: history.weeks, unit: unit, childLevel: child, rules: .default, blocks: blocks)
            #expect(summary(split) == summary(one), "blocks: \(blocks)")
        }
    }

    @Test func namesAreTheLastNonEmptyOnes() throws {
        var history = FixtureWorld.history()
        let last = history.weeks.count - 1
        // Cooperative 0 reports an empty village and no name in the latest week, and a new
        // district name the week before.
        history.weeks[last].records[0].desa = ""
        history.weeks[last].records[0].nama = nil
        history.weeks[last - 1].records[0].kecamatan = "Kecamatan Baru"
        let before = history.weeks[last - 1].records[0]
        let unit = AdminUnit(level: .province, code: 52)
        for blocks in [1, 2] {
            let pass = ZonePass(weeks: history.weeks, unit: unit, childLevel: .regency, rules: .default, blocks: blocks)
            let names = pass.names(of: 0)
            #expect(names.desa == before.desa)
            #expect(names.nama == before.nama)
            #expect(names.kecamatan == history.weeks[last].records[0].kecamatan)
        }
    }

    @Test func warningLinesFindTheirReport() throws {
        let history = FixtureWorld.history()
        var week = try #require(history.weeks.last)
        let codes = week.records.map(\.kode)
        // Lines 2, 3, … as read; then the same line twice (the later report wins), and
        // lines far apart or negative (looked up by dictionary instead).
        let plain = Analyser.LineCodes(week: week, rows: 0..<week.records.count, needed: true)
        #expect(plain[week.recordLines[4]] == codes[4])
        #expect(plain[0] == nil)
        #expect(plain[-1] == nil)
        #expect(plain[1_000_000] == nil)
        week.recordLines[5] = week.recordLines[4]
        let twice = Analyser.LineCodes(week: week, rows: 0..<week.records.count, needed: true)
        #expect(twice[week.recordLines[4]] == codes[5])
        let partial = Analyser.LineCodes(week: week, rows: 0..<3, needed: true)
        #expect(partial[week.recordLines[4]] == nil)
        #expect(partial[week.recordLines[2]] == codes[2])
        for far in [10_000_000, -7] {
            var odd = week
            odd.recordLines[1] = far
            let lookup = Analyser.LineCodes(week: odd, rows: 0..<odd.records.count, needed: true)
            #expect(lookup[far] == codes[1])
            #expect(lookup[odd.recordLines[2]] == codes[2])
            #expect(lookup[12_345_678] == nil)
        }
        #expect(Analyser.LineCodes(week: week, rows: 0..<week.records.count, needed: false)[week.recordLines[2]] == nil)
    }
}
