import Estimation
import Foundation
import KendaliData
import LinearAlgebra
import Randomness

// KendaliBench: times the numeric core and writes JSON + Markdown.
//
//   KendaliBench [--out DIR] [--repeats N] [--quick] [--only NAME[,NAME...]] [--snapshots DIR]
//
// --out      folder for the results (default Benchmarks/results); files are named by the
//            BLAS thread count, bench-threads-<T>.json / .md
// --repeats  timed runs per stage (default 5); the median is reported
// --quick    small sizes, for a smoke test of the harness
// --only     run only the named stages
// --snapshots folder of weekly snapshot CSVs for the data stages (default the bundled
//            datasets/ntb/snapshots; a national world from `kendali simulate --provinces 69`)
//
// The whole pipeline, stage by stage, on a folder (read, store, panel, models, forecast,
// report), and its summaries: `KendaliBench pipeline|table|chart ...` (PipelineCommand.swift;
// driven by Benchmarks/national-scale.sh and Benchmarks/peer-side-by-side.sh).
//
// Flop counts (Golub & Van Loan, Matrix Computations, 4th ed.): Householder QR of m × n,
// 2mn² − 2n³/3; Cholesky of n × n, n³/3.

// As the tool does: OpenBLAS's idle workers would spin on a core for the first tenth of a
// second, while the first stage reads files on every core.
BLASInfo.parkWorkerThreads()

if let mode = CommandLine.arguments.dropFirst().first, PipelineCommand.modes.contains(mode) {
    exit(PipelineCommand.run(mode: mode, arguments: Array(CommandLine.arguments.dropFirst(2))))
}

var outDirectory = "Benchmarks/results"
var repeats = 5
var quick = false
var only: Set<String>?
var snapshotFolder = "datasets/ntb/snapshots"
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--out": outDirectory = arguments.next() ?? outDirectory
    case "--repeats": repeats = Int(arguments.next() ?? "") ?? repeats
    case "--quick": quick = true
    case "--snapshots": snapshotFolder = arguments.next() ?? snapshotFolder
    case "--only": only = Set((arguments.next() ?? "").split(separator: ",").map(String.init))
    case "-h", "--help":
        print("usage: KendaliBench [--out DIR] [--repeats N] [--quick] [--only NAME[,NAME...]] [--snapshots DIR]")
        print("       KendaliBench pipeline|table|chart ... (see PipelineCommand.swift)")
        exit(0)
    default:
        FileHandle.standardError.write(Data("KendaliBench: unknown argument \(argument)\n".utf8))
        exit(64)
    }
}
guard repeats >= 1 else {
    FileHandle.standardError.write(Data("KendaliBench: --repeats must be at least 1\n".utf8))
    exit(64)
}

let rows = quick ? 20_000 : 1_000_000
let columns = 12
let order = quick ? 300 : 2_000
let qrFlops = 2 * Double(rows) * Double(columns * columns) - 2 * pow(Double(columns), 3) / 3

/// A design with an intercept and 11 uniform regressors, and y = X·β + noise.
func regressionProblem() -> (x: Matrix, y: [Double], columns: [[Double]]) {
    var rng = SplitMix64(seed: 20_240_601)
    var x = Matrix(rows: rows, columns: columns)
    var regressorColumns: [[Double]] = []
    for j in 0..<columns {
        var column = [Double](repeating: 1, count: rows)
        if j > 0 { for i in 0..<rows { column[i] = rng.symmetricUnit() } }
        for i in 0..<rows { x.elements[i + j * rows] = column[i] }
        if j > 0 { regressorColumns.append(column) }
    }
    var y = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
        var s = 0.0
        for j in 0..<columns { s += Double(j + 1) * x.elements[i + j * rows] }
        y[i] = s + 0.1 * rng.symmetricUnit()
    }
    return (x, y, regressorColumns)
}

let stages: [Benchmark] = DataStages.make(folder: snapshotFolder, repeats: repeats) + [
    Benchmark(
        name: "qr-least-squares", size: "\(rows.formatted()) × \(columns)", flops: qrFlops, repeats: repeats,
        prepare: {
            let p = regressionProblem()
            return { _ = try LeastSquares.qr(p.x, p.y) }
        }),
    Benchmark(
        name: "qr-unpivoted-solve", size: "\(rows.formatted()) × \(columns)", flops: qrFlops, repeats: repeats,
        prepare: {
            let p = regressionProblem()
            return {
                let f = try QRFactorization(p.x, pivoting: false)
                let qtb = try f.multiplyQTransposed(p.y)
                _ = try f.solveR(Array(qtb[0..<f.rank]))
            }
        }),
    Benchmark(
        name: "ols-fit-refined", size: "\(rows.formatted()) × \(columns)", flops: nil, repeats: repeats,
        prepare: {
            let p = regressionProblem()
            let model = LinearModel(response: p.y, regressors: p.columns)
            return { _ = try model.fit() }
        }),
    Benchmark(
        name: "cholesky", size: "\(order.formatted()) × \(order.formatted())", flops: pow(Double(order), 3) / 3,
        repeats: repeats,
        prepare: {
            // Symmetric, strictly diagonally dominant with a positive diagonal: positive definite.
            var rng = SplitMix64(seed: 7)
            var a = Matrix(rows: order, columns: order)
            for j in 0..<order {
                for i in j..<order {
                    let v = i == j ? Double(order) : rng.symmetricUnit()
                    a.elements[i + j * order] = v
                    a.elements[j + i * order] = v
                }
            }
            return { _ = try Cholesky(a) }
        }),
    // The content digest of the snapshot files (SHA-256), on 64 MiB.
    Benchmark(
        name: "sha256-digest", size: "64 MiB", flops: nil, repeats: repeats,
        prepare: {
            var rng = SplitMix64(seed: 11)
            var bytes = [UInt8](repeating: 0, count: 64 << 20)
            for k in stride(from: 0, to: bytes.count, by: 8) {
                withUnsafeBytes(of: rng.next()) { w in for b in 0..<8 { bytes[k + b] = w[b] } }
            }
            return { _ = SnapshotDigest.sha256Hex(bytes) }
        }),
]

let environment = Environment.current()
func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
log("KendaliBench: \(environment.lapackLibrary), OpenBLAS core \(environment.openBLASCore ?? "-"), "
    + "threads \(environment.blasThreads.map(String.init) ?? "unknown"), \(environment.buildConfiguration) build")
var results: [Measurement] = []
do {
    for stage in stages where only == nil || only?.contains(stage.name) == true {
        results.append(try Harness.measure(stage, log: log))
    }
} catch {
    log("KendaliBench: a stage failed: \(error)")
    exit(1)
}

struct Report: Codable {
    var environment: Environment
    var results: [Measurement]
}
do {
    let dir = URL(fileURLWithPath: outDirectory)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let stem = "bench-threads-\(environment.blasThreads.map(String.init) ?? "unknown")"
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(Report(environment: environment, results: results))
        .write(to: dir.appendingPathComponent(stem + ".json"))
    let markdown = Harness.markdown(environment, results)
    try markdown.write(to: dir.appendingPathComponent(stem + ".md"), atomically: true, encoding: .utf8)
    print(markdown, terminator: "")
} catch {
    log("KendaliBench: cannot write results to \(outDirectory): \(error)")
    exit(1)
}
