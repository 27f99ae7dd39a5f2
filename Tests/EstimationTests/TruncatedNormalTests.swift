import Foundation
import Testing

@testable import Estimation

/// The inverse Mills ratio against published values and the truncated normal's mean against
/// a direct integration.
@Suite("Truncated normal: inverse Mills ratio")
struct TruncatedNormalTests {
    @Test("λ(α) = φ(α)/(1 − Φ(α)) at tabulated points")
    func tabulated() {
        // φ and 1 − Φ from Abramowitz & Stegun, Table 26.1 (10 significant digits).
        let cases: [(alpha: Double, density: Double, upper: Double)] = [
            (-2, 0.0539909665, 0.9772498681),
            (-1, 0.2419707245, 0.8413447461),
            (0, 0.3989422804, 0.5),
            (1, 0.2419707245, 0.1586552539),
            (2, 0.0539909665, 0.0227501319),
            (4, 1.338302258e-4, 3.167124183e-5),
        ]
        for c in cases {
            let expected = c.density / c.upper
            #expect(abs(inverseMillsRatio(c.alpha) - expected) <= 1e-8 * expected, "λ(\(c.alpha))")
        }
        #expect(inverseMillsRatio(-40) == 0)
        #expect(inverseMillsRatio(.nan).isNaN)
    }

    @Test("the asymptotic series beyond α = 30 joins the direct form")
    func asymptoticJoin() {
        let below = inverseMillsRatio(29.999_999)
        let above = inverseMillsRatio(30.000_001)
        #expect(abs(above - below) < 1e-5)
        // λ(α) > α and λ(α) − α → 1/α.
        for a in [30.5, 50, 200, 1e3] {
            let l = inverseMillsRatio(a)
            #expect(l > a)
            #expect(abs((l - a) * a - 1) < 2.5e-3)
        }
        // Increasing through the whole range.
        var last = inverseMillsRatio(-10)
        for i in -99...400 {
            let l = inverseMillsRatio(Double(i) / 10)
            #expect(l > last)
            last = l
        }
    }

    @Test("the mean above a bound equals a direct integration of the truncated density")
    func meanAboveIntegrated() {
        for (c, mu, sd) in [(3.0, 5.0, 1.5), (8.0, 5.0, 1.5), (0.5, 2.0, 0.3), (12.0, 4.0, 2.0)] {
            // Simpson's rule on [c, μ + 12σ] (or c + 12σ): the tail beyond is negligible.
            let upper = max(c, mu) + 12 * sd
            let steps = 20_000
            let h = (upper - c) / Double(steps)
            var mass = 0.0, first = 0.0
            for k in 0...steps {
                let x = c + Double(k) * h
                let w = (k == 0 || k == steps) ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)
                let f = exp(-((x - mu) * (x - mu)) / (2 * sd * sd))
                mass += w * f
                first += w * f * x
            }
            let direct = first / mass
            let value = normalMeanAbove(c, mean: mu, sd: sd)
            #expect(abs(value - direct) < 1e-8 * max(1, direct), "c \(c) μ \(mu) σ \(sd): \(value) vs \(direct)")
            #expect(value >= c)
        }
        #expect(normalMeanAbove(3, mean: 5, sd: 0) == 5)
        #expect(normalMeanAbove(7, mean: 5, sd: 0) == 7)
    }
}
