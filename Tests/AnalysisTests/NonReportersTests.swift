import KendaliData
import Testing
import AnalysisFixtures
@testable import Analysis

@Suite("The week's non-reporters")
struct NonReportersTests {
    /// The fixture world with cooperative `silent` absent from the last three weeks and
    /// cooperative `once` from the last week only.
    static func history(silent: Int, once: Int) throws -> SnapshotHistory {
        var files = FixtureWorld.files()
        let n = files.count
        for t in (n - 3)..<n {
            var drop = [FixtureWorld.codes[silent]]
            if t == n - 1 { drop.append(FixtureWorld.codes[once]) }
            let keep = files[t].records.indices.filter { !drop.contains(files[t].records[$0].kode) }
            files[t].records = keep.map { files[t].records[$0] }
            files[t].recordLines = keep.map { files[t].recordLines[$0] }
        }
        return try SnapshotHistory.build(files: files, source: .memory)
    }

    @Test("the list of the latest week's non-reporters is complete: the long-silent ones too, with their weeks")
    func completeList() throws {
        let history = try Self.history(silent: 3, once: 5)
        // The import warns only about the cooperative that reported the week before.
        let imported = history.weeks.last?.warnings.filter { $0.kind == .cooperativeMissing } ?? []
        #expect(imported.map(\.value) == [FixtureWorld.codes[5].description])

        let analysis = try Analyser.analyse(history: history, options: AnalysisOptions(forecast: false))
        let missing = analysis.warnings.latest.filter { $0.issue.kind == .cooperativeMissing }
        #expect(missing.count == analysis.headline.missingThisWeek)
        #expect(Set(missing.compactMap(\.kode)) == [FixtureWorld.codes[3], FixtureWorld.codes[5]])
        let long = try #require(missing.first { $0.kode == FixtureWorld.codes[3] })
        let lastSeen = history.weeks[history.weeks.count - 4].date
        #expect(long.issue.expected == "a row for this cooperative, silent 3 weeks since its report of \(lastSeen.iso)")
        #expect(long.name != nil)
        let count = analysis.warnings.counts.first { $0.kind == .cooperativeMissing }
        #expect(count?.latest == 2)
    }
}
