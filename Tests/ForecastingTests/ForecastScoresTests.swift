import Forecasting
import Testing

/// The pinball loss, the quantile CRPS and the PIT bins against values computed by hand
/// (each expectation shows its arithmetic).
@Suite("Forecast scores")
struct ForecastScoresTests {
    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance) }
    }

    @Test("pinball loss: τ·(y − x) above the quantile, (1 − τ)·(x − y) below")
    func pinball() {
        #expect(Self.close(ForecastScores.pinball(quantile: 10, level: 0.1, outcome: 14), 0.4))  // 0.1 · 4
        #expect(Self.close(ForecastScores.pinball(quantile: 10, level: 0.9, outcome: 14), 3.6))  // 0.9 · 4
        #expect(Self.close(ForecastScores.pinball(quantile: 10, level: 0.1, outcome: 6), 3.6))  // 0.9 · 4
        #expect(Self.close(ForecastScores.pinball(quantile: 10, level: 0.5, outcome: 7), 1.5))  // 0.5 · 3
        #expect(ForecastScores.pinball(quantile: 10, level: 0.3, outcome: 10) == 0)
    }

    @Test("quantile CRPS: twice the mean pinball loss")
    func crps() {
        // L(8; 0.1) = 0.1·4 = 0.4, L(10; 0.5) = 0.5·2 = 1, L(15; 0.9) = 0.1·3 = 0.3 → 2·1.7/3.
        #expect(Self.close(ForecastScores.quantileCRPS(quantiles: [8, 10, 15], outcome: 12), 3.4 / 3))
        // A point forecast: (0.1 + 0.5 + 0.9)·3 = 4.5 → 2·4.5/3 = 3 = |13 − 10|, from either side.
        #expect(Self.close(ForecastScores.quantileCRPS(quantiles: [10, 10, 10], outcome: 13), 3))
        #expect(Self.close(ForecastScores.quantileCRPS(quantiles: [10, 10, 10], outcome: 7), 3))
        // With many levels it converges to the exact CRPS: uniform on [0, 1] at y = 1/2 is
        // ∫₀^½ x² dx + ∫_½^1 (1 − x)² dx = 1/12.
        let levels = (0..<1000).map { (Double($0) + 0.5) / 1000 }
        #expect(Self.close(ForecastScores.quantileCRPS(quantiles: levels, levels: levels, outcome: 0.5), 1.0 / 12, 1e-6))
    }

    @Test("PIT bins without ties: the bin between the quantiles around the outcome")
    func pitNoTies() {
        #expect(ForecastScores.pitEdges() == [0, 0.1, 0.5, 0.9, 1])
        #expect(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 5) == [1, 0, 0, 0])
        #expect(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 9) == [0, 1, 0, 0])
        #expect(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 12) == [0, 0, 1, 0])
        #expect(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 20) == [0, 0, 0, 1])
        // An outside forecast's quantiles out of order are sorted.
        #expect(ForecastScores.pitWeights(quantiles: [15, 8, 10], outcome: 12) == [0, 0, 1, 0])
        #expect(ForecastScores.centralCoverage(quantiles: [8, 10, 15], outcome: 12) == 1)
        #expect(ForecastScores.centralCoverage(quantiles: [8, 10, 15], outcome: 20) == 0)
    }

    @Test("PIT bins on one quantile: half to each side; coverage half on P10 or P90")
    func pitHalfWeight() {
        // On P10: [0.1 − 0.1, 0.1 + 0.1] = [0, 0.2], half in [0, 0.1), half in [0.1, 0.5).
        #expect(Self.close(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 8), [0.5, 0.5, 0, 0]))
        #expect(Self.close(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 10), [0, 0.5, 0.5, 0]))
        #expect(Self.close(ForecastScores.pitWeights(quantiles: [8, 10, 15], outcome: 15), [0, 0, 0.5, 0.5]))
        #expect(Self.close(ForecastScores.centralCoverage(quantiles: [8, 10, 15], outcome: 8), 0.5))
        #expect(Self.close(ForecastScores.centralCoverage(quantiles: [8, 10, 15], outcome: 10), 1))
        #expect(Self.close(ForecastScores.centralCoverage(quantiles: [8, 10, 15], outcome: 15), 0.5))
        // Both ends counted inside: 1 on either end.
        #expect(ForecastScores.closedIntervalCoverage(lower: 8, upper: 15, outcome: 8) == 1)
        #expect(ForecastScores.closedIntervalCoverage(lower: 8, upper: 15, outcome: 15) == 1)
        #expect(ForecastScores.closedIntervalCoverage(lower: 8, upper: 15, outcome: 16) == 0)
        // With the interval's two levels alone the rule is the same.
        #expect(Self.close(ForecastScores.centralCoverage(quantiles: [8, 15], levels: [0.1, 0.9], outcome: 8), 0.5))
    }

    @Test("PIT bins on several equal quantiles: spread over the symmetric span")
    func pitSeveralTies() {
        // P10 = P50 = 8: levels 0.1…0.5, h = min(0.1 − 0, 0.9 − 0.5) = 0.1, span [0, 0.6]:
        // 0.1/0.6, 0.4/0.6, 0.1/0.6.
        #expect(Self.close(ForecastScores.pitWeights(quantiles: [8, 8, 15], outcome: 8), [1.0 / 6, 4.0 / 6, 1.0 / 6, 0]))
        #expect(Self.close(ForecastScores.centralCoverage(quantiles: [8, 8, 15], outcome: 8), 5.0 / 6))
        // P50 = P90 = 15: levels 0.5…0.9, h = min(0.5 − 0.1, 1 − 0.9) = 0.1, span [0.4, 1].
        #expect(Self.close(ForecastScores.pitWeights(quantiles: [8, 15, 15], outcome: 15), [0, 1.0 / 6, 4.0 / 6, 1.0 / 6]))
        // All three equal (a point forecast hit exactly): span [0, 1], the bin widths.
        #expect(Self.close(ForecastScores.pitWeights(quantiles: [8, 8, 8], outcome: 8), [0.1, 0.4, 0.4, 0.1]))
        #expect(Self.close(ForecastScores.centralCoverage(quantiles: [8, 8, 8], outcome: 8), 0.8))
        #expect(ForecastScores.pitWeights(quantiles: [8, 8, 8], outcome: 9) == [0, 0, 0, 1])
    }

    @Test("PIT weights add up to 1 and lie in [0, 1]")
    func pitSums() {
        for a in 0..<5 {
            for b in a..<6 {
                for c in b..<7 {
                    for y in -1..<8 {
                        let w = ForecastScores.pitWeights(quantiles: [Double(a), Double(b), Double(c)], outcome: Double(y))
                        #expect(Self.close(w.reduce(0, +), 1), "\(a) \(b) \(c) \(y)")
                        #expect(w.allSatisfy { $0 >= 0 && $0 <= 1 })
                    }
                }
            }
        }
    }
}
