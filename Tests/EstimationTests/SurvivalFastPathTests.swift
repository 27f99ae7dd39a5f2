import Foundation
import LinearAlgebra
import Testing
@testable import Estimation

/// The straightforward algorithms the fast paths replaced, kept here as references: the
/// per-row Cox sweep with one `log` per Efron term, the Kaplan–Meier estimate from three
/// sorted arrays and binary searches, and the pair loop of Harrell's C.
private enum Reference {
    /// ℓ, gradient and information (upper triangle, row-major) on the model's standardised
    /// covariates `(x − mean)/sd`, as the sweep before the fast path computed them: rows in
    /// decreasing stop time, added one at a time to running sums, the Efron terms one l at
    /// a time.
    static func evaluate(
        _ model: CoxProportionalHazards, beta: [Double]
    ) -> (ll: Double, gradient: [Double], information: [Double]) {
        let n = model.observations
        let p = model.terms.count
        let pp = p * p
        var order: [Int] = []
        var blocks: [Range<Int>] = []
        for rows in SurvivalStrata.groups(model.strata, count: n) {
            let lower = order.count
            order.append(contentsOf: rows.map { (model.stop[$0], $0) }.sorted { $0.0 > $1.0 }.map(\.1))
            blocks.append(lower..<order.count)
        }
        var x = [Double](repeating: 0, count: n * p)
        for (k, i) in order.enumerated() {
            for j in 0..<p {
                x[k * p + j] = (model.covariates[i, j] - model.columnMean[j]) / model.columnScale[j]
            }
        }
        let stop = order.map { model.stop[$0] }
        let event = order.map { model.events[$0] }
        let start = model.start.map { s in order.map { s[$0] } }
        let byStart = start.map { s in
            blocks.map { r in r.map { (s[$0], $0) }.sorted { $0.0 > $1.0 }.map(\.1) }
        } ?? blocks.map { _ in [] }
        let efron = model.ties == .efron
        var eta = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var e = 0.0
            for a in 0..<p { e += x[i * p + a] * beta[a] }
            eta[i] = e
            w[i] = exp(e)
        }
        var ll = 0.0
        var gradient = [Double](repeating: 0, count: p)
        var information = [Double](repeating: 0, count: pp)
        var s1 = [Double](repeating: 0, count: p)
        var s2 = [Double](repeating: 0, count: pp)
        var d1 = [Double](repeating: 0, count: p)
        var d2 = [Double](repeating: 0, count: pp)
        var xd = [Double](repeating: 0, count: p)
        var mean = [Double](repeating: 0, count: p)
        for (blockIndex, block) in blocks.enumerated() {
            var s0 = 0.0
            var atRisk = 0
            for a in 0..<p { s1[a] = 0 }
            for a in 0..<pp { s2[a] = 0 }
            let leaving = byStart[blockIndex]
            var q = 0
            var k = block.lowerBound
            while k < block.upperBound {
                let t = stop[k]
                var d0 = 0.0
                var d = 0
                var etaSum = 0.0
                for a in 0..<p {
                    d1[a] = 0
                    xd[a] = 0
                }
                for a in 0..<pp { d2[a] = 0 }
                while k < block.upperBound && stop[k] == t {
                    let wi = w[k]
                    s0 += wi
                    atRisk += 1
                    for a in 0..<p {
                        let wxa = wi * x[k * p + a]
                        s1[a] += wxa
                        for b in a..<p { s2[a * p + b] += wxa * x[k * p + b] }
                    }
                    if event[k] {
                        d += 1
                        d0 += wi
                        etaSum += eta[k]
                        for a in 0..<p {
                            xd[a] += x[k * p + a]
                            let wxa = wi * x[k * p + a]
                            d1[a] += wxa
                            for b in a..<p { d2[a * p + b] += wxa * x[k * p + b] }
                        }
                    }
                    k += 1
                }
                if let start {
                    while q < leaving.count && start[leaving[q]] >= t {
                        let r = leaving[q]
                        s0 -= w[r]
                        atRisk -= 1
                        for a in 0..<p {
                            let wxa = w[r] * x[r * p + a]
                            s1[a] -= wxa
                            for b in a..<p { s2[a * p + b] -= wxa * x[r * p + b] }
                        }
                        q += 1
                    }
                    if atRisk == 0 {
                        s0 = 0
                        for a in 0..<p { s1[a] = 0 }
                        for a in 0..<pp { s2[a] = 0 }
                    }
                }
                guard d > 0 else { continue }
                ll += etaSum
                for a in 0..<p { gradient[a] += xd[a] }
                let steps = efron ? d : 1
                let multiplicity = efron ? 1.0 : Double(d)
                for l in 0..<steps {
                    let f = Double(l) / Double(d)
                    let denominator = s0 - f * d0
                    ll -= multiplicity * log(denominator)
                    for a in 0..<p {
                        mean[a] = (s1[a] - f * d1[a]) / denominator
                        gradient[a] -= multiplicity * mean[a]
                    }
                    for a in 0..<p {
                        for b in a..<p {
                            let second = (s2[a * p + b] - f * d2[a * p + b]) / denominator
                            information[a * p + b] += multiplicity * (second - mean[a] * mean[b])
                        }
                    }
                }
            }
        }
        return (ll, gradient, information)
    }

    /// The Kaplan–Meier rows and counts as computed before the counting path: sorted exit,
    /// event, censored and entry times with binary searches per event time.
    static func kaplanMeier(
        times: [Double], events: [Bool], entryTimes: [Double]?
    ) -> (rows: [KaplanMeier.Row], events: Int, censoredBeforeFirstEvent: Int) {
        let n = times.count
        let sortedExits = times.sorted()
        let sortedEntries = (entryTimes ?? []).sorted()
        var eventTimes: [Double] = []
        var censoredTimes: [Double] = []
        for i in 0..<n {
            if events[i] { eventTimes.append(times[i]) } else { censoredTimes.append(times[i]) }
        }
        eventTimes.sort()
        censoredTimes.sort()
        let z = SurvivalDistributions.normalQuantile(0.975)
        var rows: [KaplanMeier.Row] = []
        var s = 1.0
        var sLow = 0.0
        var greenwoodSum = 0.0
        var k = 0
        while k < eventTimes.count {
            let t = eventTimes[k]
            var d = 0
            while k < eventTimes.count && eventTimes[k] == t {
                d += 1
                k += 1
            }
            let exitsAtOrAfter = n - KaplanMeier.lowerBound(sortedExits, t)
            let notYetEntered = sortedEntries.count - KaplanMeier.lowerBound(sortedEntries, t)
            let atRisk = exitsAtOrAfter - notYetEntered
            let nextTime = k < eventTimes.count ? eventTimes[k] : Double.infinity
            let censored = KaplanMeier.lowerBound(censoredTimes, nextTime)
                - KaplanMeier.lowerBound(censoredTimes, t)
            // The same arithmetic step as the estimator: what is compared is how the risk
            // sets and counts are found.
            KaplanMeier.advance(survival: &s, low: &sLow, greenwoodSum: &greenwoodSum,
                                atRisk: atRisk, events: d)
            let variance = s > 0 ? s * s * greenwoodSum : 0
            let (lo, hi) = KaplanMeier.bandLimits(
                survival: s, greenwoodSum: greenwoodSum, z: z, band: .logLog)
            rows.append(KaplanMeier.Row(time: t, atRisk: atRisk, events: d, censored: censored,
                                        survival: s, variance: variance, lower: lo, upper: hi))
        }
        return (rows, eventTimes.count,
                KaplanMeier.lowerBound(censoredTimes, eventTimes.first ?? Double.infinity))
    }

    /// True when `km` has the reference's rows and counts, bit for bit.
    static func same(
        _ km: KaplanMeier,
        _ reference: (rows: [KaplanMeier.Row], events: Int, censoredBeforeFirstEvent: Int)
    ) -> Bool {
        km.rows.count == reference.rows.count
            && zip(km.rows, reference.rows).allSatisfy { a, b in
                a.time.bitPattern == b.time.bitPattern && a.atRisk == b.atRisk
                    && a.events == b.events && a.censored == b.censored
                    && a.survival.bitPattern == b.survival.bitPattern
                    && a.variance.bitPattern == b.variance.bitPattern
                    && a.lower.bitPattern == b.lower.bitPattern
                    && a.upper.bitPattern == b.upper.bitPattern
            }
            && km.events == reference.events
            && km.censoredBeforeFirstEvent == reference.censoredBeforeFirstEvent
    }

    /// Harrell's C by the O(n²) definition (the concordance tests' pair count).
    static func concordance(
        stop: [Double], events: [Bool], scores: [Double], strata: [Int]?
    ) -> Concordance {
        SurvivalConcordanceTests.bruteForce(start: nil, stop: stop, events: events, scores: scores,
                                            strata: strata)
    }
}

/// A data set of the benchmark's shape: whole-week durations 0…weeks (massive ties),
/// about half events, covariates that are shares k/m in [0, 1].
private func tiedDataSet(
    n: Int, weeks: Int, p: Int, seed: UInt64
) -> (durations: [Double], events: [Bool], covariates: Matrix, terms: [String]) {
    var random = SurvivalRandom(seed: seed)
    let durations = (0..<n).map { _ in Double(Int.random(in: 0...weeks, using: &random)) }
    let events = (0..<n).map { _ in Bool.random(using: &random) }
    var x = Matrix(rows: n, columns: p)
    for j in 0..<p {
        for i in 0..<n {
            let m = Int.random(in: 1...20, using: &random)
            x[i, j] = Double(Int.random(in: 0...m, using: &random)) / Double(m)
        }
    }
    return (durations, events, x, (0..<p).map { "x\($0)" })
}

@Suite("Survival fast paths against the straightforward computations")
struct SurvivalFastPathTests {
    /// Compares the engine's ℓ, gradient and information with the per-row reference.
    private func expectSameSweep(
        _ model: CoxProportionalHazards, beta: [Double], label: String
    ) {
        let engine = CoxEngine(model: model)
        let fast = engine.evaluate(beta, derivatives: true)
        let slow = Reference.evaluate(model, beta: beta)
        let p = beta.count
        #expect(survivalRelativeError(fast.logLikelihood, slow.ll) <= 1e-12, "\(label) ℓ")
        let llOnly = engine.evaluate(beta, derivatives: false)
        #expect(llOnly.logLikelihood == fast.logLikelihood, "\(label) ℓ without derivatives")
        // The gradient vanishes near β̂: compare on the scale of its terms.
        let scale = max(1, slow.information.map(abs).max() ?? 1)
        for a in 0..<p {
            #expect(abs(fast.gradient[a] - slow.gradient[a]) <= 1e-10 * scale,
                    "\(label) gradient \(a): \(fast.gradient[a]) vs \(slow.gradient[a])")
            for b in a..<p {
                #expect(survivalRelativeError(fast.information[a * p + b], slow.information[a * p + b])
                        <= 1e-10, "\(label) information \(a),\(b)")
            }
        }
    }

    @Test("Cox sweep equals the per-row sweep on tied weekly data (Efron and Breslow)",
          arguments: [CoxProportionalHazards.Ties.efron, .breslow])
    func coxSweepTied(ties: CoxProportionalHazards.Ties) throws {
        let data = tiedDataSet(n: 3000, weeks: 70, p: 4, seed: 11)
        let model = try CoxProportionalHazards(
            durations: data.durations, events: data.events, covariates: data.covariates,
            terms: data.terms, ties: ties)
        for (k, beta) in [[0.0, 0, 0, 0], [0.3, -0.2, 0.5, -0.1], [1.5, -2.0, 0.7, 2.5]].enumerated() {
            expectSameSweep(model, beta: beta, label: "\(ties) β\(k)")
        }
    }

    /// Thousands of events at one time: the paired Efron loop renormalises its product
    /// every 512 terms, and the odd last term goes alone.
    @Test("Cox sweep with very many ties per time (d up to ~2,000, odd and even)")
    func coxSweepManyTies() throws {
        let data = tiedDataSet(n: 6001, weeks: 2, p: 3, seed: 5)
        let model = try CoxProportionalHazards(
            durations: data.durations, events: data.events, covariates: data.covariates,
            terms: data.terms)
        expectSameSweep(model, beta: [0.4, -0.8, 1.1], label: "many ties")
        expectSameSweep(model, beta: [0, 0, 0], label: "many ties, β = 0")
    }

    @Test("Cox sweep with strata and with counting-process rows equals the per-row sweep")
    func coxSweepStrataAndIntervals() throws {
        var random = SurvivalRandom(seed: 77)
        let n = 800
        let data = tiedDataSet(n: n, weeks: 20, p: 3, seed: 78)
        let strata = (0..<n).map { _ in Int.random(in: 0...3, using: &random) }
        let stratified = try CoxProportionalHazards(
            durations: data.durations, events: data.events, covariates: data.covariates,
            terms: data.terms, strata: strata)
        expectSameSweep(stratified, beta: [0.5, -0.3, 0.9], label: "strata")
        let start = data.durations.map { $0 - Double(Int.random(in: 1...6, using: &random)) }
        let intervals = try CoxProportionalHazards(
            start: start, stop: data.durations, events: data.events, covariates: data.covariates,
            terms: data.terms, strata: strata)
        expectSameSweep(intervals, beta: [0.5, -0.3, 0.9], label: "intervals")
        // Non-integer times take the sorting path.
        let jittered = data.durations.map { $0 + 0.25 }
        let sorted = try CoxProportionalHazards(
            durations: jittered, events: data.events, covariates: data.covariates,
            terms: data.terms)
        expectSameSweep(sorted, beta: [0.5, -0.3, 0.9], label: "sorting path")
    }

    @Test("Cox fit: the reference gradient vanishes at β̂, ℓ(β̂) agrees, concordance equals the pair count")
    func coxFitAgainstReference() throws {
        let data = tiedDataSet(n: 1500, weeks: 70, p: 4, seed: 3)
        let model = try CoxProportionalHazards(
            durations: data.durations, events: data.events, covariates: data.covariates,
            terms: data.terms)
        let fit = try model.fit()
        #expect(fit.converged)
        let standardised = zip(fit.coefficients, model.columnScale).map(*)
        let reference = Reference.evaluate(model, beta: standardised)
        #expect(survivalRelativeError(fit.logLikelihood, reference.ll) <= 1e-12)
        let scale = reference.information.map(abs).max() ?? 1
        for g in reference.gradient { #expect(abs(g) <= 1e-9 * scale) }
        let scores = (0..<model.observations).map { i in
            (0..<4).reduce(0.0) { $0 + data.covariates[i, $1] * fit.coefficients[$1] }
        }
        #expect(fit.concordance == Reference.concordance(
            stop: data.durations, events: data.events, scores: scores, strata: nil))
    }

    @Test("Efron terms: paired product and sums equal one log and division per term")
    func efronTerms() {
        for (s0, d0, d) in [(10.0, 4.0, 2), (10.0, 4.0, 3), (5e3, 4.9e3, 513), (7.5, 7.5, 1025),
                            (1e-290, 5e-291, 6), (3.0, 1.0, 4096)] {
            let fast = CoxMath.efronTerms(s0: s0, d0: d0, events: d, derivatives: true)
            var logSum = 0.0
            var sums = [Double](repeating: 0, count: 5)
            for l in 0..<d {
                let f = Double(l) / Double(d)
                let den = s0 - f * d0
                logSum += log(den)
                let inverse = 1 / den
                sums[0] += inverse
                sums[1] += f * inverse
                sums[2] += inverse * inverse
                sums[3] += f * inverse * inverse
                sums[4] += f * inverse * f * inverse
            }
            #expect(abs(fast.logSum - logSum) <= 1e-13 * max(1, abs(logSum)), "d = \(d)")
            let got = [fast.a, fast.b, fast.c, fast.d, fast.e]
            for k in 0..<5 {
                // (1/den² overflows to +∞ on both sides for the tiny denominators.)
                #expect(got[k] == sums[k] || survivalRelativeError(got[k], sums[k]) <= 1e-12,
                        "d = \(d) sum \(k): \(got[k]) vs \(sums[k])")
            }
            let llOnly = CoxMath.efronTerms(s0: s0, d0: d0, events: d, derivatives: false)
            #expect(llOnly.logSum == fast.logSum)
        }
    }

    @Test("Vector exp is within one unit in the last place of Foundation's exp")
    func exponentials() {
        var random = SurvivalRandom(seed: 9)
        var eta = (0..<4001).map { _ in Double.random(in: -708...709, using: &random) }
        eta += (0..<2000).map { _ in Double.random(in: -2...2, using: &random) }
        eta += [0, -0.0, 709, -708, 710, -750, 1e-300, .infinity, -.infinity]
        var w = [Double](repeating: 0, count: eta.count)
        let beta = [1.0]
        eta.withUnsafeBufferPointer { e in
            w.withUnsafeMutableBufferPointer { w in
                beta.withUnsafeBufferPointer { b in
                    CoxMath.exponentials(x: e.baseAddress!, stride: e.count, count: e.count,
                                         columns: 1, beta: b.baseAddress!, zero: false,
                                         into: w.baseAddress!)
                }
            }
        }
        var worst = 0.0
        for (v, got) in zip(eta, w) {
            let expected = Foundation.exp(v)
            if expected.isFinite && expected > 0 {
                worst = max(worst, abs(got - expected) / expected.ulp)
            } else {
                #expect(got == expected, "exp(\(v))")
            }
        }
        #expect(worst <= 1, "worst \(worst) ulp")
    }

    @Test("Kaplan–Meier by counting equals Kaplan–Meier by sorting and the old computation, exactly",
          arguments: 0..<4)
    func kaplanMeierCounting(seed: Int) throws {
        var random = SurvivalRandom(seed: UInt64(seed) + 500)
        let n = 2000
        let offset = seed == 3 ? -40 : 0  // negative whole numbers too
        let times = (0..<n).map { _ in Double(offset + Int.random(in: 0...70, using: &random)) }
        let events = (0..<n).map { _ in Double.random(in: 0..<1, using: &random) < 0.5 }
        let counted = KaplanMeier.ExitTable(times: times, events: events)
        let sorted = KaplanMeier.ExitTable(times: times, events: events, allowCounting: false)
        #expect(counted == sorted)
        #expect(times.withUnsafeBufferPointer { SurvivalTimeOrder.integerRange($0, rows: nil) } != nil)
        let km = try KaplanMeier(times: times, events: events)
        #expect(km == KaplanMeier(exits: sorted, count: n, entryTimes: nil, confidenceLevel: 0.95,
                                  band: .logLog))
        #expect(Reference.same(km, Reference.kaplanMeier(times: times, events: events, entryTimes: nil)))
        // With entry times.
        let entries = times.map { $0 - Double(Int.random(in: 1...10, using: &random)) }
        #expect(Reference.same(
            try KaplanMeier(times: times, events: events, entryTimes: entries),
            Reference.kaplanMeier(times: times, events: events, entryTimes: entries)))
    }

    @Test("Kaplan–Meier: times that cannot be counted are sorted")
    func kaplanMeierNotCountable() throws {
        var random = SurvivalRandom(seed: 31)
        let events = (0..<500).map { _ in Bool.random(using: &random) }
        let cases: [[Double]] = [
            (0..<500).map { _ in Double(Int.random(in: 0...50, using: &random)) + 0.5 },  // fractions
            (0..<500).map { i in i == 7 ? 1e9 : Double(Int.random(in: 0...50, using: &random)) },  // wide
            (0..<500).map { i in i % 3 == 0 ? -0.0 : Double(Int.random(in: 0...5, using: &random)) },  // −0
        ]
        for times in cases {
            #expect(times.withUnsafeBufferPointer { SurvivalTimeOrder.integerRange($0, rows: nil) } == nil)
            #expect(Reference.same(
                try KaplanMeier(times: times, events: events),
                Reference.kaplanMeier(times: times, events: events, entryTimes: nil)))
        }
    }

    @Test("Grouping by counting equals grouping by sorting")
    func grouping() {
        var random = SurvivalRandom(seed: 41)
        let n = 1000
        let stop = (0..<n).map { _ in Double(Int.random(in: 3...40, using: &random)) }
        let events = (0..<n).map { _ in Bool.random(using: &random) }
        for strata in [nil, (0..<n).map { _ in Int.random(in: 0...2, using: &random) }] {
            let counted = SurvivalGrouping(stop: stop, events: events, strata: strata)
            let sorted = SurvivalGrouping(stop: stop, events: events, strata: strata,
                                          allowCounting: false)
            #expect(counted.groups == sorted.groups)
            #expect(counted.blocks == sorted.blocks)
            for group in counted.groups {
                #expect(Set(counted.order[group.lower..<group.upper])
                        == Set(sorted.order[group.lower..<group.upper]))
                for k in group.lower..<group.upper {
                    #expect(stop[counted.order[k]] == group.time)
                    #expect(events[counted.order[k]] == (k < group.eventEnd))
                }
            }
        }
    }

    @Test("Concordance without entry times equals the pair count: strata, ties, clusters",
          arguments: 0..<5)
    func concordance(seed: Int) throws {
        var random = SurvivalRandom(seed: UInt64(seed) + 900)
        let n = 700
        let stop = (0..<n).map { _ in Double(Int.random(in: 1...(seed == 4 ? 400 : 12), using: &random)) }
        let events = (0..<n).map { _ in Bool.random(using: &random) }
        let scores: [Double]
        switch seed {
        case 0: scores = (0..<n).map { _ in Double(Int.random(in: 0...6, using: &random)) / 3 }
        case 1: scores = (0..<n).map { _ in Double.random(in: -1...1, using: &random) }
        case 2:
            // One far outlier: the rest share a bucket, so the insertion budget runs out.
            scores = (0..<n).map { i in i == 0 ? 1e12 : Double.random(in: 0...1, using: &random) }
        case 3: scores = (0..<n).map { i in i % 2 == 0 ? 0.0 : -0.0 }
        default: scores = (0..<n).map { _ in Double(Int.random(in: -3...3, using: &random)) }
        }
        let strata = (0..<n).map { _ in Int.random(in: 0...2, using: &random) }
        #expect(try Concordance(times: stop, events: events, riskScores: scores)
                == Reference.concordance(stop: stop, events: events, scores: scores, strata: nil))
        #expect(try Concordance(start: nil, stop: stop, events: events, riskScores: scores,
                                strata: strata)
                == Reference.concordance(stop: stop, events: events, scores: scores, strata: strata))
        // Both orderings of the rows: the sorting grouping path too.
        let jittered = stop.map { $0 * 1.5 + 0.1 }
        #expect(try Concordance(times: jittered, events: events, riskScores: scores)
                == Reference.concordance(stop: jittered, events: events, scores: scores, strata: nil))
    }

    @Test("Score sort equals a comparison sort by (score, key)")
    func scoreSort() {
        var random = SurvivalRandom(seed: 61)
        for cluster in [false, true] {
            let n = 5000
            let scores = (0..<n).map { i -> Double in
                if cluster { return i == 1 ? -1e15 : Double(Int.random(in: 0...4000, using: &random)) * 1e-3 }
                return Double(Int.random(in: 0...900, using: &random)) / 7
            }
            let keys = (0..<n).map { Int32($0 / 40) << 1 | Int32($0 % 2) }  // non-decreasing key
            let (s, k) = ConcordanceSweep.sortByScore(scores, keys: keys)
            let expected = (0..<n).sorted {
                scores[$0] < scores[$1] || (scores[$0] == scores[$1] && keys[$0] >> 1 < keys[$1] >> 1)
            }
            #expect(s == expected.map { scores[$0] })
            #expect(k.map { $0 >> 1 } == expected.map { keys[$0] >> 1 })
            #expect(Set(zip(s, k).map { "\($0.0)|\($0.1)" }) == Set(zip(scores, keys).map { "\($0.0)|\($0.1)" }))
        }
    }
}
