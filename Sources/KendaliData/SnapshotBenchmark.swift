#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measurements of the snapshot reader and writer on synthetic files, for the benchmark
/// executable (never run by the tests).
///
/// Each measurement keeps the fastest of several repetitions, both in wall-clock time and
/// in CPU time of the calling thread; on a busy machine the CPU time is the fairer number.
public enum SnapshotBenchmark {
    /// The result of timing one operation.
    public struct Measurement: Sendable, CustomStringConvertible {
        /// What was measured.
        public var name: String
        /// Bytes processed per repetition.
        public var bytes: Int
        /// Rows processed per repetition.
        public var rows: Int
        /// The fastest repetition, in wall-clock seconds.
        public var bestSeconds: Double
        /// The fastest repetition, in CPU seconds of the measuring thread.
        public var bestCPUSeconds: Double

        /// Throughput of the fastest repetition, in MB/s (10⁶ bytes per wall-clock second).
        public var megabytesPerSecond: Double { Double(bytes) / bestSeconds / 1e6 }
        /// Throughput of the fastest repetition, in MB per CPU second.
        public var megabytesPerCPUSecond: Double { Double(bytes) / bestCPUSeconds / 1e6 }
        /// Rows per second of the fastest repetition.
        public var rowsPerSecond: Double { Double(rows) / bestSeconds }

        /// `name: 10.2 MB, 63000 rows, best 0.081 s = 126 MB/s, 780000 rows/s`.
        public var description: String {
            func f(_ v: Double, _ digits: Int) -> String {
                var p = 1.0
                for _ in 0..<digits { p *= 10 }
                let r = (v * p).rounded() / p
                return String(r)
            }
            return "\(name): \(f(Double(bytes) / 1e6, 1)) MB, \(rows) rows, best \(f(bestSeconds, 4)) s"
                + " = \(f(megabytesPerSecond, 1)) MB/s, \(Int(rowsPerSecond.rounded())) rows/s;"
                + " CPU \(f(bestCPUSeconds, 4)) s = \(f(megabytesPerCPUSecond, 1)) MB/s"
        }
    }

    /// Synthetic, valid records for one report date: `count` cooperatives spread over
    /// provinces, regencies and districts, with every stage, land status and a mix of
    /// empty and filled optional fields (some notes need quoting). Deterministic in `seed`.
    public static func syntheticRecords(count: Int, seed: UInt64 = 42,
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

    /// A synthetic canonical snapshot file of about `megabytes` MB.
    public static func syntheticFile(megabytes: Double, seed: UInt64 = 42) -> [UInt8] {
        let rows = max(1, Int(megabytes * 1e6 / 190))
        return SnapshotWriter.bytes(syntheticRecords(count: rows, seed: seed))
    }

    /// Times `SnapshotReader.parse` on `bytes`, best of `repetitions`.
    public static func measureReader(_ bytes: [UInt8], repetitions: Int = 5) -> Measurement {
        var best = Double.infinity
        var bestCPU = Double.infinity
        var rows = 0
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            let cpu = threadCPUSeconds()
            let start = clock.now
            let result = bytes.withUnsafeBytes {
                SnapshotReader.parseResult(buffer: $0, fileName: "bench.csv")
            }
            let elapsed = clock.now - start
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu)
            if case .success(let file) = result { rows = file.records.count }
            best = min(best, seconds(elapsed))
        }
        return Measurement(name: "SnapshotReader.parse", bytes: bytes.count, rows: rows,
                           bestSeconds: best, bestCPUSeconds: bestCPU)
    }

    /// Times `SnapshotWriter.bytes` on `records`, best of `repetitions`.
    public static func measureWriter(_ records: [SnapshotRecord], repetitions: Int = 5) -> Measurement {
        var best = Double.infinity
        var bestCPU = Double.infinity
        var size = 0
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            let cpu = threadCPUSeconds()
            let start = clock.now
            let out = SnapshotWriter.bytes(records)
            let elapsed = clock.now - start
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu)
            size = out.count
            best = min(best, seconds(elapsed))
        }
        return Measurement(name: "SnapshotWriter.bytes", bytes: size, rows: records.count,
                           bestSeconds: best, bestCPUSeconds: bestCPU)
    }

    /// Times `SnapshotDigest.sha256Hex` on `bytes`, best of `repetitions`.
    public static func measureDigest(_ bytes: [UInt8], repetitions: Int = 5) -> Measurement {
        var best = Double.infinity
        var bestCPU = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            let cpu = threadCPUSeconds()
            let start = clock.now
            let digest = SnapshotDigest.sha256Hex(bytes)
            let elapsed = clock.now - start
            bestCPU = min(bestCPU, threadCPUSeconds() - cpu)
            precondition(digest.utf8.count == 64, "digest length")
            best = min(best, seconds(elapsed))
        }
        return Measurement(name: "SnapshotDigest.sha256Hex", bytes: bytes.count, rows: 0,
                           bestSeconds: best, bestCPUSeconds: bestCPU)
    }

    /// CPU time of the calling thread, in seconds.
    private static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    private static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
