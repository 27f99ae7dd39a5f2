import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The probability that a construction week is flagged for weather (`kendala_cuaca`), as a
/// smooth seasonal function of the week of the year, learned from the data per regency
/// and pooled upward: regency → island (NTB: Lombok, Sumbawa) or province → province →
/// all data.
///
/// Each level is a circular Nadaraya–Watson smoother of the flagged share over the 52
/// weeks of the year, shrunk toward the level above by κ pseudo-weeks:
///
/// ```
/// p_g(b) = (Σ_b' K(b − b') Y_g,b' + κ · p_parent(b)) / (Σ_b' K(b − b') N_g,b' + κ)
/// K(d) = exp(−d² / 2h²)  (d the circular distance in weeks)
/// ```
///
/// with N the construction weeks and Y the flagged ones. The bandwidth h and κ are chosen
/// by leave-one-cell-out likelihood cross-validation at the regency level over a grid
/// (h ∈ {1, 2, 3, 4, 6} weeks, κ ∈ {3, 10, 30, 100, 300}). A week of the year the data
/// never saw reverts to the level above and, at the top, to the overall rate: no calendar
/// is assumed.
public struct WeatherSeason: Sendable {
    /// Bins of the year.
    public static let bins = 52
    /// The chosen bandwidth, weeks.
    public var bandwidth: Double
    /// The chosen prior strength κ, construction weeks.
    public var strength: Double
    /// The overall weather-flag rate.
    public var overallRate: Double
    /// p by regency (panel regency order) and week of the year.
    public var regencyCurves: [[Double]]
    /// p by group (island or province) and week of the year, with the group names.
    public var groupCurves: [(name: String, curve: [Double])]
    /// Construction weeks observed per week of the year (all regencies).
    public var exposure: [Double]

    /// The week-of-year bin (0…51) of a day.
    public static func bin(of day: Day) -> Int {
        let c = day.components
        let jan1 = Day(year: c.year, month: 1, day: 1) ?? day
        return min(bins - 1, max(0, jan1.days(to: day) / 7))
    }

    /// The NTB island of a regency code, or `nil` outside NTB (DOMAIN: Lombok = 5201,
    /// 5202, 5203, 5208, 5271; Sumbawa = 5204–5207, 5272).
    public static func island(ofRegency r: Int) -> String? {
        switch r {
        case 5201, 5202, 5203, 5208, 5271: "Lombok"
        case 5204, 5205, 5206, 5207, 5272: "Sumbawa"
        default: nil
        }
    }

    /// The probability of a weather flag for regency index `g` in the week of `day`.
    @inline(__always)
    public func probability(regency g: Int, day: Day) -> Double {
        regencyCurves[g][WeatherSeason.bin(of: day)]
    }

    /// Learns the season from the construction rows of `sample` (weeks of `panel`).
    public init(sample: ConstructionSample, panel: Panel) {
        let nb = WeatherSeason.bins
        let nr = panel.regencies.count
        var nCount = [[Double]](repeating: [Double](repeating: 0, count: nb), count: nr)
        var yCount = nCount
        let binOfWeek = panel.dates.map { WeatherSeason.bin(of: $0) }
        for r in 0..<sample.count {
            let g = Int(panel.regencyIndex[Int(sample.cooperative[r])])
            let b = binOfWeek[Int(sample.week[r])]
            nCount[g][b] += 1
            if sample.flags[r] & 2 != 0 { yCount[g][b] += 1 }
        }
        // Groups: island (NTB) or province.
        var groupNames: [String] = []
        var groupOf = [Int](repeating: 0, count: nr)
        var provinceNames: [String] = []
        var provinceOfGroup: [Int] = []
        for (g, code) in panel.regencies.enumerated() {
            let province = String(code / 100)
            let name = WeatherSeason.island(ofRegency: code).map { "\($0) (\(province))" } ?? province
            if let k = groupNames.firstIndex(of: name) {
                groupOf[g] = k
            } else {
                groupNames.append(name)
                groupOf[g] = groupNames.count - 1
                if let p = provinceNames.firstIndex(of: province) {
                    provinceOfGroup.append(p)
                } else {
                    provinceNames.append(province)
                    provinceOfGroup.append(provinceNames.count - 1)
                }
            }
        }
        let ng = groupNames.count
        let np = provinceNames.count
        func sum(_ rows: [[Double]], _ members: [Int]) -> [Double] {
            var out = [Double](repeating: 0, count: nb)
            for m in members { for b in 0..<nb { out[b] += rows[m][b] } }
            return out
        }
        let groupN = (0..<ng).map { k in sum(nCount, (0..<nr).filter { groupOf[$0] == k }) }
        let groupY = (0..<ng).map { k in sum(yCount, (0..<nr).filter { groupOf[$0] == k }) }
        let provN = (0..<np).map { p in sum(groupN, (0..<ng).filter { provinceOfGroup[$0] == p }) }
        let provY = (0..<np).map { p in sum(groupY, (0..<ng).filter { provinceOfGroup[$0] == p }) }
        let allN = sum(provN, Array(0..<np))
        let allY = sum(provY, Array(0..<np))
        let totalN = allN.reduce(0, +)
        let overall = totalN > 0 ? allY.reduce(0, +) / totalN : 0
        overallRate = overall
        exposure = allN

        func kernel(_ h: Double) -> [Double] {
            (0..<nb).map { d in
                let c = Double(min(d, nb - d))
                return exp(-c * c / (2 * h * h))
            }
        }
        func smooth(_ n: [Double], _ y: [Double], parent: [Double], k: [Double], kappa: Double)
            -> [Double]
        {
            (0..<nb).map { b in
                var kn = 0.0, ky = 0.0
                for b2 in 0..<nb where n[b2] > 0 {
                    let w = k[abs(b - b2)]
                    kn += w * n[b2]
                    ky += w * y[b2]
                }
                return (ky + kappa * parent[b]) / (kn + kappa)
            }
        }
        func curves(h: Double, kappa: Double) -> (all: [Double], prov: [[Double]], group: [[Double]], reg: [[Double]]) {
            let k = kernel(h)
            let flat = [Double](repeating: overall, count: nb)
            let all = smooth(allN, allY, parent: flat, k: k, kappa: kappa)
            let prov = (0..<np).map { smooth(provN[$0], provY[$0], parent: all, k: k, kappa: kappa) }
            let group = (0..<ng).map {
                smooth(groupN[$0], groupY[$0], parent: prov[provinceOfGroup[$0]], k: k, kappa: kappa)
            }
            let reg = (0..<nr).map {
                smooth(nCount[$0], yCount[$0], parent: group[groupOf[$0]], k: k, kappa: kappa)
            }
            return (all, prov, group, reg)
        }
        var best = (h: 3.0, kappa: 30.0, ll: -Double.infinity)
        if totalN > 0 {
            for h in [1.0, 2, 3, 4, 6] {
                let k = kernel(h)
                for kappa in [3.0, 10, 30, 100, 300] {
                    let c = curves(h: h, kappa: kappa)
                    var ll = 0.0
                    for g in 0..<nr {
                        let parent = c.group[groupOf[g]]
                        for b in 0..<nb where nCount[g][b] > 0 {
                            // Leave this cell out of its regency's smoother.
                            var kn = 0.0, ky = 0.0
                            for b2 in 0..<nb where b2 != b && nCount[g][b2] > 0 {
                                let w = k[abs(b - b2)]
                                kn += w * nCount[g][b2]
                                ky += w * yCount[g][b2]
                            }
                            let p = min(1 - 1e-6, max(1e-6, (ky + kappa * parent[b]) / (kn + kappa)))
                            ll += yCount[g][b] * log(p) + (nCount[g][b] - yCount[g][b]) * log(1 - p)
                        }
                    }
                    if ll > best.ll { best = (h, kappa, ll) }
                }
            }
        }
        bandwidth = best.h
        strength = best.kappa
        let c = curves(h: best.h, kappa: best.kappa)
        regencyCurves = c.reg
        groupCurves = (0..<ng).map { (groupNames[$0], c.group[$0]) }
    }
}
