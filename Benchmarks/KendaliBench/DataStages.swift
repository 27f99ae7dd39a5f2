import Foundation
import KendaliData

/// Benchmarks of the data path on a folder of weekly snapshot files: read and validate every
/// file, import them into a new store, load the whole history back from the store, and compute
/// the regency status of the last week from the store's history, and from the store's few
/// weeks it needs (`StatusReport.compute(store:)`, what `kendali status --db` runs).
///
/// Targets (issue "weekly snapshots in"): import of the bundled dataset (70 weeks × 1,166)
/// under 2 s; one national week (80,000 rows) under 1 s; `status` on the national store under
/// 1 s.
enum DataStages {
    static func make(folder: String, repeats: Int) -> [Benchmark] {
        let files = (try? SnapshotHistory.csvFiles(in: folder)) ?? []
        let bytes = files.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        let size = "\(files.count) files, \(bytes / 1_000_000) MB"
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-bench-\(getpid())")
        try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let storePath = scratch.appendingPathComponent("history.sqlite").path

        func readAll() throws -> [SnapshotFile] {
            try files.map { path throws(SnapshotFileError) in try SnapshotReader.read(contentsOf: path) }
        }
        func freshStore() throws -> HistoryStore {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
            return try HistoryStore.open(path: storePath)
        }
        return [
            Benchmark(name: "read-snapshots", size: size, flops: nil, repeats: repeats, prepare: {
                { _ = try readAll() }
            }),
            Benchmark(name: "import-store", size: size, flops: nil, repeats: repeats, prepare: {
                let parsed = try readAll()
                return {
                    let store = try freshStore()
                    for file in parsed { _ = try store.ingest(file: file, replace: false) }
                }
            }),
            Benchmark(name: "read-and-import", size: size, flops: nil, repeats: repeats, prepare: {
                {
                    let store = try freshStore()
                    for file in try readAll() { _ = try store.ingest(file: file, replace: false) }
                }
            }),
            Benchmark(name: "load-history-from-store", size: size, flops: nil, repeats: repeats, prepare: {
                let store = try freshStore()
                for file in try readAll() { _ = try store.ingest(file: file, replace: false) }
                return { _ = try SnapshotHistory.load(store: storePath) }
            }),
            Benchmark(name: "status-regency-from-store", size: size, flops: nil, repeats: repeats, prepare: {
                let store = try freshStore()
                for file in try readAll() { _ = try store.ingest(file: file, replace: false) }
                return {
                    let history = try SnapshotHistory.load(store: storePath)
                    _ = StatusReport.compute(history: history, level: .regency)
                }
            }),
            Benchmark(name: "status-regency-store-weeks", size: size, flops: nil, repeats: repeats, prepare: {
                let store = try freshStore()
                for file in try readAll() { _ = try store.ingest(file: file, replace: false) }
                return { _ = try StatusReport.compute(store: storePath, level: .regency) }
            }),
        ]
    }
}
