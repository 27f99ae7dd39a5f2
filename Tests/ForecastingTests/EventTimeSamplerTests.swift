import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import Forecasting

/// The event-time draws of the forecast's stage samplers against the weekly laws they
/// replace: one draw per event must give the distribution a coin per week gives.
@Suite("Event-time samplers")
struct EventTimeSamplerTests {
    /// The construction walk's S-curve segment (``CurveSegment``) steps p ← p + w h(p), h the
    /// progress-rate curve (``ProgressRateCurve``, linear between its nodes) at the week's
    /// starting progress, also when one week's work crosses several segments.
    @Test("a construction week on the S-curve's segment lines is a step of the progress-rate curve")
    func segmentStep() {
        let nodes = ProgressRateCurve.defaultNodes
        let width = nodes[1] - nodes[0]
        var rng = Xoshiro(stream: [41])
        for trial in 0..<200 {
            let curve = ProgressRateCurve(nodes: nodes, values: nodes.map { _ in 0.2 + 1.6 * rng.uniform() })
            let (lines, stride) = ConstructionTables.lines(values: [curve.values], nodes: nodes.count, step: width)
            #expect(stride == 2 * (nodes.count - 1))
            let start = trial % 4 == 0 ? 0 : 100 * rng.uniform()
            var p = start, reference = start
            lines.withUnsafeBufferPointer { lines in
                var segment = CurveSegment(progress: p, lines: lines, base: 0, nodes: nodes.count, width: width,
                                           inverseWidth: 1 / width)
                // The walk never steps from 100 points or beyond (construction is complete).
                for week in 0..<400 where reference < 100 {
                    // Now and then a week's work crosses two or three segments at once.
                    let w = week % 7 == 3 ? 15 * rng.uniform() : 4 * rng.uniform()
                    segment.step(&p, work: w)
                    reference += w * curve(reference)
                    #expect(abs(p - reference) <= 1e-9 * max(1, abs(reference)),
                            "trial \(trial) week \(week): \(p) against \(reference)")
                }
            }
        }
    }

    /// P(first event in week k | none before) = h_k: the first week drawn by inverting the
    /// cumulative hazard has the survival Π(1 − h_j), here for a table then a constant tail.
    @Test("a discrete hazard drawn at once by its cumulative hazard has the weekly survival")
    func hazardInversion() {
        let hazards = [0.05, 0.2, 0.1, 0.3]
        let tail = 0.15
        var cumulative = [0.0]
        for h in hazards { cumulative.append(cumulative[cumulative.count - 1] - log1p(-h)) }
        let table = OpeningTable(cumulative: cumulative, tail: -log1p(-tail))
        var rng = Xoshiro(stream: [3, 1])
        let n = 40_000
        var counts = [Int](repeating: 0, count: 12)
        for _ in 0..<n {
            let k = table.firstWeek(from: 1, exceeding: rng.exponential())
            if k < counts.count { counts[k] += 1 }
        }
        var survival = 1.0
        for k in 1..<counts.count {
            let h = k <= hazards.count ? hazards[k - 1] : tail
            let expected = survival * h
            #expect(abs(Double(counts[k]) / Double(n) - expected) < 4 * (expected / Double(n)).squareRoot() + 1e-3)
            survival *= 1 - h
        }
        // Given none by week 3, the first week is 3 or later, with P(week 3) = h_3.
        var third = 0
        for _ in 0..<n where table.firstWeek(from: 3, exceeding: rng.exponential()) == 3 { third += 1 }
        #expect(abs(Double(third) / Double(n) - hazards[2]) < 0.006)
    }

    /// A two-state chain with P(on | off) = a and P(on | on) = b spends a / (a + 1 − b) of
    /// its weeks on, and its sojourns on last 1/(1 − b) weeks on average.
    @Test("a flag chain run by sojourns has the weekly chain's stationary share and sojourn mean")
    func flagChain() {
        let (a, b) = (0.08, 0.6)
        var rng = Xoshiro(stream: [5, 2])
        var chain = FlagChain(
            on: false, week: 0, logs: (Xoshiro.logFailure(a), Xoshiro.logFailure(1 - b)), rng: &rng)
        let weeks = 400_000
        var on = 0, sojourns = 0
        var t = 0
        while t < weeks {
            let end = min(weeks, chain.next)
            if chain.on { on += end - t; sojourns += 1 }
            t = end
            chain.advance(to: t, rng: &rng)
        }
        let share = a / (a + 1 - b)
        #expect(abs(Double(on) / Double(weeks) - share) < 0.01)
        #expect(abs(Double(on) / Double(sojourns) - 1 / (1 - b)) < 0.05)
    }

    /// The reporting stage: a constant weekly success q gives P(first week) = q, and an
    /// earlier start never gives a later green week on the same path.
    @Test("the green week: geometric under a constant weekly chance, never later from an earlier start")
    func reporting() {
        let sampler = ReportingSampler(onTime: 0.5, presence: 0.8, legalitasNeeded: 2, limit: 400)
        let n = 20_000
        var first = 0
        for p in 0..<n where sampler.sample(from: 10, legalitas: [0, 0], key: 17, path: p) == 10 { first += 1 }
        #expect(abs(Double(first) / Double(n) - 0.8) < 0.012)
        // One item short of the two needed: the week also needs a report on time (q = 0.4).
        first = 0
        for p in 0..<n where sampler.sample(from: 10, legalitas: [0, 300], key: 17, path: p) == 10 { first += 1 }
        #expect(abs(Double(first) / Double(n) - 0.4) < 0.014)
        // The rates a path meets: held, one short (on time too), two short (never green).
        #expect(sampler.weeklyRate(have: 2) == ReportingSampler.hazard(0.8))
        #expect(sampler.weeklyRate(have: 1) == ReportingSampler.hazard(0.8 * 0.5))
        #expect(sampler.weeklyRate(have: 0) == 0)
        for p in 0..<200 {
            let green = sampler.sample(from: 10, legalitas: [250, 300], key: 5, path: p) ?? Int.max
            #expect(green >= 250)
        }
        for p in 0..<2_000 {
            let late = sampler.sample(from: 30, legalitas: [0, 45], key: 9, path: p) ?? Int.max
            let early = sampler.sample(from: 20, legalitas: [0, 45], key: 9, path: p) ?? Int.max
            let earlierItem = sampler.sample(from: 30, legalitas: [0, 35], key: 9, path: p) ?? Int.max
            #expect(early <= late)
            #expect(earlierItem <= late)
        }
    }
}
