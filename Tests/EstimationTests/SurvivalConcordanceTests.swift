import Foundation
import Testing
@testable import Estimation

@Suite("Harrell's concordance")
struct SurvivalConcordanceTests {
    /// The O(n²) definition (reference README §2): row i is an event at time t; row j is at
    /// risk at t (start_j < t ≤ stop_j, same stratum) and does not itself fail at t.
    static func bruteForce(
        start: [Double]?, stop: [Double], events: [Bool], scores: [Double], strata: [Int]?
    ) -> Concordance {
        var c = 0
        var d = 0
        var tied = 0
        let n = stop.count
        for i in 0..<n where events[i] {
            let t = stop[i]
            for j in 0..<n where j != i {
                if let strata, strata[i] != strata[j] { continue }
                let startJ = start?[j] ?? -.infinity
                guard startJ < t, t <= stop[j] else { continue }
                if stop[j] == t && events[j] { continue }
                if scores[i] > scores[j] { c += 1 } else if scores[i] < scores[j] { d += 1 } else { tied += 1 }
            }
        }
        return Concordance(concordant: c, discordant: d, tiedRisk: tied)
    }

    @Test("O(n log n) sweep equals the O(n²) pair count", arguments: 0..<6)
    func sweepMatchesPairs(seed: Int) throws {
        var random = SurvivalRandom(seed: UInt64(seed) + 100)
        let n = 250
        // Coarse times and scores so that both kinds of ties are frequent.
        let stop = (0..<n).map { _ in Double(Int.random(in: 1...25, using: &random)) }
        let events = (0..<n).map { _ in Double.random(in: 0..<1, using: &random) < 0.5 }
        let scores = (0..<n).map { _ in Double(Int.random(in: 0...9, using: &random)) / 4 }
        let plain = try Concordance(times: stop, events: events, riskScores: scores)
        #expect(plain == Self.bruteForce(start: nil, stop: stop, events: events, scores: scores,
                                    strata: nil))
        // Counting-process rows with delayed entry, and strata.
        let start = stop.map { $0 - Double(Int.random(in: 1...10, using: &random)) }
        let strata = (0..<n).map { _ in Int.random(in: 0...2, using: &random) }
        let counting = try Concordance(start: start, stop: stop, events: events,
                                       riskScores: scores, strata: strata)
        #expect(counting == Self.bruteForce(start: start, stop: stop, events: events,
                                       scores: scores, strata: strata))
        #expect(counting.admissible > 0)
    }

    /// Reference: rossi_coxph_efron.json, 27242 concordant + 49 tied of 42582 admissible
    /// pairs at the reference coefficients, C = 0.6403292470997135 (lifelines
    /// `concordance_index`, checked there against a pair loop).
    @Test("Rossi pair counts at the reference coefficients")
    func rossi() throws {
        let reference = try SurvivalReference.cox("efron")
        let rossi = try SurvivalReference.rossi()
        let weeks = try #require(rossi["week"])
        let arrests = try #require(rossi["arrest"]).map { $0 == 1 }
        let columns = try reference.terms.map { try #require(rossi[$0]) }
        let scores = weeks.indices.map { i in
            var eta = 0.0
            for j in columns.indices { eta += columns[j][i] * reference.coefficients[j] }
            return eta
        }
        let c = try Concordance(times: weeks, events: arrests, riskScores: scores)
        #expect(c.concordant == reference.concordant)
        #expect(c.tiedRisk == reference.tiedRisk)
        #expect(c.admissible == reference.admissible)
        #expect(abs((c.value ?? .nan) - reference.concordance) <= 1e-12)
        // Negating the score swaps concordant and discordant.
        let flipped = try Concordance(times: weeks, events: arrests, riskScores: scores.map { -$0 })
        #expect(flipped.concordant == c.discordant && flipped.discordant == c.concordant)
    }

    @Test("Small cases: perfect, reversed, all tied, no pairs")
    func smallCases() throws {
        let times: [Double] = [1, 2, 3, 4]
        let events = [true, true, true, false]
        #expect(try Concordance(times: times, events: events, riskScores: [4, 3, 2, 1]).value == 1)
        #expect(try Concordance(times: times, events: events, riskScores: [1, 2, 3, 4]).value == 0)
        #expect(try Concordance(times: times, events: events, riskScores: [1, 1, 1, 1]).value == 0.5)
        // Two events at the same time are not a pair; a censored row at that time is.
        let tiedTimes = try Concordance(times: [2, 2, 2], events: [true, true, false],
                                        riskScores: [1, 0, 0.5])
        #expect(tiedTimes.admissible == 2)
        #expect(tiedTimes.concordant == 1 && tiedTimes.discordant == 1)
        #expect(try Concordance(times: [1, 2], events: [false, false], riskScores: [0, 1]).value == nil)
        #expect(throws: SurvivalError.lengthMismatch(field: "risk scores", expected: 2, actual: 1)) {
            try Concordance(times: [1, 2], events: [true, true], riskScores: [0])
        }
    }

    /// 80,000 subjects in well under a second of work: the sweep is O(n log n).
    @Test("Large input stays fast and matches a symmetry identity")
    func large() throws {
        var random = SurvivalRandom(seed: 42)
        let n = 80_000
        let times = (0..<n).map { _ in Double(Int.random(in: 1...52, using: &random)) }
        let events = (0..<n).map { _ in Double.random(in: 0..<1, using: &random) < 0.3 }
        let scores = (0..<n).map { _ in Double.random(in: -2...2, using: &random) }
        let clock = ContinuousClock()
        var c: Concordance?
        let elapsed = clock.measure {
            c = try? Concordance(times: times, events: events, riskScores: scores)
        }
        let result = try #require(c)
        print("concordance of 80,000 subjects: \(elapsed)")
        #expect(elapsed < .seconds(20))
        // A random score is uninformative: C ≈ 0.5.
        #expect(abs((result.value ?? 0) - 0.5) < 0.01)
        let flipped = try Concordance(times: times, events: events, riskScores: scores.map { -$0 })
        #expect(flipped.concordant == result.discordant)
        #expect(flipped.admissible == result.admissible)
    }
}
