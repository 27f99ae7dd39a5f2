import KendaliData

/// One cooperative's simulated report for one week, stored compactly (24 bytes) so that a
/// national world of 80,000 cooperatives × 70 weeks fits in memory.
///
/// A report that the cooperative did not send (`isPresent == false`) is kept as a
/// placeholder so that reports can be indexed by (cooperative, week); it is not written.
public struct SimulatedReport: Sendable, Hashable {
    /// The 0/1 fields, as bits of ``flags``.
    public struct Flags: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public var rawValue: UInt16
        /// Flags from their bits.
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        /// `badan_hukum`.
        public static let badanHukum = Flags(rawValue: 1 << 0)
        /// `pengurus_lengkap`.
        public static let pengurusLengkap = Flags(rawValue: 1 << 1)
        /// `rapat_anggota`.
        public static let rapatAnggota = Flags(rawValue: 1 << 2)
        /// `nib`.
        public static let nib = Flags(rawValue: 1 << 3)
        /// `npwp`.
        public static let npwp = Flags(rawValue: 1 << 4)
        /// `rekening_bank`.
        public static let rekeningBank = Flags(rawValue: 1 << 5)
        /// `laporan_tepat_waktu`.
        public static let laporanTepatWaktu = Flags(rawValue: 1 << 6)
        /// `kendala_lahan`.
        public static let kendalaLahan = Flags(rawValue: 1 << 7)
        /// `kendala_cuaca`.
        public static let kendalaCuaca = Flags(rawValue: 1 << 8)
        /// `kendala_tenaga_kerja`.
        public static let kendalaTenagaKerja = Flags(rawValue: 1 << 9)
        /// `kendala_teknis`.
        public static let kendalaTeknis = Flags(rawValue: 1 << 10)
    }

    /// False when the cooperative sent no report this week.
    public var isPresent: Bool
    /// `tahap`.
    public var tahap: Tahap
    /// `status_lahan`.
    public var statusLahan: StatusLahan
    /// `unit_usaha_aktif`, 0–7.
    public var unitUsahaAktif: UInt8
    /// Index of the `catatan` in ``SimulatedReport/notes`` (0 = no note).
    public var note: UInt8
    /// The 0/1 fields.
    public var flags: Flags
    /// `progres_fisik` in tenths of a point, −1 when empty (construction not started).
    public var progressTenths: Int16
    /// `jumlah_anggota`.
    public var jumlahAnggota: Int32
    /// `omzet_bulanan` in thousands of rupiah, −1 when empty.
    public var omzetThousands: Int32
    /// `anggota_aktif`, −1 when empty.
    public var anggotaAktif: Int32

    /// An absent report.
    public static let absent = SimulatedReport(
        isPresent: false, tahap: .terdaftar, statusLahan: .tidakAda, unitUsahaAktif: 0, note: 0,
        flags: [], progressTenths: -1, jumlahAnggota: 0, omzetThousands: -1, anggotaAktif: -1)

    /// A report from its fields.
    public init(
        isPresent: Bool, tahap: Tahap, statusLahan: StatusLahan, unitUsahaAktif: UInt8,
        note: UInt8, flags: Flags, progressTenths: Int16, jumlahAnggota: Int32,
        omzetThousands: Int32, anggotaAktif: Int32
    ) {
        self.isPresent = isPresent
        self.tahap = tahap
        self.statusLahan = statusLahan
        self.unitUsahaAktif = unitUsahaAktif
        self.note = note
        self.flags = flags
        self.progressTenths = progressTenths
        self.jumlahAnggota = jumlahAnggota
        self.omzetThousands = omzetThousands
        self.anggotaAktif = anggotaAktif
    }

    /// `progres_fisik` in percent, `nil` before construction starts.
    public var progresFisik: Double? {
        progressTenths < 0 ? nil : Double(progressTenths) / 10
    }

    /// The free-text notes the simulator writes as `catatan`; index 0 is "no note".
    /// Two contain a comma and one a double quote, so that quoting is exercised.
    public static let notes: [String] = [
        "",
        "menunggu verifikasi lahan",
        "lahan bersengketa, menunggu mediasi",
        "hujan deras, pekerjaan tertunda",
        "kekurangan tukang",
        "menunggu material",
        "gerai sembako sudah buka",
        "belum ada lahan desa",
        "laporan terlambat",
        "serah terima bangunan",
        "ketua pengurus mundur diganti \"plt\"",
    ]

    /// What the zone rules read from this report.
    public var zoneInputs: ZoneInputs {
        let f = flags
        return ZoneInputs(
            tahap: tahap, statusLahan: statusLahan, progresFisik: progresFisik,
            unitUsahaAktif: Int(unitUsahaAktif), jumlahAnggota: Int(jumlahAnggota),
            kelembagaanItems: (f.contains(.badanHukum) ? 1 : 0) + (f.contains(.pengurusLengkap) ? 1 : 0)
                + (f.contains(.rapatAnggota) ? 1 : 0),
            legalitasItems: (f.contains(.nib) ? 1 : 0) + (f.contains(.npwp) ? 1 : 0)
                + (f.contains(.rekeningBank) ? 1 : 0) + (f.contains(.laporanTepatWaktu) ? 1 : 0))
    }

    /// The zone classifier of the spec's rule set 1, the rules the simulated truth is
    /// defined by.
    static let ruleSet1 = ZoneClassifier(rules: .default)

    /// True when the report was sent and is green under the spec's rule set 1
    /// (`ZoneClassifier(rules: .default).isGreen`).
    public var isGreenUnderRuleSet1: Bool {
        isPresent && Self.ruleSet1.isGreen(zoneInputs)
    }

    /// The report as a validated snapshot record of `village` on `date`, with the names
    /// of its district and regency.
    public func record(village: SimulatedVillage, kecamatan: String, kabupaten: String, date: Day)
        -> SnapshotRecord
    {
        let f = flags
        return SnapshotRecord(
            kode: village.code, nama: village.cooperativeName, desa: village.name,
            kecamatan: kecamatan, kabupaten: kabupaten, tanggal: date, tahap: tahap,
            badanHukum: f.contains(.badanHukum), pengurusLengkap: f.contains(.pengurusLengkap),
            jumlahAnggota: Int(jumlahAnggota), rapatAnggota: f.contains(.rapatAnggota),
            nib: f.contains(.nib), npwp: f.contains(.npwp), rekeningBank: f.contains(.rekeningBank),
            laporanTepatWaktu: f.contains(.laporanTepatWaktu), statusLahan: statusLahan,
            progresFisik: progresFisik, unitUsahaAktif: Int(unitUsahaAktif),
            omzetBulanan: omzetThousands < 0 ? nil : Int64(omzetThousands) * 1000,
            anggotaAktif: anggotaAktif < 0 ? nil : Int(anggotaAktif),
            kendalaLahan: f.contains(.kendalaLahan), kendalaCuaca: f.contains(.kendalaCuaca),
            kendalaTenagaKerja: f.contains(.kendalaTenagaKerja),
            kendalaTeknis: f.contains(.kendalaTeknis),
            catatan: note == 0 || Int(note) >= Self.notes.count ? nil : Self.notes[Int(note)])
    }
}

/// The ground truth of one simulated cooperative: the dates of its milestones (report
/// dates, on the weekly grid) and its hidden traits.
///
/// A date is `nil` when the milestone is not reached within the simulation cap (five
/// years after the first simulated week).
public struct CooperativeTruth: Sendable, Hashable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// The first report date on which its report is green under rule set 1 — the
    /// forecast's target. Absent reports are never green, so this is a date on which a
    /// report was (or, past the last written week, would be) sent.
    public var greenDate: Day?
    /// The week it was registered in the portal.
    public var portalDate: Day?
    /// The week its land first became `siap`.
    public var landReadyDate: Day?
    /// The week construction started (first week in `pembangunan`).
    public var constructionStart: Day?
    /// The week the building was finished (first week in `selesai`).
    public var completion: Day?
    /// The first week with a business unit operating after completion.
    public var operatingDate: Day?
    /// The per-cooperative construction speed factor (lognormal, median 1, times the
    /// regency's speed): a site with factor 2 builds twice as fast in the same conditions.
    public var speedFactor: Double
    /// The land difficulty class: 0 easy, 1 normal, 2 hard.
    public var landDifficulty: Int
    /// True when its land was disputed at some time (before or during construction).
    public var everDisputed: Bool

    /// A truth record from its fields.
    public init(
        kode: CooperativeCode, greenDate: Day?, portalDate: Day?, landReadyDate: Day?,
        constructionStart: Day?, completion: Day?, operatingDate: Day?, speedFactor: Double,
        landDifficulty: Int, everDisputed: Bool
    ) {
        self.kode = kode
        self.greenDate = greenDate
        self.portalDate = portalDate
        self.landReadyDate = landReadyDate
        self.constructionStart = constructionStart
        self.completion = completion
        self.operatingDate = operatingDate
        self.speedFactor = speedFactor
        self.landDifficulty = landDifficulty
        self.everDisputed = everDisputed
    }
}
