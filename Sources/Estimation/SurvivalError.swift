/// Every way the time-to-event routines (Kaplan–Meier, Cox proportional hazards,
/// concordance) can reject their input or fail numerically, as a value.
///
/// Caller bugs (a confidence level outside (0, 1), a terms list whose length differs from
/// the covariate matrix) stop on a `precondition`; everything that depends on the data
/// arrives here. Statistical caveats that still leave a usable fit (non-convergence,
/// possible separation) are not errors: they are ``CoxWarning`` values on ``CoxFit``.
public enum SurvivalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There are no observations at all.
    case empty
    /// Input `field` has `actual` values where `expected` (the number of observations) were
    /// needed.
    case lengthMismatch(field: String, expected: Int, actual: Int)
    /// Input `field` holds NaN or ±∞ at observation `index` (0-based).
    case nonFinite(field: String, index: Int, value: Double)
    /// Observation `index` (0-based) has an entry / start time not strictly before its exit
    /// time: the interval (start, stop] is empty.
    case emptyInterval(index: Int, start: Double, stop: Double)
    /// No observation is an event, so the partial likelihood carries no information.
    case noEvents
    /// The model has no covariates.
    case noCovariates
    /// Covariate `name` takes one value on every row, so its coefficient is not identified.
    case constantCovariate(name: String)
    /// The observed information (negative Hessian of the log partial likelihood) is not
    /// positive definite at the coefficients reached: usually exactly collinear covariates.
    /// `detail` carries the linear-algebra diagnosis.
    case singularInformation(detail: String)
    /// The log partial likelihood or its derivatives became NaN or ±∞ (overflowing linear
    /// predictor) and step halving could not recover.
    case nonFiniteLikelihood(iteration: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .empty:
            return "there are no observations"
        case .lengthMismatch(let field, let expected, let actual):
            return "\(field) has \(actual) values, expected \(expected) (one per observation)"
        case .nonFinite(let field, let index, let value):
            return "\(field) at observation \(index + 1) is \(value), expected a finite number"
        case .emptyInterval(let index, let start, let stop):
            return "observation \(index + 1) has start \(start) not before stop \(stop); "
                + "the interval (start, stop] must be non-empty"
        case .noEvents:
            return "no observation is an event; there is nothing to estimate"
        case .noCovariates:
            return "the model has no covariates"
        case .constantCovariate(let name):
            return "covariate \(name) is constant on every row; its effect cannot be estimated"
        case .singularInformation(let detail):
            return "the information matrix is singular (collinear covariates?): \(detail)"
        case .nonFiniteLikelihood(let iteration):
            return "the partial likelihood overflowed at iteration \(iteration)"
        }
    }
}
