import Foundation

/// Builds snapshot CSV text (spec version 1 columns) for the data-command tests.
struct IngestCSV {
    static let header = """
        kode_koperasi,nama_koperasi,desa,kecamatan,kabupaten,tanggal_laporan,tahap,badan_hukum,\
        pengurus_lengkap,jumlah_anggota,rapat_anggota,nib,npwp,rekening_bank,laporan_tepat_waktu,\
        status_lahan,progres_fisik,unit_usaha_aktif,omzet_bulanan,anggota_aktif,kendala_lahan,\
        kendala_cuaca,kendala_tenaga_kerja,kendala_teknis,catatan
        """

    var lines: [String] = [header]

    /// Adds one row. `good` sets every 0/1 institutional and legality field to 1 (and 30
    /// members), otherwise to 0 (and 5 members).
    mutating func add(
        kode: String, date: String, tahap: String, lahan: String, progres: String = "",
        units: Int = 0, good: Bool = false, desa: String = "Desa", kecamatan: String = "Kecamatan",
        kabupaten: String = "Kabupaten", nama: String = "Koperasi"
    ) {
        let flag = good ? "1" : "0"
        let members = good ? "30" : "5"
        let fields = [
            kode, nama, desa, kecamatan, kabupaten, date, tahap, flag, flag, members, flag, flag,
            flag, flag, flag, lahan, progres, String(units), "", "", "0", "0", "0", "0", "",
        ]
        lines.append(fields.joined(separator: ","))
    }

    var text: String { lines.joined(separator: "\n") + "\n" }
}

/// A fresh temporary folder.
func ingestTemporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("kendali-ingest-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes `text` to `folder/name` and returns the path.
@discardableResult
func ingestWrite(_ text: String, _ folder: URL, _ name: String) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The bytes of the file at `path`, or `nil`.
func ingestBytes(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

/// Two small valid weeks and a broken one, as used by several tests.
enum IngestFixture {
    static func week(_ date: String, progress: String = "40") -> String {
        var csv = IngestCSV()
        csv.add(kode: "5201012001", date: date, tahap: "beroperasi", lahan: "siap", progres: "100",
                units: 2, good: true, desa: "Sandik", kecamatan: "Batu Layar", kabupaten: "Lombok Barat")
        csv.add(kode: "5201012002", date: date, tahap: "pembangunan", lahan: "siap", progres: progress,
                desa: "Senteluk", kecamatan: "Batu Layar", kabupaten: "Lombok Barat")
        return csv.text
    }

    /// Errors on lines 2 (progres 120) and 3 (tahap unknown, flag 'maybe').
    static let broken = """
        \(IngestCSV.header)
        5201012001,K,Sandik,Batu Layar,Lombok Barat,2025-07-21,portal,1,1,30,1,1,1,1,1,siap,120,0,,,0,0,0,0,
        5201012002,K,Senteluk,Batu Layar,Lombok Barat,2025-07-21,dibangun,maybe,1,30,1,1,1,1,1,siap,,0,,,0,0,0,0,

        """
}
