import Testing

@testable import Forecasting

/// The pre-construction chain's recency weights: which half-lives a history of a given
/// length allows and which one a surge in the last weeks gets.
@Suite("Pre-construction recency weights")
struct StageRecencyTests {
    /// One regency's pairs out of state 0 for weeks 0…`last`: 200 at risk a week, of whom
    /// 10 % move to state 1, and 50 % in the `surge` last weeks.
    static func pairs(last: Int, surge: Int) -> [(g: Int32, s: Int8, d: Int8, t: Int32)] {
        var out: [(g: Int32, s: Int8, d: Int8, t: Int32)] = []
        for t in 0...last {
            let moves = t > last - surge ? 100 : 20
            for k in 0..<200 { out.append((0, 0, k < moves ? 1 : 0, Int32(t))) }
        }
        return out
    }

    @Test("a half-life is allowed from a fifth of the weeks observed; ∞ always")
    func allowed() {
        #expect(StageModels.halfLives(last: 20) == StageModels.preHalfLives)
        #expect(StageModels.halfLives(last: 28) == [8, 16, 32, .infinity])
        #expect(StageModels.halfLives(last: 48) == [16, 32, .infinity])
        #expect(StageModels.halfLives(last: 1_000) == [.infinity])
    }

    @Test("a surge in the last weeks is followed only as far as the bound allows")
    func surgeIsBounded() {
        let last = 39
        let pairs = Self.pairs(last: last, surge: 10)
        // Every half-life allowed, the last weeks' likelihood follows the surge.
        let unbounded = StageModels.chooseHalfLife(pairs, regencies: 1, last: last, candidates: StageModels.preHalfLives)
        #expect(unbounded == 4)
        let chosen = StageModels.chooseHalfLife(pairs, regencies: 1, last: last)
        #expect(chosen * StageModels.preHalfLifeSpan >= Double(last))
        #expect(chosen == 8)
    }

    @Test("too short a history to hold weeks out weighs every week alike")
    func short() {
        #expect(StageModels.chooseHalfLife(Self.pairs(last: 8, surge: 3), regencies: 1, last: 8).isInfinite)
        #expect(StageModels.chooseHalfLife(Self.pairs(last: 9, surge: 6), regencies: 1, last: 9) == 4)
    }

    @Test("counts weigh a pair by 2^(−age / half-life) and leave out those after the end")
    func weights() {
        let pairs: [(g: Int32, s: Int8, d: Int8, t: Int32)] = [(0, 0, 1, 10), (0, 0, 1, 2), (0, 0, 1, 11)]
        let c = StageModels.recencyCounts(pairs, regencies: 1, upTo: 10, halfLife: 8)
        #expect(abs(c[0][1] - (1 + 0.5)) < 1e-12)
        let flat = StageModels.recencyCounts(pairs, regencies: 1, upTo: 10, halfLife: .infinity)
        #expect(flat[0][1] == 2)
    }
}
