import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension SnapshotHistory {
    /// The `.csv` files directly inside `folder` (case-insensitive extension), as full
    /// paths sorted by name.
    ///
    /// - Throws: `SnapshotHistoryError` when the folder cannot be listed.
    public static func csvFiles(in folder: String) throws(SnapshotHistoryError) -> [String] {
        guard let dir = opendir(folder) else {
            let reason = String(cString: strerror(errno))
            throw SnapshotHistoryError(problems: [.unreadableFolder(path: folder, reason: reason)])
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix("."), name.lowercased().hasSuffix(".csv") else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            names.append(path)
        }
        return names.sorted()
    }

    /// Reads every `.csv` file of `folder`, validates each, and checks them against each
    /// other in date order (`build(files:source:)`).
    ///
    /// - Parameter asOf: when given, weeks after this day are left out (every file is
    ///   still validated).
    /// - Throws: `SnapshotHistoryError` with every problem: each refused file with all its
    ///   errors, weeks given twice, an empty or unreadable folder, no week on or before
    ///   `asOf`.
    public static func load(folder: String, asOf: Day? = nil) throws(SnapshotHistoryError)
        -> SnapshotHistory
    {
        let paths = try csvFiles(in: folder)
        if paths.isEmpty { throw SnapshotHistoryError(problems: [.noFiles(path: folder)]) }
        // Files are read and validated in parallel (each on its own); the checks across
        // weeks then run in date order.
        var files: [SnapshotFile] = []
        var problems: [SnapshotHistoryError.Problem] = []
        for result in SnapshotReader.read(contentsOfFiles: paths) {
            switch result {
            case let .success(file): files.append(file)
            case let .failure(error): problems.append(.refused(error))
            }
        }
        var history: SnapshotHistory
        do {
            history = try build(files: files, source: .folder(path: folder))
        } catch {
            throw SnapshotHistoryError(problems: problems + error.problems)
        }
        if !problems.isEmpty { throw SnapshotHistoryError(problems: problems) }
        if let asOf {
            history = history.asOf(asOf)
            if history.weeks.isEmpty { throw SnapshotHistoryError(problems: [.noWeekAsOf(asOf)]) }
        }
        return history
    }

    /// Loads the active history of the store at `path` (opened read-only).
    ///
    /// - Parameter asOf: when given, weeks after this day are left out.
    /// - Throws: `SnapshotHistoryError` wrapping the store's error, or when no week is on or
    ///   before `asOf` (or the store is empty).
    public static func load(store path: String, asOf: Day? = nil) throws(SnapshotHistoryError)
        -> SnapshotHistory
    {
        let history: SnapshotHistory
        do {
            let store = try HistoryStore.open(path: path, mode: .readOnly)
            history = try store.loadHistory(asOf: asOf)
        } catch {
            throw SnapshotHistoryError(problems: [.store(error)])
        }
        if history.weeks.isEmpty {
            if let asOf { throw SnapshotHistoryError(problems: [.noWeekAsOf(asOf)]) }
            throw SnapshotHistoryError(problems: [.emptyStore(path: path)])
        }
        return history
    }
}

