/// Why the history store could not do what was asked.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A different file for the same week is already stored and `replace` was not asked
    /// for: `existingFile` is the name of the active revision (`revision`),
    /// `differingRows` the cooperatives whose rows differ between it and the new file
    /// (changed, or on one side only), and `nameDate` the date in the new file's name
    /// when it names another week (then `--replace` is not suggested: it would store the
    /// file over the week of its rows, not the week of its name).
    case weekAlreadyStored(
        Day, existingFile: String, revision: Int = 1, differingRows: Int = 0, nameDate: Day? = nil)
    /// The store file does not exist (read-only opening never creates one).
    case storeNotFound(path: String)
    /// The file could not be opened or created (a missing folder, no permission).
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a Kendali history store (not SQLite, or another schema).
    case notAStore(path: String, reason: String)
    /// The store was written by a newer Kendali: it holds schema versions this one does
    /// not know, so it is not touched.
    case newerSchema(path: String, unknownVersions: [String])
    /// The store opened read-only has not been migrated to this version's schema.
    case outdatedSchema(path: String)
    /// The file was refused against the stored history (for example a cooperative seen
    /// for the first time without `desa`, `kecamatan` or `kabupaten`).
    case refused(SnapshotFileError)
    /// SQLite reported an error; the transaction was rolled back.
    case database(String)

    /// A sentence naming the problem.
    public var description: String {
        switch self {
        case let .weekAlreadyStored(day, existing, revision, differing, nameDate):
            "week \(day.iso) is already stored from '\(existing)' (revision \(revision)); this file's "
                + "tanggal_laporan is \(day.iso) and \(differing) row\(differing == 1 ? "" : "s") differ"
                + (nameDate.map {
                    "; its name says \($0.iso): if it holds the week \($0.iso), correct tanggal_laporan"
                        + " (--replace would store it over the week \(day.iso))"
                } ?? "; use --replace to store this file as revision \(revision + 1) of the week \(day.iso) (the old one is kept)")
        case let .storeNotFound(path):
            "no history store at '\(path)' (run 'kendali ingest FILE --db \(path)' first)"
        case let .cannotOpen(path, reason):
            "cannot open the store '\(path)': \(reason)"
        case let .notAStore(path, reason):
            "'\(path)' is not a Kendali history store: \(reason)"
        case let .newerSchema(path, versions):
            "'\(path)' was written by a newer Kendali (schema \(versions.joined(separator: ", "))); upgrade Kendali to use it"
        case let .outdatedSchema(path):
            "'\(path)' uses an older schema; open it once for writing (for example with 'kendali ingest') to migrate it"
        case let .refused(error):
            error.description
        case let .database(message):
            "database error: \(message)"
        }
    }
}
