import Charts
import Foundation

// The pipeline modes of KendaliBench:
//
//   KendaliBench pipeline --snapshots DIR --label NAME --json FILE [--repeats N] [--paths N]
//                         [--seed N] [--skip STAGE[,STAGE...]]
//       runs every stage (PipelineStages.swift) on DIR and writes one PipelineRun as JSON
//   KendaliBench table --out FILE.md RUN.json...
//       the stage × size table of several runs, as Markdown
//   KendaliBench chart --by cooperatives|weeks --out-prefix PATH RUN.json...
//       time and peak memory against the number of cooperatives or weeks:
//       PATH-time.svg and PATH-memory.svg, drawn with the project's Charts module

/// The `pipeline`, `table` and `chart` modes.
enum PipelineCommand {
    /// The mode names (the first argument).
    static let modes: Set<String> = ["pipeline", "table", "chart"]

    /// Runs `mode`; returns the exit status.
    static func run(mode: String, arguments: [String]) -> Int32 {
        var options: [String: String] = [:]
        var inputs: [String] = []
        var it = arguments.makeIterator()
        while let a = it.next() {
            if a.hasPrefix("--") {
                guard let value = it.next() else { return fail("\(a) needs a value") }
                options[String(a.dropFirst(2))] = value
            } else {
                inputs.append(a)
            }
        }
        do {
            switch mode {
            case "pipeline": try pipeline(options)
            case "table": try table(options, inputs)
            default: try chart(options, inputs)
            }
            return 0
        } catch {
            return fail("\(error)")
        }
    }

    static func fail(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("KendaliBench: \(message)\n".utf8))
        return 1
    }

    static func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    static func pipeline(_ o: [String: String]) throws {
        guard let folder = o["snapshots"], let json = o["json"] else {
            throw Pipeline.Failure(description: "pipeline needs --snapshots DIR and --json FILE")
        }
        let repeats = Int(o["repeats"] ?? "1") ?? 0
        guard repeats >= 1 else { throw Pipeline.Failure(description: "--repeats must be at least 1") }
        var paths: Int?
        if let p = o["paths"] {
            guard let v = Int(p), v >= 10 else { throw Pipeline.Failure(description: "--paths must be at least 10") }
            paths = v
        }
        let seed = UInt64(o["seed"] ?? "1") ?? 1
        let skip = Set((o["skip"] ?? "").split(separator: ",").map(String.init))
        let label = o["label"] ?? URL(fileURLWithPath: folder).lastPathComponent
        let env = Environment.current()
        log("KendaliBench pipeline \(label): \(folder); \(env.lapackLibrary), "
            + "BLAS threads \(env.blasThreads.map(String.init) ?? "unknown"), \(env.buildConfiguration) build")
        let run = try Pipeline.run(
            folder: folder, label: label, repeats: repeats, paths: paths, seed: seed, skip: skip, log: log)
        log(String(format: "%@: %d cooperatives × %d weeks, total %.2f s, peak RSS %.0f MiB",
                   label, run.cooperatives, run.weeks, run.totalSeconds, run.peakResidentMiB))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = URL(fileURLWithPath: json)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(run).write(to: url)
    }

    static func load(_ paths: [String]) throws -> [PipelineRun] {
        guard !paths.isEmpty else { throw Pipeline.Failure(description: "give the run JSON files") }
        return try paths.map { try JSONDecoder().decode(PipelineRun.self, from: Data(contentsOf: URL(fileURLWithPath: $0))) }
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// Seconds to about three significant figures (0.0012, 0.123, 1.23, 12.3, 123).
    static func secondsText(_ s: Double) -> String {
        if s >= 100 { return String(format: "%.0f", s) }
        if s >= 10 { return String(format: "%.1f", s) }
        if s >= 1 { return String(format: "%.2f", s) }
        if s >= 0.01 { return String(format: "%.3f", s) }
        return String(format: "%.4f", s)
    }

    /// The stage × size table.
    static func markdown(_ runs: [PipelineRun]) -> String {
        var out = "# Pipeline stages by size\n\n"
        if let env = runs.first?.environment {
            out += "- date: \(env.date)\n- CPU: \(env.cpu) (\(env.logicalCPUs) logical CPUs)\n"
            out += "- LAPACK: `\(env.lapackLibrary)`\n"
            out += "- OpenBLAS: \(env.openBLASConfig ?? "no")\(env.openBLASCore.map { " (core \($0))" } ?? "")\n"
            out += "- BLAS threads: \(env.blasThreads.map(String.init) ?? "unknown")"
                + " (OPENBLAS_NUM_THREADS=\(env.openblasNumThreadsVariable ?? "unset"))\n"
            out += "- build: \(env.buildConfiguration)\n"
        }
        out += "- seconds are the median of the repeats shown; peak RSS is the process's high-water mark\n\n"
        out += "| stage | " + runs.map { "\($0.label) (\(grouped($0.cooperatives)) × \($0.weeks) wk)" }.joined(separator: " | ")
            + " |\n|---|" + runs.map { _ in "---:|" }.joined() + "\n"
        out += "| data | " + runs.map { "\($0.files) files, \(String(format: "%.0f", $0.megabytes)) MB, \(grouped($0.reports)) rows" }
            .joined(separator: " | ") + " |\n"
        for (name, _) in Pipeline.stageWork {
            out += "| \(name) | " + runs.map { run -> String in
                guard let s = run.stages.first(where: { $0.name == name }), let m = s.medianSeconds else { return "–" }
                return secondsText(m) + (s.repeats > 1 ? " (\(s.repeats)×)" : "")
            }.joined(separator: " | ") + " |\n"
        }
        out += "| **sum of stages** | " + runs.map { "**\(secondsText($0.totalSeconds))**" }.joined(separator: " | ") + " |\n"
        out += "| peak RSS (MiB) | " + runs.map { String(format: "%.0f", $0.peakResidentMiB) }.joined(separator: " | ") + " |\n"
        out += "| forecast paths per cooperative | " + runs.map { String($0.paths) }.joined(separator: " | ") + " |\n\n"
        out += "Stages:\n\n"
        for (name, work) in Pipeline.stageWork { out += "- `\(name)`: \(work)\n" }
        var notes: [String] = []
        for run in runs {
            for s in run.stages { if let n = s.note { notes.append("\(run.label) `\(s.name)`: \(n)") } }
        }
        if !notes.isEmpty { out += "\nNotes:\n\n" + notes.map { "- " + $0 + "\n" }.joined() }
        return out
    }

    static func table(_ o: [String: String], _ inputs: [String]) throws {
        let text = markdown(try load(inputs))
        if let path = o["out"] {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        print(text, terminator: "")
    }

    /// The stages drawn in the time chart, besides the sum.
    static let chartedStages = ["read-csv", "import-store", "load-history", "fit-forecast-model", "forecast", "report"]

    static func chart(_ o: [String: String], _ inputs: [String]) throws {
        guard let prefix = o["out-prefix"] else { throw Pipeline.Failure(description: "chart needs --out-prefix PATH") }
        let byWeeks = (o["by"] ?? "cooperatives") == "weeks"
        let runs = try load(inputs).sorted {
            byWeeks ? $0.weeks < $1.weeks : $0.cooperatives < $1.cooperatives
        }
        func x(_ r: PipelineRun) -> Double { Double(byWeeks ? r.weeks : r.cooperatives) }
        let xTitle = byWeeks ? "weeks of history" : "cooperatives"
        let fixed = byWeeks
            ? "\(grouped(runs.first?.cooperatives ?? 0)) cooperatives"
            : "\(runs.first?.weeks ?? 0) weeks"
        let styles: [LineStyle] = [
            LineStyle(dash: .solid, width: 3, marker: .circle),
        ] + chartedStages.indices.map { k in
            LineStyle(dash: DashStyle.allCases[(k + 1) % DashStyle.allCases.count], width: 2,
                      marker: PointShape.allCases[(k + 1) % PointShape.allCases.count])
        }
        var lines: [Mark] = [
            .line(LineMark("all stages", points: runs.map { DataPoint(x: x($0), y: $0.totalSeconds) }, style: styles[0])),
        ]
        for (k, name) in chartedStages.enumerated() {
            let points = runs.compactMap { r -> DataPoint? in
                guard let m = r.stages.first(where: { $0.name == name })?.medianSeconds else { return nil }
                return DataPoint(x: x(r), y: m)
            }
            guard !points.isEmpty else { continue }
            lines.append(.line(LineMark(name, points: points, style: styles[k + 1])))
        }
        let threads = runs.first?.environment.blasThreads.map(String.init) ?? "?"
        let time = Chart(
            title: "Pipeline time against \(xTitle)",
            subtitle: "release build, \(fixed), BLAS threads \(threads); each point the median of its runs",
            width: 760, height: 440,
            xAxis: .numeric(xTitle, includesZero: true, format: .grouped(groupingSeparator: ",", decimalSeparator: ".")),
            yAxis: .numeric("seconds", includesZero: true), marks: lines, legend: .top)
        let memory = Chart(
            title: "Peak memory against \(xTitle)",
            subtitle: "resident set high-water mark of the whole pipeline process, \(fixed)",
            width: 760, height: 360,
            xAxis: .numeric(xTitle, includesZero: true, format: .grouped(groupingSeparator: ",", decimalSeparator: ".")),
            yAxis: .numeric("MiB", includesZero: true, format: .grouped(groupingSeparator: ",", decimalSeparator: ".")),
            marks: [.line(LineMark(
                "peak RSS", points: runs.map { DataPoint(x: x($0), y: $0.peakResidentMiB) },
                style: LineStyle(width: 3, marker: .circle)))],
            legend: .hidden)
        try time.svg().write(toFile: prefix + "-time.svg", atomically: true, encoding: .utf8)
        try memory.svg().write(toFile: prefix + "-memory.svg", atomically: true, encoding: .utf8)
        log("wrote \(prefix)-time.svg and \(prefix)-memory.svg")
    }
}
