import CSV

// The general lane: one row of fields from the CSV scanner read into a record, every
// problem reported with its line, column and value.
extension SnapshotParser {
    // MARK: Rows

    /// The trimmed content range of a field (quoted content is trimmed too for typed
    /// values).
    @inline(__always)
    func range(_ f: CSVField) -> (Int, Int) {
        CSVBytes.trimmed(bytes, f.start, f.end)
    }

    /// A text value: `nil` when empty; unquoted text trimmed, quoted text as written.
    static func text(_ bytes: UnsafeRawBufferPointer, _ f: CSVField) -> String? {
        if f.quoted {
            return f.end > f.start
                ? CSVScanner.text(bytes, f.start, f.end, unescape: f.hasEscapedQuote) : nil
        }
        let (s, e) = CSVBytes.trimmed(bytes, f.start, f.end)
        return e > s ? CSVScanner.text(bytes, s, e, unescape: false) : nil
    }

    /// A text value reusing the previous row's String when the bytes are the same.
    static func internedText(_ bytes: UnsafeRawBufferPointer, _ f: CSVField,
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
    static func plainText(_ bytes: UnsafeRawBufferPointer,
                                  _ range: (start: Int, end: Int)?) -> String? {
        guard let (s, e) = range, e > s else { return nil }
        return CSVScanner.text(bytes, s, e, unescape: false)
    }

    /// The unquoted text at `range` (trimmed) as `plainText` gives it, reusing the
    /// previous row's String when the bytes are the same.
    @inline(never)
    static func internedText(_ bytes: UnsafeRawBufferPointer,
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

    mutating func readRow(_ fields: [CSVField]) -> SnapshotRecord? {
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
            case .value:
                error(.invalidCount, f, c, expected: "an integer ≥ 0")
            case .invalid:
                // Thousands dots (`3.551.000`), and rupiah forms in the money column.
                switch CSVBytes.groupedInteger(bytes, s, e, money: c == .omzetBulanan,
                                               dotIsDecimalMark: !decimalComma) {
                case .value(let v) where v <= limit:
                    return v
                case .negative:
                    error(.negativeCount, f, c, expected: "an integer ≥ 0")
                case let .ambiguous(thousands, decimal) where thousands <= limit:
                    error(.ambiguousNumber, f, c, expected:
                        "a number with one reading: this is \(thousands) (dot as thousands separator) "
                        + "or \(decimal) (dot as decimal point); write \(thousands) or \(decimal)")
                default:
                    error(.invalidCount, f, c, expected: "an integer ≥ 0")
                }
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
                // `1.234,5`, read as 1234.5 (and so out of range), beside the plain forms.
                if let v = CSVBytes.decimal(bytes, s, e, decimalComma: decimalComma)
                    ?? CSVBytes.groupedDecimal(bytes, s, e) {
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
        let earlier = earlierNames.index(of: kode.value)
        if let f = field(.nama) {
            nama = Self.nameText(buffer, f) { s, e in earlier.flatMap { earlierNames.nama($0, equals: buffer, s, e) } }
        }
        if let f = field(.desa) {
            desa = Self.nameText(buffer, f) { s, e in earlier.flatMap { earlierNames.desa($0, equals: buffer, s, e) } }
        }
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
}
