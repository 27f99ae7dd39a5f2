#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import KendaliData

/// Writes a simulated world to a folder:
///
/// ```
/// DIR/snapshots/YYYY-MM-DD.csv   one canonical snapshot file per written week
/// DIR/truth.csv                  the ground truth, one row per cooperative
/// DIR/koperasi.csv               the register of cooperatives (code and names)
/// ```
///
/// Weeks are serialised and written in parallel (each worker writes whole files), so
/// the bytes do not depend on the number of threads.
public enum WorldWriter {
    /// Writes `world` under `directory`, creating the folders as needed and replacing
    /// files of the same names.
    ///
    /// - Parameter progress: called with (files written, files in total) from any thread.
    /// - Throws: ``SimulationError/cannotCreateDirectory(path:reason:)`` or
    ///   ``SimulationError/cannotWriteFile(path:reason:)``.
    /// - Complexity: O(total bytes); about 130 bytes a report.
    public static func write(
        _ world: SimulatedWorld, to directory: String,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SimulationError) {
        let snapshots = directory.hasSuffix("/") ? directory + "snapshots" : directory + "/snapshots"
        try makeDirectories(snapshots)
        let weeks = world.reportDates.count
        let errors = ParallelSlots<SimulationError>(count: weeks)
        let counter = ProgressCounter(total: weeks + 1, report: progress)
        DispatchQueue.concurrentPerform(iterations: weeks) { w in
            let bytes = world.snapshotCSV(week: w)
            let path = snapshots + "/" + SimulatedWorld.snapshotFileName(world.reportDates[w])
            do throws(SimulationError) {
                try writeFile(bytes, to: path)
            } catch {
                errors.store(error, at: w)
            }
            counter.advance()
        }
        if let first = errors.values.first { throw first }
        let truthPath = directory.hasSuffix("/") ? directory + "truth.csv" : directory + "/truth.csv"
        try writeFile(world.truthCSV(), to: truthPath)
        let registerPath = directory.hasSuffix("/") ? directory + "koperasi.csv" : directory + "/koperasi.csv"
        try writeFile(world.registerCSV(), to: registerPath)
        counter.advance()
    }

    /// Creates `path` and its missing parents (like `mkdir -p`).
    static func makeDirectories(_ path: String) throws(SimulationError) {
        var current = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            var info = stat()
            if stat(current, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFDIR { continue }
                throw .cannotCreateDirectory(path: current, reason: "a file of that name exists")
            }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw .cannotCreateDirectory(path: current, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Writes `text` (UTF-8) to `path`, replacing the file.
    ///
    /// - Throws: ``SimulationError/cannotWriteFile(path:reason:)``.
    public static func writeText(_ text: String, to path: String) throws(SimulationError) {
        try writeFile(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path`, replacing the file.
    static func writeFile(_ bytes: [UInt8], to path: String) throws(SimulationError) {
        guard let file = fopen(path, "wb") else {
            throw .cannotWriteFile(path: path, reason: String(cString: strerror(errno)))
        }
        let written = bytes.withUnsafeBytes { raw in
            raw.baseAddress.map { fwrite($0, 1, raw.count, file) } ?? 0
        }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            throw .cannotWriteFile(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
