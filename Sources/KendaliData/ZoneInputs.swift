/// What the zone rules read from one weekly report: its stage, land, physical progress,
/// business units, members and the number of institutional and legal items it holds.
///
/// Every source of reports (a snapshot record, a simulated report, a panel cell) hands
/// these to ``ZoneClassifier``, so the rules are written once.
public struct ZoneInputs: Sendable, Hashable {
    /// `tahap`.
    public var tahap: Tahap
    /// `status_lahan`.
    public var statusLahan: StatusLahan
    /// `progres_fisik`, percent; `nil` when not reported (counted as 0).
    public var progresFisik: Double?
    /// `unit_usaha_aktif`.
    public var unitUsahaAktif: Int
    /// `jumlah_anggota`.
    public var jumlahAnggota: Int
    /// How many of `badan_hukum`, `pengurus_lengkap` and `rapat_anggota` are 1 (0–3); the
    /// fourth kelembagaan item, enough members, comes from ``jumlahAnggota``.
    public var kelembagaanItems: Int
    /// How many of `nib`, `npwp`, `rekening_bank` and `laporan_tepat_waktu` are 1 (0–4).
    public var legalitasItems: Int

    /// Inputs as given.
    public init(
        tahap: Tahap, statusLahan: StatusLahan, progresFisik: Double?, unitUsahaAktif: Int,
        jumlahAnggota: Int, kelembagaanItems: Int, legalitasItems: Int
    ) {
        self.tahap = tahap
        self.statusLahan = statusLahan
        self.progresFisik = progresFisik
        self.unitUsahaAktif = unitUsahaAktif
        self.jumlahAnggota = jumlahAnggota
        self.kelembagaanItems = kelembagaanItems
        self.legalitasItems = legalitasItems
    }
}

extension SnapshotRecord {
    /// What the zone rules read from this report.
    public var zoneInputs: ZoneInputs {
        ZoneInputs(
            tahap: tahap, statusLahan: statusLahan, progresFisik: progresFisik,
            unitUsahaAktif: unitUsahaAktif, jumlahAnggota: jumlahAnggota,
            kelembagaanItems: (badanHukum ? 1 : 0) + (pengurusLengkap ? 1 : 0) + (rapatAnggota ? 1 : 0),
            legalitasItems: (nib ? 1 : 0) + (npwp ? 1 : 0) + (rekeningBank ? 1 : 0)
                + (laporanTepatWaktu ? 1 : 0))
    }
}
