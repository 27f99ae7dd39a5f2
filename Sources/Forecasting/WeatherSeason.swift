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
/// never saw reverts to the level above and, at the top, to ``annualCycle``: a first-order
/// harmonic logistic regression on the week of the year,
///
/// ```
/// logit p(b) = α + β cos(2πb/52) + γ sin(2πb/52)
/// ```
///
/// fitted by maximum likelihood (iteratively reweighted least squares) to all the
/// construction weeks, and kept only when it beats the flat overall rate by the Bayesian
/// information criterion (a drop in deviance above 2 ln N for its two extra parameters,
/// Schwarz (1978), *Annals of Statistics* 6(2), doi:10.1214/aos/1176344136). So a season
/// seen in part (the rains, say) is continued over the unseen weeks as the smooth annual
/// cycle the seen weeks imply instead of as their average; with no seasonal signal the
/// overall rate is used. No calendar is assumed.
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
    /// The top-level curve unseen weeks revert to: the harmonic fit (α, β, γ) when the
    /// information criterion keeps it, `nil` when the flat ``overallRate`` is used.
    public var annualCycle: (alpha: Double, beta: Double, gamma: Double)?

    /// The week-of-year bin (0…51) of a day.
    public static func bin(of day: Day) -> Int {
        let c = day.components
        let jan1 = Day(year: c.year, month: 1, day: 1) ?? day
        return min(bins - 1, max(0, jan1.weeks(to: day, rounding: .down)))
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
        // Counted in flat tables (one row of bins per regency): a national sample has over
        // a million construction weeks.
        var nFlat = [Double](repeating: 0, count: nr * nb)
        var yFlat = nFlat
        let binOfWeek = panel.dates.map { WeatherSeason.bin(of: $0) }
        for r in 0..<sample.count {
            let g = Int(panel.regencyIndex[Int(sample.cooperative[r])])
            let b = binOfWeek[Int(sample.week[r])]
            nFlat[g * nb + b] += 1
            if sample.flags[r] & 2 != 0 { yFlat[g * nb + b] += 1 }
        }
        let nCount = (0..<nr).map { g in Array(nFlat[(g * nb)..<((g + 1) * nb)]) }
        let yCount = (0..<nr).map { g in Array(yFlat[(g * nb)..<((g + 1) * nb)]) }
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
        let cycle = WeatherSeason.harmonicFit(n: allN, y: allY)
        annualCycle = cycle
        let top: [Double] = (0..<nb).map { b in
            guard let c = cycle else { return overall }
            let a = 2 * Double.pi * Double(b) / Double(nb)
            return 1 / (1 + exp(-(c.alpha + c.beta * cos(a) + c.gamma * sin(a))))
        }

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
            let all = smooth(allN, allY, parent: top, k: k, kappa: kappa)
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

    /// The harmonic logistic fit of the flagged share by week of the year (see the type's
    /// description): Newton–Raphson on the binomial log-likelihood of the bins' counts.
    ///
    /// - Returns: (α, β, γ), or `nil` when there are no flags or no non-flags, when fewer
    ///   than four weeks of the year hold data, when Newton's method does not settle, or
    ///   when the drop in deviance from the flat rate is at most 2 ln N (N construction
    ///   weeks).
    static func harmonicFit(n: [Double], y: [Double]) -> (alpha: Double, beta: Double, gamma: Double)? {
        let nb = n.count
        let total = n.reduce(0, +)
        let events = y.reduce(0, +)
        guard nb > 0, total > 0, events > 0, events < total, n.filter({ $0 > 0 }).count >= 4 else { return nil }
        let pBar = events / total
        var theta = [log(pBar / (1 - pBar)), 0, 0]
        func features(_ b: Int) -> [Double] {
            let a = 2 * Double.pi * Double(b) / Double(nb)
            return [1, cos(a), sin(a)]
        }
        func logLikelihood(_ t: [Double]) -> Double {
            var ll = 0.0
            for b in 0..<nb where n[b] > 0 {
                let x = features(b)
                let eta = t[0] * x[0] + t[1] * x[1] + t[2] * x[2]
                // y·η − n·log(1 + e^η), computed stably.
                let softplus = eta > 0 ? eta + log1p(exp(-eta)) : log1p(exp(eta))
                ll += y[b] * eta - n[b] * softplus
            }
            return ll
        }
        var current = logLikelihood(theta)
        let flat = current
        var settled = false
        for _ in 0..<50 {
            var g = [0.0, 0.0, 0.0]
            var h = [[Double]](repeating: [0, 0, 0], count: 3)
            for b in 0..<nb where n[b] > 0 {
                let x = features(b)
                let p = 1 / (1 + exp(-(theta[0] * x[0] + theta[1] * x[1] + theta[2] * x[2])))
                let w = n[b] * p * (1 - p)
                for r in 0..<3 {
                    g[r] += (y[b] - n[b] * p) * x[r]
                    for c in 0..<3 { h[r][c] += w * x[r] * x[c] }
                }
            }
            for r in 0..<3 { h[r][r] += 1e-9 * max(1, h[r][r]) }
            guard let step = solve3(h, g) else { return nil }
            // Step halving keeps every iteration an ascent.
            var scale = 1.0
            var next = theta
            var ll = -Double.infinity
            for _ in 0..<30 {
                next = (0..<3).map { theta[$0] + scale * step[$0] }
                ll = logLikelihood(next)
                if ll >= current { break }
                scale /= 2
            }
            guard ll >= current, next.allSatisfy({ $0.isFinite }) else { break }
            let gain = ll - current
            theta = next
            current = ll
            if gain < 1e-10 * max(1, abs(ll)) { settled = true; break }
        }
        guard settled, 2 * (current - flat) > 2 * log(total) else { return nil }
        return (theta[0], theta[1], theta[2])
    }

    /// Solves the 3 × 3 system `a·x = b` by Cramer's rule; `nil` when it is singular.
    private static func solve3(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        func det(_ m: [[Double]]) -> Double {
            m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
        }
        let d = det(a)
        guard d.isFinite, abs(d) > 1e-300 else { return nil }
        return (0..<3).map { k in
            var m = a
            for r in 0..<3 { m[r][k] = b[r] }
            return det(m) / d
        }
    }
}
