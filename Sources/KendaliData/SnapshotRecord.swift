/// Stage of a cooperative (`tahap` in the snapshot spec), in the order a cooperative
/// passes through them.
public enum Tahap: String, CaseIterable, Sendable, Codable, Comparable {
    /// Registered.
    case terdaftar
    /// Entered in the construction portal; building not started.
    case portal
    /// Under construction.
    case pembangunan
    /// Building finished, not operating.
    case selesai
    /// Operating.
    case beroperasi

    /// Position in the pipeline, 0 (`terdaftar`) … 4 (`beroperasi`).
    @inlinable
    public var rank: Int {
        switch self {
        case .terdaftar: 0
        case .portal: 1
        case .pembangunan: 2
        case .selesai: 3
        case .beroperasi: 4
        }
    }

    /// Orders stages along the pipeline.
    @inlinable
    public static func < (a: Tahap, b: Tahap) -> Bool { a.rank < b.rank }
}

/// Land status (`status_lahan` in the snapshot spec).
public enum StatusLahan: String, CaseIterable, Sendable, Codable {
    /// No land.
    case tidakAda = "tidak_ada"
    /// Land proposed.
    case diusulkan
    /// Land under verification.
    case verifikasi
    /// Land ready.
    case siap
    /// Land disputed.
    case sengketa
}

/// A cooperative's id: the 10-digit village (desa/kelurahan) code
/// `PPRRDDVVVV` — 2 digits province, 2 regency, 2 district, 4 village.
///
/// A village suffix starting with `1` is a kelurahan, one starting with `2` a desa.
public struct CooperativeCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The code as an integer, 0 … 9_999_999_999.
    public let value: Int64

    /// A code from its integer value; `nil` outside 10 digits (leading zeros allowed only
    /// in the sense that the province part must be 11 or more).
    public init?(value: Int64) {
        guard value >= 1_100_000_000, value <= 9_999_999_999 else { return nil }
        self.value = value
    }

    /// Parses `5201012001` or the dotted `52.01.01.2001`; `nil` for anything else.
    public init?(parsing text: Substring) {
        var digits: Int64 = 0
        var count = 0
        let u = Array(text.utf8)
        let dotted = u.count == 13
        for (i, c) in u.enumerated() {
            if dotted, i == 2 || i == 5 || i == 8 {
                guard c == 46 else { return nil }
                continue
            }
            guard c >= 48, c <= 57 else { return nil }
            digits = digits * 10 + Int64(c - 48)
            count += 1
        }
        guard count == 10, u.count == 10 || dotted else { return nil }
        self.init(value: digits)
    }

    /// Parses `5201012001` or `52.01.01.2001`; `nil` for anything else.
    public init?(parsing text: String) { self.init(parsing: Substring(text)) }

    /// Province code, e.g. 52.
    public var province: Int { Int(value / 100_000_000) }
    /// Regency code including the province, e.g. 5201.
    public var regency: Int { Int(value / 1_000_000) }
    /// District code including regency and province, e.g. 520101.
    public var district: Int { Int(value / 10_000) }
    /// True when the village is a kelurahan (village suffix starts with 1).
    public var isKelurahan: Bool { (value % 10_000) / 1000 == 1 }

    /// The 10-digit form.
    public var description: String { String(value) }
    /// The dotted form `52.01.01.2001`.
    public var dotted: String {
        let s = String(value)
        let c = Array(s)
        return String(c[0..<2]) + "." + String(c[2..<4]) + "." + String(c[4..<6]) + "."
            + String(c[6..<10])
    }

    /// Orders codes numerically (province, regency, district, village).
    public static func < (a: CooperativeCode, b: CooperativeCode) -> Bool { a.value < b.value }
}

/// One row of a weekly snapshot, validated: a cooperative's report for one week.
///
/// Field names follow the spec's Indonesian column names (`../spec/weekly-snapshot.md`,
/// version 1); see there for the meaning of each.
public struct SnapshotRecord: Hashable, Sendable, Codable {
    /// `kode_koperasi`.
    public var kode: CooperativeCode
    /// `nama_koperasi`, when given.
    public var nama: String?
    /// `desa`, when given (required the first time a cooperative appears).
    public var desa: String?
    /// `kecamatan`, when given.
    public var kecamatan: String?
    /// `kabupaten`, when given.
    public var kabupaten: String?
    /// `tanggal_laporan`.
    public var tanggal: Day
    /// `tahap`.
    public var tahap: Tahap
    /// `badan_hukum`.
    public var badanHukum: Bool
    /// `pengurus_lengkap`.
    public var pengurusLengkap: Bool
    /// `jumlah_anggota`, members, ≥ 0.
    public var jumlahAnggota: Int
    /// `rapat_anggota`.
    public var rapatAnggota: Bool
    /// `nib`.
    public var nib: Bool
    /// `npwp`.
    public var npwp: Bool
    /// `rekening_bank`.
    public var rekeningBank: Bool
    /// `laporan_tepat_waktu`.
    public var laporanTepatWaktu: Bool
    /// `status_lahan`.
    public var statusLahan: StatusLahan
    /// `progres_fisik`, percent 0–100; `nil` before construction starts.
    public var progresFisik: Double?
    /// `unit_usaha_aktif`, 0–7.
    public var unitUsahaAktif: Int
    /// `omzet_bulanan`, rupiah, when given.
    public var omzetBulanan: Int64?
    /// `anggota_aktif`, when given.
    public var anggotaAktif: Int?
    /// `kendala_lahan`.
    public var kendalaLahan: Bool
    /// `kendala_cuaca`.
    public var kendalaCuaca: Bool
    /// `kendala_tenaga_kerja`.
    public var kendalaTenagaKerja: Bool
    /// `kendala_teknis`.
    public var kendalaTeknis: Bool
    /// `catatan`, when given.
    public var catatan: String?

    /// A record with every field given.
    public init(
        kode: CooperativeCode, nama: String? = nil, desa: String? = nil,
        kecamatan: String? = nil, kabupaten: String? = nil, tanggal: Day, tahap: Tahap,
        badanHukum: Bool, pengurusLengkap: Bool, jumlahAnggota: Int, rapatAnggota: Bool,
        nib: Bool, npwp: Bool, rekeningBank: Bool, laporanTepatWaktu: Bool,
        statusLahan: StatusLahan, progresFisik: Double?, unitUsahaAktif: Int,
        omzetBulanan: Int64? = nil, anggotaAktif: Int? = nil, kendalaLahan: Bool,
        kendalaCuaca: Bool, kendalaTenagaKerja: Bool, kendalaTeknis: Bool,
        catatan: String? = nil
    ) {
        self.kode = kode
        self.nama = nama
        self.desa = desa
        self.kecamatan = kecamatan
        self.kabupaten = kabupaten
        self.tanggal = tanggal
        self.tahap = tahap
        self.badanHukum = badanHukum
        self.pengurusLengkap = pengurusLengkap
        self.jumlahAnggota = jumlahAnggota
        self.rapatAnggota = rapatAnggota
        self.nib = nib
        self.npwp = npwp
        self.rekeningBank = rekeningBank
        self.laporanTepatWaktu = laporanTepatWaktu
        self.statusLahan = statusLahan
        self.progresFisik = progresFisik
        self.unitUsahaAktif = unitUsahaAktif
        self.omzetBulanan = omzetBulanan
        self.anggotaAktif = anggotaAktif
        self.kendalaLahan = kendalaLahan
        self.kendalaCuaca = kendalaCuaca
        self.kendalaTenagaKerja = kendalaTenagaKerja
        self.kendalaTeknis = kendalaTeknis
        self.catatan = catatan
    }
}

extension SnapshotRecord {
    /// The number of stored properties, which `initialize(_:kode:…)` writes one by one
    /// (a test compares it with the properties the runtime sees).
    static let storedPropertyCount = 25

    /// Writes a record to `slot` (uninitialized memory) one stored property at a time:
    /// the record `SnapshotRecord(kode:…)` would give, for the reader's fast lanes.
    ///
    /// Built by the initializer and then moved into place, a record of this many
    /// properties is copied once more by the optimizer (Swift 6.3): a retain and a release
    /// of each of its strings, for every row read. Written in place, the strings are
    /// stored as they are. Every stored property must be written here.
    @inline(__always)
    static func initialize(
        _ slot: UnsafeMutablePointer<SnapshotRecord>,
        kode: CooperativeCode,
        nama: consuming String?,
        desa: consuming String?,
        kecamatan: consuming String?,
        kabupaten: consuming String?,
        tanggal: Day,
        tahap: Tahap,
        badanHukum: Bool,
        pengurusLengkap: Bool,
        jumlahAnggota: Int,
        rapatAnggota: Bool,
        nib: Bool,
        npwp: Bool,
        rekeningBank: Bool,
        laporanTepatWaktu: Bool,
        statusLahan: StatusLahan,
        progresFisik: Double?,
        unitUsahaAktif: Int,
        omzetBulanan: Int64?,
        anggotaAktif: Int?,
        kendalaLahan: Bool,
        kendalaCuaca: Bool,
        kendalaTenagaKerja: Bool,
        kendalaTeknis: Bool,
        catatan: consuming String?
    ) {
        guard let pKode = slot.pointer(to: \.kode),
              let pNama = slot.pointer(to: \.nama),
              let pDesa = slot.pointer(to: \.desa),
              let pKecamatan = slot.pointer(to: \.kecamatan),
              let pKabupaten = slot.pointer(to: \.kabupaten),
              let pTanggal = slot.pointer(to: \.tanggal),
              let pTahap = slot.pointer(to: \.tahap),
              let pBadanHukum = slot.pointer(to: \.badanHukum),
              let pPengurusLengkap = slot.pointer(to: \.pengurusLengkap),
              let pJumlahAnggota = slot.pointer(to: \.jumlahAnggota),
              let pRapatAnggota = slot.pointer(to: \.rapatAnggota),
              let pNib = slot.pointer(to: \.nib),
              let pNpwp = slot.pointer(to: \.npwp),
              let pRekeningBank = slot.pointer(to: \.rekeningBank),
              let pLaporanTepatWaktu = slot.pointer(to: \.laporanTepatWaktu),
              let pStatusLahan = slot.pointer(to: \.statusLahan),
              let pProgresFisik = slot.pointer(to: \.progresFisik),
              let pUnitUsahaAktif = slot.pointer(to: \.unitUsahaAktif),
              let pOmzetBulanan = slot.pointer(to: \.omzetBulanan),
              let pAnggotaAktif = slot.pointer(to: \.anggotaAktif),
              let pKendalaLahan = slot.pointer(to: \.kendalaLahan),
              let pKendalaCuaca = slot.pointer(to: \.kendalaCuaca),
              let pKendalaTenagaKerja = slot.pointer(to: \.kendalaTenagaKerja),
              let pKendalaTeknis = slot.pointer(to: \.kendalaTeknis),
              let pCatatan = slot.pointer(to: \.catatan)
        else {
            // Not reached: every one is a stored property.
            slot.initialize(to: SnapshotRecord(
                kode: kode, nama: nama, desa: desa, kecamatan: kecamatan, kabupaten: kabupaten,
                tanggal: tanggal, tahap: tahap, badanHukum: badanHukum,
                pengurusLengkap: pengurusLengkap, jumlahAnggota: jumlahAnggota,
                rapatAnggota: rapatAnggota, nib: nib, npwp: npwp, rekeningBank: rekeningBank,
                laporanTepatWaktu: laporanTepatWaktu, statusLahan: statusLahan,
                progresFisik: progresFisik, unitUsahaAktif: unitUsahaAktif,
                omzetBulanan: omzetBulanan, anggotaAktif: anggotaAktif,
                kendalaLahan: kendalaLahan, kendalaCuaca: kendalaCuaca,
                kendalaTenagaKerja: kendalaTenagaKerja, kendalaTeknis: kendalaTeknis,
                catatan: catatan))
            return
        }
        pKode.initialize(to: kode)
        pNama.initialize(to: nama)
        pDesa.initialize(to: desa)
        pKecamatan.initialize(to: kecamatan)
        pKabupaten.initialize(to: kabupaten)
        pTanggal.initialize(to: tanggal)
        pTahap.initialize(to: tahap)
        pBadanHukum.initialize(to: badanHukum)
        pPengurusLengkap.initialize(to: pengurusLengkap)
        pJumlahAnggota.initialize(to: jumlahAnggota)
        pRapatAnggota.initialize(to: rapatAnggota)
        pNib.initialize(to: nib)
        pNpwp.initialize(to: npwp)
        pRekeningBank.initialize(to: rekeningBank)
        pLaporanTepatWaktu.initialize(to: laporanTepatWaktu)
        pStatusLahan.initialize(to: statusLahan)
        pProgresFisik.initialize(to: progresFisik)
        pUnitUsahaAktif.initialize(to: unitUsahaAktif)
        pOmzetBulanan.initialize(to: omzetBulanan)
        pAnggotaAktif.initialize(to: anggotaAktif)
        pKendalaLahan.initialize(to: kendalaLahan)
        pKendalaCuaca.initialize(to: kendalaCuaca)
        pKendalaTenagaKerja.initialize(to: kendalaTenagaKerja)
        pKendalaTeknis.initialize(to: kendalaTeknis)
        pCatatan.initialize(to: catatan)
    }
}

/// The spec's column names, in the canonical order in which Kendali writes them.
public enum SnapshotColumns {
    /// Every column of spec version 1, canonical order.
    public static let all: [String] = [
        "kode_koperasi", "nama_koperasi", "desa", "kecamatan", "kabupaten", "tanggal_laporan",
        "tahap", "badan_hukum", "pengurus_lengkap", "jumlah_anggota", "rapat_anggota", "nib",
        "npwp", "rekening_bank", "laporan_tepat_waktu", "status_lahan", "progres_fisik",
        "unit_usaha_aktif", "omzet_bulanan", "anggota_aktif", "kendala_lahan", "kendala_cuaca",
        "kendala_tenaga_kerja", "kendala_teknis", "catatan",
    ]
}

extension SnapshotRecord {
    /// True when the cooperative is in the construction portal while its land is not
    /// ready: `tahap` = `portal` and `status_lahan` ≠ `siap` (counted by the weekly status
    /// and the report as "in the portal, land not ready").
    public var isPortalLandNotReady: Bool { tahap == .portal && statusLahan != .siap }
}
