import Dispatch

extension SnapshotValidator {
    /// ``check(previous:current:)`` for every file of a history at once, each against the
    /// files before it, with the same results as checking them one after another while
    /// keeping the map of each cooperative's latest report; `nil` when the files are not
    /// in that simple shape (see below), and the caller checks them one by one.
    ///
    /// One pass in date order finds, for each record, the file and row of its
    /// cooperative's previous report (a merge of each file's rising codes with those seen
    /// before); the files are then checked side by side, each reading its previous
    /// reports in place.
    /// A national history (80,000 cooperatives × 70 weeks) is checked in a fraction of the
    /// time of the one-by-one walk, which copied every report into the map.
    ///
    /// The shape required: report dates strictly increasing, every record dated with its
    /// file's report date (the reader refuses a file otherwise) and each file's codes
    /// rising (sorted, none twice), as the reader and the store give them.
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
        ///
        /// Each file's codes are read side by side (checking its dates; sorted, with their
        /// rows, when they do not already rise as a validated file's do); the links then come
        /// from one merge of each file's codes, in date order, with the sorted codes seen so
        /// far.
        init?(_ files: [SnapshotFile]) {
            for k in files.indices.dropFirst() where files[k].reportDate <= files[k - 1].reportDate {
                return nil
            }
            let read = ParallelSlots<RisingCodes?>(count: files.count)
            DispatchQueue.concurrentPerform(iterations: files.count) { k in
                read.store(RisingCodes(files[k]), at: k)
            }
            let codes = read.values
            guard codes.count == files.count else { return nil }
            var seen: [Int64] = []  // every code so far, rising
            var last: [Int64] = []  // the latest report of each, packed
            var previous: [[Int64]] = []
            var lastNonEmpty: [Int] = []
            var nonEmpty = -1
            previous.reserveCapacity(files.count)
            for (k, fileCodes) in codes.enumerated() {
                guard let fileCodes else { return nil }
                var links = [Int64](repeating: -1, count: fileCodes.codes.count)
                var arrivals: [(code: Int64, link: Int64)] = []
                var u = 0
                for (j, code) in fileCodes.codes.enumerated() {
                    while u < seen.count, seen[u] < code { u += 1 }
                    let i = fileCodes.rows.map { Int($0[j]) } ?? j
                    let here = Int64(k) << 32 | Int64(i)
                    if u < seen.count, seen[u] == code {
                        links[i] = last[u]
                        last[u] = here
                    } else {
                        arrivals.append((code, here))
                    }
                }
                if !arrivals.isEmpty { (seen, last) = Self.merged(seen, last, arrivals) }
                previous.append(links)
                lastNonEmpty.append(nonEmpty)
                if !fileCodes.codes.isEmpty { nonEmpty = k }
            }
            self.previous = previous
            self.lastNonEmpty = lastNonEmpty
        }

        /// A file's codes in rising order, with the row of each when the file's own order
        /// is not rising.
        private struct RisingCodes: Sendable {
            let codes: [Int64]
            /// `rows[j]` is the row of `codes[j]`; `nil` when that is `j`.
            let rows: [Int32]?

            /// The codes of `file`; `nil` when a record is not dated with the file's report
            /// date or a code is there twice.
            init?(_ file: SnapshotFile) {
                var codes: [Int64] = []
                codes.reserveCapacity(file.records.count)
                var rising = true
                for r in file.records {
                    guard r.tanggal == file.reportDate else { return nil }
                    if let last = codes.last, last >= r.kode.value { rising = false }
                    codes.append(r.kode.value)
                }
                if rising {
                    self.codes = codes
                    rows = nil
                    return
                }
                let order = codes.indices.sorted { codes[$0] < codes[$1] }
                let sorted = order.map { codes[$0] }
                for j in sorted.indices.dropFirst() where sorted[j] == sorted[j - 1] { return nil }
                self.codes = sorted
                rows = order.map { Int32($0) }
            }
        }

        /// The rising codes `seen` (with `last`) and the rising `arrivals`, merged.
        private static func merged(_ seen: [Int64], _ last: [Int64], _ arrivals: [(code: Int64, link: Int64)])
            -> ([Int64], [Int64])
        {
            var codes: [Int64] = [], links: [Int64] = []
            codes.reserveCapacity(seen.count + arrivals.count)
            links.reserveCapacity(seen.count + arrivals.count)
            var a = 0, b = 0
            while a < seen.count || b < arrivals.count {
                if b == arrivals.count || (a < seen.count && seen[a] < arrivals[b].code) {
                    codes.append(seen[a]); links.append(last[a]); a += 1
                } else {
                    codes.append(arrivals[b].code); links.append(arrivals[b].link); b += 1
                }
            }
            return (codes, links)
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
}
