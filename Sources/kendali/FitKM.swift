import ArgumentParser
import Estimation

/// `kendali fit km`: the Kaplan–Meier survival curve of a CSV file's durations, optionally
/// one curve per group.
struct FitKM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier survival curve (product-limit estimate) from a CSV file.",
        discussion: """
            One row per subject: a duration (time to the event or to censoring, in any unit) \
            and an event indicator (1 = event, 0 = censored). Prints, for every distinct event \
            time, the number at risk, the events, the censored, the survival S(t), its Greenwood \
            standard error and a pointwise confidence band (log-log by default, as lifelines; \
            --band plain for S ± z·SE), and the median survival time with its interval.

            Example:
              kendali fit km --csv rossi.csv --duration week --event arrest --group fin --format csv
            """
    )

    @Option(help: "CSV file with a header row.")
    var csv: String

    @Option(help: "Column with the time of the event or of censoring.")
    var duration: String

    @Option(help: "Column with the event indicator: 1 (or true) = event, 0 (or false) = censored.")
    var event: String

    @Option(help: "Column whose values split the rows into groups, one curve each.")
    var group: String?

    @Option(help: "Column with entry times, for delayed entry (left truncation); each before its duration.")
    var entry: String?

    @Option(help: "Coverage of the confidence band, strictly between 0 and 1.")
    var confidenceLevel: Double = 0.95

    @Option(help: "Confidence band: log-log (default, as lifelines) or plain.")
    var band: KMBandChoice = .logLog

    @Option(help: "Output: table, csv or json.")
    var format: OutputFormat = .table

    func validate() throws {
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw ValidationError("--confidence-level must lie strictly between 0 and 1, got \(confidenceLevel)")
        }
    }

    func run() throws {
        var requests = [
            SurvivalCSV.Request(name: duration, option: "--duration", kind: .number),
            SurvivalCSV.Request(name: event, option: "--event", kind: .event),
        ]
        if let group { requests.append(.init(name: group, option: "--group", kind: .text)) }
        if let entry { requests.append(.init(name: entry, option: "--entry", kind: .number)) }
        let table: SurvivalCSV.Table
        do {
            table = try SurvivalCSV.read(path: csv, requests: requests)
        } catch {
            throw CLIError(error.description)
        }
        let times = table.number(duration)
        let events = table.event(event)
        let entries = entry.map { table.number($0) }
        let labels = group.map { table.text($0).map(KMGroupKey.init) }
            ?? [KMGroupKey](repeating: KMGroupKey(""), count: table.rowCount)
        let curves: [KaplanMeierGroup<KMGroupKey>]
        do {
            curves = try KaplanMeier.grouped(
                times: times, events: events, groups: labels, entryTimes: entries,
                confidenceLevel: confidenceLevel, band: band.estimationBand)
        } catch {
            throw CLIError("\(csv): \(describe(error, lines: table.lines))")
        }
        switch format {
        case .table: print(renderTable(curves))
        case .csv: print(renderCSV(curves), terminator: "")
        case .json: print(renderJSON(curves))
        }
    }

    /// A survival error with row indices turned into file lines.
    private func describe(_ error: SurvivalError, lines: [Int]) -> String {
        switch error {
        case .emptyInterval(let index, let start, let stop) where index < lines.count:
            return "line \(lines[index]): entry \(start) is not before duration \(stop); "
                + "an entry time must come before the exit time"
        default:
            return error.description
        }
    }

    private var levelLabel: String {
        SurvivalOutput.compact(confidenceLevel * 100) + "%"
    }

    private func renderTable(_ curves: [KaplanMeierGroup<KMGroupKey>]) -> String {
        var blocks: [String] = []
        for curve in curves {
            let km = curve.estimate
            let name = group.map { "\($0) = \(curve.key.text): " } ?? ""
            let interval = km.medianConfidenceInterval
            var heading = "\(name)\(km.observations) observations, \(km.events) events; "
            heading += "median survival \(km.median.map(SurvivalOutput.compact) ?? "not reached")"
            heading += " (\(levelLabel) CI \(interval.lower.map(SurvivalOutput.compact) ?? "-")"
            heading += " to \(interval.upper.map(SurvivalOutput.compact) ?? "-"))"
            let rows = km.rows.map { r in
                [SurvivalOutput.compact(r.time), String(r.atRisk), String(r.events),
                 String(r.censored), SurvivalOutput.fixed(r.survival, 4),
                 SurvivalOutput.fixed(r.standardError, 4), SurvivalOutput.fixed(r.lower, 4),
                 SurvivalOutput.fixed(r.upper, 4)]
            }
            let body = SurvivalOutput.table(
                header: ["time", "at risk", "events", "censored", "survival", "std err",
                         "lower", "upper"],
                rows: rows)
            blocks.append(heading + "\n" + body)
        }
        let note = "\(band.rawValue) \(levelLabel) confidence band (Greenwood variance)"
        return blocks.joined(separator: "\n\n") + "\n" + note
    }

    private func renderCSV(_ curves: [KaplanMeierGroup<KMGroupKey>]) -> String {
        var out = group == nil ? "" : "group,"
        out += "time,at_risk,events,censored,survival,std_error,lower,upper\n"
        for curve in curves {
            for r in curve.estimate.rows {
                if group != nil { out += SurvivalOutput.csv(curve.key.text) + "," }
                out += [SurvivalOutput.csv(r.time), String(r.atRisk), String(r.events),
                        String(r.censored), SurvivalOutput.csv(r.survival),
                        SurvivalOutput.csv(r.standardError), SurvivalOutput.csv(r.lower),
                        SurvivalOutput.csv(r.upper)].joined(separator: ",")
                out += "\n"
            }
        }
        return out
    }

    private func renderJSON(_ curves: [KaplanMeierGroup<KMGroupKey>]) -> String {
        let groups = curves.map { curve -> String in
            let km = curve.estimate
            let interval = km.medianConfidenceInterval
            let rows = km.rows.map { r in
                "{\"time\":\(SurvivalOutput.json(r.time)),\"at_risk\":\(r.atRisk),"
                    + "\"events\":\(r.events),\"censored\":\(r.censored),"
                    + "\"survival\":\(SurvivalOutput.json(r.survival)),"
                    + "\"std_error\":\(SurvivalOutput.json(r.standardError)),"
                    + "\"lower\":\(SurvivalOutput.json(r.lower)),"
                    + "\"upper\":\(SurvivalOutput.json(r.upper))}"
            }
            let key = group == nil ? "null" : SurvivalOutput.json(curve.key.text)
            return "{\"group\":\(key),\"n\":\(km.observations),\"events\":\(km.events),"
                + "\"median\":\(SurvivalOutput.json(km.median)),"
                + "\"median_lower\":\(SurvivalOutput.json(interval.lower)),"
                + "\"median_upper\":\(SurvivalOutput.json(interval.upper)),"
                + "\"rows\":[\(rows.joined(separator: ","))]}"
        }
        let groupColumn = group.map(SurvivalOutput.json) ?? "null"
        return "{\"group_column\":\(groupColumn),\"band\":\(SurvivalOutput.json(band.rawValue)),"
            + "\"confidence_level\":\(SurvivalOutput.json(confidenceLevel)),"
            + "\"groups\":[\(groups.joined(separator: ","))]}"
    }
}

/// The `--band` choices of `fit km`.
enum KMBandChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case logLog = "log-log"
    case plain

    /// The matching ``KaplanMeier/Band``.
    var estimationBand: KaplanMeier.Band {
        switch self {
        case .logLog: return .logLog
        case .plain: return .plain
        }
    }
}

/// A group label of `fit km --group`: ordered numerically when both labels are numbers
/// (so 2 comes before 10), by text otherwise.
struct KMGroupKey: Hashable, Comparable, Sendable {
    /// The label as written in the file.
    let text: String
    /// The label as a number, when it is one.
    let number: Double?

    init(_ text: String) {
        self.text = text
        self.number = Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    static func == (a: KMGroupKey, b: KMGroupKey) -> Bool { a.text == b.text }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func < (a: KMGroupKey, b: KMGroupKey) -> Bool {
        if let x = a.number, let y = b.number, x != y { return x < y }
        if (a.number == nil) != (b.number == nil) { return a.number != nil }
        return a.text < b.text
    }
}
