import Estimation
import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The construction model's tables shared by every cooperative of a forecast: the weather
/// by week, the common weekly shock, the work multiplier of every flag combination and the
/// noise quantiles.
struct ConstructionTables: Sendable {
    /// The four delay factors' flags as bits of a combination (``DelayFactor`` order).
    enum FlagBit {
        static let land = 1
        static let weather = 2
        static let labour = 4
        static let technical = 8
        /// Combinations of the four flags.
        static let combinations = 16
    }

    /// Work noise quantiles: a draw's top 12 bits pick one.
    static let noiseBits = 12
    /// The number of noise quantiles, 2¹².
    static let noiseQuantiles = 1 << noiseBits

    /// The last grid week simulated (the as-of week plus the horizon).
    let lastWeek: Int
    /// The cumulative wet hazard by regency and grid week: H(t) = Σ_{u ≤ t} −ln(1 − p_u), p_u
    /// the ``WeatherSeason`` probability of week u's date, t = 0…``lastWeek``; the first wet
    /// week after week w is the first t with H(t) − H(w) ≥ E, E exponential.
    let wetHazard: [[Double]]
    /// The survival of the same hazard, S(t) = exp(−H(t)): the first wet week after w is
    /// the first t with S(t) ≤ U · S(w), U uniform — the same event as H(t) − H(w) ≥ −ln U,
    /// without the logarithm. `nil` for a regency whose S underflows within the grid (a
    /// season of near-certain wet weeks), which keeps the hazard's form.
    let wetSurvival: [[Double]?]
    /// Common weekly shock factor per path and grid week, the holidays' effects included:
    /// `shocks[p * (lastWeek + 1) + t]`.
    let shocks: [Double]
    /// exp(−Σ −ln θ_k) for each parameter draw and flag combination (`draw * 16 + combo`).
    let multipliers: [Double]
    /// Work lost per factor (land, weather, labour, technical) for each draw and combination.
    let lostShares: [(Double, Double, Double, Double)]
    /// The multiplicative lognormal work noise ε (mean 1) by its 4,096 quantiles.
    let noise: [Double]
    /// Nodes of the S-curve h.
    let nodes: Int
    /// Progress points between two nodes.
    let step: Double
    /// 1 / ``step``: the segment of progress p is ⌊p / step⌋.
    let inverseStep: Double
    /// The S-curve of each parameter draw as straight lines, h(p) = a_k + b_k p on segment
    /// k (between nodes k and k + 1): `segments[draw * segmentStride + 2k]` = a_k, `+ 1` =
    /// b_k. The weekly recursion then costs one fused multiply–add for h.
    let segments: [Double]
    /// Values per draw in ``segments``: 2 × (nodes − 1).
    let segmentStride: Int

    /// The tables for `model` with `draws`, paths and horizon from `options`.
    init(panel: Panel, model: ForecastModel, options: ForecastOptions, draws: ParameterDraws) {
        let last = model.asOfWeek + options.horizon
        lastWeek = last
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        wetHazard = (0..<panel.regencies.count).map { g in
            var total = 0.0
            return (0...last).map { t in
                total += ReportingSampler.hazard(model.weather.probability(regency: g, day: first.adding(days: 7 * t)))
                return total
            }
        }
        wetSurvival = wetHazard.map { h in
            (h.last ?? 0) < 700 ? h.map { exp(-$0) } : nil
        }
        // The shock outside the holidays, and the holidays' log effect per path and week.
        let sd = model.construction.holidays.residualShock
        let holiday = model.construction.holidays.logEffects(first: first, lastWeek: last, paths: options.paths, seed: options.seed)
        var shock = [Double](repeating: 1, count: options.paths * (last + 1))
        if sd > 0 || !holiday.isEmpty {
            for p in 0..<options.paths {
                var rng = Xoshiro(stream: [options.seed, 0x5348_4F43_4B, UInt64(p)])
                for t in 0...last {
                    let k = p * (last + 1) + t
                    shock[k] = exp(sd * rng.normal() - sd * sd / 2 + (holiday.isEmpty ? 0 : holiday[k]))
                }
            }
        }
        shocks = shock
        (multipliers, lostShares) = Self.flagEffects(draws: draws)
        let noise2 = log(1 + model.construction.multiplicativeNoise * model.construction.multiplicativeNoise)
        let count = Double(Self.noiseQuantiles)
        noise = (0..<Self.noiseQuantiles).map { k in
            let z = standardNormalQuantile((Double(k) + 0.5) / count)
            return exp(-noise2 / 2 + noise2.squareRoot() * z)
        }
        nodes = model.construction.curve.nodes.count
        step = 100.0 / Double(nodes - 1)
        inverseStep = 1 / step
        (segments, segmentStride) = Self.lines(values: draws.values, nodes: nodes, step: step)
    }

    /// The S-curve of every parameter draw as the intercept and slope of each segment (see
    /// ``segments``): with the nodes v_k at progress k × step, a_k = v_k − k (v_{k+1} − v_k)
    /// and b_k = (v_{k+1} − v_k) / step: h linear between the nodes, at or beyond 100 points
    /// never asked for (construction is complete there). `values` are the draws' parameter
    /// vectors (``ParameterDraws/values``), the curve's `nodes` node values first.
    static func lines(values: [[Double]], nodes: Int, step: Double) -> ([Double], Int) {
        let stride = 2 * max(1, nodes - 1)
        var lines = [Double](repeating: 0, count: values.count * stride)
        for (d, v) in values.enumerated() where nodes >= 2 {
            for k in 0..<(nodes - 1) {
                let rise = v[k + 1] - v[k]
                lines[d * stride + 2 * k] = v[k] - Double(k) * rise
                lines[d * stride + 2 * k + 1] = rise / step
            }
        }
        return (lines, stride)
    }

    /// The work multiplier and the work lost per factor for each of the 16 flag
    /// combinations, per parameter draw: with L = Σ −ln θ_k over the flagged factors the
    /// week's work is multiplied by e^(−L), and the lost share 1 − e^(−L) is split among
    /// the flagged factors in proportion to their −ln θ_k.
    static func flagEffects(draws: ParameterDraws) -> ([Double], [(Double, Double, Double, Double)]) {
        let n = FlagBit.combinations
        var mult = [Double](repeating: 1, count: draws.values.count * n)
        var shares = [(Double, Double, Double, Double)](repeating: (0, 0, 0, 0), count: draws.values.count * n)
        for (d, v) in draws.values.enumerated() {
            let lt = (0..<4).map { k in v[v.count - 4 + k] > 0 ? -log(v[v.count - 4 + k]) : 50 }
            for combo in 0..<n {
                var logM = 0.0
                for k in 0..<4 where combo & (1 << k) != 0 { logM += lt[k] }
                mult[d * n + combo] = exp(-logM)
                if logM > 0 {
                    let lost = 1 - exp(-logM)
                    func part(_ k: Int) -> Double { combo & (1 << k) != 0 ? lost * lt[k] / logM : 0 }
                    shares[d * n + combo] = (part(0), part(1), part(2), part(3))
                }
            }
        }
        return (mult, shares)
    }
}
