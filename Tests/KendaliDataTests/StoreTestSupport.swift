import KendaliData
import Randomness

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh temporary folder for one test.
func storeTemporaryFolder() -> String {
    var template = Array("/tmp/kendali-store-test-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
        guard let base = buffer.baseAddress else { return nil }
        return mkdtemp(base)
    }
    guard let made else { return "/tmp/kendali-store-test-fallback-\(getpid())" }
    return String(cString: made)
}

/// Removes a temporary folder made by `storeTemporaryFolder()` (files only, one level).
func storeRemoveFolder(_ path: String) {
    guard let dir = opendir(path) else { return }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != ".", name != ".." { names.append(name) }
    }
    closedir(dir)
    for name in names { unlink(path + "/" + name) }
    rmdir(path)
}

/// The bytes of a file, or `nil` when it can't be read.
func storeFileBytes(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        out.append(contentsOf: buffer[0..<n])
    }
    return out
}

/// Writes `text` to `path`.
func storeWriteText(_ text: String, to path: String) {
    guard let f = fopen(path, "wb") else { return }
    fputs(text, f)
    fclose(f)
}

/// True when a file exists at `path`.
func storeFileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

/// SplitMix64 (`Randomness`): the seeded generator of reproducible test data.
typealias StoreTestRandom = SplitMix64

/// A plausible record of cooperative number `i` for week `week` (0-based), with names.
func storeTestRecord(_ i: Int, week: Int, date: Day, random: inout StoreTestRandom) -> SnapshotRecord {
    let regency = 1 + i % 3
    let district = 1 + (i / 3) % 4
    let village = 2001 + i
    let kode = CooperativeCode(value: Int64(52_00_00_0000 + regency * 1_000_000 + district * 10_000 + village))!
    let stageIndex = min(4, (i + week) / 3 % 5)
    let tahap = Tahap.allCases[stageIndex]
    let progress: Double? = tahap == .pembangunan ? min(99, Double(week * 7 + i % 11) + random.uniform()) : (tahap >= .selesai ? 100 : nil)
    return SnapshotRecord(
        kode: kode, nama: "Koperasi Desa Merah Putih \(i)", desa: "Desa \(i)",
        kecamatan: "Kecamatan \(regency)-\(district)", kabupaten: "Kabupaten \(regency)",
        tanggal: date, tahap: tahap, badanHukum: i % 2 == 0, pengurusLengkap: i % 3 != 0,
        jumlahAnggota: 10 + random.below(40), rapatAnggota: random.below(2) == 1,
        nib: i % 5 != 0, npwp: random.below(3) != 0, rekeningBank: true,
        laporanTepatWaktu: random.below(4) != 0,
        statusLahan: StatusLahan.allCases[(i + week / 4) % 5], progresFisik: progress,
        unitUsahaAktif: tahap == .beroperasi ? 1 + i % 4 : 0,
        omzetBulanan: tahap == .beroperasi ? Int64(1_000_000 * (i % 7)) : nil,
        anggotaAktif: tahap == .beroperasi ? i % 30 : nil, kendalaLahan: i % 7 == 0,
        kendalaCuaca: random.below(5) == 0, kendalaTenagaKerja: false,
        kendalaTeknis: random.below(9) == 0, catatan: i % 10 == 0 ? "catatan, \"kutip\"\nbaris dua" : nil)
}

/// A validated file of `count` cooperatives for week `week` (weekly from 2025-07-07),
/// written by `SnapshotWriter` and read back by `SnapshotReader`.
func storeTestFile(count: Int, week: Int, seed: UInt64 = 7, name: String? = nil,
                   edit: (inout [SnapshotRecord]) -> Void = { _ in }) throws -> SnapshotFile {
    let date = Day(year: 2025, month: 7, day: 7)!.adding(days: 7 * week)
    var random = StoreTestRandom(seed: seed &+ UInt64(week))
    var records = (0..<count).map { storeTestRecord($0, week: week, date: date, random: &random) }
    edit(&records)
    let bytes = SnapshotWriter.bytes(records)
    return try SnapshotReader.parse(bytes: bytes, fileName: name ?? "\(date.iso).csv")
}
