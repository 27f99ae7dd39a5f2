/// One column of a cooperative's report whose value differs from its report before: the
/// column's name (``SnapshotColumns/all``) and both values as Kendali writes them
/// (`verifikasi`, `1`, `42.5`; empty for an empty field).
public struct InputChange: Sendable, Hashable {
    /// The column, e.g. `status_lahan`.
    public var column: String
    /// The value in the earlier report.
    public var from: String
    /// The value in the later report.
    public var to: String

    /// A change as given.
    public init(column: String, from: String, to: String) {
        self.column = column
        self.from = from
        self.to = to
    }
}

extension SnapshotRecord {
    /// The value of every column of ``SnapshotColumns/all``, in that order, as the canonical
    /// CSV writes it before quoting (flags as 0/1, progress as ``SnapshotWriter/progressText(_:)``,
    /// empty optional fields as "").
    public var columnValues: [String] {
        func flag(_ b: Bool) -> String { b ? "1" : "0" }
        return [
            kode.description, nama ?? "", desa ?? "", kecamatan ?? "", kabupaten ?? "", tanggal.iso,
            tahap.rawValue, flag(badanHukum), flag(pengurusLengkap), String(jumlahAnggota), flag(rapatAnggota),
            flag(nib), flag(npwp), flag(rekeningBank), flag(laporanTepatWaktu), statusLahan.rawValue,
            progresFisik.map { SnapshotWriter.progressText($0) } ?? "", String(unitUsahaAktif),
            omzetBulanan.map { String($0) } ?? "", anggotaAktif.map { String($0) } ?? "",
            flag(kendalaLahan), flag(kendalaCuaca), flag(kendalaTenagaKerja), flag(kendalaTeknis), catatan ?? "",
        ]
    }

    /// The columns that differ from `earlier` (the same cooperative's report before this
    /// one), in ``SnapshotColumns/all`` order; the code and the report date are not
    /// compared.
    public func changes(since earlier: SnapshotRecord) -> [InputChange] {
        let names = SnapshotColumns.all
        let before = earlier.columnValues, after = columnValues
        var out: [InputChange] = []
        for k in names.indices where names[k] != "kode_koperasi" && names[k] != "tanggal_laporan" && before[k] != after[k] {
            out.append(InputChange(column: names[k], from: before[k], to: after[k]))
        }
        return out
    }
}
