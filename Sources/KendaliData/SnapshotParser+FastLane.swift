import CSV

// The fast lanes: rows without quotes read straight from the bytes (any row with a problem
// is read again by the general lane, so errors and warnings are the same).
extension SnapshotParser {
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
    mutating func fastRecord(
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
        let earlier = earlierNames.index(of: kode.value)
        let namaText: String? = if let nama {
            Self.nameText(bytes, nama) { s, e in earlier.flatMap { earlierNames.nama($0, equals: bytes, s, e) } }
        } else { nil }
        let desaText: String? = if let desa {
            Self.nameText(bytes, desa) { s, e in earlier.flatMap { earlierNames.desa($0, equals: bytes, s, e) } }
        } else { nil }
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
    mutating func laneRecord(
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
    mutating func plainRecord(
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
        let nama: String?, desa: String?
        let namaRange = optionalField(.nama), desaRange = optionalField(.desa)
        if let earlier = earlierNames.index(of: kode.value) {
            nama = namaRange.flatMap { earlierNames.nama(earlier, equals: bytes, $0.start, $0.end) }
                ?? Self.plainText(bytes, namaRange)
            desa = desaRange.flatMap { earlierNames.desa(earlier, equals: bytes, $0.start, $0.end) }
                ?? Self.plainText(bytes, desaRange)
        } else {
            nama = Self.plainText(bytes, namaRange)
            desa = Self.plainText(bytes, desaRange)
        }
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
    static func count(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int,
                              limit: Int64) -> Int64? {
        let (s, e) = CSVBytes.trimmed(bytes, start, end)
        guard e > s, case .value(let v) = CSVBytes.integer(bytes, s, e), v <= limit else {
            return nil
        }
        return v
    }
}
