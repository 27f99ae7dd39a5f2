import LinearAlgebra

/// Why a regression could not be fitted: bad input or a numerical failure, as a value.
///
/// Statistical caveats that still leave a usable fit (rank deficiency, ill conditioning,
/// non-convergence of an iterative method) are not errors: they are `RegressionWarning`s or
/// a status on the result.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No observations, or no coefficients to estimate.
    case emptyInput
    /// An input has the wrong length: `what` names it.
    case lengthMismatch(what: String, expected: Int, actual: Int)
    /// A NaN or ±∞ in `what` at 0-based position `index`.
    case nonFiniteValue(what: String, index: Int)
    /// A weight that is negative, NaN or ±∞, at 0-based position `index`.
    case invalidWeight(index: Int, value: Double)
    /// Fewer usable observations than needed: at least `parameters + 1` are required so that
    /// one residual degree of freedom remains for the standard errors.
    case tooFewObservations(observations: Int, parameters: Int)
    /// The model function returned NaN or ±∞ at the starting parameters.
    case modelNotFiniteAtStart(observation: Int)
    /// The Jacobian closure returned the wrong number of partial derivatives.
    case jacobianSizeMismatch(expected: Int, actual: Int)
    /// A linear-algebra failure underneath.
    case linearAlgebra(LinearAlgebraError)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .emptyInput:
            return "no observations or no coefficients"
        case .lengthMismatch(let what, let expected, let actual):
            return "\(what) has \(actual) values, expected \(expected)"
        case .nonFiniteValue(let what, let index):
            return "\(what) has NaN or an infinite value at position \(index)"
        case .invalidWeight(let index, let value):
            return "weight \(value) at position \(index) is not a finite non-negative number"
        case .tooFewObservations(let observations, let parameters):
            return "\(observations) usable observations for \(parameters) coefficients; need at least \(parameters + 1)"
        case .modelNotFiniteAtStart(let observation):
            return "the model is NaN or infinite at the starting parameters (observation \(observation))"
        case .jacobianSizeMismatch(let expected, let actual):
            return "the Jacobian closure returned \(actual) derivatives, expected \(expected)"
        case .linearAlgebra(let error):
            return error.description
        }
    }
}

/// A caveat attached to a fitted model: the numbers are usable, but read them with this in mind.
public enum RegressionWarning: Equatable, Sendable, CustomStringConvertible {
    /// The design (or Jacobian) has numerical rank `rank` < `parameters`; the named terms were
    /// left out (their estimates and standard errors are NaN).
    case rankDeficient(rank: Int, parameters: Int, aliased: [String])
    /// The column-equilibrated design has a condition number above `1/√ε ≈ 6.7e7`: relative
    /// errors in the data of δ can move the coefficients by up to `conditionNumber · δ`.
    case illConditioned(conditionNumber: Double)
    /// Iterative refinement did not reach the rounding level; the last digits may be off.
    case refinementNotConverged
    /// The response has zero variance, so R² is undefined (reported as NaN).
    case constantResponse
    /// `count` observations with weight 0 were left out of the fit.
    case zeroWeightsDropped(count: Int)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .rankDeficient(let rank, let parameters, let aliased):
            return "rank deficient: rank \(rank) of \(parameters); left out: \(aliased.joined(separator: ", "))"
        case .illConditioned(let c):
            return "ill-conditioned design (condition number \(c) after column scaling)"
        case .refinementNotConverged:
            return "iterative refinement did not converge; trailing digits may be inaccurate"
        case .constantResponse:
            return "the response is constant; R² is undefined"
        case .zeroWeightsDropped(let count):
            return "\(count) observations with weight 0 left out"
        }
    }
}
