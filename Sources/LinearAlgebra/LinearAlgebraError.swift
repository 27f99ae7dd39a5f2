/// Every way a LinearAlgebra routine can fail on its input, as a value.
///
/// LAPACK reports failures through an integer `INFO`; each wrapper turns a nonzero `INFO`
/// into one of these cases, so callers never see the integer codes. Input checks (finite
/// values, matching shapes, sizes within LAPACK's 32-bit integers) run before LAPACK is
/// called and report through the same type.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument holds NaN or ±∞; `argument` names it (for example `"A"` or `"b"`).
    case nonFiniteInput(argument: String)
    /// Shapes that do not fit together; `operation` names the call, `detail` the shapes seen.
    case dimensionMismatch(operation: String, detail: String)
    /// A dimension is zero where the operation needs at least one row or column.
    case emptyInput(operation: String)
    /// A size exceeds what LAPACK's 32-bit `INTEGER` arguments can hold.
    case sizeTooLarge(operation: String, size: Int)
    /// The matrix is exactly singular: the pivot or diagonal element at `index` (0-based)
    /// of the triangular factor is zero (`dgesv`, `dtrtrs`, `dtrtri` with `INFO > 0`).
    case singularMatrix(index: Int)
    /// The leading minor of order `order` (1-based, as in LAPACK) is not positive, so the
    /// matrix is not positive definite (`dpotrf` with `INFO > 0`).
    case notPositiveDefinite(order: Int)
    /// An iterative LAPACK algorithm did not converge (`dsyevd`, `dgelsd`, `dgesdd` with
    /// `INFO > 0`); `routine` is the LAPACK name and `info` its code.
    case convergenceFailure(routine: String, info: Int)
    /// LAPACK rejected argument number `position` (1-based) of `routine` (`INFO < 0`).
    /// This is a defect in the wrapper, never in the caller's data.
    case illegalArgument(routine: String, position: Int)
    /// A BLAS/LAPACK routine `name` is not present in the loaded libraries.
    case missingRoutine(name: String)

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .nonFiniteInput(let argument):
            return "\(argument) contains NaN or an infinite value"
        case .dimensionMismatch(let operation, let detail):
            return "\(operation): dimensions do not match (\(detail))"
        case .emptyInput(let operation):
            return "\(operation): the matrix has no rows or no columns"
        case .sizeTooLarge(let operation, let size):
            return "\(operation): size \(size) exceeds the 32-bit LAPACK integer range"
        case .singularMatrix(let index):
            return "the matrix is singular (zero pivot at index \(index))"
        case .notPositiveDefinite(let order):
            return "the matrix is not positive definite (leading minor of order \(order))"
        case .convergenceFailure(let routine, let info):
            return "\(routine) did not converge (INFO = \(info))"
        case .illegalArgument(let routine, let position):
            return "\(routine) rejected argument \(position) (internal error)"
        case .missingRoutine(let name):
            return "the BLAS/LAPACK routine \(name) is not available in the loaded libraries"
        }
    }
}
