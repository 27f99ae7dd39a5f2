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
    let bytes: UnsafeRawBufferPointer
    let fileName: String
    private(set) var errors: [SnapshotIssue] = []
    private var omittedErrors = 0
    private var warnings: [SnapshotIssue] = []
    private var decimalComma = false
    private var delimiter: UInt8 = 0x2C
    /// The content digest, being computed on another thread for a large file.
    private var digestTask: SnapshotDigestTask?
    /// The delimiters and line ends ahead of the fast lane.
    private var stops = CSVStopIndex(delimiter: 0x2C)
    /// Field index of each column, -1 when absent.
    private var fieldIndex = [Int](repeating: -1, count: SnapshotColumn.allCases.count)
    private var headerCount = 0
    /// Every well-formed code with its line, for the duplicate check.
    private var codeLines: [(code: Int64, line: Int)] = []

    /// Whether rows may take the fast lanes (`plainRecord`, `fastRecord`); the careful lane
    /// alone gives the same result, which the tests check.
    private let fastLane: Bool
    /// Whether rows without quotes may take the plain lane (`plainRecord`); off, every
    /// fast row takes `fastRecord` (for tests).
    private let plainLane: Bool
    /// Whether the digest of a large file may be computed on another thread.
    private let overlapDigest: Bool

    // Report date: the first readable date, its line and where its bytes are (to skip
    // re-parsing identical dates).
    private var reportDate: Day?
    private var reportDateLine = 0
    private var reportDateStart = 0
    private var reportDateEnd = 0

    // Text interning for the columns that repeat from row to row.
    private var lastKecamatan = TextCache()
    private var lastKabupaten = TextCache()

    /// A parser of `bytes`; `fastLane: false` reads every row the careful way and
    /// `plainLane: false` every fast row the quote-aware way (both for tests);
    /// `overlapDigest: false` hashes on the calling thread (when every core is busy
    /// reading files anyway).
    init(bytes: UnsafeRawBufferPointer, fileName: String, fastLane: Bool = true,
         plainLane: Bool = true, overlapDigest: Bool = true) {
        self.bytes = bytes
        self.fileName = fileName
        self.fastLane = fastLane
        self.plainLane = plainLane
        self.overlapDigest = overlapDigest
    }

    // MARK: Issues

    private mutating func error(
        _ kind: SnapshotIssue.Kind, line: Int?, column: SnapshotColumn? = nil,
        columnName: String? = nil, value: String? = nil, expected: String
    ) {
        guard errors.count < SnapshotReader.maximumIssues else {
            omittedErrors += 1
            return
        }
        errors.append(SnapshotIssue(kind, file: fileName, line: line,
                                    column: column?.name ?? columnName, value: value,
                                    expected: expected, severity: .error))
    }

    private mutating func error(
        _ kind: SnapshotIssue.Kind, _ field: CSVField, _ column: SnapshotColumn,
        expected: String
    ) {
        guard errors.count < SnapshotReader.maximumIssues else {
            omittedErrors += 1
            return
        }
        error(kind, line: field.line, column: column, value: valueText(field),
              expected: expected)
    }

    /// The field's text for a message: unescaped, unquoted, untrimmed.
    private func valueText(_ f: CSVField) -> String {
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
    private mutating func parse() -> Result<SnapshotFile, SnapshotFileError> {
        let n = bytes.count
        var start = 0
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let delimiter = CSVScanner.detectDelimiter(bytes, start: start)
        // One pass, 64 bytes at a time, counts the line ends and finds the first byte
        // that is not ASCII. ASCII is valid UTF-8 (and so is the byte-order mark), so only
        // a file with other bytes needs the full check, from its first such byte on (the
        // bytes before are ASCII: no sequence starts earlier).
        let scan = CSVBlockScan(bytes, asciiFrom: start)
        if scan.firstNonASCII < n {
            let from = scan.firstNonASCII
            let invalid = CSVBytes.invalidUTF8(
                UnsafeRawBufferPointer(rebasing: bytes[from..<n]),
                limit: SnapshotReader.maximumIssues + 1)
            let invalidLines = CSVBytes.lines(of: invalid.map { from + $0.offset }, in: bytes)
            for (bad, line) in zip(invalid, invalidLines) {
                let hex = String(bad.byte, radix: 16, uppercase: true)
                error(.invalidUTF8, line: line,
                      value: "byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(from + bad.offset)",
                      expected: "UTF-8 text")
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
        if overlapDigest, errors.isEmpty, n >= SnapshotDigestTask.minimumBytes {
            digestTask = SnapshotDigestTask(bytes: bytes)
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

    private mutating func reportStructural(_ problems: inout [CSVProblem]) {
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
    private func isBlank(_ fields: [CSVField]) -> Bool {
        for f in fields where f.quoted || f.end > f.start { return false }
        return true
    }

    // MARK: Header

    private mutating func readHeader(_ fields: [CSVField], line: Int) {
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

    // MARK: Rows

    /// The trimmed content range of a field (quoted content is trimmed too for typed
    /// values).
    @inline(__always)
    private func range(_ f: CSVField) -> (Int, Int) {
        CSVBytes.trimmed(bytes, f.start, f.end)
    }

    /// A text value: `nil` when empty; unquoted text trimmed, quoted text as written.
    private static func text(_ bytes: UnsafeRawBufferPointer, _ f: CSVField) -> String? {
        if f.quoted {
            return f.end > f.start
                ? CSVScanner.text(bytes, f.start, f.end, unescape: f.hasEscapedQuote) : nil
        }
        let (s, e) = CSVBytes.trimmed(bytes, f.start, f.end)
        return e > s ? CSVScanner.text(bytes, s, e, unescape: false) : nil
    }

    /// A text value reusing the previous row's String when the bytes are the same.
    private static func internedText(_ bytes: UnsafeRawBufferPointer, _ f: CSVField,
                                     _ cache: inout TextCache) -> String?
    {
        let (s, e) = f.quoted ? (f.start, f.end) : CSVBytes.trimmed(bytes, f.start, f.end)
        guard e > s else { return nil }
        if !f.hasEscapedQuote, cache.end - cache.start == e - s,
           CSVBytes.equal(bytes, cache.start, s, count: e - s) {
            return cache.value
        }
        let value = CSVScanner.text(bytes, s, e, unescape: f.hasEscapedQuote)
        // Only raw text is cached: escaped bytes would stand for another value.
        if !f.hasEscapedQuote { cache = TextCache(start: s, end: e, value: value) }
        return value
    }

    /// The unquoted text at `range` (trimmed), `nil` when absent or empty.
    @inline(never)
    private static func plainText(_ bytes: UnsafeRawBufferPointer,
                                  _ range: (start: Int, end: Int)?) -> String? {
        guard let (s, e) = range, e > s else { return nil }
        return CSVScanner.text(bytes, s, e, unescape: false)
    }

    /// The unquoted text at `range` (trimmed) as `plainText` gives it, reusing the
    /// previous row's String when the bytes are the same.
    @inline(never)
    private static func internedText(_ bytes: UnsafeRawBufferPointer,
                                     _ range: (start: Int, end: Int)?,
                                     _ cache: inout TextCache) -> String? {
        guard let (s, e) = range, e > s else { return nil }
        if cache.end &- cache.start == e &- s,
           CSVBytes.equal(bytes, cache.start, s, count: e &- s) {
            return cache.value
        }
        let value = CSVScanner.text(bytes, s, e, unescape: false)
        cache = TextCache(start: s, end: e, value: value)
        return value
    }

    private mutating func readRow(_ fields: [CSVField]) -> SnapshotRecord? {
        let errorsBefore = errors.count + omittedErrors
        @inline(__always) func field(_ c: SnapshotColumn) -> CSVField? {
            let i = fieldIndex[c.rawValue]
            return i >= 0 ? fields[i] : nil
        }

        // kode_koperasi
        var kode: CooperativeCode?
        if let f = field(.kode) {
            let (s, e) = range(f)
            if e == s {
                error(.missingValue, f, .kode, expected: "a 10-digit code such as 5201012001")
            } else if let k = Self.parseCode(bytes, s, e) {
                kode = k
                codeLines.append((k.value, f.line))
            } else {
                error(.malformedCode, f, .kode,
                      expected: "a 10-digit code such as 5201012001 or 52.01.01.2001")
            }
        }

        // tanggal_laporan
        var tanggal: Day?
        if let f = field(.tanggal) { tanggal = readDate(f) }

        // tahap
        var tahap: Tahap?
        if let f = field(.tahap) {
            let (s, e) = range(f)
            tahap = Self.parseTahap(bytes, s, e)
            if tahap == nil {
                error(e == s ? .missingValue : .unknownTahap, f, .tahap,
                      expected: "one of terdaftar, portal, pembangunan, selesai, beroperasi")
            }
        }

        // status_lahan
        var lahan: StatusLahan?
        if let f = field(.statusLahan) {
            let (s, e) = range(f)
            lahan = Self.parseLahan(bytes, s, e)
            if lahan == nil {
                error(e == s ? .missingValue : .unknownStatusLahan, f, .statusLahan,
                      expected: "one of tidak_ada, diusulkan, verifikasi, siap, sengketa")
            }
        }

        // 0/1 flags
        func flag(_ c: SnapshotColumn) -> Bool {
            guard let f = field(c) else { return false }
            let (s, e) = range(f)
            if let v = Self.parseFlag(bytes, s, e) { return v }
            error(e == s ? .missingValue : .invalidFlag, f, c,
                  expected: "0 or 1 (also ya/tidak, y/n, true/false)")
            return false
        }
        let badanHukum = flag(.badanHukum)
        let pengurus = flag(.pengurusLengkap)
        let rapat = flag(.rapatAnggota)
        let nib = flag(.nib)
        let npwp = flag(.npwp)
        let rekening = flag(.rekeningBank)
        let tepat = flag(.laporanTepatWaktu)
        let kLahan = flag(.kendalaLahan)
        let kCuaca = flag(.kendalaCuaca)
        let kTenaga = flag(.kendalaTenagaKerja)
        let kTeknis = flag(.kendalaTeknis)

        // Counts.
        func count(_ c: SnapshotColumn, required: Bool, limit: Int64) -> Int64? {
            guard let f = field(c) else { return nil }
            let (s, e) = range(f)
            if e == s {
                if required {
                    error(.missingValue, f, c, expected: "an integer ≥ 0")
                }
                return nil
            }
            switch CSVBytes.integer(bytes, s, e) {
            case .value(let v) where v <= limit:
                return v
            case .negative:
                error(.negativeCount, f, c, expected: "an integer ≥ 0")
            default:
                error(.invalidCount, f, c, expected: "an integer ≥ 0")
            }
            return nil
        }
        let anggota = count(.jumlahAnggota, required: true, limit: Int64(Int32.max))
        let omzet = count(.omzetBulanan, required: false, limit: Int64.max)
        let aktif = count(.anggotaAktif, required: false, limit: Int64(Int32.max))

        // unit_usaha_aktif
        var units: Int?
        if let f = field(.unitUsahaAktif) {
            let (s, e) = range(f)
            if e == s {
                error(.missingValue, f, .unitUsahaAktif, expected: "an integer 0–7")
            } else if case .value(let v) = CSVBytes.integer(bytes, s, e), v <= 7 {
                units = Int(v)
            } else {
                error(.unitsOutOfRange, f, .unitUsahaAktif, expected: "an integer 0–7")
            }
        }

        // progres_fisik (empty: construction not started)
        var progres: Double?
        if let f = field(.progresFisik) {
            let (s, e) = range(f)
            if e > s {
                if let v = CSVBytes.decimal(bytes, s, e, decimalComma: decimalComma) {
                    if v >= 0, v <= 100 {
                        progres = v == 0 ? 0 : v  // no negative zero
                        if v == 100, tahap == .pembangunan {
                            warnings.append(SnapshotIssue(
                                .completeButUnderConstruction, file: fileName, line: f.line,
                                column: SnapshotColumn.progresFisik.name, value: valueText(f),
                                expected: "tahap 'selesai' or later once progress is 100"))
                        }
                    } else {
                        error(.progressOutOfRange, f, .progresFisik, expected: "a number 0–100")
                    }
                } else {
                    error(.progressNotNumber, f, .progresFisik,
                          expected: decimalComma
                              ? "a number 0–100 (decimal point or comma)" : "a number 0–100")
                }
            }
        }

        guard errors.count + omittedErrors == errorsBefore, let kode, let tanggal, let tahap,
              let lahan, let anggota, let units
        else { return nil }

        let buffer = bytes
        var nama: String?
        var desa: String?
        var kecamatan: String?
        var kabupaten: String?
        var catatan: String?
        if let f = field(.nama) { nama = Self.text(buffer, f) }
        if let f = field(.desa) { desa = Self.text(buffer, f) }
        if let f = field(.kecamatan) { kecamatan = Self.internedText(buffer, f, &lastKecamatan) }
        if let f = field(.kabupaten) { kabupaten = Self.internedText(buffer, f, &lastKabupaten) }
        if let f = field(.catatan) { catatan = Self.text(buffer, f) }
        return SnapshotRecord(
            kode: kode, nama: nama, desa: desa, kecamatan: kecamatan, kabupaten: kabupaten,
            tanggal: tanggal, tahap: tahap, badanHukum: badanHukum,
            pengurusLengkap: pengurus, jumlahAnggota: Int(anggota), rapatAnggota: rapat,
            nib: nib, npwp: npwp, rekeningBank: rekening, laporanTepatWaktu: tepat,
            statusLahan: lahan, progresFisik: progres, unitUsahaAktif: units,
            omzetBulanan: omzet, anggotaAktif: aktif.map { Int($0) }, kendalaLahan: kLahan,
            kendalaCuaca: kCuaca, kendalaTenagaKerja: kTenaga, kendalaTeknis: kTeknis,
            catatan: catatan)
    }

    // MARK: Fast lane

    /// Where the record after one read by the fast lane starts.
    struct FastRecord {
        /// The record's cooperative code.
        var code: Int64
        /// Offset of the first byte after the record's line end.
        var next: Int
        /// False when the record ends at the end of the input without a line break.
        var endsLine: Bool
    }

    /// Reads the record starting at `start` in one pass over its bytes, when it is the
    /// common case: on one physical line, with the header's field count, quoting closed
    /// on the same line, every value valid, no warning, and a report date already known.
    ///
    /// Values are parsed by the same functions as `readRow`, so a record read here is the
    /// record `readRow` would give. Anything else returns `nil` without changing any
    /// state, and the caller reads the record again the careful way (`nextRecord` and
    /// `readRow`), which reports what is wrong.
    ///
    /// On success the record is written to `slot` (uninitialized before).
    ///
    /// - Complexity: O(length of the record), no allocation but the record's strings.
    private mutating func fastRecord(
        at start: Int, kinds: UnsafePointer<SnapshotColumn?>,
        into slot: UnsafeMutablePointer<SnapshotRecord>
    ) -> FastRecord? {
        guard let reportDate else { return nil }
        let bytes = self.bytes
        let n = bytes.count
        let delimiter = self.delimiter
        let last = headerCount - 1
        let dateStart = reportDateStart
        let dateEnd = reportDateEnd
        let decimalComma = self.decimalComma
        // A local copy, stored back when the record is read (it is only a cache).
        var stops = self.stops
        stops.seek(bytes, to: start)

        var kode: CooperativeCode?
        var tanggal: Day?
        var tahap: Tahap?
        var lahan: StatusLahan?
        var anggota: Int64?
        var omzet: Int64?
        var aktif: Int64?
        var units: Int?
        var progres: Double?
        var flags: UInt16 = 0
        var flagsSeen: UInt16 = 0
        var nama: CSVField?
        var desa: CSVField?
        var kecamatan: CSVField?
        var kabupaten: CSVField?
        var catatan: CSVField?

        var i = start
        var k = 0
        while true {
            // The field at i: content fs..<fe, then i at its terminator.
            var fs = i
            let fe: Int
            var quoted = false
            var escaped = false
            if i < n, bytes[i] == CSVScanner.quote {
                quoted = true
                var j = i + 1
                var closed = false
                while j < n {
                    let c = bytes[j]
                    if c == CSVScanner.quote {
                        if j + 1 < n, bytes[j + 1] == CSVScanner.quote {
                            escaped = true
                            j += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if c == CSVScanner.lf || c == CSVScanner.cr { return nil }
                    j += 1
                }
                guard closed else { return nil }
                fs = i + 1
                fe = j
                i = j + 1
                if i < n {
                    let c = bytes[i]
                    guard c == delimiter || c == CSVScanner.lf || c == CSVScanner.cr else {
                        return nil
                    }
                }
                // Skip the stops inside the quotes; the terminator at i is the next one.
                stops.seek(bytes, to: i)
                _ = stops.next(bytes)
            } else {
                i = stops.next(bytes)
                fe = i
            }
            // Only the last field ends the record.
            let endsRecord = i >= n || bytes[i] != delimiter
            guard endsRecord == (k == last) else { return nil }

            if let column = kinds[k] {
                switch column {
                case .kode:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    guard let value = Self.parseCode(bytes, s, e) else { return nil }
                    kode = value
                case .tanggal:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    if e - s == dateEnd - dateStart,
                       CSVBytes.equal(bytes, dateStart, s, count: e - s) {
                        tanggal = reportDate
                    } else {
                        guard let day = Self.parseDate(bytes, s, e), day == reportDate else {
                            return nil
                        }
                        tanggal = day
                    }
                case .tahap:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    guard let value = Self.parseTahap(bytes, s, e) else { return nil }
                    tahap = value
                case .statusLahan:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    guard let value = Self.parseLahan(bytes, s, e) else { return nil }
                    lahan = value
                case .jumlahAnggota:
                    guard let value = Self.count(bytes, fs, fe, limit: Int64(Int32.max)) else {
                        return nil
                    }
                    anggota = value
                case .omzetBulanan:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    if e > s {
                        guard let value = Self.count(bytes, s, e, limit: Int64.max) else {
                            return nil
                        }
                        omzet = value
                    }
                case .anggotaAktif:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    if e > s {
                        guard let value = Self.count(bytes, s, e, limit: Int64(Int32.max)) else {
                            return nil
                        }
                        aktif = value
                    }
                case .unitUsahaAktif:
                    guard let value = Self.count(bytes, fs, fe, limit: 7) else { return nil }
                    units = Int(value)
                case .progresFisik:
                    let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                    if e > s {
                        guard let v = CSVBytes.decimal(bytes, s, e, decimalComma: decimalComma),
                              v >= 0, v <= 100
                        else { return nil }
                        progres = v == 0 ? 0 : v  // no negative zero
                    }
                case .nama, .desa, .kecamatan, .kabupaten, .catatan:
                    let text = CSVField(start: fs, end: fe, line: 0, quoted: quoted,
                                        hasEscapedQuote: escaped)
                    switch column {
                    case .nama: nama = text
                    case .desa: desa = text
                    case .kecamatan: kecamatan = text
                    case .kabupaten: kabupaten = text
                    default: catatan = text
                    }
                case .badanHukum, .pengurusLengkap, .rapatAnggota, .nib, .npwp, .rekeningBank,
                     .laporanTepatWaktu, .kendalaLahan, .kendalaCuaca, .kendalaTenagaKerja,
                     .kendalaTeknis:
                    let value: Bool
                    if fe - fs == 1, bytes[fs] == 0x30 || bytes[fs] == 0x31 {
                        value = bytes[fs] == 0x31  // the usual 0 or 1
                    } else {
                        let (s, e) = CSVBytes.trimmed(bytes, fs, fe)
                        guard let parsed = Self.parseFlag(bytes, s, e) else { return nil }
                        value = parsed
                    }
                    let bit = UInt16(1) << UInt16(column.flagBit)
                    flagsSeen |= bit
                    if value { flags |= bit }
                }
            }
            k += 1
            if endsRecord { break }
            i += 1  // the delimiter
        }
        guard let kode, let tanggal, let tahap, let lahan, let anggota, let units,
              flagsSeen == SnapshotColumn.allFlagBits
        else { return nil }
        // `progres_fisik` = 100 while `pembangunan` is a warning: the careful lane adds it.
        if progres == 100, tahap == .pembangunan { return nil }
        self.stops = stops

        var next = i
        var endsLine = false
        if i < n {
            endsLine = true
            next = bytes[i] == CSVScanner.cr && i + 1 < n && bytes[i + 1] == CSVScanner.lf
                ? i + 2 : i + 1
        }
        @inline(__always) func flag(_ c: SnapshotColumn) -> Bool {
            flags & (UInt16(1) << UInt16(c.flagBit)) != 0
        }
        let namaText: String? = if let nama { Self.text(bytes, nama) } else { nil }
        let desaText: String? = if let desa { Self.text(bytes, desa) } else { nil }
        let kecamatanText: String? = if let kecamatan {
            Self.internedText(bytes, kecamatan, &lastKecamatan)
        } else { nil }
        let kabupatenText: String? = if let kabupaten {
            Self.internedText(bytes, kabupaten, &lastKabupaten)
        } else { nil }
        let catatanText: String? = if let catatan { Self.text(bytes, catatan) } else { nil }
        SnapshotRecord.initialize(
            slot, kode: kode, nama: namaText, desa: desaText, kecamatan: kecamatanText,
            kabupaten: kabupatenText, tanggal: tanggal, tahap: tahap,
            badanHukum: flag(.badanHukum), pengurusLengkap: flag(.pengurusLengkap),
            jumlahAnggota: Int(anggota), rapatAnggota: flag(.rapatAnggota), nib: flag(.nib),
            npwp: flag(.npwp), rekeningBank: flag(.rekeningBank),
            laporanTepatWaktu: flag(.laporanTepatWaktu), statusLahan: lahan,
            progresFisik: progres, unitUsahaAktif: units, omzetBulanan: omzet,
            anggotaAktif: aktif.map { Int($0) }, kendalaLahan: flag(.kendalaLahan),
            kendalaCuaca: flag(.kendalaCuaca), kendalaTenagaKerja: flag(.kendalaTenagaKerja),
            kendalaTeknis: flag(.kendalaTeknis), catatan: catatanText)
        return FastRecord(code: kode.value, next: next, endsLine: endsLine)
    }

    /// The plain lane's view of the file: the block masks, and scratch space.
    struct PlainLane {
        /// The masks of the blocks ahead.
        var window: CSVMaskWindow
        /// The field index of each column (by raw value), -1 when absent.
        let columns: UnsafeMutablePointer<Int>
        /// `headerCount + 1` offsets: field `k` of a row is `cuts[k] + 1 ..< cuts[k + 1]`
        /// (and room for `cutsSlack` more).
        let cuts: UnsafeMutablePointer<Int>
        /// Room at the end of `cuts` for the unrolled writes of `plainRecord`.
        static let cutsSlack = 4
    }

    /// The record starting at `start` by the plain lane, else by `fastRecord` if the
    /// row holds a quote; `nil` when neither takes it.
    @inline(__always)
    private mutating func laneRecord(
        at start: Int, plain: inout PlainLane, kinds: UnsafePointer<SnapshotColumn?>,
        into slot: UnsafeMutablePointer<SnapshotRecord>
    ) -> FastRecord? {
        if plainLane {
            var quoted = false
            if let row = plainRecord(at: start, &plain, quoted: &quoted, into: slot) { return row }
            // A row without quotes that the plain lane refused has the same fields for
            // `fastRecord`, which would refuse it too.
            if !quoted { return nil }
        }
        return fastRecord(at: start, kinds: kinds, into: slot)
    }

    /// Reads the record starting at `start` when it holds no quote before its line end
    /// and is otherwise the common case of `fastRecord` (the header's field count, every
    /// value valid, no warning, a report date already known).
    ///
    /// The row's line end and field ends come from the block masks (`CSVMaskWindow`)
    /// alone, without looking at its bytes; the values are then read column by column
    /// with the same functions as `fastRecord` and `readRow`. Anything else returns `nil`
    /// without changing any state (`quoted` tells whether the row holds a quote).
    ///
    /// On success the record is written to `slot` (uninitialized before).
    ///
    /// - Complexity: O(length of the record), no allocation but the record's strings.
    private mutating func plainRecord(
        at start: Int, _ plain: inout PlainLane, quoted: inout Bool,
        into slot: UnsafeMutablePointer<SnapshotRecord>
    ) -> FastRecord? {
        guard let reportDate else { return nil }
        let bytes = self.bytes
        let n = bytes.count
        let cuts = plain.cuts
        let columns = plain.columns
        let last = headerCount - 1
        let blockCount = plain.window.blockCount

        // The line end and the delimiters before it.
        var b = start >> 6
        let skip = UInt64(start & 63)
        let firstMasks = plain.window.masks(ofBlock: b)
        var delimiters = firstMasks.delimiters & (~0 << skip)
        var ends = firstMasks.lineEndsAndQuotes & (~0 << skip)
        var count = 0
        cuts[0] = start &- 1
        var rowEnd = n
        while true {
            var found = false
            if ends != 0 {
                let bit = ends.trailingZeroBitCount
                rowEnd = b &<< 6 &+ bit
                if bytes[rowEnd] == CSVScanner.quote {
                    quoted = true
                    return nil
                }
                delimiters &= (UInt64(1) << UInt64(bit)) &- 1
                found = true
            }
            // All the block's delimiters, four at a time: `cuts` has room past a row's
            // last offset, so the writes past the block's last delimiter are harmless
            // (the next block's, or the row end, overwrite them).
            let inBlock = delimiters.nonzeroBitCount
            guard inBlock <= last &- count else { return nil }
            let base = b &<< 6
            var k = count &+ 1
            while delimiters != 0 {
                cuts[k] = base &+ delimiters.trailingZeroBitCount
                delimiters &= delimiters &- 1
                cuts[k &+ 1] = base &+ delimiters.trailingZeroBitCount
                delimiters &= delimiters &- 1
                cuts[k &+ 2] = base &+ delimiters.trailingZeroBitCount
                delimiters &= delimiters &- 1
                cuts[k &+ 3] = base &+ delimiters.trailingZeroBitCount
                delimiters &= delimiters &- 1
                k &+= 4
            }
            count &+= inBlock
            if found { break }
            b &+= 1
            if b >= blockCount {
                rowEnd = n
                break
            }
            (delimiters, ends) = plain.window.masks(ofBlock: b)
        }
        guard count == last else { return nil }
        cuts[last &+ 1] = rowEnd

        /// The bytes of column `c`'s field (a column the fast lane requires).
        @inline(__always) func field(_ c: SnapshotColumn) -> (start: Int, end: Int) {
            let k = columns[c.rawValue]
            return (cuts[k] &+ 1, cuts[k &+ 1])
        }
        /// The trimmed bytes of column `c`'s field, `nil` when the column is absent.
        @inline(__always) func optionalField(_ c: SnapshotColumn) -> (start: Int, end: Int)? {
            let k = columns[c.rawValue]
            guard k >= 0 else { return nil }
            return CSVBytes.trimmed(bytes, cuts[k] &+ 1, cuts[k &+ 1])
        }
        @inline(__always) func flag(_ c: SnapshotColumn) -> Bool? {
            let (fs, fe) = field(c)
            if fe &- fs == 1 {
                let v = bytes[fs]
                if v == 0x31 { return true }  // the usual 0 or 1
                if v == 0x30 { return false }
            }
            return Self.trimmedFlag(bytes, fs, fe)
        }

        // Required columns: every one present (the lane is used only then).
        let kodeField = field(.kode)
        let (ks, ke) = CSVBytes.trimmed(bytes, kodeField.start, kodeField.end)
        guard let kode = Self.parseCode(bytes, ks, ke) else { return nil }

        let dateField = field(.tanggal)
        let (ds, de) = CSVBytes.trimmed(bytes, dateField.start, dateField.end)
        if !(de &- ds == reportDateEnd &- reportDateStart
             && CSVBytes.equal(bytes, reportDateStart, ds, count: de &- ds)) {
            guard let day = Self.parseDate(bytes, ds, de), day == reportDate else { return nil }
        }

        let tahapField = field(.tahap)
        let (ts, te) = CSVBytes.trimmed(bytes, tahapField.start, tahapField.end)
        guard let tahap = Self.parseTahap(bytes, ts, te) else { return nil }

        let lahanField = field(.statusLahan)
        let (ls, le) = CSVBytes.trimmed(bytes, lahanField.start, lahanField.end)
        guard let lahan = Self.parseLahan(bytes, ls, le) else { return nil }

        let anggotaField = field(.jumlahAnggota)
        guard let anggota = Self.count(bytes, anggotaField.start, anggotaField.end,
                                       limit: Int64(Int32.max)) else { return nil }
        let unitsField = field(.unitUsahaAktif)
        guard let units = Self.count(bytes, unitsField.start, unitsField.end, limit: 7) else {
            return nil
        }

        let progresField = field(.progresFisik)
        let (ps, pe) = CSVBytes.trimmed(bytes, progresField.start, progresField.end)
        var progres: Double?
        if pe > ps {
            guard let v = CSVBytes.decimal(bytes, ps, pe, decimalComma: decimalComma),
                  v >= 0, v <= 100
            else { return nil }
            progres = v == 0 ? 0 : v  // no negative zero
        }
        // `progres_fisik` = 100 while `pembangunan` is a warning: the careful lane adds it.
        if progres == 100, tahap == .pembangunan { return nil }

        guard let badanHukum = flag(.badanHukum), let pengurusLengkap = flag(.pengurusLengkap),
              let rapatAnggota = flag(.rapatAnggota), let nib = flag(.nib),
              let npwp = flag(.npwp), let rekeningBank = flag(.rekeningBank),
              let laporanTepatWaktu = flag(.laporanTepatWaktu),
              let kendalaLahan = flag(.kendalaLahan), let kendalaCuaca = flag(.kendalaCuaca),
              let kendalaTenagaKerja = flag(.kendalaTenagaKerja),
              let kendalaTeknis = flag(.kendalaTeknis)
        else { return nil }

        // Optional columns.
        var omzet: Int64?
        if let (s, e) = optionalField(.omzetBulanan), e > s {
            guard let value = Self.count(bytes, s, e, limit: Int64.max) else { return nil }
            omzet = value
        }
        var aktif: Int?
        if let (s, e) = optionalField(.anggotaAktif), e > s {
            guard let value = Self.count(bytes, s, e, limit: Int64(Int32.max)) else { return nil }
            aktif = Int(value)
        }

        // The record is valid: make its strings (each bound to a constant first, which
        // spares a copy of the whole record) and write it.
        let nama = Self.plainText(bytes, optionalField(.nama))
        let desa = Self.plainText(bytes, optionalField(.desa))
        let kecamatan = Self.internedText(bytes, optionalField(.kecamatan), &lastKecamatan)
        let kabupaten = Self.internedText(bytes, optionalField(.kabupaten), &lastKabupaten)
        let catatan = Self.plainText(bytes, optionalField(.catatan))
        SnapshotRecord.initialize(
            slot, kode: kode, nama: nama, desa: desa, kecamatan: kecamatan,
            kabupaten: kabupaten, tanggal: reportDate, tahap: tahap,
            badanHukum: badanHukum, pengurusLengkap: pengurusLengkap,
            jumlahAnggota: Int(anggota), rapatAnggota: rapatAnggota, nib: nib,
            npwp: npwp, rekeningBank: rekeningBank,
            laporanTepatWaktu: laporanTepatWaktu, statusLahan: lahan,
            progresFisik: progres, unitUsahaAktif: Int(units), omzetBulanan: omzet,
            anggotaAktif: aktif, kendalaLahan: kendalaLahan,
            kendalaCuaca: kendalaCuaca, kendalaTenagaKerja: kendalaTenagaKerja,
            kendalaTeknis: kendalaTeknis, catatan: catatan)

        var next = rowEnd
        var endsLine = false
        if rowEnd < n {
            endsLine = true
            next = bytes[rowEnd] == CSVScanner.cr && rowEnd &+ 1 < n
                && bytes[rowEnd &+ 1] == CSVScanner.lf ? rowEnd &+ 2 : rowEnd &+ 1
        }
        return FastRecord(code: kode.value, next: next, endsLine: endsLine)
    }

    /// A non-empty count of at most `limit` in `start..<end` (trimmed here); `nil` for
    /// anything `readRow` would report.
    @inline(__always)
    private static func count(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                              limit: Int64) -> Int64? {
        let (s, e) = CSVBytes.trimmed(bytes, start, end)
        guard e > s, case .value(let v) = CSVBytes.integer(bytes, s, e), v <= limit else {
            return nil
        }
        return v
    }

    // MARK: Values

    private static func parseCode(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> CooperativeCode? {
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

    private mutating func readDate(_ f: CSVField) -> Day? {
        let (s, e) = range(f)
        if e == s {
            error(.missingValue, f, .tanggal, expected: "a date YYYY-MM-DD or DD/MM/YYYY")
            return nil
        }
        if let reportDate, reportDateEnd - reportDateStart == e - s,
           CSVBytes.equal(bytes, reportDateStart, s, count: e - s) {
            return reportDate
        }
        guard let day = Self.parseDate(bytes, s, e) else {
            error(.unreadableDate, f, .tanggal, expected: "a date YYYY-MM-DD or DD/MM/YYYY")
            return nil
        }
        if let reportDate {
            if day != reportDate {
                error(.differingDate, f, .tanggal,
                      expected: "\(reportDate.iso), the date on line \(reportDateLine)")
                return nil
            }
        } else {
            reportDate = day
            reportDateLine = f.line
            reportDateStart = s
            reportDateEnd = e
        }
        return day
    }

    private static func parseDate(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Day? {
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
    private static func trimmedFlag(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int)
        -> Bool?
    {
        let (s, e) = CSVBytes.trimmed(bytes, start, end)
        return parseFlag(bytes, s, e)
    }

    @inline(__always)
    private static func parseFlag(_ bytes: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Bool? {
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

    private mutating func finish(records: [SnapshotRecord], lines: [Int])
        -> Result<SnapshotFile, SnapshotFileError>
    {
        var records = records
        var lines = lines
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
            for i in 1..<codeLines.count {
                if codeLines[i].code != codeLines[first].code {
                    first = i
                    continue
                }
                error(.duplicateCode, line: codeLines[i].line, column: .kode,
                      value: String(codeLines[i].code),
                      expected: "a code not already used on line \(codeLines[first].line)")
            }
        }
        if errors.isEmpty, omittedErrors == 0 {
            guard let reportDate = reportDate ?? records.first?.tanggal else {
                // A header and no rows: a valid but empty week is not meaningful.
                error(.noRows, line: nil, expected: "at least one row after the header")
                return finish(records: [], lines: [])
            }
            let digest = digestTask?.result() ?? SnapshotDigest.sha256Hex(bytes)
            warnings.sort { ($0.line ?? 0) < ($1.line ?? 0) }
            return .success(SnapshotFile(
                fileName: fileName, reportDate: reportDate, records: records,
                recordLines: lines, warnings: warnings, contentDigest: digest,
                byteCount: bytes.count))
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
        return .failure(SnapshotFileError(fileName: fileName, issues: all))
    }

    private func isSortedByCode(_ records: [SnapshotRecord]) -> Bool {
        guard records.count > 1 else { return true }
        for i in 1..<records.count where records[i].kode < records[i - 1].kode { return false }
        return true
    }
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
