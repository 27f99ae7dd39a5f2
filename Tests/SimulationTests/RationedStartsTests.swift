import Foundation
import KendaliData
import Testing
@testable import Simulation

/// The rationed world (`kendali simulate --start-capacity N`): each regency's starts are
/// served from a queue at a weekly capacity. The reference is the capacity schedule itself
/// and the unrationed world.
@Suite struct RationedStartsTests {
    static let configuration = SimulationConfiguration(seed: 11, weeks: 45, startCapacity: 2)
    static let world: SimulatedWorld? = try? WorldSimulator.simulate(configuration)

    /// No regency starts more cooperatives in a week than its capacity that week, and the
    /// capacity binds: some weeks start exactly that many while others wait.
    @Test func startsNeverExceedTheCapacity() throws {
        let world = try #require(Self.world)
        let province = try #require(world.provinces.first)
        let first = Self.configuration.firstSimulatedDate
        var binding = 0
        for regency in Set(province.cooperatives.map(\.regencySuffix)) {
            let cap = RationedStarts.capacities(
                seed: Self.configuration.seed, provinceCode: province.province.code, suffix: regency,
                weeks: Self.configuration.simulatedWeeks, perWeek: 2)
            var starts: [Int: Int] = [:]
            for (i, c) in province.cooperatives.enumerated() where c.regencySuffix == regency {
                if let d = province.truth[i].constructionStart { starts[first.weeks(to: d, rounding: .down), default: 0] += 1 }
            }
            for (week, n) in starts {
                #expect(n <= cap[week], "regency \(regency) week \(week): \(n) > \(cap[week])")
                if n == cap[week] { binding += 1 }
            }
            #expect(cap.allSatisfy { (0...3).contains($0) })
        }
        #expect(binding > 100)
    }

    /// The default world is not rationed, and a rationed world differs from it only through
    /// the starts: the same cooperatives, the same land history up to their first start.
    @Test func rationingChangesOnlyTheStarts() throws {
        let world = try #require(Self.world)
        let free = try WorldSimulator.simulate(SimulationConfiguration(seed: 11, weeks: 45))
        #expect(free.configuration.startCapacity == nil)
        #expect(world.truth.map(\.kode) == free.truth.map(\.kode))
        let later = zip(world.truth, free.truth).filter { a, b in
            guard let s = a.constructionStart, let t = b.constructionStart else { return false }
            return s > t
        }
        #expect(later.count > 200)
        let last = world.reportDates[world.reportDates.count - 1]
        let rationedStarts = world.truth.compactMap(\.constructionStart).filter { $0 <= last }.count
        let freeStarts = free.truth.compactMap(\.constructionStart).filter { $0 <= last }.count
        #expect(rationedStarts < freeStarts)
    }

    /// The oracle of a rationed world knows the capacity: it forecasts exactly the
    /// cooperatives not green at the cut-off, deterministically, and its P10–P90 holds the
    /// truth about 80 % of the time (ends counted half).
    @Test func oracleKnowsTheCapacity() throws {
        let world = try #require(Self.world)
        let cutoff = Day.known(2026, 3, 6)
        let a = try WorldSimulator.oracleForecast(Self.configuration, asOf: cutoff, replicates: 40)
        let b = try WorldSimulator.oracleForecast(Self.configuration, asOf: cutoff, replicates: 40)
        #expect(a == b)
        let notGreen = Set(world.truth.filter { t in t.greenDate.map { $0 > cutoff } ?? true }.map(\.kode))
        #expect(Set(a.map(\.kode)) == notGreen)
        let truth = Dictionary(uniqueKeysWithValues: world.truth.map { ($0.kode, $0.greenDate) })
        var inside = 0.0, scored = 0.0
        for f in a {
            guard let g = truth[f.kode] ?? nil, let p10 = f.p10, let p90 = f.p90 else { continue }
            scored += 1
            if g > p10 && g < p90 { inside += 1 } else if g == p10 || g == p90 { inside += 0.5 }
        }
        #expect(scored > 200)
        #expect(inside / scored > 0.6 && inside / scored < 0.95)
    }
}
