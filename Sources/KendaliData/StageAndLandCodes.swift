/// The stage and land status as one-byte codes, for columnar stores such as the forecast's
/// panel (one `Int8` per cooperative and week), with ``Tahap/absentCode`` for a week without
/// a report. Code arithmetic reads through these names, never through bare numbers.
extension Tahap {
    /// The code of a week without a report, in a column of stage codes: −1.
    public static let absentCode: Int8 = -1

    /// The stage's code: its ``rank``, 0 (`terdaftar`) … 4 (`beroperasi`), so codes
    /// compare in pipeline order (`code >= Tahap.selesai.code` is "finished or later").
    @inlinable
    public var code: Int8 { Int8(truncatingIfNeeded: rank) }

    /// The stage of `code`; `nil` for ``absentCode`` or any other code out of 0…4.
    @inlinable
    public init?(code: Int8) {
        switch code {
        case 0: self = .terdaftar
        case 1: self = .portal
        case 2: self = .pembangunan
        case 3: self = .selesai
        case 4: self = .beroperasi
        default: return nil
        }
    }
}

extension StatusLahan {
    /// The code of a week without a report, in a column of land codes: −1.
    public static let absentCode: Int8 = -1

    /// The number of land codes: they are 0 ..< 5.
    public static let codeCount = 5

    /// The land status's code, its position in `allCases`: 0 `tidak_ada`, 1 `diusulkan`,
    /// 2 `verifikasi`, 3 `siap`, 4 `sengketa`. Not an order of readiness (`sengketa` is last).
    @inlinable
    public var code: Int8 {
        switch self {
        case .tidakAda: 0
        case .diusulkan: 1
        case .verifikasi: 2
        case .siap: 3
        case .sengketa: 4
        }
    }

    /// The land status of `code`; `nil` for ``absentCode`` or any other code out of 0…4.
    @inlinable
    public init?(code: Int8) {
        switch code {
        case 0: self = .tidakAda
        case 1: self = .diusulkan
        case 2: self = .verifikasi
        case 3: self = .siap
        case 4: self = .sengketa
        default: return nil
        }
    }
}
