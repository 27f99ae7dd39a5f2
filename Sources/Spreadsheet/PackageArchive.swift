import Foundation
import ZIPFoundation

/// The zip archive of an Office Open XML package (ECMA-376 Part 2, Annex C), opened with
/// bounds: at most so many entries, and every part extracted in chunks with its bytes
/// counted, so that neither a false declared size nor a zip bomb can make it expand past
/// its limit. ZIPFoundation reads the directory and stored entries; deflated entries are
/// inflated by ``BoundedInflater``, which stops at the entry's compressed size.
struct PackageArchive {
    /// The archive.
    let archive: Archive
    /// Each entry's path by its lower-cased path: package part names compare without
    /// regard to case (ECMA-376 Part 2, §9.1.1.1).
    let paths: [String: String]
    /// The file's name, for error locations.
    let fileName: String
    /// The bounds in force.
    let limits: SpreadsheetLimits
    /// The archive file, read directly for deflated entries.
    let handle: FileHandle
    /// Where each entry's data lies, by path, for ``BoundedInflater``.
    let spans: [String: BoundedInflater.Span]

    /// Where the bytes come from.
    enum Source: Sendable, Hashable {
        case file(URL)
        case data(Data)
    }

    /// Opens the archive and lists its entries.
    ///
    /// - Throws: ``SpreadsheetError`` when the archive cannot be read or lists too many
    ///   entries.
    init(_ source: Source, fileName: String, limits: SpreadsheetLimits) throws {
        self.fileName = fileName
        self.limits = limits
        let location = SpreadsheetLocation(file: fileName)
        do {
            switch source {
            case .file(let url):
                archive = try Archive(url: url, accessMode: .read, pathEncoding: nil)
                handle = try FileHandle(forReadingFrom: url)
            case .data(let data):
                // ZIPFoundation's in-memory archives trap on a seek past the end, which a
                // damaged archive's offsets cause; a file reads short there instead. The
                // file is unlinked at once: the archive keeps it open.
                let url = FileManager.default.temporaryDirectory
                    .appendingPathComponent("spreadsheet-\(UUID().uuidString).zip")
                try data.write(to: url)
                defer { try? FileManager.default.removeItem(at: url) }
                archive = try Archive(url: url, accessMode: .read, pathEncoding: nil)
                handle = try FileHandle(forReadingFrom: url)
            }
        } catch {
            throw SpreadsheetError(.unreadableArchive("\(error)"), at: location)
        }
        var paths: [String: String] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= limits.maximumEntries else {
                throw SpreadsheetError(.tooManyEntries(limit: limits.maximumEntries), at: location)
            }
            let path = entry.path
            paths[path.lowercased(), default: path] = path
        }
        self.paths = paths
        do {
            spans = try BoundedInflater.spans(of: handle, maximumEntries: limits.maximumEntries)
        } catch {
            throw SpreadsheetError(.unreadableArchive("\(error)"), at: location)
        }
    }

    /// Whether the package holds `part` (a path without a leading `/`).
    func contains(_ part: String) -> Bool { paths[part.lowercased()] != nil }

    /// The bytes of `part`, at most `limit` of them.
    ///
    /// - Throws: ``SpreadsheetError`` when the part is missing, would expand past `limit`,
    ///   or cannot be extracted.
    func data(of part: String, limit: Int) throws -> Data {
        var data = Data()
        try extract(part, limit: limit) { chunk in data.append(chunk) }
        return data
    }

    /// Streams the bytes of `part` to `consumer` in chunks of at most 64 KiB, stopping
    /// with ``SpreadsheetError/Kind/partTooLarge(limit:)`` as soon as more than `limit`
    /// bytes have come out, whatever size the archive declares. The size and CRC-32 are
    /// checked after the last chunk; an error `consumer` throws comes back as it is.
    func extract(_ part: String, limit: Int, _ consumer: (Data) throws -> Void) throws {
        let location = SpreadsheetLocation(file: fileName, part: part)
        guard let path = paths[part.lowercased()], let entry = archive[path] else {
            throw SpreadsheetError(.missingPart(part), at: SpreadsheetLocation(file: fileName))
        }
        guard entry.type == .file else {
            throw SpreadsheetError(.unreadableArchive("\(part) is not a file"), at: location)
        }
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw SpreadsheetError(.partTooLarge(limit: limit), at: location)
        }
        var produced = 0
        let checksum: CRC32
        do {
            let counted: (Data) throws -> Void = { chunk in
                produced += chunk.count
                guard produced <= limit else { throw SpreadsheetError(.partTooLarge(limit: limit), at: location) }
                do {
                    try consumer(chunk)
                } catch {
                    throw ConsumerFailure(error: error)
                }
            }
            if entry.isCompressed, BoundedInflater.isAvailable, let span = spans[path] {
                checksum = try BoundedInflater.inflate(handle, span, counted)
            } else {
                checksum = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false, consumer: counted)
            }
        } catch let failure as ConsumerFailure {
            throw failure.error
        } catch let error as SpreadsheetError {
            throw error
        } catch BoundedInflater.Failure.damaged(let why) {
            throw SpreadsheetError(.unreadableArchive("\(part): \(why)"), at: location)
        } catch {
            throw SpreadsheetError(.unreadableArchive("\(part) cannot be extracted: \(error)"), at: location)
        }
        guard UInt64(produced) == entry.uncompressedSize, checksum == entry.checksum else {
            throw SpreadsheetError(.unreadableArchive("\(part) fails its size or CRC-32 check"), at: location)
        }
    }
}

/// An error of an extraction's consumer, carried past the extraction's own error handling.
private struct ConsumerFailure: Error {
    let error: Error
}
