import LinearAlgebra

/// Parameter draws of the construction model, shared by every cooperative.
struct ParameterDraws: Sendable {
    /// Per draw: h node values then θ.
    var values: [[Double]]

    init(model: ForecastModel, options: ForecastOptions) {
        let fit = model.construction
        let mean = fit.curve.values + fit.theta
        let p = mean.count
        var values: [[Double]] = [mean]
        var lower: Matrix?
        var cov = fit.covariance
        if cov.rows == p {
            for a in 0..<p { cov.elements[a + a * p] += 1e-12 }
            if let ch = try? Cholesky(cov) { lower = ch.lower }
        }
        var rng = Xoshiro(stream: [options.seed, 0x5041_5241_4D53])
        let nNodes = fit.curve.nodes.count
        for _ in 1..<options.parameterDraws {
            guard let l = lower else { values.append(mean); continue }
            let z = (0..<p).map { _ in rng.normal() }
            var v = mean
            for a in 0..<p {
                var s = 0.0
                for b in 0...a { s += l[a, b] * z[b] }
                v[a] += s
            }
            for k in 0..<nNodes { v[k] = max(1e-3, v[k]) }
            for k in nNodes..<p { v[k] = min(1, max(0, v[k])) }
            values.append(v)
        }
        // A delay factor never speeds work up: θ ≤ 1 in every draw (so that ending one can
        // never slow a cooperative down).
        for k in nNodes..<p { values[0][k] = min(1, max(0, values[0][k])) }
        self.values = values
    }
}
