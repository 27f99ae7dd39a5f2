import CSV

/// The names of a file read before, which a row of the file being read shares when its
/// cooperative's name is written the same: most names are longer than the 15 bytes a
/// string holds in place, so each week's copy of a name would otherwise be one allocation
/// and its memory (one per cooperative and week of a national history). The shared string is equal
/// to the one that would have been made, so what is read never depends on which earlier
/// file, if any, was at hand.
struct EarlierNames {
    /// The earlier file's records, sorted by code (as a validated file's are).
    private let records: [SnapshotRecord]
    /// The first record whose code is not below the last code looked up.
    private var cursor = 0

    /// Names from `records`, which must be sorted by code (empty: no sharing).
    init(_ records: [SnapshotRecord] = []) {
        self.records = records
    }

    /// The index of `code`'s earlier record, if any. Rows come by code in a sorted file,
    /// so the cursor moves forward; a code below it is found by bisection.
    @inline(__always)
    mutating func index(of code: Int64) -> Int? {
        let n = records.count
        guard n > 0 else { return nil }
        if cursor > 0, records[cursor - 1].kode.value >= code {
            var lo = 0, hi = cursor
            while lo < hi {
                let mid = (lo + hi) / 2
                if records[mid].kode.value < code { lo = mid + 1 } else { hi = mid }
            }
            cursor = lo
        }
        while cursor < n, records[cursor].kode.value < code { cursor += 1 }
        guard cursor < n, records[cursor].kode.value == code else { return nil }
        cursor += 1
        return cursor - 1
    }

    /// `nama_koperasi` of earlier record `i` when it is the text of `bytes[s..<e]`.
    @inline(__always)
    func nama(_ i: Int, equals bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> String? {
        Self.same(records[i].nama, bytes, s, e)
    }

    /// `desa` of earlier record `i` when it is the text of `bytes[s..<e]`.
    @inline(__always)
    func desa(_ i: Int, equals bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> String? {
        Self.same(records[i].desa, bytes, s, e)
    }

    /// `text` when its UTF-8 is exactly `bytes[s..<e]` (``CSVBytes/same(_:as:)``) and it
    /// is held out of place (a string of 15 bytes or fewer costs nothing to make again).
    @inline(__always)
    private static func same(_ text: String?, _ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> String? {
        guard e - s > 15 else { return nil }
        return CSVBytes.same(text, as: UnsafeRawBufferPointer(rebasing: bytes[s..<e]))
    }
}

extension SnapshotParser {
    /// The text of name field `f` as ``text(_:_:)`` gives it, or the earlier file's string
    /// that `earlier` finds for its raw bytes (a field with an escaped quote is made anew).
    @inline(__always)
    static func nameText(_ bytes: UnsafeRawBufferPointer, _ f: CSVField,
                         earlier: (Int, Int) -> String?) -> String? {
        if !f.hasEscapedQuote {
            let (s, e) = f.quoted ? (f.start, f.end) : CSVBytes.trimmed(bytes, f.start, f.end)
            if let shared = earlier(s, e) { return shared }
        }
        return text(bytes, f)
    }
}
