import Foundation
import Randomness
import Testing

/// Locates and parses the Rossi recidivism reference files (reference README, section 2):
/// `rossi.csv`, `rossi_km.csv`, `rossi_coxph_efron.json`, `rossi_coxph_breslow.json`.
///
/// The folder is part of the project, at `<package root>/datasets/reference/survival`
/// (sources and terms in `datasets/reference/README.md`).
enum SurvivalReference {
    /// `<package root>/datasets/reference/survival`, found from this file's path.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EstimationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("datasets/reference/survival", isDirectory: true)

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The Rossi data as numeric columns keyed by header name.
    static func rossi() throws -> [String: [Double]] {
        try numericCSV("rossi.csv")
    }

    /// A header-plus-numbers CSV file of the folder as columns.
    static func numericCSV(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !lines.isEmpty else { throw Failure(description: "\(name) is empty") }
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        var columns = [[Double]](repeating: [], count: header.count)
        for (k, line) in lines.enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count else {
                throw Failure(description: "\(name):\(k + 2): \(fields.count) fields")
            }
            for (j, f) in fields.enumerated() {
                guard let v = Double(f) else {
                    throw Failure(description: "\(name):\(k + 2): not a number: \(f)")
                }
                columns[j].append(v)
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(header, columns))
    }

    /// The `efron` or `breslow` block of `rossi_coxph_<ties>.json`.
    static func cox(_ ties: String) throws -> RossiCoxReference {
        let url = directory.appendingPathComponent("rossi_coxph_\(ties).json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        guard let root = object as? [String: Any], let block = root[ties] as? [String: Any],
              let order = block["covariance_matrix_order"] as? [String],
              let coefficients = block["coefficients"] as? [String: Double],
              let errors = block["standard_errors"] as? [String: Double],
              let ratios = block["hazard_ratios"] as? [String: Double],
              let ll = block["log_likelihood"] as? Double,
              let llNull = block["log_likelihood_null"] as? Double,
              let lr = block["likelihood_ratio_statistic"] as? Double,
              let concordance = block["concordance"] as? Double,
              let pairs = block["concordance_pairs"] as? [String: Int],
              let covariance = block["covariance_matrix"] as? [[Double]]
        else { throw Failure(description: "unexpected layout of \(url.lastPathComponent)") }
        return RossiCoxReference(
            terms: order,
            coefficients: try order.map { try value(coefficients, $0) },
            standardErrors: try order.map { try value(errors, $0) },
            hazardRatios: try order.map { try value(ratios, $0) },
            logLikelihood: ll, nullLogLikelihood: llNull, likelihoodRatio: lr,
            concordance: concordance,
            concordant: try value(pairs, "concordant"), tiedRisk: try value(pairs, "tied_risk"),
            admissible: try value(pairs, "admissible"), covariance: covariance)
    }

    private static func value<T>(_ d: [String: T], _ key: String) throws -> T {
        guard let v = d[key] else { throw Failure(description: "missing \(key)") }
        return v
    }
}

/// The reference numbers of one Cox fit, in `covariance_matrix_order`.
struct RossiCoxReference {
    let terms: [String]
    let coefficients: [Double]
    let standardErrors: [Double]
    let hazardRatios: [Double]
    let logLikelihood: Double
    let nullLogLikelihood: Double
    let likelihoodRatio: Double
    let concordance: Double
    let concordant: Int
    let tiedRisk: Int
    let admissible: Int
    let covariance: [[Double]]
}

/// |a − b| / |b| (absolute difference when b = 0).
func survivalRelativeError(_ a: Double, _ b: Double) -> Double {
    b == 0 ? abs(a) : abs(a - b) / abs(b)
}

/// Significant digits of agreement, −log10(relative error), capped at 17.
func survivalDigits(_ a: Double, _ b: Double) -> Double {
    let e = survivalRelativeError(a, b)
    return e == 0 ? 17 : min(17, -log10(e))
}

/// The seeded generator of the property tests: SplitMix64 (`Randomness`).
typealias SurvivalRandom = SplitMix64
