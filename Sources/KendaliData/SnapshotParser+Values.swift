import CSV

// Typed values parsed from a field's bytes (code, date, stage, land status, flags), and the
// checks that finish a file once its rows are read.
extension SnapshotParser {
    // MARK: Values

    static func parseCode(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> CooperativeCode? {
        let len = e - s
        guard len == 10 || len == 13 else { return nil }
        if len == 10, s >= 0, e <= bytes.count {
            // The first eight digits at once (SWAR), then the last two.
            guard let first = CSVBytes.eightDigits(bytes.loadUnaligned(fromByteOffset: s, as: UInt64.self))
            else { return nil }
            let d8 = bytes[s + 8] &- 0x30
            let d9 = bytes[s + 9] &- 0x30
            guard d8 < 10, d9 < 10 else { return nil }
            return CooperativeCode(value: Int64(first) * 100 + Int64(d8) * 10 + Int64(d9))
        }
        var v: Int64 = 0
        for k in 0..<len {
            let c = bytes[s + k]
            if len == 13, k == 2 || k == 5 || k == 8 {
                guard c == 0x2E else { return nil }
                continue
            }
            let d = c &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int64(d)
        }
        return CooperativeCode(value: v)
    }

    /// The row's date, noted for the week's date (`settleWeek`); `nil` with an error when
    /// it is empty or no date. A date other than the first one read is not an error yet:
    /// the week's date is the one most rows carry.
    mutating func readDate(_ f: CSVField) -> Day? {
        let (s, e) = range(f)
        if e == s {
            error(.missingValue, f, .tanggal, expected: "a date YYYY-MM-DD or DD/MM/YYYY")
            return nil
        }
        if let reportDate, reportDateEnd - reportDateStart == e - s,
           CSVBytes.equal(bytes, reportDateStart, s, count: e - s) {
            carefulDates.append((reportDate, f.line, nil))
            return reportDate
        }
        guard let day = Self.parseDate(bytes, s, e) else {
            error(.unreadableDate, f, .tanggal, expected: "a date YYYY-MM-DD or DD/MM/YYYY")
            return nil
        }
        if reportDate == nil {
            reportDate = day
            reportDateStart = s
            reportDateEnd = e
        }
        carefulDates.append((day, f.line, day == reportDate ? nil : valueText(f)))
        return day
    }

    /// Settles the week's date: the date most rows carry (on a tie, the one met first),
    /// and one `differingDate` error for each row that carries another.
    ///
    /// - Parameters:
    ///   - records: the records read, with their first `lines`.
    /// - Returns: the week's date, `nil` when no row has a readable date.
    /// - Complexity: O(r) for r rows.
    mutating func settleWeek(records: [SnapshotRecord], lines: [Int]) -> Day? {
        guard let first = reportDate else { return nil }
        var counts: [Day: Int] = [first: laneRows]
        var order: [Day] = [first]
        for entry in carefulDates {
            if counts[entry.day] == nil { order.append(entry.day) }
            counts[entry.day, default: 0] += 1
        }
        guard order.count > 1 else { return first }
        var week = first
        for day in order where counts[day, default: 0] > counts[week, default: 0] { week = day }
        let total = counts.values.reduce(0, +)
        let expected = "\(week.iso), the date of most rows (\(counts[week, default: 0]) of \(total))"
        let firstText = CSVScanner.text(bytes, reportDateStart, reportDateEnd, unescape: false)
        for entry in carefulDates where entry.day != week {
            error(.differingDate, line: entry.line, column: .tanggal, value: entry.text ?? firstText,
                  expected: expected)
        }
        if week != first {
            // The rows the fast lanes read carry the first date.
            for (record, line) in zip(records, lines)
            where record.tanggal == first && !carefulRowLines.contains(line) {
                error(.differingDate, line: line, column: .tanggal, value: firstText, expected: expected)
            }
        }
        reportDate = week
        return week
    }

    static func parseDate(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Day? {
        guard e - s == 10 else { return nil }
        func num(_ a: Int, _ b: Int) -> Int? {
            var v = 0
            for k in a..<b {
                let d = bytes[s + k] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        if bytes[s + 4] == 0x2D, bytes[s + 7] == 0x2D,
           let y = num(0, 4), let m = num(5, 7), let d = num(8, 10) {
            return Day(year: y, month: m, day: d)
        }
        if bytes[s + 2] == 0x2F, bytes[s + 5] == 0x2F,
           let d = num(0, 2), let m = num(3, 5), let y = num(6, 10) {
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    // `tahap` and `status_lahan` compared eight bytes at a time: the keywords of a length
    // are few, and their words are constants (`CSVBytes.foldedWords`). Near the end of
    // the buffer, byte by byte.

    static func parseTahap(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Tahap? {
        guard let (head, tail) = CSVBytes.foldedWords(bytes, s, e) else {
            return parseTahapBytewise(bytes, s, e)
        }
        switch e - s {
        case 11:
            return head == CSVBytes.word("pembangunan", from: 0)
                && tail == CSVBytes.word("pembangunan", from: 3) ? .pembangunan : nil
        case 6:
            return head == CSVBytes.word("portal", from: 0) ? .portal : nil
        case 9:
            return head == CSVBytes.word("terdaftar", from: 0)
                && tail == CSVBytes.word("terdaftar", from: 1) ? .terdaftar : nil
        case 7:
            return head == CSVBytes.word("selesai", from: 0) ? .selesai : nil
        case 10:
            return head == CSVBytes.word("beroperasi", from: 0)
                && tail == CSVBytes.word("beroperasi", from: 2) ? .beroperasi : nil
        default:
            return nil
        }
    }

    static func parseTahapBytewise(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Tahap? {
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "pembangunan") { return .pembangunan }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "portal") { return .portal }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "terdaftar") { return .terdaftar }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "selesai") { return .selesai }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "beroperasi") { return .beroperasi }
        return nil
    }

    static func parseLahan(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> StatusLahan? {
        guard let (head, tail) = CSVBytes.foldedWords(bytes, s, e) else {
            return parseLahanBytewise(bytes, s, e)
        }
        switch e - s {
        case 4:
            return head == CSVBytes.word("siap", from: 0) ? .siap : nil
        case 8:
            return head == CSVBytes.word("sengketa", from: 0) ? .sengketa : nil
        case 10:
            return head == CSVBytes.word("verifikasi", from: 0)
                && tail == CSVBytes.word("verifikasi", from: 2) ? .verifikasi : nil
        case 9:
            if head == CSVBytes.word("diusulkan", from: 0)
                && tail == CSVBytes.word("diusulkan", from: 1) { return .diusulkan }
            if head == CSVBytes.word("tidak_ada", from: 0)
                && tail == CSVBytes.word("tidak_ada", from: 1) { return .tidakAda }
            if head == CSVBytes.word("tidak ada", from: 0)
                && tail == CSVBytes.word("tidak ada", from: 1) { return .tidakAda }
            return nil
        default:
            return nil
        }
    }

    static func parseLahanBytewise(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> StatusLahan? {
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "siap") { return .siap }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "tidak_ada") { return .tidakAda }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "diusulkan") { return .diusulkan }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "verifikasi") { return .verifikasi }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "sengketa") { return .sengketa }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "tidak ada") { return .tidakAda }
        return nil
    }

    /// `parseFlag` of the trimmed `start..<end`.
    @inline(never)
    static func trimmedFlag(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int)
        -> Bool?
    {
        let (s, e) = CSVBytes.trimmed(bytes, start, end)
        return parseFlag(bytes, s, e)
    }

    @inline(__always)
    static func parseFlag(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Bool? {
        if e - s == 1 {
            switch bytes[s] {
            case 0x31, 0x79, 0x59: return true  // 1 y Y
            case 0x30, 0x6E, 0x4E: return false  // 0 n N
            default: return nil
            }
        }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "ya") { return true }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "tidak") { return false }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "true") { return true }
        if CSVBytes.equalsIgnoringCase(bytes, s, e, "false") { return false }
        return nil
    }

    // MARK: Finish

    mutating func finish(records: [SnapshotRecord], lines: [Int])
        -> Result<SnapshotFile, SnapshotFileError>
    {
        var records = records
        var lines = lines
        let week = settleWeek(records: records, lines: lines)
        // Sort by code (usually already sorted), then find duplicate codes.
        if !isSortedByCode(records) {
            let order = records.indices.sorted {
                records[$0].kode < records[$1].kode
                    || (records[$0].kode == records[$1].kode && lines[$0] < lines[$1])
            }
            records = order.map { records[$0] }
            lines = order.map { lines[$0] }
        }
        if !codeLines.isEmpty {
            codeLines.sort { $0.code != $1.code ? $0.code < $1.code : $0.line < $1.line }
            var first = 0
            var recordAtLine: [Int: Int]?
            var copies = Set<Int>()
            for i in 1..<codeLines.count {
                if codeLines[i].code != codeLines[first].code {
                    first = i
                    continue
                }
                // A row repeating the first row of its code field for field is kept once,
                // with a warning; any other row with a used code is an error.
                if recordAtLine == nil {
                    recordAtLine = Dictionary(lines.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                }
                if let a = recordAtLine?[codeLines[first].line], let b = recordAtLine?[codeLines[i].line],
                   records[a] == records[b] {
                    copies.insert(b)
                    warnings.append(SnapshotIssue(
                        .duplicateRow, file: fileName, line: codeLines[i].line,
                        column: SnapshotColumn.kode.name, value: String(codeLines[i].code),
                        expected: "a row not repeating line \(codeLines[first].line); the copy is kept once"))
                    continue
                }
                error(.duplicateCode, line: codeLines[i].line, column: .kode,
                      value: String(codeLines[i].code),
                      expected: "a code not already used on line \(codeLines[first].line)")
            }
            if !copies.isEmpty {
                let kept = records.indices.filter { !copies.contains($0) }
                records = kept.map { records[$0] }
                lines = kept.map { lines[$0] }
            }
        }
        if errors.isEmpty, omittedErrors == 0 {
            guard let reportDate = week ?? records.first?.tanggal else {
                // A header and no rows: a valid but empty week is not meaningful.
                error(.noRows, line: nil, expected: "at least one row after the header")
                return finish(records: [], lines: [])
            }
            let digest = self.digest ? (digestTask?.result() ?? SnapshotDigest.sha256Hex(original)) : ""
            warnings.sort { ($0.line ?? 0) < ($1.line ?? 0) }
            return .success(SnapshotFile(
                fileName: fileName, reportDate: reportDate, records: records,
                recordLines: lines, warnings: warnings, contentDigest: digest,
                byteCount: original.count))
        }
        var all = errors
        // Stable sort by line, file-level issues first.
        all = all.enumerated().sorted {
            let a = $0.element.line ?? 0, b = $1.element.line ?? 0
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        if omittedErrors > 0 {
            all.append(SnapshotIssue(.tooManyErrors, file: fileName, line: nil,
                                     value: "\(omittedErrors) more errors not listed",
                                     expected: "at most \(SnapshotReader.maximumIssues) errors"))
        }
        return .failure(SnapshotFileError(fileName: fileName, issues: all, omitted: omitted))
    }

    func isSortedByCode(_ records: [SnapshotRecord]) -> Bool {
        guard records.count > 1 else { return true }
        for i in 1..<records.count where records[i].kode < records[i - 1].kode { return false }
        return true
    }
}
