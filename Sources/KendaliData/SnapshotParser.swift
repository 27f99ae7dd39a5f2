import CSV

/// The columns of spec version 1, in `SnapshotColumns.all` order.
enum SnapshotColumn: Int, CaseIterable {
    case kode, nama, desa, kecamatan, kabupaten, tanggal, tahap, badanHukum, pengurusLengkap,
         jumlahAnggota, rapatAnggota, nib, npwp, rekeningBank, laporanTepatWaktu, statusLahan,
         progresFisik, unitUsahaAktif, omzetBulanan, anggotaAktif, kendalaLahan, kendalaCuaca,
         kendalaTenagaKerja, kendalaTeknis, catatan

    /// The spec's name of the column.
    var name: String { SnapshotColumns.all[rawValue] }

    /// Columns by their spec name.
    static let byName: [String: SnapshotColumn] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.name, $0) })

    /// True when a file without this column is rejected. `desa`, `kecamatan` and
    /// `kabupaten` are required only for a cooperative's first report, which the reader
    /// can't know; they may be absent from the header.
    var requiredInHeader: Bool {
        switch self {
        case .nama, .desa, .kecamatan, .kabupaten, .omzetBulanan, .anggotaAktif, .catatan:
            false
        default:
            true
        }
    }

    /// Bit of a 0/1 column in a row's flag mask (0–10; other columns share bit 15, unused).
    var flagBit: Int {
        switch self {
        case .badanHukum: 0
        case .pengurusLengkap: 1
        case .rapatAnggota: 2
        case .nib: 3
        case .npwp: 4
        case .rekeningBank: 5
        case .laporanTepatWaktu: 6
        case .kendalaLahan: 7
        case .kendalaCuaca: 8
        case .kendalaTenagaKerja: 9
        case .kendalaTeknis: 10
        default: 15
        }
    }

    /// The mask with the bit of every 0/1 column set.
    static let allFlagBits: UInt16 = 0x07FF

    /// The 0/1 columns.
    var isFlag: Bool {
        switch self {
        case .badanHukum, .pengurusLengkap, .rapatAnggota, .nib, .npwp, .rekeningBank,
             .laporanTepatWaktu, .kendalaLahan, .kendalaCuaca, .kendalaTenagaKerja, .kendalaTeknis:
            true
        default:
            false
        }
    }
}

/// The single-use state of one parse: the issues found so far and the row loop.
struct SnapshotParser {
    /// The UTF-8 text parsed.
    let bytes: UnsafeRawBufferPointer
    /// The file's own bytes, which the digest and size are of: `bytes`, unless the file
    /// was transcoded to UTF-8 from another encoding.
    let original: UnsafeRawBufferPointer
    let fileName: String
    private(set) var errors: [SnapshotIssue] = []
    var omittedErrors = 0
    /// The errors past the ones kept, by column and kind, in the order first met.
    var omitted: [SnapshotIssueCount] = []
    /// Where each column and kind is in `omitted`.
    var omittedIndex: [OmittedKey: Int] = [:]
    var warnings: [SnapshotIssue] = []
    var decimalComma = false
    var delimiter: UInt8 = 0x2C
    /// The content digest, being computed on another thread for a large file.
    var digestTask: SnapshotDigestTask?
    /// The delimiters and line ends ahead of the fast lane.
    var stops = CSVStopIndex(delimiter: 0x2C)
    /// Field index of each column, -1 when absent.
    var fieldIndex = [Int](repeating: -1, count: SnapshotColumn.allCases.count)
    var headerCount = 0
    /// Every well-formed code with its line, for the duplicate check.
    var codeLines: [(code: Int64, line: Int)] = []

    /// Whether rows may take the fast lanes (`plainRecord`, `fastRecord`); the careful lane
    /// alone gives the same result, which the tests check.
    let fastLane: Bool
    /// Whether rows without quotes may take the plain lane (`plainRecord`); off, every
    /// fast row takes `fastRecord` (for tests).
    let plainLane: Bool
    /// Whether the digest of a large file may be computed on another thread.
    let overlapDigest: Bool
    /// Whether the content digest is computed at all (`false`: the file's
    /// ``SnapshotFile/contentDigest`` is left empty).
    let digest: Bool

    // The first readable date and where its bytes are (to skip re-parsing identical
    // dates): the week's date while the rows are read, which the fast lanes require of a
    // row. The week's date is the date most rows carry, settled in `finish`
    // (`settleWeek`).
    var reportDate: Day?
    var reportDateStart = 0
    var reportDateEnd = 0
    /// Rows read by the fast lanes (each carries `reportDate`).
    var laneRows = 0
    /// The readable date of each row read the careful way: its date, the line of its
    /// date field, and the field's text when the date is not `reportDate`.
    var carefulDates: [(day: Day, line: Int, text: String?)] = []
    /// The first line of each row read the careful way.
    var carefulRowLines: Set<Int> = []

    /// The names of a file read before, shared where a row's are the same.
    var earlierNames: EarlierNames

    // Text interning for the columns that repeat from row to row.
    var lastKecamatan = TextCache()
    var lastKabupaten = TextCache()

    /// A parser of `bytes` (`original`, when given, is the file they were transcoded
    /// from); `fastLane: false` reads every row the careful way and
    /// `plainLane: false` every fast row the quote-aware way (both for tests);
    /// `overlapDigest: false` hashes on the calling thread (when every core is busy
    /// reading files anyway); `digest: false` does not hash at all. `earlier` are the
    /// records of a file read before (sorted by code), whose names the rows share where
    /// they are the same (``EarlierNames``).
    init(bytes: UnsafeRawBufferPointer, original: UnsafeRawBufferPointer? = nil,
         fileName: String, fastLane: Bool = true, plainLane: Bool = true,
         overlapDigest: Bool = true, digest: Bool = true, earlier: [SnapshotRecord] = []) {
        self.bytes = bytes
        self.original = original ?? bytes
        self.fileName = fileName
        self.fastLane = fastLane
        self.plainLane = plainLane
        self.overlapDigest = overlapDigest
        self.digest = digest
        earlierNames = EarlierNames(earlier)
    }

    // MARK: Issues

    mutating func error(
        _ kind: SnapshotIssue.Kind, line: Int?, column: SnapshotColumn? = nil,
        columnName: String? = nil, value: String? = nil, expected: String
    ) {
        guard errors.count < SnapshotReader.maximumIssues else {
            omit(kind, column: column?.name ?? columnName)
            return
        }
        errors.append(SnapshotIssue(kind, file: fileName, line: line,
                                    column: column?.name ?? columnName, value: value,
                                    expected: expected, severity: .error))
    }

    mutating func error(
        _ kind: SnapshotIssue.Kind, _ field: CSVField, _ column: SnapshotColumn,
        expected: String
    ) {
        guard errors.count < SnapshotReader.maximumIssues else {
            omit(kind, column: column.name)
            return
        }
        error(kind, line: field.line, column: column, value: valueText(field),
              expected: expected)
    }

    /// Counts an error past the ones kept, by column and kind.
    mutating func omit(_ kind: SnapshotIssue.Kind, column: String?) {
        omittedErrors += 1
        let key = OmittedKey(column: column, kind: kind)
        if let k = omittedIndex[key] {
            omitted[k].count += 1
        } else {
            omittedIndex[key] = omitted.count
            omitted.append(SnapshotIssueCount(column: column, kind: kind, count: 1))
        }
    }

    /// The field's text for a message: unescaped, unquoted, untrimmed.
    func valueText(_ f: CSVField) -> String {
        CSVScanner.text(bytes, f.start, f.end, unescape: f.hasEscapedQuote)
    }

    // MARK: Run

    /// Reads and validates the whole file.
    mutating func run() -> Result<SnapshotFile, SnapshotFileError> {
        // A digest started on another thread must be done with the bytes before they go.
        defer { digestTask?.finish() }
        return parse()
    }

    /// `run` without the wait for the digest.
    mutating func parse() -> Result<SnapshotFile, SnapshotFileError> {
        let n = bytes.count
        var start = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let delimiter = CSVScanner.detectDelimiter(bytes, start: start)
        // One pass, 64 bytes at a time, counts the line ends and finds the first byte
        // that is not ASCII. ASCII is valid UTF-8 (and so is the byte-order mark), so only
        // a file with other bytes needs the encoding decided, from its first such byte on.
        let scan = CSVBlockScan(bytes, asciiFrom: start)
        if scan.firstNonASCII < n {
            switch TextEncoding.decode(bytes, asciiBefore: scan.firstNonASCII) {
            case .success(.utf8):
                break
            case let .success(.transcoded(text, encoding)):
                return parseTranscoded(text, from: encoding)
            case let .failure(problem):
                refuseEncoding(problem)
                return finish(records: [], lines: [])
            }
        }
        let lineEnds = scan.lineEnds
        self.delimiter = delimiter
        stops = CSVStopIndex(delimiter: delimiter)
        decimalComma = delimiter == 0x3B
        var scanner = CSVScanner(bytes: bytes, delimiter: delimiter, position: start)
        var fields: [CSVField] = []
        fields.reserveCapacity(32)
        var problems: [CSVProblem] = []

        // Header: the first record that is not blank.
        var headerLine: Int?
        while let line = scanner.nextRecord(into: &fields, problems: &problems) {
            if !isBlank(fields) {
                headerLine = line
                break
            }
        }
        reportStructural(&problems)
        guard let headerLine else {
            error(.missingHeader, line: nil, expected: "a header row naming the columns")
            return finish(records: [], lines: [])
        }
        readHeader(fields, line: headerLine)
        // The digest is needed only if the file is accepted: start hashing while the
        // rows are read, unless the file is small or already refused.
        if digest, overlapDigest, errors.isEmpty, original.count >= SnapshotDigestTask.minimumBytes {
            digestTask = SnapshotDigestTask(bytes: original)
        }

        // The column read from each field of a row (`nil`: an unknown or repeated column,
        // ignored). The fast lane needs every required column.
        let kinds = UnsafeMutablePointer<SnapshotColumn?>.allocate(capacity: max(headerCount, 1))
        kinds.initialize(repeating: nil, count: max(headerCount, 1))
        defer { kinds.deallocate() }
        for column in SnapshotColumn.allCases {
            let index = fieldIndex[column.rawValue]
            if index >= 0, index < headerCount { kinds[index] = column }
        }
        let fast = fastLane && headerCount > 0
            && SnapshotColumn.allCases.allSatisfy { !$0.requiredInHeader || fieldIndex[$0.rawValue] >= 0 }
        // The plain lane's scratch: the field of each column (-1 when absent) and the
        // offsets around the fields of a row.
        let columns = UnsafeMutablePointer<Int>.allocate(capacity: SnapshotColumn.allCases.count)
        defer { columns.deallocate() }
        for column in SnapshotColumn.allCases {
            let field = fieldIndex[column.rawValue]
            columns[column.rawValue] = field < headerCount ? field : -1
        }
        let cuts = UnsafeMutablePointer<Int>.allocate(capacity: headerCount + 1 + PlainLane.cutsSlack)
        defer { cuts.deallocate() }
        var plain = PlainLane(window: CSVMaskWindow(bytes, delimiter: delimiter),
                              columns: columns, cuts: cuts)
        defer { plain.window.deallocate() }

        // Every record but the last ends at a line end (LF, CR or CRLF), so there are at
        // most `lineEnds + 1` of them (the records past the bound, if any, go to
        // `overflow`). Records are built in place.
        let bound = lineEnds + 1
        var lines: [Int] = []
        lines.reserveCapacity(bound)
        codeLines.reserveCapacity(bound)
        var overflow: [SnapshotRecord] = []
        var records = [SnapshotRecord](unsafeUninitializedCapacity: bound) { slots, count in
            count = 0
            while !scanner.atEnd {
                if fast, count < slots.count, let slot = slots.baseAddress.map({ $0 + count }),
                   let row = laneRecord(at: scanner.position, plain: &plain, kinds: kinds,
                                        into: slot) {
                    count += 1
                    laneRows += 1
                    lines.append(scanner.line)
                    codeLines.append((row.code, scanner.line))
                    scanner.position = row.next
                    if row.endsLine { scanner.line += 1 }
                    continue
                }
                guard let line = scanner.nextRecord(into: &fields, problems: &problems) else {
                    break
                }
                if !problems.isEmpty { reportStructural(&problems) }
                if isBlank(fields) { continue }
                if fields.count != headerCount {
                    error(.wrongFieldCount, line: line, value: "\(fields.count) fields",
                          expected: "\(headerCount) fields, as in the header")
                    continue
                }
                carefulRowLines.insert(line)
                if let record = readRow(fields) {
                    if count < slots.count, let base = slots.baseAddress {
                        (base + count).initialize(to: record)
                        count += 1
                    } else {
                        overflow.append(record)
                    }
                    lines.append(line)
                }
            }
        }
        if !overflow.isEmpty { records.append(contentsOf: overflow) }
        return finish(records: records, lines: lines)
    }

    mutating func reportStructural(_ problems: inout [CSVProblem]) {
        for p in problems {
            switch p.kind {
            case .unterminatedQuote:
                error(.unterminatedQuote, line: p.line,
                      expected: "a closing quote for the field opened here")
            default:
                error(.malformedQuote, line: p.line,
                      expected: "a delimiter or line end right after a closing quote")
            }
        }
        problems.removeAll(keepingCapacity: true)
    }

    /// True for an empty line or one holding only delimiters.
    func isBlank(_ fields: [CSVField]) -> Bool {
        for f in fields where f.quoted || f.end > f.start { return false }
        return true
    }

    // MARK: Header

    mutating func readHeader(_ fields: [CSVField], line: Int) {
        headerCount = fields.count
        var unknownSeen: Set<String> = []
        var lowered: [UInt8] = []
        for (index, f) in fields.enumerated() {
            let (s, e) = CSVBytes.trimmed(bytes, f.start, f.end)
            // ASCII lower case straight from the bytes (escaped quotes kept as written:
            // no spec column name holds a quote, so such a name is unknown either way).
            lowered.removeAll(keepingCapacity: true)
            for k in s..<e {
                let c = bytes[k]
                lowered.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            }
            let name = String(decoding: lowered, as: UTF8.self)
            if let column = SnapshotColumn.byName[name] {
                if fieldIndex[column.rawValue] >= 0 {
                    error(.duplicateColumn, line: line, column: column,
                          value: CSVScanner.text(bytes, s, e, unescape: f.hasEscapedQuote),
                          expected: "each column named once")
                } else {
                    fieldIndex[column.rawValue] = index
                }
                continue
            }
            let raw = CSVScanner.text(bytes, s, e, unescape: f.hasEscapedQuote)
            if !unknownSeen.insert(name).inserted {
                error(.duplicateColumn, line: line, columnName: raw, value: raw,
                      expected: "each column named once")
                continue
            }
            warnings.append(SnapshotIssue(
                .unknownColumn, file: fileName, line: line, column: raw, value: nil,
                expected: "a column of the spec; this one is ignored"))
        }
        for column in SnapshotColumn.allCases
        where column.requiredInHeader && fieldIndex[column.rawValue] < 0 {
            error(.missingColumn, line: line, column: column,
                  expected: "a column '\(column.name)' in the header")
        }
    }
}

/// A column and kind of error, to count the errors past the ones kept.
struct OmittedKey: Hashable {
    /// The column's name, `nil` for errors of no column.
    var column: String?
    /// The kind.
    var kind: SnapshotIssue.Kind
}

/// Where the last interned text of a column is in the buffer, and its String.
struct TextCache {
    /// Offset of the text's first byte.
    var start = 0
    /// Offset one past its last byte.
    var end = 0
    /// The text.
    var value = ""
}
