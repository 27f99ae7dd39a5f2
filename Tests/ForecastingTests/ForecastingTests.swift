import KendaliData
import Testing

@testable import Forecasting

/// The forecast's models against the ground truth of ``SyntheticPanel`` (a world generated
/// from the models' own equations) and the rules of empirical Bayes.
@Suite("Forecasting models")
struct ForecastingModelTests {
    static let world = SyntheticPanel()
    static let panel = Panel(history: world.history)

    @Test("the panel keeps every cooperative, the missing week and the backwards report")
    func panelShape() throws {
        let p = Self.panel
        #expect(p.weekCount == 60)
        #expect(p.cooperativeCount == 480)
        // Every 7th cooperative missed week 20; everyone reported in week 19.
        let week19 = (0..<p.cooperativeCount).filter { p.present[p.cell($0, 19)] == 1 }.count
        let week20 = (0..<p.cooperativeCount).filter { p.present[p.cell($0, 20)] == 1 }.count
        #expect(week19 == 480)
        #expect(week20 == 480 - Self.world.missingWeek20)
        // The backwards report is kept as reported (the models see the noise).
        let k = try #require(p.codes.firstIndex { $0.value == 5_201_032_003 })
        var wentDown = false
        for t in 1..<p.weekCount {
            let a = p.progress[p.cell(k, t - 1)], b = p.progress[p.cell(k, t)]
            if !a.isNaN, !b.isNaN, b < a { wentDown = true }
        }
        #expect(wentDown)
        #expect(p.regencies == [5201, 5202, 5204, 5272])
    }

    @Test("delay factors δ are recovered within their intervals (simulation truth)")
    func recoversTheta() throws {
        let fit = try DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1).fit()
        #expect(fit.converged)
        // Weather, labour and technical vary enough to be estimated; truth θ = 0.55, 0.6, 0.3.
        for k in 1..<4 {
            let e = fit.factorSummary[k]
            #expect(e.estimated)
            let truthDelta = 1 - SyntheticPanel.trueTheta[k]
            // The cluster-robust SE treats the speeds as known, so it is somewhat optimistic:
            // the check uses the 99.9 % interval (3.29 SE) with a floor of 0.02.
            let halfWidth = max(3.29 * e.shareLostStandardError, 0.02)
            #expect(e.shareLostStandardError > 0)
            #expect(abs(e.shareLost - truthDelta) <= halfWidth,
                    "δ_\(k) = \(e.shareLost) ± \(e.shareLostStandardError), truth \(truthDelta)")
        }
        // The curve h at its well-observed middle nodes within 10 % of the truth.
        for k in 2...6 {
            let ratio = fit.curve.values[k] / SyntheticPanel.trueCurve[k]
            #expect(abs(ratio - 1) < 0.1, "h node \(k): \(fit.curve.values[k]) vs \(SyntheticPanel.trueCurve[k])")
        }
    }

    @Test("delay accounting: construction weeks are flagged weeks × δ; waiting weeks are counted by land state")
    func delayAccounting() throws {
        let panel = Self.panel
        let T = panel.weekCount - 1
        let model = DelayFactorModel(panel: panel, upTo: T)
        let fit = try model.fit()
        let accounting = DelayAccounting(panel: panel, upTo: T, fit: fit, sample: model.sample)
        let totals = accounting.totals()
        #expect(totals.map(\.item) == DelayItem.allCases)
        for e in fit.factorSummary {
            let t = totals[DelayItem(e.factor).rawValue]
            #expect(t.countedWeeks == e.flaggedWeeks)
            #expect(abs(t.weeks - e.weeksOfDelay) < 1e-9)
            #expect(t.item.phase == .duringConstruction)
        }
        // 5201012001 never gets land: every week of its history waits on land, and land
        // is its main delay.
        let never = try #require(panel.codes.firstIndex { $0.value == 5_201_012_001 })
        let weeks = T - Int(panel.firstWeek[never]) + 1
        #expect(accounting.weeks(of: never, .land) == Double(weeks))
        #expect(accounting.weeks(of: never, .start) == 0)
        #expect(accounting.mainDelay(of: never) == .land)
        // Before construction, weeks are counted: the interval is the value.
        let land = totals[DelayItem.land.rawValue]
        #expect(land.weeks >= Double(weeks) && land.lower == land.weeks && land.upper == land.weeks)
        // Main delays sum to the cooperatives with any delay.
        let withDelay = panel.codes.indices.filter { accounting.mainDelay(of: $0) != nil }.count
        #expect(totals.reduce(0) { $0 + $1.mainDelayOf } == withDelay)
    }

    @Test("speeds: recovered for cooperatives with many reports, regency mean for those with none")
    func speedsAndShrinkage() throws {
        let fit = try DelayFactorModel(panel: Self.panel, upTo: Self.panel.weekCount - 1).fit()
        let s = fit.speeds
        var errors: [Double] = []
        for (i, code) in Self.panel.codes.enumerated() where s.rows[i] >= 6 {
            let truth = Self.world.speeds[code.value] ?? 1
            errors.append(abs(s.mean[i] / truth - 1))
        }
        #expect(errors.count > 50)
        let sorted = errors.sorted()
        #expect(sorted[sorted.count / 2] < 0.1, "median relative speed error \(sorted[sorted.count / 2])")
        // No construction report → exactly the regency mean, with the prior variance.
        for i in 0..<Self.panel.cooperativeCount where s.rows[i] == 0 {
            let g = Int(Self.panel.regencyIndex[i])
            #expect(s.mean[i] == max(0.05, s.regencyMean[g]))
            #expect(s.variance[i] >= s.withinRegencyVariance)
        }
        // Many reports → follows its own estimate (shrinkage weight above 0.8).
        for i in 0..<Self.panel.cooperativeCount where s.rows[i] >= 12 {
            let g = Int(Self.panel.regencyIndex[i])
            let pull = abs(s.mean[i] - s.own[i])
            let gap = abs(s.own[i] - s.regencyMean[g])
            #expect(pull <= 0.2 * gap + 1e-9)
        }
    }

    @Test("beta-binomial strength: no extra variation → full pooling; hand-computed case")
    func betaBinomial() {
        // Identical rates: the groups differ by nothing → κ at its cap.
        #expect(Shrinkage.betaBinomialStrength(events: [10, 10, 10], trials: [100, 100, 100]) == 1e6)
        // Rates 0.1 and 0.5 with 100 trials each: p̄ = 0.3, Σn(p̂ − p̄)² = 8, p̄(1−p̄) = 0.21,
        // ρ = (8 − 0.21) / (0.21 · (200 − 100 − 1)) = 0.374690…, κ = 1/ρ − 1 = 1.668849…
        let k = Shrinkage.betaBinomialStrength(events: [10, 50], trials: [100, 100])
        #expect(abs(k - (1 / ((8 - 0.21) / (0.21 * 99)) - 1)) < 1e-9)
        // Shrunk rate: (x + κ p) / (n + κ).
        #expect(abs(Shrinkage.shrunkRate(events: 0, trials: 0, prior: 0.3, strength: 5) - 0.3) < 1e-15)
    }

    @Test("the Monte Carlo is deterministic under a seed and independent of the chunking")
    func deterministic() throws {
        let p = Self.panel
        let a = try GreenForecaster.forecast(panel: p, asOfWeek: 30, options: ForecastOptions(seed: 9, paths: 60, chunkSize: 1))
        let b = try GreenForecaster.forecast(panel: p, asOfWeek: 30, options: ForecastOptions(seed: 9, paths: 60, chunkSize: 500))
        let c = try GreenForecaster.forecast(panel: p, asOfWeek: 30, options: ForecastOptions(seed: 10, paths: 60))
        #expect(a.cooperatives.count == b.cooperatives.count)
        #expect(a.cooperatives.map(\.p50) == b.cooperatives.map(\.p50))
        #expect(a.cooperatives.map(\.p90) == b.cooperatives.map(\.p90))
        #expect(a.cooperatives.map(\.probabilityGreenByTarget) == b.cooperatives.map(\.probabilityGreenByTarget))
        // Every path and every expected delay, on one thread (one chunk) and on many.
        #expect(a.run.offsets == b.run.offsets)
        #expect(a.run.delays == b.run.delays)
        // Another seed gives other paths (some probability moves).
        #expect(a.cooperatives.map(\.probabilityGreenByTarget) != c.cooperatives.map(\.probabilityGreenByTarget))
    }

    @Test("edge cases are answered: no progress ever, land disputed, backwards, missing week, no completion in a regency")
    func edgeCases() throws {
        let p = Self.panel
        let f = try GreenForecaster.forecast(panel: p, asOfWeek: 40, options: ForecastOptions(seed: 3, paths: 100))
        func row(_ v: Int64) -> CooperativeForecast? { f.cooperatives.first { $0.code.value == v } }
        // Never any land, never left tidak_ada in 40 weeks: still forecast, land the main factor.
        let none = try #require(row(5_201_012_001))
        #expect(none.stage == .notStarted)
        #expect(none.mainCause == .land)
        // Disputed for the whole history: nobody ever left `sengketa` → stays, no date, said so.
        let disputed = try #require(row(5_201_022_002))
        #expect(disputed.p50 == nil)
        #expect(disputed.assumptions.contains { $0.contains("sengketa") })
        // Regency 5272 never completes anything: its cooperatives get forecasts, P50 after as-of.
        let stuck = f.cooperatives.filter { $0.regency == 5272 }
        #expect(!stuck.isEmpty)
        #expect(f.assumptions.contains { $0.contains("5272") && $0.contains("assumed") })
        for c in f.cooperatives { if let p50 = c.p50 { #expect(p50 > 40) } }
        // The quantiles are ordered.
        for c in f.cooperatives {
            if let a = c.p10, let b = c.p50 { #expect(a <= b) }
            if let b = c.p50, let d = c.p90 { #expect(b <= d) }
        }
        // Aggregates: the expected count never decreases and stays within the band's range.
        let all = try #require(f.curves.last)
        #expect(all.name == "all")
        for o in 1..<all.expected.count { #expect(all.expected[o] >= all.expected[o - 1] - 1e-9) }
        #expect(all.expected[0] >= Double(all.greenAtAsOf))
    }

    @Test("no construction progress anywhere yet: the plan is assumed and said, not a crash")
    func noProgressAnywhere() throws {
        let p = Self.panel
        // By week 2 nobody can have started (land needs three steps, then the portal).
        let rows = ConstructionSample(panel: p, upTo: 2).count
        #expect(rows == 0)
        let f = try GreenForecaster.forecast(panel: p, asOfWeek: 2, options: ForecastOptions(seed: 2, paths: 30))
        #expect(f.cooperatives.count == p.cooperativeCount)
        #expect(f.assumptions.contains { $0.contains("90-working-day plan") })
        #expect(f.model.construction.curve.values.allSatisfy { abs($0 - 100.0 / 18.0) < 1e-12 })
    }

    @Test("backtest on the synthetic world: the model beats the planners' baselines")
    func backtest() throws {
        let p = Self.panel
        let r = try Backtester.run(panel: p, cutoffs: [30], options: ForecastOptions(seed: 1, paths: 100))
        let scores = try #require(r.first?.scores)
        let model = try #require(scores.first { $0.method == "model" })
        let linear = try #require(scores.first { $0.method == "linear" })
        let es = try #require(scores.first { $0.method == "earned_schedule" })
        #expect(model.scored > 50)
        #expect(model.meanAbsoluteError < min(linear.meanAbsoluteError, es.meanAbsoluteError))
        let cover = try #require(model.coverage)
        #expect(cover > 0.6 && cover <= 1)
        // The half count never exceeds the count with both ends inside; the PIT bins hold
        // every scored outcome; P50's pinball loss is half the MAE; the CRPS is twice the
        // mean pinball loss.
        let half = try #require(model.coverageHalfEnds)
        #expect(half <= cover && half > 0.5)
        for s in scores {
            #expect(s.pit.count == 4 && s.pinball.count == 3)
            #expect(abs(s.pit.reduce(0, +) - Double(s.scored)) < 1e-9)
            #expect(abs(2 * s.pinball[1] - s.meanAbsoluteError) < 1e-9)
            #expect(abs(2 * s.pinball.reduce(0, +) / 3 - s.crps) < 1e-9)
        }
        #expect(linear.coverageHalfEnds == nil)
        #expect(abs(model.pit[1] + model.pit[2] - half * Double(model.scored)) < 1e-9)
    }
}
