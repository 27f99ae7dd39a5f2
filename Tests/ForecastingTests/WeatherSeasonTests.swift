import Forecasting
import KendaliData
import Testing

/// The weather season learnt from construction weeks. Reference: the simulator's ground
/// truth for the NTB world — a wet season Nov–Mar peaking Jan–Feb (chance of a
/// weather-delay week about 0.5 in January on Lombok) and a dry season with about 0.05 a
/// week in July (`Sources/Simulation`, `datasets/README.md`).
@Suite("Weather season")
struct WeatherSeasonTests {
    @Test("weeks of the year not yet seen follow the fitted annual cycle, not the wet-season average")
    func unseenWeeksFollowTheCycle() throws {
        // The seed-11 world up to 2026-06-05: construction has been seen from about
        // September to early June, so July and August are unseen.
        let panel = InterventionTests.panel
        let model = try ForecastModel(panel: panel, asOfWeek: panel.weekCount - 1)
        let weather = model.weather
        #expect(weather.exposure.contains { $0 == 0 }, "some weeks of the year must be unseen for this test")
        let july = try #require(Day(year: 2026, month: 7, day: 17))
        let january = try #require(Day(year: 2026, month: 1, day: 16))
        for g in 0..<panel.regencies.count {
            let dry = weather.probability(regency: g, day: july)
            let wet = weather.probability(regency: g, day: january)
            #expect(dry < 0.2, "regency \(panel.regencies[g]): July \(dry)")
            #expect(wet > 0.3, "regency \(panel.regencies[g]): January \(wet)")
        }
    }
}
