/// Why a report could not be rendered or written.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output could not be written.
    case cannotWrite(path: String, reason: String)
    /// An unknown chart name.
    case unknownChart(String)
    /// A chart needs an input the analysis does not have (for example the forecast).
    case chartUnavailable(String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "\(path): cannot write the report (\(reason))"
        case let .unknownChart(name): "unknown chart '\(name)'; expected trend, burnup, factors, km or scurve"
        case let .chartUnavailable(name, reason): "chart \(name) is not available: \(reason)"
        }
    }
}
