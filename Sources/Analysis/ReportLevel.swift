import KendaliData

/// The tier a report covers: the whole data, one province, one regency or one district.
///
/// Spelled on the command line as `province`, `province 52`, `regency 5201`,
/// `regency:5201`, `district 520101` (Indonesian `provinsi`, `kabupaten`, `kecamatan` and
/// dotted codes such as `52.01` are accepted too), see ``init(parsing:)``.
public enum ReportLevel: Sendable, Hashable, CustomStringConvertible {
    /// Every cooperative in the data (several provinces).
    case national
    /// One province; `nil` means the only province in the data (or every cooperative when
    /// the data spans several provinces).
    case province(Int?)
    /// One regency (kabupaten/kota), by its 4-digit code such as 5201.
    case regency(Int)
    /// One district (kecamatan), by its 6-digit code such as 520101.
    case district(Int)

    /// `province`, `regency 5201`, …
    public var description: String {
        switch self {
        case .national: "national"
        case .province(nil): "province"
        case let .province(code?): "province \(code)"
        case let .regency(code): "regency \(code)"
        case let .district(code): "district \(code)"
        }
    }

    /// Parses the one or two words of `--level`.
    ///
    /// Accepted: the level names of ``AdminLevel/init(name:)`` — `province` / `provinsi`
    /// (optionally with a 2-digit code), `regency` / `kabupaten` / `kota` with a 4-digit code,
    /// `district` / `kecamatan` with a 6-digit code, `national` / `nasional`; the code may
    /// follow as a second word or after `:` or `=`, plain (`5201`) or dotted (`52.01`).
    ///
    /// - Throws: ``AnalysisError/invalidLevel(_:reason:)`` naming what is wrong.
    public init(parsing words: [String]) throws(AnalysisError) {
        var parts: [String] = []
        for word in words {
            for piece in word.split(whereSeparator: { $0 == ":" || $0 == "=" || $0 == " " }) {
                parts.append(String(piece))
            }
        }
        let given = words.joined(separator: " ")
        guard let kind = parts.first?.lowercased() else {
            throw .invalidLevel(given, reason: "expected province, regency CODE or district CODE")
        }
        guard parts.count <= 2 else {
            throw .invalidLevel(given, reason: "expected at most a level and one code")
        }
        let codeText = parts.count == 2 ? parts[1] : nil
        func code(digits: Int, name: String) throws(AnalysisError) -> Int {
            guard let text = codeText else {
                throw .invalidLevel(given, reason: "\(name) needs a \(digits)-digit code, e.g. --level \(name) \(Self.example(digits))")
            }
            let plain = text.filter { $0 != "." }
            guard plain.count == digits, plain.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(plain) else {
                throw .invalidLevel(given, reason: "'\(text)' is not a \(digits)-digit \(name) code such as \(Self.example(digits))")
            }
            return value
        }
        switch AdminLevel(name: kind) {
        case .national:
            guard codeText == nil else { throw .invalidLevel(given, reason: "national takes no code") }
            self = .national
        case .province:
            self = codeText == nil ? .province(nil) : .province(try code(digits: 2, name: "province"))
        case .regency:
            self = .regency(try code(digits: 4, name: "regency"))
        case .district:
            self = .district(try code(digits: 6, name: "district"))
        case .village, nil:
            throw .invalidLevel(given, reason: "unknown level '\(parts[0])'; expected province, regency CODE or district CODE")
        }
    }

    private static func example(_ digits: Int) -> String {
        switch digits {
        case 2: "52"
        case 4: "5201"
        default: "520101"
        }
    }

    /// The administrative unit of this level, given the provinces present in the data.
    ///
    /// `.province(nil)` is the only province when there is one, else the whole data.
    public func unit(provincesPresent: [Int]) -> AdminUnit {
        switch self {
        case .national: AdminUnit(level: .national, code: 0)
        case .province(nil):
            provincesPresent.count == 1
                ? AdminUnit(level: .province, code: Int64(provincesPresent[0]))
                : AdminUnit(level: .national, code: 0)
        case let .province(code?): AdminUnit(level: .province, code: Int64(code))
        case let .regency(code): AdminUnit(level: .regency, code: Int64(code))
        case let .district(code): AdminUnit(level: .district, code: Int64(code))
        }
    }
}

/// Why an analysis could not be made.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--level` words could not be read.
    case invalidLevel(String, reason: String)
    /// The history holds no week on or before the as-of date.
    case noWeeks
    /// No cooperative of the requested unit is in the data.
    case unknownUnit(String)
    /// The priorities input could not be read.
    case invalidPriorities(source: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case let .invalidLevel(given, reason): "--level '\(given)': \(reason)"
        case .noWeeks: "no weekly report on or before the as-of date"
        case let .unknownUnit(unit): "no cooperative of \(unit) in the data"
        case let .invalidPriorities(source, reason): "\(source): \(reason)"
        }
    }
}
