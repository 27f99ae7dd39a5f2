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
        try files(in: folder, extensions: ["csv"])
    }

    /// File-name extensions of the weekly snapshot files a folder is read for: CSV and
    /// `.xlsx`, and the other spreadsheet formats, which are refused with one line saying
    /// what to save them as rather than passed over in silence.
    public static let snapshotExtensions: Set<String> = ["csv", "xlsx", "xlsm", "xls", "xlsb", "ods"]

    /// The snapshot files directly inside `folder` (`snapshotExtensions`, case-insensitive),
    /// as full paths sorted by name.
    ///
    /// - Throws: `SnapshotHistoryError` when the folder cannot be listed.
    public static func snapshotFiles(in folder: String) throws(SnapshotHistoryError) -> [String] {
        try files(in: folder, extensions: snapshotExtensions)
    }

    /// The regular files directly inside `folder` whose extension (lower-cased) is in
    /// `extensions`, as full paths sorted by name; hidden files are left out.
    private static func files(in folder: String, extensions: Set<String>)
        throws(SnapshotHistoryError) -> [String]
    {
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
            guard !name.hasPrefix("."), let dot = name.lastIndex(of: "."),
                  extensions.contains(name[name.index(after: dot)...].lowercased()) else { continue }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            names.append(path)
        }
        return names.sorted()
    }

    /// Reads every snapshot file of `folder` (`snapshotFiles(in:)`: CSV and `.xlsx`),
    /// validates each, and checks them against each other in date order
    /// (`build(files:source:)`).
    ///
    /// - Parameters:
    ///   - asOf: when given, weeks after this day are left out (every file is still
    ///     validated).
    ///   - sheet: the worksheet read from each workbook (the first sheet when `nil`).
    ///   - digests: `false` leaves each CSV week's ``Week/contentDigest`` empty, for a
    ///     caller that never shows or stores it (hashing took about a seventh of the CPU
    ///     of reading the national folder).
    /// - Throws: `SnapshotHistoryError` with every problem: each refused file with all its
    ///   errors, weeks given twice, an empty or unreadable folder, no week on or before
    ///   `asOf`.
    public static func load(folder: String, asOf: Day? = nil, sheet: String? = nil, digests: Bool = true)
        throws(SnapshotHistoryError) -> SnapshotHistory
    {
        let paths = try snapshotFiles(in: folder)
        if paths.isEmpty { throw SnapshotHistoryError(problems: [.noFiles(path: folder)]) }
        // Files are read and validated in parallel (each on its own); the checks across
        // weeks then run in date order.
        var files: [SnapshotFile] = []
        var problems: [SnapshotHistoryError.Problem] = []
        for result in SnapshotReader.read(contentsOfFiles: paths, sheet: sheet, digests: digests) {
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

