import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import Forecasting

/// The law of a flag's sojourn on, learned from episodes by Kaplan–Meier, and the remaining
/// weeks drawn given the weeks already spent.
@Suite("Flag sojourns")
struct FlagSojournsTests {
    /// Ends and at-risk counts by age of episodes `lengths`, each censored when `ended` is
    /// false.
    static func counts(_ episodes: [(length: Int, ended: Bool)]) -> (ends: [Double], atRisk: [Double]) {
        let longest = episodes.map(\.length).max() ?? 0
        var ends = [Double](repeating: 0, count: longest), atRisk = ends
        for e in episodes {
            for d in 0..<e.length { atRisk[d] += 1 }
            if e.ended { ends[e.length - 1] += 1 }
        }
        return (ends, atRisk)
    }

    /// A sojourn of weekly exit probability h: 1 + Geometric(h) weeks.
    static func geometric(_ h: Double, _ rng: inout Xoshiro) -> Int {
        rng.waitingWeeks(h) + 1
    }

    @Test("geometric episodes give back the chain's constant hazard and its remaining law at any age")
    func geometricEpisodes() {
        let h = 0.25
        var rng = Xoshiro(stream: [7, 1])
        var episodes: [(length: Int, ended: Bool)] = []
        for _ in 0..<20_000 {
            let d = Self.geometric(h, &rng)
            let cap = 1 + Int(40 * exp(-rng.exponential()))  // censoring at a random age
            episodes.append(d <= cap ? (d, true) : (cap, false))
        }
        let c = Self.counts(episodes)
        let law = FlagSojourns.law(ends: c.ends, atRisk: c.atRisk)
        #expect(!law.hazard.isEmpty)
        for x in law.hazard.prefix(8) { #expect(abs(x - h) < 0.03) }
        #expect(abs(law.tail - h) < 0.05)
        // Memoryless: P(r = 1) = h whether the flag was raised 1 or 30 weeks ago.
        for elapsed in [1, 5, 30] {
            let n = 40_000
            var first = 0, total = 0.0
            for _ in 0..<n {
                let r = law.remaining(elapsed: elapsed, rng: &rng)
                if r == 1 { first += 1 }
                total += Double(r)
            }
            #expect(abs(Double(first) / Double(n) - h) < 0.02)
            #expect(abs(total / Double(n) - 1 / h) < 0.2)
        }
    }

    @Test("the geometric law drawn by remaining weeks is the weekly chain's sojourn")
    func geometricLaw() {
        let stay = 0.7
        let law = SojournLaw.geometric(stay: stay)
        var rng = Xoshiro(stream: [7, 2])
        let n = 50_000
        var total = 0.0
        for _ in 0..<n { total += Double(law.remaining(elapsed: 3, rng: &rng)) }
        #expect(abs(total / Double(n) - 1 / (1 - stay)) < 0.05)
    }

    @Test("a two-class mixture gives the remaining weeks conditional on the weeks already spent")
    func mixture() {
        // 70 % short episodes (weekly exit 0.5), 30 % long (0.04).
        let classes = [(share: 0.7, h: 0.5), (share: 0.3, h: 0.04)]
        var rng = Xoshiro(stream: [7, 3])
        var episodes: [(length: Int, ended: Bool)] = []
        for _ in 0..<40_000 {
            let h = exp(-rng.exponential()) < classes[0].share ? classes[0].h : classes[1].h
            let d = Self.geometric(h, &rng)
            let cap = 60
            episodes.append(d <= cap ? (d, true) : (cap, false))
        }
        let c = Self.counts(episodes)
        let law = FlagSojourns.law(ends: c.ends, atRisk: c.atRisk)
        // The true hazard at age d: the classes' hazards weighted by who is still on.
        func hazard(at d: Int) -> Double {
            let w = classes.map { $0.share * pow(1 - $0.h, Double(d - 1)) }
            return zip(w, classes).map { $0 * $1.h }.reduce(0, +) / w.reduce(0, +)
        }
        for d in [1, 2, 4, 8, 16] { #expect(abs(law.hazard[d - 1] - hazard(at: d)) < 0.03) }
        // Remaining weeks given 1 and 10 weeks spent: mean from the true conditional law.
        for elapsed in [1, 10] {
            let w = classes.map { $0.share * pow(1 - $0.h, Double(elapsed - 1)) }
            let expected = zip(w, classes).map { $0 * (1 / $1.h) }.reduce(0, +) / w.reduce(0, +)
            let n = 40_000
            var total = 0.0
            for _ in 0..<n { total += Double(law.remaining(elapsed: elapsed, rng: &rng)) }
            #expect(abs(total / Double(n) - expected) / expected < 0.08)
        }
    }
}

extension FlagSojournsTests {
    @Test("the hazard by age is kept for a mixture and the memoryless chain for geometric episodes")
    func choice() {
        var rng = Xoshiro(stream: [7, 4])
        var geometric: [(length: Int, ended: Bool)] = [], mixed = geometric
        for _ in 0..<5_000 {
            geometric.append((Self.geometric(0.3, &rng), true))
            mixed.append((Self.geometric(exp(-rng.exponential()) < 0.7 ? 0.5 : 0.04, &rng), true))
        }
        let g = Self.counts(geometric), m = Self.counts(mixed)
        #expect(!FlagSojourns.ageMatters(FlagSojourns.law(ends: g.ends, atRisk: g.atRisk), ends: g.ends, atRisk: g.atRisk))
        #expect(FlagSojourns.ageMatters(FlagSojourns.law(ends: m.ends, atRisk: m.atRisk), ends: m.ends, atRisk: m.atRisk))
    }
}
