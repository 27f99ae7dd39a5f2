import ArgumentParser
import Estimation
import LinearAlgebra

/// `kendali fit coxph`: a Cox proportional-hazards model fitted to a CSV file.
struct FitCoxPH: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coxph",
        abstract: "Cox proportional-hazards regression from a CSV file.",
        discussion: """
            One row per subject (duration, event), or with --start one row per interval \
            (start, stop] of a subject's follow-up, so covariates may change over time (weekly \
            rows, say; --duration is then the interval's end and the event flag is 1 only on \
            the row where the event happens). Ties are handled by Efron's method by default \
            (as R and lifelines), or Breslow's. Prints the coefficients (log hazard ratios) \
            with model-based standard errors, hazard ratios, Wald z and p, the log partial \
            likelihood at the estimate and at zero, the likelihood-ratio test and Harrell's \
            concordance. Warnings (no convergence, a diverging coefficient) go to standard \
            error and into the JSON.

            Example:
              kendali fit coxph --csv rossi.csv --duration week --event arrest \\
                --covariates fin,age,race,wexp,mar,paro,prio --format json
            """
    )

    @Option(help: "CSV file with a header row.")
    var csv: String

    @Option(help: "Column with the time of the event or of censoring (the interval's end with --start).")
    var duration: String

    @Option(help: "Column with the event indicator: 1 (or true) = event, 0 (or false) = censored.")
    var event: String

    @Option(help: "Numeric covariate columns, separated by commas (for example fin,age,prio).")
    var covariates: String

    @Option(help: "Tie handling: efron (default) or breslow.")
    var ties: CoxTiesChoice = .efron

    @Option(help: "Column with the interval's start, for (start, stop] rows (time-varying covariates).")
    var start: String?

    @Option(help: "Column whose values define strata: a separate baseline hazard for each.")
    var strata: String?

    @Option(help: "Output: table, csv (the coefficient table) or json.")
    var format: OutputFormat = .table

    func run() throws {
        let terms: [String]
        let table: SurvivalCSV.Table
        do {
            terms = try SurvivalCSV.names(covariates, option: "--covariates")
            var requests = [
                SurvivalCSV.Request(name: duration, option: "--duration", kind: .number),
                SurvivalCSV.Request(name: event, option: "--event", kind: .event),
            ]
            requests += terms.map { .init(name: $0, option: "--covariates", kind: .number) }
            if let start { requests.append(.init(name: start, option: "--start", kind: .number)) }
            if let strata { requests.append(.init(name: strata, option: "--strata", kind: .text)) }
            table = try SurvivalCSV.read(path: csv, requests: requests)
        } catch {
            throw CLIError(error.description)
        }
        let stop = table.number(duration)
        let events = table.event(event)
        let matrix = Matrix(columns: terms.map { table.number($0) })
        let strataLabels = strata.map { column -> [Int] in
            var index: [String: Int] = [:]
            return table.text(column).map { label in
                if let k = index[label] { return k }
                index[label] = index.count
                return index.count - 1
            }
        }
        let fit: CoxFit
        do {
            let model: CoxProportionalHazards
            if let start {
                model = try CoxProportionalHazards(
                    start: table.number(start), stop: stop, events: events, covariates: matrix,
                    terms: terms, strata: strataLabels, ties: ties.estimationTies)
            } else {
                model = try CoxProportionalHazards(
                    durations: stop, events: events, covariates: matrix, terms: terms,
                    strata: strataLabels, ties: ties.estimationTies)
            }
            fit = try model.fit()
        } catch {
            throw CLIError("\(csv): \(describe(error, lines: table.lines))")
        }
        for warning in fit.warnings { writeToStandardError("warning: \(warning.description)") }
        switch format {
        case .table: print(renderTable(fit))
        case .csv: print(renderCSV(fit), terminator: "")
        case .json: print(renderJSON(fit))
        }
    }

    /// A survival error with row indices turned into file lines and options named.
    private func describe(_ error: SurvivalError, lines: [Int]) -> String {
        switch error {
        case .emptyInterval(let index, let s, let t) where index < lines.count:
            return "line \(lines[index]): start \(SurvivalOutput.compact(s)) (\(start ?? "--start")) "
                + "is not before \(SurvivalOutput.compact(t)) (\(duration)); "
                + "each row must be a non-empty interval (start, stop]"
        case .noEvents:
            return "no row has an event in column \(event); there is nothing to estimate"
        case .constantCovariate(let name):
            return "covariate \(name) has the same value on every row; "
                + "its effect cannot be estimated (drop it from --covariates)"
        default:
            return error.description
        }
    }

    private func renderTable(_ fit: CoxFit) -> String {
        let intervals = fit.confidenceIntervals(level: 0.95)
        let rows = fit.terms.indices.map { j in
            [fit.terms[j], SurvivalOutput.fixed(fit.coefficients[j], 6),
             SurvivalOutput.fixed(fit.hazardRatios[j], 6),
             SurvivalOutput.fixed(fit.standardErrors[j], 6),
             SurvivalOutput.fixed(fit.zStatistics[j], 3), pText(fit.pValues[j]),
             SurvivalOutput.fixed(intervals[j].lower, 6), SurvivalOutput.fixed(intervals[j].upper, 6)]
        }
        let body = SurvivalOutput.table(
            header: ["term", "coef", "exp(coef)", "se(coef)", "z", "p", "lower .95", "upper .95"],
            rows: rows)
        let c = fit.concordance
        var lines = [
            "Cox proportional hazards (\(fit.ties.rawValue) ties): \(fit.observations) rows, "
                + "\(fit.events) events" + (strata.map { ", stratified by \($0)" } ?? ""),
            body,
            "log partial likelihood: \(SurvivalOutput.fixed(fit.logLikelihood, 6)) "
                + "(null model \(SurvivalOutput.fixed(fit.nullLogLikelihood, 6)))",
            "likelihood-ratio test: \(SurvivalOutput.fixed(fit.likelihoodRatioStatistic, 4)) "
                + "on \(fit.degreesOfFreedom) df, p = \(pText(fit.likelihoodRatioPValue))",
            "concordance: \(SurvivalOutput.fixed(c.value, 4)) (\(c.concordant) concordant, "
                + "\(c.discordant) discordant, \(c.tiedRisk) tied of \(c.admissible) pairs)",
            "Newton–Raphson: \(fit.iterations) iterations, "
                + (fit.converged ? "converged" : "NOT converged"),
        ]
        for warning in fit.warnings { lines.append("warning: \(warning.description)") }
        return lines.joined(separator: "\n")
    }

    private func pText(_ p: Double) -> String {
        guard p.isFinite else { return "-" }
        return p < 1e-4 ? String(format: "%.2e", p) : String(format: "%.4f", p)
    }

    private func renderCSV(_ fit: CoxFit) -> String {
        let intervals = fit.confidenceIntervals(level: 0.95)
        var out = "term,estimate,std_error,hazard_ratio,z,p,lower_95,upper_95\n"
        for j in fit.terms.indices {
            out += ([SurvivalOutput.csv(fit.terms[j])] + [
                fit.coefficients[j], fit.standardErrors[j], fit.hazardRatios[j],
                fit.zStatistics[j], fit.pValues[j], intervals[j].lower, intervals[j].upper,
            ].map { SurvivalOutput.csv($0) }).joined(separator: ",") + "\n"
        }
        return out
    }

    private func renderJSON(_ fit: CoxFit) -> String {
        let intervals = fit.confidenceIntervals(level: 0.95)
        let coefficients = fit.terms.indices.map { j in
            "{\"term\":\(SurvivalOutput.json(fit.terms[j])),"
                + "\"estimate\":\(SurvivalOutput.json(fit.coefficients[j])),"
                + "\"std_error\":\(SurvivalOutput.json(fit.standardErrors[j])),"
                + "\"hazard_ratio\":\(SurvivalOutput.json(fit.hazardRatios[j])),"
                + "\"z\":\(SurvivalOutput.json(fit.zStatistics[j])),"
                + "\"p\":\(SurvivalOutput.json(fit.pValues[j])),"
                + "\"lower_95\":\(SurvivalOutput.json(intervals[j].lower)),"
                + "\"upper_95\":\(SurvivalOutput.json(intervals[j].upper))}"
        }
        let covariance = fit.terms.indices.map { a in
            "[" + fit.terms.indices.map { b in SurvivalOutput.json(fit.covariance[a, b]) }
                .joined(separator: ",") + "]"
        }
        let c = fit.concordance
        let warnings = fit.warnings.map { SurvivalOutput.json($0.description) }
        return "{\"coefficients\":[\(coefficients.joined(separator: ","))],"
            + "\"log_likelihood\":\(SurvivalOutput.json(fit.logLikelihood)),"
            + "\"log_likelihood_null\":\(SurvivalOutput.json(fit.nullLogLikelihood)),"
            + "\"likelihood_ratio\":\(SurvivalOutput.json(fit.likelihoodRatioStatistic)),"
            + "\"degrees_of_freedom\":\(fit.degreesOfFreedom),"
            + "\"likelihood_ratio_p\":\(SurvivalOutput.json(fit.likelihoodRatioPValue)),"
            + "\"concordance\":\(SurvivalOutput.json(c.value)),"
            + "\"concordance_pairs\":{\"concordant\":\(c.concordant),"
            + "\"discordant\":\(c.discordant),\"tied_risk\":\(c.tiedRisk),"
            + "\"admissible\":\(c.admissible)},"
            + "\"covariance\":[\(covariance.joined(separator: ","))],"
            + "\"n\":\(fit.observations),\"events\":\(fit.events),"
            + "\"ties\":\(SurvivalOutput.json(fit.ties.rawValue)),"
            + "\"converged\":\(fit.converged),\"iterations\":\(fit.iterations),"
            + "\"warnings\":[\(warnings.joined(separator: ","))]}"
    }
}

/// The `--ties` choices of `fit coxph`.
enum CoxTiesChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case efron, breslow

    /// The matching ``CoxProportionalHazards/Ties``.
    var estimationTies: CoxProportionalHazards.Ties {
        switch self {
        case .efron: return .efron
        case .breslow: return .breslow
        }
    }
}
