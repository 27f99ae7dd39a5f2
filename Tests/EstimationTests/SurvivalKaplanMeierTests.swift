import Foundation
import Testing
@testable import Estimation

@Suite("Kaplan–Meier")
struct SurvivalKaplanMeierTests {
    /// Reference: rossi_km.csv (reference README §2), the product-limit estimate of the
    /// Rossi data in 40-digit arithmetic, rounded to double; lifelines agrees to 8e-16.
    @Test("Rossi: times, risk sets, events exact; S(t) to 1e-14 absolute, 1e-12 relative")
    func rossiMatchesReference() throws {
        let rossi = try SurvivalReference.rossi()
        let reference = try SurvivalReference.numericCSV("rossi_km.csv")
        let weeks = try #require(rossi["week"])
        let arrests = try #require(rossi["arrest"]).map { $0 == 1 }
        let km = try KaplanMeier(times: weeks, events: arrests)
        let times = try #require(reference["time"])
        let atRisk = try #require(reference["at_risk"])
        let events = try #require(reference["events"])
        let survival = try #require(reference["survival"])
        #expect(km.rows.count == times.count)
        #expect(km.rows.count == 49)
        #expect(km.observations == 432)
        #expect(km.events == 114)
        var worstAbsolute = 0.0
        var worstRelative = 0.0
        for (k, row) in km.rows.enumerated() where k < times.count {
            #expect(row.time == times[k])
            #expect(Double(row.atRisk) == atRisk[k], "at risk at \(row.time)")
            #expect(Double(row.events) == events[k], "events at \(row.time)")
            worstAbsolute = max(worstAbsolute, abs(row.survival - survival[k]))
            worstRelative = max(worstRelative, survivalRelativeError(row.survival, survival[k]))
        }
        print("Rossi KM: max |ΔS| = \(worstAbsolute), max relative = \(worstRelative)")
        #expect(worstAbsolute <= 1e-14)
        #expect(worstRelative <= 1e-12)
        // The product is kept in double-double arithmetic, so every value is the correctly
        // rounded product limit: bit-identical to the 40-digit reference.
        #expect(worstAbsolute == 0)
        // The README: the curve ends at 318/432 at week 52.
        #expect(abs(km.survival(at: 52) - 318.0 / 432.0) <= 1e-15)
        #expect(km.median == nil)
        // 318 censored at week 52, after the last event: counted in the last row.
        #expect(km.rows.last?.censored == 318)
        #expect(km.censoredBeforeFirstEvent == 0)
    }

    /// Hand-computed example: times 1, 2, 2+, 3, 4, 4, 5+, 6+ (+ = censored).
    /// S = 7/8, 3/4, 3/5, 3/10 at t = 1, 2, 3, 4; Greenwood sums 1/56, +1/42, +1/20, +2/8.
    @Test("Hand-computed product limit, Greenwood variance and bands")
    func handComputedExample() throws {
        let times: [Double] = [1, 2, 2, 3, 4, 4, 5, 6]
        let events = [true, true, false, true, true, true, false, false]
        let km = try KaplanMeier(times: times, events: events)
        let expectedTimes: [Double] = [1, 2, 3, 4]
        let expectedRisk = [8, 7, 5, 4]
        let expectedEvents = [1, 1, 1, 2]
        let expectedCensored = [0, 1, 0, 2]
        let expectedS = [7.0 / 8, 3.0 / 4, 3.0 / 5, 3.0 / 10]
        let sums = [1.0 / 56, 1.0 / 56 + 1.0 / 42, 1.0 / 56 + 1.0 / 42 + 1.0 / 20,
                    1.0 / 56 + 1.0 / 42 + 1.0 / 20 + 2.0 / 8]
        let z = 1.9599639845400538  // Φ⁻¹(0.975), mpmath 40 digits
        try #require(km.rows.count == 4)
        for k in 0..<4 {
            let row = km.rows[k]
            #expect(row.time == expectedTimes[k])
            #expect(row.atRisk == expectedRisk[k])
            #expect(row.events == expectedEvents[k])
            #expect(row.censored == expectedCensored[k])
            #expect(abs(row.survival - expectedS[k]) <= 1e-15)
            let variance = expectedS[k] * expectedS[k] * sums[k]
            #expect(survivalRelativeError(row.variance, variance) <= 1e-14)
            // log(−log) band: S^{exp(±z σ/|log S|)}.
            let theta = z * sums[k].squareRoot() / abs(log(expectedS[k]))
            #expect(survivalRelativeError(row.lower, pow(expectedS[k], exp(theta))) <= 1e-13)
            #expect(survivalRelativeError(row.upper, pow(expectedS[k], exp(-theta))) <= 1e-13)
            #expect(row.lower < row.survival && row.survival < row.upper)
        }
        #expect(km.median == 4)
        #expect(km.survival(at: 0.5) == 1)
        #expect(km.survival(at: 2.5) == 0.75)
        #expect(km.survival(at: 100) == km.rows[3].survival)
        #expect(km.survival(at: .nan).isNaN)
        #expect(km.quantileTime(survival: 0.75) == 2)
        #expect(km.quantileTime(survival: 0.1) == nil)

        let plain = try KaplanMeier(times: times, events: events, band: .plain)
        for k in 0..<4 {
            let half = z * plain.rows[k].standardError
            #expect(abs(plain.rows[k].lower - max(0, expectedS[k] - half)) <= 1e-14)
            #expect(abs(plain.rows[k].upper - min(1, expectedS[k] + half)) <= 1e-14)
        }
        #expect(plain.rows[0].upper == 1, "plain band is clipped at 1")
    }

    @Test("Curve reaching zero: variance 0 and band [0, 0] from then on")
    func curveReachingZero() throws {
        let km = try KaplanMeier(times: [1, 2, 3], events: [true, false, true])
        #expect(km.rows.map(\.survival) == [2.0 / 3, 0])
        #expect(km.rows[1].variance == 0)
        #expect(km.rows[1].lower == 0 && km.rows[1].upper == 0)
        #expect(km.median == 3)
    }

    @Test("No events: an empty table and S ≡ 1")
    func noEvents() throws {
        let km = try KaplanMeier(times: [3, 1, 2], events: [false, false, false])
        #expect(km.rows.isEmpty)
        #expect(km.survival(at: 10) == 1)
        #expect(km.censoredBeforeFirstEvent == 3)
        #expect(km.median == nil)
    }

    /// Left truncation: the risk set at t is {entry < t ≤ exit}; compared with a brute-force
    /// count and product on random data with many ties.
    @Test("Delayed entry: risk sets and S(t) agree with a brute-force computation")
    func leftTruncation() throws {
        var random = SurvivalRandom(seed: 7)
        let n = 300
        var entries: [Double] = []
        var exits: [Double] = []
        var events: [Bool] = []
        for _ in 0..<n {
            let entry = Double(Int.random(in: 0...10, using: &random))
            entries.append(entry)
            exits.append(entry + Double(Int.random(in: 1...20, using: &random)))
            events.append(Bool.random(using: &random))
        }
        let km = try KaplanMeier(times: exits, events: events, entryTimes: entries)
        let eventTimes = Set(zip(exits, events).filter(\.1).map(\.0)).sorted()
        #expect(km.rows.map(\.time) == eventTimes)
        var s = 1.0
        for row in km.rows {
            let risk = (0..<n).filter { entries[$0] < row.time && row.time <= exits[$0] }.count
            let d = (0..<n).filter { exits[$0] == row.time && events[$0] }.count
            #expect(row.atRisk == risk)
            #expect(row.events == d)
            s *= 1 - Double(d) / Double(risk)
            #expect(abs(row.survival - s) <= 1e-14)
        }
        // Without entry times the risk sets are larger.
        let untruncated = try KaplanMeier(times: exits, events: events)
        let firstTime = untruncated.rows[0].time
        #expect(untruncated.rows[0].atRisk == exits.filter { $0 >= firstTime }.count)
        #expect(km.rows[0].atRisk < n)
    }

    @Test("Median confidence interval inverts the band")
    func medianInterval() throws {
        var random = SurvivalRandom(seed: 11)
        let times = (0..<200).map { _ in Double(Int.random(in: 1...60, using: &random)) }
        let events = (0..<200).map { _ in Double.random(in: 0..<1, using: &random) < 0.8 }
        let km = try KaplanMeier(times: times, events: events)
        let median = try #require(km.median)
        let interval = km.medianConfidenceInterval
        let lower = try #require(interval.lower)
        let upper = try #require(interval.upper)
        #expect(lower <= median && median <= upper)
        #expect(km.rows.first { $0.lower <= 0.5 }?.time == lower)
        #expect(km.rows.first { $0.upper <= 0.5 }?.time == upper)
        #expect(km.survival(at: median) <= 0.5)
    }

    @Test("Grouped estimates equal estimates on each subset")
    func grouped() throws {
        let rossi = try SurvivalReference.rossi()
        let weeks = try #require(rossi["week"])
        let arrests = try #require(rossi["arrest"]).map { $0 == 1 }
        let fin = try #require(rossi["fin"]).map { Int($0) }
        let groups = try KaplanMeier.grouped(times: weeks, events: arrests, groups: fin)
        #expect(groups.map(\.key) == [0, 1])
        for group in groups {
            let idx = fin.indices.filter { fin[$0] == group.key }
            let alone = try KaplanMeier(times: idx.map { weeks[$0] },
                                        events: idx.map { arrests[$0] })
            #expect(group.estimate == alone)
        }
        #expect(groups.map(\.estimate.observations).reduce(0, +) == 432)
    }

    @Test("Bad input is a typed error")
    func badInput() {
        #expect(throws: SurvivalError.empty) { try KaplanMeier(times: [], events: []) }
        #expect(throws: SurvivalError.lengthMismatch(field: "events", expected: 2, actual: 1)) {
            try KaplanMeier(times: [1, 2], events: [true])
        }
        #expect(throws: SurvivalError.nonFinite(field: "time", index: 1, value: .infinity)) {
            try KaplanMeier(times: [1, .infinity], events: [true, true])
        }
        #expect(throws: SurvivalError.emptyInterval(index: 0, start: 3, stop: 3)) {
            try KaplanMeier(times: [3, 4], events: [true, true], entryTimes: [3, 0])
        }
        #expect(throws: SurvivalError.lengthMismatch(field: "groups", expected: 2, actual: 3)) {
            try KaplanMeier.grouped(times: [1, 2], events: [true, true], groups: ["a", "b", "c"])
        }
        // NaN is never equal to itself, so match the case instead of the value.
        do {
            _ = try KaplanMeier(times: [.nan], events: [true])
            Issue.record("NaN time accepted")
        } catch {
            guard case .nonFinite(let field, let index, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(field == "time" && index == 0)
        }
    }

    /// Φ⁻¹ against mpmath 40-digit `√2·erfinv(2p − 1)` at the double p, rounded to double;
    /// the chi-square tail against scipy 1.17 `chi2.sf`.
    @Test("Normal quantile and chi-square tail")
    func distributions() {
        #expect(abs(SurvivalDistributions.normalQuantile(0.975) - 1.9599639845400538) <= 5e-16)
        #expect(abs(SurvivalDistributions.normalQuantile(0.95) - 1.6448536269514722) <= 5e-16)
        #expect(abs(SurvivalDistributions.normalQuantile(1e-10) + 6.361340902404057) <= 2e-15)
        #expect(SurvivalDistributions.normalQuantile(0.5) == 0)
        // The public entry point used by the forecast's noise table is the same function;
        // Φ⁻¹(0.001) = −3.090232306 (standard normal table, lower-tail branch).
        #expect(standardNormalQuantile(0.975) == SurvivalDistributions.normalQuantile(0.975))
        #expect(abs(standardNormalQuantile(0.001) + 3.090_232_306) < 1e-8)
        let tails: [(x: Double, k: Int, expected: Double)] = [
            (33.26594580156977, 7, 2.3620450536995295e-05),
            (3.0, 5, 0.6999858358786276),
            (100.0, 3, 1.5541594313896026e-21),
            (0.1, 10, 0.9999999975020487),
        ]
        for (x, k, expected) in tails {
            let q = SurvivalDistributions.chiSquareUpperTail(x, degreesOfFreedom: k)
            #expect(survivalRelativeError(q, expected) <= 1e-12, "chi2.sf(\(x), \(k))")
        }
        // 2 df: P(X > x) = exp(−x/2) exactly.
        #expect(survivalRelativeError(
            SurvivalDistributions.chiSquareUpperTail(3, degreesOfFreedom: 2), exp(-1.5)) <= 1e-14)
    }
}
