import KendaliData
import Testing

@testable import Forecasting

/// The week that finishes a building reports 100, so its work is known only to be at least
/// what was left: the fit takes its expected work instead, and the S-curve's last stretch
/// comes out as the world made it.
@Suite("Delay factors: the weeks that finish a building")
struct DelayFactorCompletionTests {
    static let world = SyntheticPanel()
    static let panel = Panel(history: world.history)

    /// Weeks from progress `a` to `b` at speed 1 without delay: ∫ dp / h(p) (trapezoids of
    /// 0.01 points).
    static func weeks(from a: Double, to b: Double, h: (Double) -> Double) -> Double {
        let steps = Int(((b - a) / 0.01).rounded())
        var acc = 0.0
        for k in 0..<steps {
            let p = a + (Double(k) + 0.5) * 0.01
            acc += 0.01 / h(p)
        }
        return acc
    }

    @Test("the time to finish the last stretch, 87.5 to 99.5 points, within 10 % of the truth")
    func lastStretch() throws {
        let model = DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1)
        let fit = try model.fit()
        #expect(model.sample.completes.filter { $0 }.count > 100)
        let fitted = Self.weeks(from: 87.5, to: 99.5) { fit.curve($0) }
        let truth = Self.weeks(from: 87.5, to: 99.5) { SyntheticPanel.h($0) }
        #expect(abs(fitted / truth - 1) < 0.1, "fitted \(fitted) weeks, truth \(truth)")
    }

    @Test("a completing row's expected work is at least what was left, and its mean when far above it")
    func expectedWork() throws {
        let model = DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1)
        let groups = ConstructionGroups(sample: model.sample, nNodes: 9)
        let completing = groups.completingRows.map { Int($0) }
        #expect(completing == (0..<model.sample.count).filter { model.sample.completes[$0] })
        let beta = SyntheticPanel.trueCurve + SyntheticPanel.trueTheta
        let speeds = [Double](repeating: 1, count: model.cooperativeCount)
        let work = model.expectedCompletingWork(beta: beta, groups: groups, speeds: speeds,
                                                noise: (multiplicative: 0.1, reporting: 0.3))
        #expect(work.count == completing.count)
        var above = 0
        for (k, r) in completing.enumerated() {
            let left = model.sample.increment[r]
            #expect(work[k] >= left)
            if work[k] > left + 1e-9 { above += 1 }
        }
        #expect(above == completing.count)
        // Nothing left to do: the expectation is the row's mean, μ = h(p)·Π θ.
        var free = model
        for r in completing { free.sample.increment[r] = -50 }
        let means = free.expectedCompletingWork(beta: beta, groups: groups, speeds: speeds,
                                                noise: (multiplicative: 0.1, reporting: 0.3))
        for (k, r) in completing.enumerated() {
            var m = SyntheticPanel.h(model.sample.previous[r])
            for j in 0..<4 where model.sample.flags[r] & (1 << j) != 0 { m *= SyntheticPanel.trueTheta[j] }
            #expect(abs(means[k] - m) < 1e-6 * max(1, m))
        }
    }
}

/// The speeds the S-curve is fitted against.
@Suite("Delay factors: the speeds the S-curve is fitted against")
struct SpeedFixedEffectsTests {
    @Test("a cooperative's own speed from 3 rows on (finite and positive), its posterior mean otherwise")
    func fixedEffects() {
        let speeds = SpeedEstimates(
            mean: [1.1, 0.9, 1.0, 0.8, 1.2], variance: [0.01, 0.02, 0.09, 0.03, 0.02],
            rows: [5, 2, 0, 4, 3], own: [1.4, 0.5, .nan, -0.2, 0.7],
            regencyMean: [1], regencyMeanVariance: [0.01], provinceMean: 1,
            withinRegencyVariance: 0.09, betweenRegencyVariance: 0)
        // Own at 5 rows; 2 rows too few; none; a negative own estimate; own at exactly 3.
        #expect(speeds.fixedEffects == [1.4, 0.9, 1.0, 0.8, 0.7])
    }
}
