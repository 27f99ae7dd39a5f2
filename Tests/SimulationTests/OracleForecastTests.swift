import Foundation
import KendaliData
import Testing
@testable import Simulation

/// The oracle forecast (`WorldSimulator.oracleForecast`): the simulator replayed to a
/// cut-off, then its futures redrawn. Its reference is the simulator's own truth.
@Suite struct OracleForecastTests {
    /// The oracle forecasts exactly the cooperatives the truth has not green on the cut-off
    /// (the replay to the cut-off is the same run), and every forecast lies after the
    /// cut-off, ordered P10 ≤ P50 ≤ P90.
    @Test func forecastsTheCooperativesNotGreenAtTheCutoff() throws {
        let configuration = SimulationConfiguration(seed: SimulationConfiguration.bundledSeed)
        let world = try #require(SimulationFixtures.bundledWorld)
        let cutoff = Day.known(2026, 4, 24)
        let forecasts = try WorldSimulator.oracleForecast(configuration, asOf: cutoff, replicates: 8)
        let notGreen = Set(world.truth.filter { t in t.greenDate.map { $0 > cutoff } ?? true }.map(\.kode))
        #expect(Set(forecasts.map(\.kode)) == notGreen)
        #expect(forecasts.count == 1_140)  // the backtest's scored count at this cut-off
        for f in forecasts {
            if let p10 = f.p10 { #expect(p10 > cutoff) }
            if let p10 = f.p10, let p50 = f.p50 { #expect(p10 <= p50) }
            if let p50 = f.p50, let p90 = f.p90 { #expect(p50 <= p90) }
            if f.p50 == nil { #expect(f.p90 == nil) }
        }
    }

    /// The same seed gives the same forecast; the truth's green dates fall inside the
    /// oracle's P10–P90 about as often as 80 % (it draws from the true process).
    @Test func deterministicAndCalibrated() throws {
        let configuration = SimulationConfiguration(seed: SimulationConfiguration.bundledSeed)
        let world = try #require(SimulationFixtures.bundledWorld)
        let cutoff = Day.known(2026, 7, 3)
        let a = try WorldSimulator.oracleForecast(configuration, asOf: cutoff, replicates: 60)
        let b = try WorldSimulator.oracleForecast(configuration, asOf: cutoff, replicates: 60)
        #expect(a == b)
        let truth = Dictionary(uniqueKeysWithValues: world.truth.map { ($0.kode, $0.greenDate) })
        var inside = 0, scored = 0
        for f in a {
            guard let g = truth[f.kode] ?? nil, let p10 = f.p10 else { continue }
            scored += 1
            if g >= p10, f.p90.map({ g <= $0 }) ?? true { inside += 1 }
        }
        let share = Double(inside) / Double(max(scored, 1))
        #expect(scored > 900)
        #expect(share > 0.72 && share < 0.92, "P10–P90 coverage \(share)")
    }

    /// The CSV has the columns `kendali backtest --compare` reads, empty beyond the weeks.
    @Test func csvColumns() throws {
        let kode = try #require(CooperativeCode(parsing: "5201012001"))
        let rows = [OracleForecast(kode: kode, p10: Day.known(2026, 5, 1), p50: nil, p90: nil)]
        #expect(WorldSimulator.oracleCSV(rows) == "kode_koperasi,p10,p50,p90\n5201012001,2026-05-01,,\n")
    }
}
