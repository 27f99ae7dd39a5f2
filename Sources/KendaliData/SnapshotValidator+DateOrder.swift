import Dispatch

extension SnapshotValidator {
    /// ``check(previous:current:)`` for every file of a history at once, each against the
    /// files before it, with the same results as checking them one after another while
    /// keeping the map of each cooperative's latest report; `nil` when the files are not
    /// in that simple shape (see below), and the caller checks them one by one.
    ///
    /// One pass in date order finds, for each record, the file and row of its
    /// cooperative's previous report (codes numbered by an open-addressing table); the
    /// files are then checked side by side, each reading its previous reports in place.
    /// A national history (80,000 cooperatives × 70 weeks) is checked in a fraction of the
    /// time of the one-by-one walk, which copied every report into the map.
    ///
    /// The shape required: report dates strictly increasing, every record dated with its
    /// file's report date (the reader refuses a file otherwise) and no code twice in a file.
    ///
    /// - Returns: per file, its warnings or the error refusing it.
    /// - Complexity: O(total records) expected.
    static func checkInDateOrder(_ files: [SnapshotFile]) -> [Result<[SnapshotIssue], SnapshotFileError>]? {
        guard let links = PreviousLinks(files) else { return nil }
        let results = ParallelSlots<Result<[SnapshotIssue], SnapshotFileError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            results.store(links.check(file: k, files), at: k)
        }
        let values = results.values
        return values.count == files.count ? values : nil
    }

    /// Where each record's previous report is: its file and row, packed as
    /// `file << 32 | row` (−1 for none).
    private struct PreviousLinks: Sendable {
        /// Per file, per record.
        let previous: [[Int64]]
        /// Per file, the last earlier file with at least one record (−1 for none).
        let lastNonEmpty: [Int]

        /// The links of `files`; `nil` outside the shape ``checkInDateOrder(_:)`` requires.
        init?(_ files: [SnapshotFile]) {
            var table = CodeNumbers(capacity: files.map(\.records.count).max() ?? 0)
            var last: [Int64] = []
            var stamp: [Int32] = []
            var previous: [[Int64]] = []
            var lastNonEmpty: [Int] = []
            var nonEmpty = -1
            previous.reserveCapacity(files.count)
            for (k, file) in files.enumerated() {
                if k > 0, file.reportDate <= files[k - 1].reportDate { return nil }
                var links = [Int64](repeating: -1, count: file.records.count)
                for i in file.records.indices {
                    guard file.records[i].tanggal == file.reportDate else { return nil }
                    let id = table.number(of: file.records[i].kode.value)
                    if id == last.count {
                        last.append(-1)
                        stamp.append(-1)
                    }
                    if stamp[id] == Int32(k) { return nil }
                    stamp[id] = Int32(k)
                    links[i] = last[id]
                    last[id] = Int64(k) << 32 | Int64(i)
                }
                previous.append(links)
                lastNonEmpty.append(nonEmpty)
                if !file.records.isEmpty { nonEmpty = k }
            }
            self.previous = previous
            self.lastNonEmpty = lastNonEmpty
        }

        /// The checks of file `k` of `files`.
        func check(file k: Int, _ files: [SnapshotFile]) -> Result<[SnapshotIssue], SnapshotFileError> {
            let links = previous[k]
            let m = lastNonEmpty[k]
            var missing: [CooperativeCode] = []
            if m >= 0 {
                // The cooperatives of file m whose next report is not in file k.
                var continued = [Bool](repeating: false, count: files[m].records.count)
                for link in links where link >= 0 && Int(link >> 32) == m {
                    continued[Int(link & 0xFFFF_FFFF)] = true
                }
                for (j, kept) in continued.enumerated() where !kept { missing.append(files[m].records[j].kode) }
            }
            do throws(SnapshotFileError) {
                return .success(try SnapshotValidator.check(
                    current: files[k],
                    previous: { i in
                        let link = links[i]
                        guard link >= 0 else { return nil }
                        let f = Int(link >> 32), r = Int(link & 0xFFFF_FFFF)
                        return PreviousReport(date: files[f].reportDate, progress: files[f].records[r].progresFisik,
                                              tahap: files[f].records[r].tahap)
                    },
                    lastDate: m >= 0 ? files[m].reportDate : nil, missing: missing))
            } catch {
                return .failure(error)
            }
        }
    }

    /// Numbers for cooperative codes in order of first sight (0, 1, 2, …): open addressing
    /// with Fibonacci hashing, grown at half full.
    private struct CodeNumbers {
        private var codes: [Int64]
        private var numbers: [Int32]
        private var count = 0
        private var shift: UInt64
        private var mask: Int

        /// A table sized for about `capacity` codes.
        init(capacity: Int) {
            var bits: UInt64 = 4
            while (1 << bits) < 2 * capacity { bits += 1 }
            codes = [Int64](repeating: 0, count: 1 << Int(bits))
            numbers = [Int32](repeating: 0, count: 1 << Int(bits))
            shift = 64 - bits
            mask = (1 << Int(bits)) - 1
        }

        /// The number of `code` (a new one, the next number, on first sight; no code is 0).
        mutating func number(of code: Int64) -> Int {
            var slot = Int((UInt64(bitPattern: code) &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
            while codes[slot] != 0 {
                if codes[slot] == code { return Int(numbers[slot]) }
                slot = (slot + 1) & mask
            }
            codes[slot] = code
            numbers[slot] = Int32(count)
            count += 1
            if 2 * count > codes.count { grow() }
            return count - 1
        }

        /// Doubles the table.
        private mutating func grow() {
            let old = (codes, numbers)
            let bits = 64 - shift + 1
            codes = [Int64](repeating: 0, count: 1 << Int(bits))
            numbers = [Int32](repeating: 0, count: 1 << Int(bits))
            shift = 64 - bits
            mask = (1 << Int(bits)) - 1
            for (code, n) in zip(old.0, old.1) where code != 0 {
                var slot = Int((UInt64(bitPattern: code) &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
                while codes[slot] != 0 { slot = (slot + 1) & mask }
                codes[slot] = code
                numbers[slot] = n
            }
        }
    }
}
