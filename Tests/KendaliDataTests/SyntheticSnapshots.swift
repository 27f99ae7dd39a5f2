@testable import KendaliData

/// Seeded snapshot records for the reader's property and fast-lane tests.
enum SyntheticSnapshots {
    /// Synthetic, valid records for one report date: `count` cooperatives spread over
    /// provinces, regencies and districts, with every stage, land status and a mix of
    /// empty and filled optional fields (some notes need quoting). Deterministic in `seed`.
    static func records(count: Int, seed: UInt64 = 42,
                        date: Day = Day(daysSinceEpoch: 20_500)) -> [SnapshotRecord] {
        var state = seed | 1
        func next() -> UInt64 {
            // xorshift64*
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        let notes = ["", "", "", "hujan deras, material terlambat", "menunggu \"SK\" bupati",
                     "tenaga kerja kurang", "lahan desa\nsedang diverifikasi"]
        var out: [SnapshotRecord] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let province = Int64(11 + (i / 8000) % 80)
            let regency = Int64(1 + (i / 400) % 20)
            let district = Int64(1 + (i / 20) % 20)
            let village = Int64(2001 + i % 20)
            let value = ((province * 100 + regency) * 100 + district) * 10_000 + village
            guard let code = CooperativeCode(value: value) else { continue }
            let r = next()
            let tahap = Tahap.allCases[Int(r % 5)]
            let lahan = StatusLahan.allCases[Int((r >> 8) % 5)]
            let progress: Double? = tahap == .pembangunan
                ? Double((r >> 16) % 10_000) / 100 : (tahap > .pembangunan ? 100 : nil)
            let bits = r >> 32
            out.append(SnapshotRecord(
                kode: code, nama: "Koperasi Desa Merah Putih \(village)", desa: "Desa \(village)",
                kecamatan: "Kecamatan \(province)\(regency)\(district)",
                kabupaten: "Kabupaten \(province)\(regency)", tanggal: date, tahap: tahap,
                badanHukum: bits & 1 != 0, pengurusLengkap: bits & 2 != 0,
                jumlahAnggota: Int((r >> 40) % 300), rapatAnggota: bits & 4 != 0,
                nib: bits & 8 != 0, npwp: bits & 16 != 0, rekeningBank: bits & 32 != 0,
                laporanTepatWaktu: bits & 64 != 0, statusLahan: lahan, progresFisik: progress,
                unitUsahaAktif: Int((r >> 48) % 8),
                omzetBulanan: bits & 128 != 0 ? Int64((r >> 20) % 500_000_000) : nil,
                anggotaAktif: bits & 256 != 0 ? Int((r >> 44) % 200) : nil,
                kendalaLahan: bits & 512 != 0, kendalaCuaca: bits & 1024 != 0,
                kendalaTenagaKerja: bits & 2048 != 0, kendalaTeknis: bits & 4096 != 0,
                catatan: notes[Int((r >> 52) % UInt64(notes.count))].isEmpty
                    ? nil : notes[Int((r >> 52) % UInt64(notes.count))]))
        }
        return out
    }
}
