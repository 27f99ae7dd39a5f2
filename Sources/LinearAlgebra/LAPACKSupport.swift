import CLAPACK

/// Utilities shared by the LAPACK wrappers: size conversion, `INFO` decoding, input checks.
///
/// Internal: the public API never shows `Int32`, pointers or `INFO` codes.
enum LAPACKSupport {
    /// `n` as a LAPACK `INTEGER`, or `sizeTooLarge` when it does not fit in 32 bits.
    static func integer(_ n: Int, _ operation: String) throws(LinearAlgebraError) -> Int32 {
        guard n >= 0, n <= Int(Int32.max) else {
            throw .sizeTooLarge(operation: operation, size: n)
        }
        return Int32(n)
    }

    /// Throws `illegalArgument` for `INFO < 0`, `positive(INFO)` for `INFO > 0`.
    static func check(
        _ info: Int32, routine: String,
        positive: (Int) -> LinearAlgebraError
    ) throws(LinearAlgebraError) {
        if info < 0 { throw .illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw positive(Int(info)) }
    }

    /// Throws `nonFiniteInput(argument:)` when any value is NaN or ±∞.
    static func requireFinite(_ values: [Double], _ argument: String) throws(LinearAlgebraError) {
        for v in values where !v.isFinite { throw .nonFiniteInput(argument: argument) }
    }

    /// Throws `nonFiniteInput(argument:)` when any element of `m` is NaN or ±∞.
    static func requireFinite(_ m: Matrix, _ argument: String) throws(LinearAlgebraError) {
        try requireFinite(m.elements, argument)
    }

    /// The workspace length a LAPACK workspace query (`lwork = -1`) wrote into `work[0]`,
    /// at least `minimum`, as a LAPACK integer.
    static func workspaceLength(_ queried: Double, minimum: Int, _ operation: String)
        throws(LinearAlgebraError) -> Int32
    {
        let n = max(minimum, Int(queried.rounded(.up)), 1)
        return try integer(n, operation)
    }

    /// The machine epsilon used for default tolerances: 2⁻⁵² (the spacing of doubles at 1).
    static let epsilon = Double.ulpOfOne
}

/// The hidden Fortran CHARACTER length LAPACK expects after the ordinary arguments: every
/// character argument Kendali passes is one character long (Reference-LAPACK issue 339).
let fortranCharLength = 1
