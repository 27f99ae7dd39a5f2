import KendaliData

/// Fast CSV serialisation of simulated reports and truth, straight to UTF-8 bytes.
///
/// The snapshot bytes are Kendali's canonical form (the same bytes as
/// `SnapshotWriter.bytes` of the same records; a test checks it): the columns of
/// `SnapshotColumns.all`, LF line ends, no byte-order mark, RFC 4180 quoting only where
/// needed, 0/1 flags, ISO dates, `progres_fisik` in its shortest form (`12.5`, `100`).
/// It skips building `SnapshotRecord` values and strings, which matters at national
/// scale (5.6 million rows).
enum SnapshotBytes {
    /// The header line.
    static let header: [UInt8] = Array((SnapshotColumns.all.joined(separator: ",") + "\n").utf8)

    /// `kode,nama,desa,kecamatan,kabupaten,` of each cooperative, encoded once.
    static func prefixes(_ cooperatives: [SimulatedCooperative]) -> [[UInt8]] {
        cooperatives.map { c in
            var out: [UInt8] = Array(String(c.village.code.value).utf8)
            for text in [c.village.cooperativeName, c.village.name, c.kecamatan, c.kabupaten] {
                out.append(0x2C)
                appendText(text, to: &out)
            }
            out.append(0x2C)
            return out
        }
    }

    private static let tahapBytes: [Tahap: [UInt8]] = Dictionary(
        uniqueKeysWithValues: Tahap.allCases.map { ($0, Array(($0.rawValue + ",").utf8)) })
    private static let landBytes: [StatusLahan: [UInt8]] = Dictionary(
        uniqueKeysWithValues: StatusLahan.allCases.map { ($0, Array(($0.rawValue + ",").utf8)) })
    private static let noteBytes: [[UInt8]] = SimulatedReport.notes.map { note in
        var out: [UInt8] = []
        appendText(note, to: &out)
        return out
    }

    /// One snapshot file: the header and the present reports of week `week` of every
    /// province, in code order.
    ///
    /// - Parameter prefixes: ``prefixes(_:)`` of each province's cooperatives.
    static func snapshot(world: SimulatedWorld, week: Int, prefixes: [[[UInt8]]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(header.count + world.cooperativeCount * 130)
        out.append(contentsOf: header)
        let date = Array((world.reportDates[week].iso + ",").utf8)
        for (pi, p) in world.provinces.enumerated() {
            let prefixes = prefixes[pi]
            for i in p.cooperatives.indices {
                let r = p.report(cooperative: i, week: week)
                guard r.isPresent else { continue }
                out.append(contentsOf: prefixes[i])
                out.append(contentsOf: date)
                appendReport(r, to: &out)
            }
        }
        return out
    }

    /// The fields from `tahap` to `catatan` and the line end.
    static func appendReport(_ r: SimulatedReport, to out: inout [UInt8]) {
        let f = r.flags
        out.append(contentsOf: tahapBytes[r.tahap] ?? [])
        flag(f.contains(.badanHukum), &out)
        flag(f.contains(.pengurusLengkap), &out)
        appendInteger(Int64(r.jumlahAnggota), to: &out)
        out.append(0x2C)
        flag(f.contains(.rapatAnggota), &out)
        flag(f.contains(.nib), &out)
        flag(f.contains(.npwp), &out)
        flag(f.contains(.rekeningBank), &out)
        flag(f.contains(.laporanTepatWaktu), &out)
        out.append(contentsOf: landBytes[r.statusLahan] ?? [])
        if r.progressTenths >= 0 {
            let t = Int64(r.progressTenths)
            appendInteger(t / 10, to: &out)
            if t % 10 != 0 {
                out.append(0x2E)
                out.append(0x30 + UInt8(t % 10))
            }
        }
        out.append(0x2C)
        appendInteger(Int64(r.unitUsahaAktif), to: &out)
        out.append(0x2C)
        if r.omzetThousands >= 0 { appendInteger(Int64(r.omzetThousands) * 1000, to: &out) }
        out.append(0x2C)
        if r.anggotaAktif >= 0 { appendInteger(Int64(r.anggotaAktif), to: &out) }
        out.append(0x2C)
        flag(f.contains(.kendalaLahan), &out)
        flag(f.contains(.kendalaCuaca), &out)
        flag(f.contains(.kendalaTenagaKerja), &out)
        flag(f.contains(.kendalaTeknis), &out)
        if r.note > 0 && Int(r.note) < noteBytes.count { out.append(contentsOf: noteBytes[Int(r.note)]) }
        out.append(0x0A)
    }

    /// The truth file: one row per cooperative in code order.
    ///
    /// Columns: `kode_koperasi, green_date, portal_date, land_ready_date,
    /// construction_start, completion, operating_date, speed_factor, land_difficulty,
    /// ever_disputed`; dates ISO or empty (not reached within the cap), the speed factor
    /// with four decimals, the land difficulty `easy`/`normal`/`hard`, `ever_disputed` 0/1.
    static func truth(world: SimulatedWorld) -> [UInt8] {
        var out: [UInt8] = Array(
            ("kode_koperasi,green_date,portal_date,land_ready_date,construction_start,"
                + "completion,operating_date,speed_factor,land_difficulty,ever_disputed\n").utf8)
        for p in world.provinces {
            for t in p.truth {
                appendInteger(t.kode.value, to: &out)
                for d in [t.greenDate, t.portalDate, t.landReadyDate, t.constructionStart,
                          t.completion, t.operatingDate] {
                    out.append(0x2C)
                    if let d { out.append(contentsOf: d.iso.utf8) }
                }
                out.append(0x2C)
                let scaled = Int64((t.speedFactor * 10_000).rounded())
                appendInteger(scaled / 10_000, to: &out)
                out.append(0x2E)
                let frac = scaled % 10_000
                for divisor: Int64 in [1000, 100, 10, 1] { out.append(0x30 + UInt8(frac / divisor % 10)) }
                out.append(0x2C)
                out.append(contentsOf: ["easy", "normal", "hard"][min(2, max(0, t.landDifficulty))].utf8)
                out.append(0x2C)
                out.append(t.everDisputed ? 0x31 : 0x30)
                out.append(0x0A)
            }
        }
        return out
    }

    @inline(__always)
    private static func flag(_ v: Bool, _ out: inout [UInt8]) {
        out.append(v ? 0x31 : 0x30)
        out.append(0x2C)
    }

    /// Appends the decimal digits of `v` (≥ 0).
    @inline(__always)
    static func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        if v < 10 {
            out.append(0x30 + UInt8(max(0, v)))
            return
        }
        var count = 1
        var t = v
        while t >= 10 {
            t /= 10
            count += 1
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: count))
        var x = v
        var i = start + count - 1
        while x > 0 {
            out[i] = 0x30 + UInt8(x % 10)
            x /= 10
            i -= 1
        }
    }

    /// Appends `text`, quoted as RFC 4180 when it holds `,`, `"`, `;`, CR or LF or starts
    /// or ends with a space or tab (the canonical writer's rule).
    static func appendText(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return }
        var quote = first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
        if !quote {
            for c in utf8 where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D || c == 0x3B {
                quote = true
                break
            }
        }
        guard quote else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(0x22)
        for c in utf8 {
            out.append(c)
            if c == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }
}

extension SimulatedWorld {
    /// The snapshot file of written week `week` as bytes, in Kendali's canonical form.
    ///
    /// - Precondition: `week` is a written week index.
    /// - Complexity: O(cooperatives).
    public func snapshotCSV(week: Int) -> [UInt8] {
        precondition(reportDates.indices.contains(week), "week out of range")
        return SnapshotBytes.snapshot(
            world: self, week: week, prefixes: provinces.map { SnapshotBytes.prefixes($0.cooperatives) })
    }

    /// The truth file as bytes (see `datasets/README.md` for the columns).
    public func truthCSV() -> [UInt8] {
        SnapshotBytes.truth(world: self)
    }

    /// The file name of the snapshot of `date`: `YYYY-MM-DD.csv`.
    public static func snapshotFileName(_ date: Day) -> String {
        date.iso + ".csv"
    }
}
