import Dispatch
import KendaliData

/// The green-date forecast of an oracle that knows what no forecaster can: every
/// cooperative's hidden traits (land class and frailty, administrative frailty, speed,
/// reporting habits), the generative process with its true parameters, and the province's
/// calendar and future weather. Only the cooperatives' own future chance is unknown to it.
///
/// Its P50 is the best a forecaster of the simulated world can do in mean absolute error
/// (the median of the conditional distribution minimises the expected absolute error, and
/// the oracle conditions on more than the history), up to the Monte Carlo error of its
/// replicates. Scored beside a model (`kendali backtest --compare`) it tells how much of
/// the model's error is chance that no model can remove.
public struct OracleForecast: Sendable, Hashable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// The 10th, 50th and 90th percentile of its green date; `nil` beyond the simulated
    /// weeks.
    public var p10: Day?
    /// The median green date.
    public var p50: Day?
    /// The 90th percentile.
    public var p90: Day?
}

extension OracleForecast {
    /// The forecast of `kode` from its replicates' green weeks (sorted here; `Int.max` =
    /// not green within the simulated weeks, whose dates are `dates`): the q-quantile is the
    /// smallest week reached by at least q of the replicates.
    init(kode: CooperativeCode, greenWeeks weeks: inout [Int], dates: [Day]) {
        weeks.sort()
        let sorted = weeks
        func quantile(_ q: Double) -> Day? {
            let rank = max(0, min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - 1))
            let w = sorted[rank]
            return w == Int.max ? nil : dates[w]
        }
        self.init(kode: kode, p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9))
    }
}

extension WorldSimulator {
    /// The oracle's forecast at `asOf` of every cooperative of `configuration`'s world not
    /// yet green on the last simulated report date on or before `asOf`.
    ///
    /// - Parameters:
    ///   - replicates: futures drawn per cooperative (200 gives a P50 within about a week).
    /// - Returns: the forecasts in code order; empty when `asOf` is before the first
    ///   simulated week.
    /// - Throws: ``SimulationError`` when the configuration is invalid.
    public static func oracleForecast(
        _ configuration: SimulationConfiguration, asOf: Day, replicates: Int
    ) throws(SimulationError) -> [OracleForecast] {
        try configuration.validate()
        let first = configuration.firstSimulatedDate
        let gap = first.days(to: asOf)
        guard gap >= 0, replicates >= 1 else { return [] }
        // Rounded down: the oracle sees the reports up to `asOf`, none after it.
        let cutoffWeek = first.weeks(to: asOf, rounding: .down)
        var out: [OracleForecast] = []
        for code in ProvinceCodes.world(count: configuration.provinces) {
            out.append(contentsOf: oracleForecast(
                provinceCode: code, configuration: configuration, cutoffWeek: cutoffWeek,
                replicates: replicates))
        }
        return out
    }

    private static func oracleForecast(
        provinceCode code: Int, configuration: SimulationConfiguration, cutoffWeek: Int,
        replicates: Int
    ) -> [OracleForecast] {
        let province = NTBStructure.province(code: code)
        let parameters = ProvinceParameters.varied(provinceCode: code, seed: configuration.seed)
        let timeline = ProvinceTimeline(
            seed: configuration.seed, provinceCode: code, parameters: parameters,
            firstDate: configuration.firstSimulatedDate, weeks: configuration.simulatedWeeks)
        var list: [(village: SimulatedVillage, regency: Int, position: Int)] = []
        for (position, regency) in province.regencies.enumerated() {
            for district in regency.districts {
                for village in district.villages {
                    list.append((village, regency.code % 100, position))
                }
            }
        }
        if let capacity = configuration.startCapacity {
            return RationedStarts.oracleForecast(
                provinceCode: code, list: list, parameters: parameters, timeline: timeline,
                configuration: configuration, capacity: capacity, cutoffWeek: cutoffWeek, replicates: replicates)
        }
        let villages = list
        let slots = ParallelSlots<OracleForecast?>(count: villages.count)
        DispatchQueue.concurrentPerform(iterations: villages.count) { i in
            let v = villages[i]
            var simulator = CooperativeSimulator(
                model: configuration.model, regency: parameters.regency(v.regency),
                regencyPosition: v.position, timeline: timeline, seed: configuration.seed,
                code: v.village.code)
            guard var weeks = simulator.oracleGreenWeeks(
                isKelurahan: v.village.isKelurahan, cutoffWeek: cutoffWeek,
                seed: configuration.seed, code: v.village.code, replicates: replicates)
            else {
                slots.store(nil, at: i)
                return
            }
            slots.store(OracleForecast(kode: v.village.code, greenWeeks: &weeks, dates: timeline.dates), at: i)
        }
        return slots.values.compactMap { $0 }
    }

    /// The oracle's forecasts as CSV: `kode_koperasi,p10,p50,p90` (ISO dates, empty beyond
    /// the simulated weeks) — the columns `kendali backtest --compare` reads.
    public static func oracleCSV(_ forecasts: [OracleForecast]) -> String {
        var text = "kode_koperasi,p10,p50,p90\n"
        for f in forecasts {
            text += "\(f.kode),\(f.p10?.iso ?? ""),\(f.p50?.iso ?? ""),\(f.p90?.iso ?? "")\n"
        }
        return text
    }
}
