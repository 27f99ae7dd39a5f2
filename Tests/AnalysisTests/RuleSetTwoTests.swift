import AnalysisFixtures
import Foundation
import KendaliData
import Testing
@testable import Analysis

/// Rule set 2 (`datasets/rules/rule-set-2.json`): an operating cooperative that is falling is
/// kuning. On ``HealthFixture``'s last week A, B and C are falling (green under rule set 1),
/// E is healthy and green, D is stalled under construction (red under both).
@Suite("Rule set 2: falling is kuning")
struct RuleSetTwoTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func ruleSetTwo() throws -> RuleSet {
        try RuleSet.load(path: root.appendingPathComponent("datasets/rules/rule-set-2.json").path)
    }

    @Test("the shipped file: rule set 1 plus a health block")
    func shippedFile() throws {
        let two = try Self.ruleSetTwo()
        #expect(two.label == "KDKMP rule set 2 (version 2)")
        #expect(two.health == HealthRules(
            turnoverWindowReports: 4, turnoverFallRatio: 0.7, minimumActiveMemberShare: 0.2, unitSlipFactor: 300,
            fallingZone: .kuning))
        var one = two
        one.name = RuleSet.default.name
        one.version = 1
        one.health = nil
        #expect(one == RuleSet.default)
        #expect(two.zoneLookbackReports == 7 && RuleSet.default.zoneLookbackReports == 4)
        #expect(!RuleSet.default.jsonText().contains("health"))
    }

    @Test("zones of the last week under rule sets 1 and 2, by every path")
    func zones() throws {
        let two = try Self.ruleSetTwo()
        let history = HealthFixture.history()
        for (rules, expected) in [(RuleSet.default, (4, 0, 1)), (two, (1, 3, 1))] {
            let classifier = ZoneClassifier(rules: rules)
            var byHistory = ZoneTally()
            for i in HealthFixture.codes.indices {
                let h = (0..<HealthFixture.weekCount).map { HealthFixture.record(i, week: $0) }
                byHistory.add(classifier.zone(history: h, at: h.count - 1))
            }
            #expect((byHistory.hijau, byHistory.kuning, byHistory.merah) == expected)
            let analysis = try Analyser.analyse(history: history, options: AnalysisOptions(rules: rules, forecast: false))
            #expect(analysis.headline.zones == byHistory)
            let status = try #require(StatusReport.compute(history: history, level: .regency, rules: rules))
            #expect((status.total.current.hijau, status.total.current.kuning, status.total.current.merah) == expected)
        }
        let analysis = try Analyser.analyse(history: history, options: AnalysisOptions(rules: two, forecast: false))
        #expect(analysis.health.rules.fallingZone == .kuning)
    }

    @Test("a falling zone other than kuning is refused")
    func onlyKuning() throws {
        var rules = try Self.ruleSetTwo()
        rules.health?.fallingZone = .merah
        #expect(throws: RuleSetError.self) { try RuleSet.decode(json: Array(rules.jsonText().utf8)) }
        rules.health?.fallingZone = .kuning
        rules.health?.turnoverWindowReports = 0
        #expect(throws: RuleSetError.self) { try RuleSet.decode(json: Array(rules.jsonText().utf8)) }
    }
}
