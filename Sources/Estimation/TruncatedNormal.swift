import Foundation

/// The inverse Mills ratio of the standard normal, `λ(α) = φ(α) / (1 − Φ(α))`: the mean of
/// a standard normal truncated below at α is λ(α), so a normal N(μ, σ²) known only to be at
/// least c has the mean `μ + σ λ((c − μ) / σ)` (Johnson, Kotz & Balakrishnan, *Continuous
/// Univariate Distributions* vol. 1, 2nd ed., 1994, §13.10).
///
/// `1 − Φ(α)` is taken as `erfc(α/√2)/2`, accurate in the upper tail; beyond α = 30, where
/// it underflows, the asymptotic series `α + 1/α − 2/α³ + 10/α⁵` (relative error below
/// 10⁻¹⁰ there). Below α = −30 the ratio is φ(α) to double precision, 0.
public func inverseMillsRatio(_ alpha: Double) -> Double {
    if alpha.isNaN { return .nan }
    if alpha > 30 {
        let r = 1 / alpha, r2 = r * r
        return alpha + r * (1 - r2 * (2 - 10 * r2))
    }
    if alpha < -30 { return 0 }
    let density = exp(-alpha * alpha / 2) / (2 * Double.pi).squareRoot()
    return density / (0.5 * erfc(alpha / 2.0.squareRoot()))
}

/// The mean of N(`mean`, `sd`²) given that it is at least `bound`: `μ + σ λ((c − μ)/σ)`
/// (``inverseMillsRatio(_:)``); `max(mean, bound)` when `sd` is 0.
public func normalMeanAbove(_ bound: Double, mean: Double, sd: Double) -> Double {
    guard sd > 0 else { return max(mean, bound) }
    return max(bound, mean + sd * inverseMillsRatio((bound - mean) / sd))
}
