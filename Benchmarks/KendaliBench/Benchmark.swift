import Foundation
import LinearAlgebra
import Randomness

/// One timed stage: a name, the problem size in words, an optional floating-point operation
/// count (for GFLOP/s), and the work itself.
///
/// `prepare` runs once, untimed, and returns the closure that is timed; so inputs are built
/// outside the measurement. Other stages (snapshot reading, forecasts, reports) extend the
/// harness by adding `Benchmark` values to the list in `main.swift`.
struct Benchmark {
    /// Short stable identifier, used in file output (`qr-least-squares`).
    var name: String
    /// The problem size for people (`1,000,000 × 12`).
    var size: String
    /// Floating-point operations of one run, by the standard count; `nil` when not meaningful.
    var flops: Double?
    /// How many timed runs (the median is reported).
    var repeats: Int
    /// Builds the inputs (untimed) and returns the timed work.
    var prepare: () throws -> (() throws -> Void)
}

/// The timing of one stage.
struct Measurement: Codable {
    var name: String
    var size: String
    var flops: Double?
    var repeats: Int
    /// Median wall time of the timed runs, seconds.
    var medianSeconds: Double
    /// Fastest timed run, seconds.
    var minimumSeconds: Double
    /// Slowest timed run, seconds.
    var maximumSeconds: Double
    /// `flops / medianSeconds / 1e9`, when `flops` is known.
    var gflopsPerSecond: Double?
}

/// The machine and library a run was measured on.
struct Environment: Codable {
    var date: String
    var host: String
    var cpu: String
    var logicalCPUs: Int
    var lapackLibrary: String
    var openBLASConfig: String?
    var openBLASCore: String?
    var blasThreads: Int?
    var openblasNumThreadsVariable: String?
    var buildConfiguration: String

    static func current() -> Environment {
        let info = BLASInfo.current()
        var cpu = "unknown"
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":")
        {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        #if DEBUG
        let configuration = "debug"
        #else
        let configuration = "release"
        #endif
        let formatter = ISO8601DateFormatter()
        return Environment(
            date: formatter.string(from: Date()),
            host: ProcessInfo.processInfo.hostName,
            cpu: cpu,
            logicalCPUs: ProcessInfo.processInfo.activeProcessorCount,
            lapackLibrary: info.resolvedLibraryPath ?? info.libraryPath ?? "unknown",
            openBLASConfig: info.openBLASConfig,
            openBLASCore: info.openBLASCoreName,
            blasThreads: info.threadCount,
            openblasNumThreadsVariable: ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"],
            buildConfiguration: configuration)
    }
}

/// Runs benchmarks: one untimed warm-up, then `repeats` timed runs each.
enum Harness {
    static func measure(_ b: Benchmark, log: (String) -> Void) throws -> Measurement {
        let work = try b.prepare()
        try work()  // warm-up: page in memory, start BLAS threads
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<b.repeats {
            let elapsed = try clock.measure { try work() }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        times.sort()
        let n = times.count
        let median = n % 2 == 1 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2])
        let m = Measurement(
            name: b.name, size: b.size, flops: b.flops, repeats: n, medianSeconds: median,
            minimumSeconds: times[0], maximumSeconds: times[n - 1],
            gflopsPerSecond: b.flops.map { $0 / median / 1e9 })
        log(b.name.padding(toLength: 22, withPad: " ", startingAt: 0) + " "
            + b.size.padding(toLength: 20, withPad: " ", startingAt: 0)
            + String(format: " median %9.4f s", median)
            + (m.gflopsPerSecond.map { String(format: "  %7.2f GFLOP/s", $0) } ?? ""))
        return m
    }

    /// The Markdown table of a run.
    static func markdown(_ env: Environment, _ results: [Measurement]) -> String {
        var out = "# KendaliBench\n\n"
        out += "- date: \(env.date)\n- CPU: \(env.cpu) (\(env.logicalCPUs) logical CPUs)\n"
        out += "- LAPACK: `\(env.lapackLibrary)`\n"
        out += "- OpenBLAS: \(env.openBLASConfig ?? "no")\(env.openBLASCore.map { " (core \($0))" } ?? "")\n"
        out += "- BLAS threads: \(env.blasThreads.map(String.init) ?? "unknown")"
            + " (OPENBLAS_NUM_THREADS=\(env.openblasNumThreadsVariable ?? "unset"))\n"
        out += "- build: \(env.buildConfiguration)\n\n"
        out += "| stage | size | repeats | median s | min s | max s | GFLOP/s |\n|---|---|---|---|---|---|---|\n"
        for r in results {
            out += "| \(r.name) | \(r.size) | \(r.repeats) | \(String(format: "%.4f", r.medianSeconds)) | "
                + "\(String(format: "%.4f", r.minimumSeconds)) | \(String(format: "%.4f", r.maximumSeconds)) | "
                + "\(r.gflopsPerSecond.map { String(format: "%.2f", $0) } ?? "–") |\n"
        }
        return out
    }
}

/// The benchmarks' inputs come from SplitMix64 (`Randomness`), so every run times the same
/// inputs.
extension SplitMix64 {
    /// Uniform in [−1, 1).
    mutating func symmetricUnit() -> Double {
        Double(next() >> 11) * 0x1p-52 - 1
    }
}
