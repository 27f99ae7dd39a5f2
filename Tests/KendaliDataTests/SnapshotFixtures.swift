import KendaliData

/// Locates the test fixtures next to this source file and builds sample records.
enum SnapshotFixtures {
    /// The folder `Fixtures/` beside this file.
    static var folder: String {
        let here = #filePath
        guard let slash = here.lastIndex(of: "/") else { return "Fixtures" }
        return String(here[..<slash]) + "/Fixtures"
    }

    /// The full path of fixture `name`.
    static func path(_ name: String) -> String { folder + "/" + name }

    /// Reads a fixture expected to be valid.
    static func read(_ name: String) throws -> SnapshotFile {
        try SnapshotReader.read(contentsOf: path(name))
    }

    /// The issues of a fixture expected to be rejected (empty when it was accepted).
    static func errors(_ name: String) -> [SnapshotIssue] {
        do {
            _ = try SnapshotReader.read(contentsOf: path(name))
            return []
        } catch {
            return error.issues
        }
    }

    /// The issues of in-memory text expected to be rejected (empty when accepted).
    static func errors(text: String, name: String = "test.csv") -> [SnapshotIssue] {
        do {
            _ = try SnapshotReader.parse(bytes: Array(text.utf8), fileName: name)
            return []
        } catch {
            return error.issues
        }
    }

    /// The spec's header line.
    static let header = SnapshotColumns.all.joined(separator: ",")

    /// A plausible record; tweak the fields a test cares about.
    static func record(
        _ code: Int64 = 5201012001, date: Day = Day(year: 2026, month: 2, day: 2) ?? Day(daysSinceEpoch: 0),
        tahap: Tahap = .pembangunan, lahan: StatusLahan = .siap, progres: Double? = 50,
        units: Int = 0, anggota: Int = 25, allFlags: Bool = true
    ) -> SnapshotRecord {
        SnapshotRecord(
            kode: CooperativeCode(value: code) ?? CooperativeCode(value: 5201012001)!,
            nama: "KDMP \(code)", desa: "Desa \(code % 10_000)", kecamatan: "Kec \(code / 10_000)",
            kabupaten: "Kab \(code / 1_000_000)", tanggal: date, tahap: tahap,
            badanHukum: allFlags, pengurusLengkap: allFlags, jumlahAnggota: anggota,
            rapatAnggota: allFlags, nib: allFlags, npwp: allFlags, rekeningBank: allFlags,
            laporanTepatWaktu: allFlags, statusLahan: lahan, progresFisik: progres,
            unitUsahaAktif: units, omzetBulanan: nil, anggotaAktif: nil, kendalaLahan: false,
            kendalaCuaca: false, kendalaTenagaKerja: false, kendalaTeknis: false, catatan: nil)
    }

    /// The day `yyyy-mm-dd`, for tests.
    static func day(_ text: String) -> Day {
        Day(parsing: text) ?? Day(daysSinceEpoch: 0)
    }
}
