import Charts
import Dispatch
import Foundation
import KendaliData

/// Writes a report folder: `index.html`, `report.md`, `charts/*.svg` and
/// `data/*.csv|json`, atomically.
///
/// The files are built in a hidden temporary folder next to the destination and moved into
/// place with one rename, so a failure leaves nothing partial behind: either the whole new
/// report is there or the destination is as it was.
public enum ReportWriter {
    /// Every file of the report: its path relative to the report folder and its text.
    ///
    /// The files are made side by side (each depends only on `doc`) and listed in a fixed
    /// order: `index.html`, `report.md`, the charts, the other pages, then each table's CSV
    /// and JSON.
    public static func files(for doc: ReportDocument) -> [(path: String, contents: String)] {
        var jobs: [(path: String, make: @Sendable (ReportDocument) -> String)] = [
            ("index.html", { HTMLRenderer.render($0) }),
            ("report.md", { MarkdownRenderer.render($0) }),
        ]
        for (k, asset) in doc.charts.enumerated() {
            jobs.append(("charts/" + asset.name + ".svg", { doc in
                let asset = doc.charts[k]
                return asset.chart.svg(SVGOptions(embedding: .standalone, idPrefix: asset.name))
            }))
        }
        for (k, page) in doc.pages.enumerated() {
            jobs.append((page.path, { HTMLRenderer.render(page: $0.pages[k], of: $0) }))
        }
        for (k, table) in doc.tables.enumerated() {
            jobs.append(("data/" + table.name + ".csv", { $0.tables[k].csv() }))
            jobs.append(("data/" + table.name + ".json", { $0.tables[k].json() }))
        }
        let made = ParallelSlots<String>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { k in
            made.store(work[k].make(doc), at: k)
        }
        return Array(zip(jobs.map(\.path), made.values))
    }

    /// Writes the report of `doc` to the folder `path` (created, or replaced when it holds
    /// an earlier report).
    ///
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` when the parent folder is
    ///   missing, `path` is a file or a folder that is not a report, or a write fails;
    ///   nothing is left behind then.
    public static func write(_ doc: ReportDocument, to path: String) throws(ReportError) {
        // The workbook (its sheets and their compression, the longest single job of a
        // national report) is made beside the text files, not before them.
        let workbookSlot = ParallelSlots<Result<Data, any Error>>(count: 1)
        let textSlot = ParallelSlots<[(path: String, contents: String)]>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                workbookSlot.store(Result { try ReportWorkbook.data(for: doc) }, at: 0)
            } else {
                textSlot.store(files(for: doc), at: 0)
            }
        }
        var binaries: [(path: String, contents: Data)] = []
        switch workbookSlot.values.first {
        case let .success(workbook)?:
            if !workbook.isEmpty { binaries.append((ReportWorkbook.path, workbook)) }
        case let .failure(error)?:
            throw .cannotWrite(path: path, reason: "\(ReportWorkbook.path): \(error)")
        case nil:
            throw .cannotWrite(path: path, reason: "\(ReportWorkbook.path): not made")
        }
        try write(files: textSlot.values.first ?? files(for: doc), binaries: binaries, to: path)
    }

    /// Checks that a report can be written to the folder `path`, without writing anything:
    /// the folder above it exists, `path` is not a file, and an existing folder `path` is
    /// empty or holds a report (it is replaced then). ``write(_:to:)`` makes the same checks;
    /// a caller makes them first to refuse a destination before computing the report.
    ///
    /// - Returns: whether the folder `path` exists.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` naming what is wrong.
    @discardableResult
    public static func checkDestination(_ path: String) throws(ReportError) -> Bool {
        let fm = FileManager.default
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .cannotWrite(path: path, reason: "the folder \(parent.path) does not exist")
        }
        let exists = fm.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else { throw .cannotWrite(path: path, reason: "it is a file, not a folder") }
            let entries = (try? fm.contentsOfDirectory(atPath: destination.path)) ?? []
            let looksLikeReport = entries.isEmpty || entries.contains("index.html") || entries.contains("report.md")
            guard looksLikeReport else {
                throw .cannotWrite(path: path, reason: "the folder exists and does not hold a report; choose another --out")
            }
        }
        return exists
    }

    /// Writes `files` into the folder `path` atomically (see ``write(_:to:)``).
    public static func write(files: [(path: String, contents: String)], binaries: [(path: String, contents: Data)] = [],
                             to path: String) throws(ReportError) {
        let fm = FileManager.default
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        let exists = try checkDestination(path)
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = parent.appendingPathComponent("." + name + ".tmp-" + token)
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
            for file in files {
                let url = temporary.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            for file in binaries {
                let url = temporary.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
            }
            if exists {
                let old = parent.appendingPathComponent("." + name + ".old-" + token)
                try fm.moveItem(at: destination, to: old)
                do {
                    try fm.moveItem(at: temporary, to: destination)
                } catch {
                    try? fm.moveItem(at: old, to: destination)
                    throw error
                }
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: temporary, to: destination)
            }
        } catch {
            try? fm.removeItem(at: temporary)
            throw .cannotWrite(path: path, reason: String(describing: error))
        }
    }

    /// Writes one file atomically (a temporary file next to it, then a rename).
    ///
    /// - Throws: ``ReportError/cannotWrite(path:reason:)``.
    public static func writeFile(_ contents: String, to path: String) throws(ReportError) {
        let fm = FileManager.default
        let destination = URL(fileURLWithPath: path).standardizedFileURL
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent("." + destination.lastPathComponent + ".tmp-" + token)
        do {
            try Data(contents.utf8).write(to: temporary)
            // rename(2) replaces an existing file atomically (Foundation's replaceItemAt
            // fails on Linux for some existing files).
            if rename(temporary.path, destination.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fm.removeItem(at: temporary)
                throw ReportError.cannotWrite(path: path, reason: reason)
            }
        } catch let error as ReportError {
            throw error
        } catch {
            try? fm.removeItem(at: temporary)
            throw .cannotWrite(path: path, reason: String(describing: error))
        }
    }
}
