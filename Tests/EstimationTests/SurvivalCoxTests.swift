import Foundation
import LinearAlgebra
import Testing
@testable import Estimation

/// The Rossi design: duration `week`, event `arrest`, covariates in reference order.
private struct RossiDesign {
    let weeks: [Double]
    let arrests: [Bool]
    let terms: [String]
    let columns: [[Double]]

    init(reference: RossiCoxReference) throws {
        let rossi = try SurvivalReference.rossi()
        weeks = try #require(rossi["week"])
        arrests = try #require(rossi["arrest"]).map { $0 == 1 }
        terms = reference.terms
        columns = try reference.terms.map { try #require(rossi[$0]) }
    }

    var matrix: Matrix { Matrix(columns: columns) }
}

@Suite("Cox proportional hazards")
struct SurvivalCoxTests {
    /// Compares a fit with one reference file (reference README §2: 40-digit Newton–Raphson
    /// on the exact partial likelihood, rounded to double) and reports the digits reached.
    private func check(
        _ fit: CoxFit, against reference: RossiCoxReference, label: String, rows: Int = 432
    ) {
        #expect(fit.terms == reference.terms)
        #expect(fit.converged)
        #expect(fit.warnings.isEmpty, "\(fit.warnings)")
        let coefficientDigits = zip(fit.coefficients, reference.coefficients).map(survivalDigits).min() ?? 0
        let errorDigits = zip(fit.standardErrors, reference.standardErrors).map(survivalDigits).min() ?? 0
        let llDigits = survivalDigits(fit.logLikelihood, reference.logLikelihood)
        print("""
            \(label): coefficients \(coefficientDigits) digits, SEs \(errorDigits), \
            log-likelihood \(llDigits), null \(survivalDigits(fit.nullLogLikelihood, reference.nullLogLikelihood)), \
            iterations \(fit.iterations)
            """)
        for j in 0..<reference.terms.count {
            #expect(survivalRelativeError(fit.coefficients[j], reference.coefficients[j]) <= 1e-9,
                    "\(label) coefficient \(reference.terms[j])")
            #expect(survivalRelativeError(fit.standardErrors[j], reference.standardErrors[j]) <= 1e-9,
                    "\(label) SE \(reference.terms[j])")
            #expect(survivalRelativeError(fit.hazardRatios[j], reference.hazardRatios[j]) <= 1e-9)
            for k in 0..<reference.terms.count {
                #expect(abs(fit.covariance[j, k] - reference.covariance[j][k])
                        <= 1e-9 * abs(reference.covariance[j][j] * reference.covariance[k][k]).squareRoot())
            }
        }
        #expect(survivalRelativeError(fit.logLikelihood, reference.logLikelihood) <= 1e-10)
        #expect(survivalRelativeError(fit.nullLogLikelihood, reference.nullLogLikelihood) <= 1e-12)
        #expect(survivalRelativeError(fit.likelihoodRatioStatistic, reference.likelihoodRatio) <= 1e-8)
        #expect(fit.concordance.concordant == reference.concordant)
        #expect(fit.concordance.tiedRisk == reference.tiedRisk)
        #expect(fit.concordance.admissible == reference.admissible)
        #expect(abs((fit.concordance.value ?? .nan) - reference.concordance) <= 1e-12)
        #expect(fit.observations == rows)
        #expect(fit.events == 114)
    }

    @Test("Rossi, Efron ties: rossi_coxph_efron.json")
    func rossiEfron() throws {
        let reference = try SurvivalReference.cox("efron")
        let design = try RossiDesign(reference: reference)
        let model = try CoxProportionalHazards(
            durations: design.weeks, events: design.arrests, covariates: design.matrix,
            terms: design.terms)
        let fit = try model.fit()
        check(fit, against: reference, label: "Efron")
        #expect(fit.ties == .efron)
        // LR test on 7 df: scipy 1.17 chi2.sf(33.26594580156977, 7).
        #expect(survivalRelativeError(fit.likelihoodRatioPValue, 2.3620450536995295e-05) <= 1e-6)
        // The log-likelihood function agrees with the fit at β̂ and at 0.
        #expect(survivalRelativeError(
            model.logPartialLikelihood(coefficients: reference.coefficients),
            reference.logLikelihood) <= 1e-12)
        #expect(survivalRelativeError(
            model.logPartialLikelihood(coefficients: Array(repeating: 0, count: 7)),
            reference.nullLogLikelihood) <= 1e-13)
    }

    @Test("Rossi, Breslow ties: rossi_coxph_breslow.json")
    func rossiBreslow() throws {
        let reference = try SurvivalReference.cox("breslow")
        let design = try RossiDesign(reference: reference)
        let fit = try CoxProportionalHazards(
            durations: design.weeks, events: design.arrests, covariates: design.matrix,
            terms: design.terms, ties: .breslow
        ).fit()
        check(fit, against: reference, label: "Breslow")
        #expect(fit.ties == .breslow)
    }

    /// Splitting every subject's follow-up into weekly (k−1, k] rows with the same
    /// covariates leaves the partial likelihood unchanged, so the fit must be identical:
    /// a check of the risk-set bookkeeping of the counting-process sweep.
    @Test("Rossi split into weekly (start, stop] rows gives the same fit",
          arguments: ["efron", "breslow"])
    func rossiWeeklySplit(ties: String) throws {
        let reference = try SurvivalReference.cox(ties)
        let design = try RossiDesign(reference: reference)
        let method = try #require(CoxProportionalHazards.Ties(rawValue: ties))
        var start: [Double] = []
        var stop: [Double] = []
        var events: [Bool] = []
        var rows: [[Double]] = []
        for i in design.weeks.indices {
            let last = Int(design.weeks[i])
            for week in 1...last {
                start.append(Double(week - 1))
                stop.append(Double(week))
                events.append(design.arrests[i] && week == last)
                rows.append(design.columns.map { $0[i] })
            }
        }
        let split = try CoxProportionalHazards(
            start: start, stop: stop, events: events, covariates: Matrix(rows: rows),
            terms: design.terms, ties: method
        ).fit()
        let whole = try CoxProportionalHazards(
            durations: design.weeks, events: design.arrests, covariates: design.matrix,
            terms: design.terms, ties: method
        ).fit()
        print("weekly split (\(ties)): \(stop.count) rows")
        check(split, against: reference, label: "\(ties), weekly split", rows: stop.count)
        for j in 0..<design.terms.count {
            #expect(survivalRelativeError(split.coefficients[j], whole.coefficients[j]) <= 1e-10)
            #expect(survivalRelativeError(split.standardErrors[j], whole.standardErrors[j]) <= 1e-10)
        }
        #expect(survivalRelativeError(split.logLikelihood, whole.logLikelihood) <= 1e-12)
        #expect(split.concordance == whole.concordance)
    }

    /// ℓ(β), its gradient and information from the definition, one event time at a time,
    /// O(n²·p²): the risk set is {start < t ≤ stop} in the same stratum.
    private func bruteForce(
        start: [Double], stop: [Double], events: [Bool], x: [[Double]], strata: [Int],
        beta: [Double], efron: Bool
    ) -> (ll: Double, gradient: [Double], information: [[Double]]) {
        let n = stop.count
        let p = beta.count
        let eta = x.map { row in zip(row, beta).map(*).reduce(0, +) }
        var ll = 0.0
        var g = [Double](repeating: 0, count: p)
        var h = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        let keys = Set((0..<n).filter { events[$0] }.map { "\(strata[$0])|\(stop[$0])" })
        for key in keys {
            let first = (0..<n).first { events[$0] && "\(strata[$0])|\(stop[$0])" == key } ?? 0
            let t = stop[first]
            let s = strata[first]
            let risk = (0..<n).filter { strata[$0] == s && start[$0] < t && t <= stop[$0] }
            let tied = (0..<n).filter { strata[$0] == s && events[$0] && stop[$0] == t }
            let d = tied.count
            for i in tied {
                ll += eta[i]
                for a in 0..<p { g[a] += x[i][a] }
            }
            for l in 0..<d {
                let f = efron ? Double(l) / Double(d) : 0
                var s0 = 0.0
                var s1 = [Double](repeating: 0, count: p)
                var s2 = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
                for i in risk {
                    let weight = exp(eta[i]) * (tied.contains(i) ? 1 - f : 1)
                    s0 += weight
                    for a in 0..<p {
                        s1[a] += weight * x[i][a]
                        for b in 0..<p { s2[a][b] += weight * x[i][a] * x[i][b] }
                    }
                }
                ll -= log(s0)
                for a in 0..<p {
                    g[a] -= s1[a] / s0
                    for b in 0..<p { h[a][b] += s2[a][b] / s0 - s1[a] * s1[b] / (s0 * s0) }
                }
            }
        }
        return (ll, g, h)
    }

    /// Random counting-process data with delayed entry, many tied times and two strata:
    /// ℓ, gradient and information of the O(n·p²) sweep equal the O(n²) definition.
    @Test("Sweep equals the brute-force partial likelihood (counting process, strata, ties)",
          arguments: [true, false])
    func sweepMatchesBruteForce(efron: Bool) throws {
        var random = SurvivalRandom(seed: efron ? 2024 : 99)
        let n = 120
        var start: [Double] = []
        var stop: [Double] = []
        var events: [Bool] = []
        var x: [[Double]] = []
        var strata: [Int] = []
        for _ in 0..<n {
            let a = Double(Int.random(in: 0...6, using: &random))
            start.append(a)
            stop.append(a + Double(Int.random(in: 1...8, using: &random)))
            events.append(Double.random(in: 0..<1, using: &random) < 0.6)
            x.append([Double.random(in: -1...1, using: &random),
                      Double(Int.random(in: 0...1, using: &random)),
                      Double.random(in: 20...60, using: &random)])
            strata.append(Int.random(in: 0...1, using: &random))
        }
        let model = try CoxProportionalHazards(
            start: start, stop: stop, events: events, covariates: Matrix(rows: x),
            terms: ["u", "b", "age"], strata: strata, ties: efron ? .efron : .breslow)
        let beta = [0.7, -0.4, 0.03]
        let expected = bruteForce(start: start, stop: stop, events: events, x: x,
                                  strata: strata, beta: beta, efron: efron)
        #expect(survivalRelativeError(model.logPartialLikelihood(coefficients: beta), expected.ll)
                <= 1e-12)
        // The sweep works on standardised covariates x/sd, so with β_std = β·sd its gradient
        // is the original one divided by sd, its information divided by sd_a·sd_b.
        let engine = CoxEngine(model: model)
        let scale = model.columnScale
        let evaluation = engine.evaluate(zip(beta, scale).map(*), derivatives: true)
        #expect(survivalRelativeError(evaluation.logLikelihood, expected.ll) <= 1e-12)
        for a in 0..<3 {
            #expect(abs(evaluation.gradient[a] * scale[a] - expected.gradient[a])
                    <= 1e-10 * max(1, abs(expected.gradient[a])))
            for b in a..<3 {
                let info = evaluation.information[a * 3 + b] * (scale[a] * scale[b])
                #expect(survivalRelativeError(info, expected.information[a][b]) <= 1e-10)
            }
        }
        // At the fitted β̂ the brute-force gradient vanishes.
        let fit = try model.fit()
        #expect(fit.converged)
        let atFit = bruteForce(start: start, stop: stop, events: events, x: x, strata: strata,
                               beta: fit.coefficients, efron: efron)
        for a in 0..<3 {
            #expect(abs(atFit.gradient[a]) <= 1e-9 * max(1, abs(atFit.information[a][a])))
        }
    }

    /// Efron's and Breslow's likelihoods differ only at tied event times (Efron 1977, §2).
    @Test("Without tied event times Efron and Breslow fits coincide")
    func noTiesSameFit() throws {
        var random = SurvivalRandom(seed: 17)
        let n = 150
        let times = (0..<n).map { _ in Double.random(in: 0.1...10, using: &random) }
        let events = (0..<n).map { _ in Double.random(in: 0..<1, using: &random) < 0.7 }
        let rows = (0..<n).map { _ in
            [Double.random(in: -1...1, using: &random), Double(Int.random(in: 0...1, using: &random))]
        }
        let fits = try CoxProportionalHazards.Ties.allCases.map { ties in
            try CoxProportionalHazards(
                durations: times, events: events, covariates: Matrix(rows: rows),
                terms: ["u", "b"], ties: ties
            ).fit()
        }
        for j in 0..<2 {
            #expect(survivalRelativeError(fits[0].coefficients[j], fits[1].coefficients[j]) <= 1e-12)
            #expect(survivalRelativeError(fits[0].standardErrors[j], fits[1].standardErrors[j]) <= 1e-12)
        }
        #expect(survivalRelativeError(fits[0].logLikelihood, fits[1].logLikelihood) <= 1e-14)
    }

    @Test("Stratified ℓ is the sum of the strata's ℓ")
    func strataAdd() throws {
        var random = SurvivalRandom(seed: 5)
        let n = 90
        let times = (0..<n).map { _ in Double(Int.random(in: 1...15, using: &random)) }
        let events = (0..<n).map { _ in Bool.random(using: &random) }
        let x = (0..<n).map { _ in [Double.random(in: 0...3, using: &random)] }
        let strata = (0..<n).map { $0 % 3 }
        let all = try CoxProportionalHazards(
            durations: times, events: events, covariates: Matrix(rows: x), terms: ["x"],
            strata: strata)
        var sum = 0.0
        for s in 0..<3 {
            let idx = (0..<n).filter { strata[$0] == s }
            let part = try CoxProportionalHazards(
                durations: idx.map { times[$0] }, events: idx.map { events[$0] },
                covariates: Matrix(rows: idx.map { x[$0] }), terms: ["x"])
            sum += part.logPartialLikelihood(coefficients: [0.4])
        }
        #expect(survivalRelativeError(all.logPartialLikelihood(coefficients: [0.4]), sum) <= 1e-13)
    }

    @Test("Rescaling and shifting a covariate rescales its coefficient only")
    func affineInvariance() throws {
        let reference = try SurvivalReference.cox("efron")
        let design = try RossiDesign(reference: reference)
        var columns = design.columns
        let ageIndex = try #require(design.terms.firstIndex(of: "age"))
        columns[ageIndex] = columns[ageIndex].map { ($0 - 18) * 12 }  // months since 18
        let fit = try CoxProportionalHazards(
            durations: design.weeks, events: design.arrests,
            covariates: Matrix(columns: columns), terms: design.terms
        ).fit()
        #expect(survivalRelativeError(fit.coefficients[ageIndex] * 12,
                                      reference.coefficients[ageIndex]) <= 1e-9)
        #expect(survivalRelativeError(fit.standardErrors[ageIndex] * 12,
                                      reference.standardErrors[ageIndex]) <= 1e-9)
        #expect(survivalRelativeError(fit.logLikelihood, reference.logLikelihood) <= 1e-10)
    }

    @Test("Separation: not converged, the diverging term is named")
    func separation() throws {
        var random = SurvivalRandom(seed: 3)
        let n = 40
        // Every x = 1 subject fails before every x = 0 subject: ℓ increases without bound
        // in β_x.
        let times = (0..<n).map { Double($0 + 1) }
        let events = [Bool](repeating: true, count: n)
        let rows = (0..<n).map { i in [i < n / 2 ? 1.0 : 0.0, Double.random(in: -1...1, using: &random)] }
        let fit = try CoxProportionalHazards(
            durations: times, events: events, covariates: Matrix(rows: rows), terms: ["x", "z"]
        ).fit()
        #expect(!fit.converged)
        #expect(fit.warnings.contains(.possibleSeparation(term: "x")))
        #expect(!fit.warnings.contains(.possibleSeparation(term: "z")))
        #expect(fit.warnings.contains { if case .didNotConverge = $0 { true } else { false } })
        #expect(fit.coefficients[0] > 10)
    }

    @Test("Bad input and collinearity are typed errors")
    func badInput() throws {
        let x = Matrix(rows: [[1, 0], [2, 0], [3, 1], [4, 1]])
        #expect(throws: SurvivalError.noEvents) {
            try CoxProportionalHazards(durations: [1, 2, 3, 4], events: [false, false, false, false],
                                       covariates: x, terms: ["a", "b"])
        }
        #expect(throws: SurvivalError.constantCovariate(name: "flat")) {
            try CoxProportionalHazards(durations: [1, 2, 3, 4], events: [true, true, false, true],
                                       covariates: Matrix(rows: [[1, 5], [2, 5], [3, 5], [4, 5]]),
                                       terms: ["a", "flat"])
        }
        #expect(throws: SurvivalError.lengthMismatch(field: "events", expected: 4, actual: 3)) {
            try CoxProportionalHazards(durations: [1, 2, 3, 4], events: [true, true, false],
                                       covariates: x, terms: ["a", "b"])
        }
        #expect(throws: SurvivalError.lengthMismatch(field: "covariate rows", expected: 3, actual: 4)) {
            try CoxProportionalHazards(durations: [1, 2, 3], events: [true, true, false],
                                       covariates: x, terms: ["a", "b"])
        }
        #expect(throws: SurvivalError.nonFinite(field: "b", index: 2, value: .infinity)) {
            try CoxProportionalHazards(durations: [1, 2, 3, 4], events: [true, true, false, true],
                                       covariates: Matrix(rows: [[1, 0], [2, 0], [3, .infinity], [4, 1]]),
                                       terms: ["a", "b"])
        }
        #expect(throws: SurvivalError.emptyInterval(index: 1, start: 2, stop: 2)) {
            try CoxProportionalHazards(start: [0, 2, 0, 0], stop: [1, 2, 3, 4],
                                       events: [true, true, false, true], covariates: x,
                                       terms: ["a", "b"])
        }
        #expect(throws: SurvivalError.noCovariates) {
            try CoxProportionalHazards(durations: [1, 2], events: [true, true],
                                       covariates: Matrix(rows: 2, columns: 0), terms: [])
        }
        // c = a + b exactly: the information is singular.
        var random = SurvivalRandom(seed: 1)
        let rows = (0..<30).map { _ -> [Double] in
            let a = Double(Int.random(in: 0...5, using: &random))
            let b = Double(Int.random(in: 0...1, using: &random))
            return [a, b, a + b]
        }
        let model = try CoxProportionalHazards(
            durations: (0..<30).map { Double($0 % 7 + 1) }, events: (0..<30).map { $0 % 3 != 0 },
            covariates: Matrix(rows: rows), terms: ["a", "b", "c"])
        #expect {
            try model.fit()
        } throws: { error in
            if case .singularInformation = error as? SurvivalError { return true }
            return false
        }
    }
}
