import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import Forecasting

/// How a cooperative's land verifications end: the logistic mean in the weeks waited
/// without land, and the odds ratio each cooperative's posterior share gives the chain.
@Suite("Land outcome model")
struct LandOutcomeModelTests {
    /// Outcomes drawn from logit m(x) = b0 + b1 x at covariates spread over 0…5.2.
    static func sample(b0: Double, b1: Double, count: Int) -> (x: [Double], y: [Double]) {
        var rng = Xoshiro(stream: [17, 3])
        var x: [Double] = [], y: [Double] = []
        for k in 0..<count {
            let xi = Double(k % 53) / 10
            let p = 1 / (1 + exp(-(b0 + b1 * xi)))
            x.append(xi)
            y.append(Double(rng.next() >> 11) / 9_007_199_254_740_992 < p ? 1 : 0)
        }
        return (x, y)
    }

    @Test("the logistic fit recovers the intercept and slope of the outcomes' law")
    func logisticRecovers() {
        let (x, y) = Self.sample(b0: -1.6, b1: 0.35, count: 40_000)
        let (b0, b1) = LandOutcomeModel.logistic(x, y, start: 0)
        #expect(abs(b0 - -1.6) < 0.06)
        #expect(abs(b1 - 0.35) < 0.03)
    }

    @Test("a covariate that does not vary gives slope 0 and the start")
    func logisticConstantCovariate() {
        let (b0, b1) = LandOutcomeModel.logistic([Double](repeating: 2, count: 50),
                                                  (0..<50).map { Double($0 % 4 == 0 ? 1 : 0) }, start: -1.1)
        #expect(b0 == -1.1)
        #expect(b1 == 0)
    }

    @Test("without a fitted law every cooperative keeps the chain's share")
    func inactiveIsNeutral() {
        let model = LandOutcomeModel.none(cooperatives: 3)
        #expect(!model.isActive)
        #expect(model.oddsRatio(failed: 2, ended: 2, weeks: 40) == 1)
    }

    @Test("the odds of failure grow with the weeks without land and with the cooperative's own failures")
    func oddsFollowEvidence() {
        var model = LandOutcomeModel.none(cooperatives: 1)
        model.intercept = -1.5
        model.slope = 0.3
        model.strength = 4
        model.pooled = 1 / (1 + exp(1.5))
        // At the pooled covariate (0 weeks) with no history: the prior mean is the pooled share.
        #expect(abs(model.oddsRatio(failed: 0, ended: 0, weeks: 0) - 1) < 1e-12)
        let short = model.oddsRatio(failed: 0, ended: 0, weeks: 5)
        let long = model.oddsRatio(failed: 0, ended: 0, weeks: 40)
        #expect(short > 1 && long > short)
        // Waiting beyond a year counts as a year.
        #expect(model.oddsRatio(failed: 0, ended: 0, weeks: 80) == model.oddsRatio(failed: 0, ended: 0, weeks: 52))
        // Posterior mean (f + κm) / (n + κ): two failures in two raise it, two successes lower it.
        let m = 1 / (1 + exp(-(-1.5 + 0.3 * 2.0)))
        let q = (2 + 4 * m) / (2 + 4)
        let expected = (q / (1 - q)) / (model.pooled / (1 - model.pooled))
        #expect(abs(model.oddsRatio(failed: 2, ended: 2, weeks: 20) - expected) < 1e-12)
        #expect(model.oddsRatio(failed: 0, ended: 2, weeks: 20) < model.oddsRatio(failed: 0, ended: 0, weeks: 20))
    }
}
