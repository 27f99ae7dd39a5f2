import Forecasting
import KendaliData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small seeded world generated from the forecast model's own equations, with its
/// parameters known (the ground truth of the tests).
///
/// - Land: `tidak_ada → diusulkan → verifikasi → siap` with weekly probabilities 0.15,
///   0.2, 0.25; registration in the portal at 0.5 a week once the land is ready; the start
///   at 0.5 a week once registered.
/// - Construction: `Δp = s_i · h(p) · Π θ_k^f_k · ε`, ε lognormal with sd 0.1 (mean 1),
///   h piecewise linear through ``trueCurve`` at the nodes 0, 12.5, …, 100, θ =
///   ``trueTheta``; s_i lognormal(0, 0.25) (rescaled to mean 1 over the cooperatives). Weather
///   flagged with probability 0.25; labour, technical and land as two-state chains.
/// - After completion: the first business unit at 0.3 a week; institutional and legal
///   items all held from the start, so green = completion + the unit (and a report).
/// - Edge cases planted: 5201012001 never gets land (no progress ever); 5201022002 has its
///   land disputed for the whole history; 5201032003 reports progress going backwards once;
///   every 7th cooperative misses week 20; regency 5272 has no cooperative that ever
///   completes (its land never gets past verification).
struct SyntheticPanel {
    static let trueCurve: [Double] = [2, 6, 9, 11, 11.5, 11, 9, 6, 2]
    static let trueTheta: [Double] = [0.1, 0.55, 0.6, 0.3]
    static let firstDate = Day(year: 2025, month: 8, day: 1) ?? Day(daysSinceEpoch: 0)

    var history: SnapshotHistory
    /// True speed of each cooperative, by code.
    var speeds: [Int64: Double]
    /// Cooperatives that miss week 20.
    var missingWeek20: Int

    static func h(_ p: Double) -> Double {
        if p >= 100 { return trueCurve[8] }
        let k = min(7, max(0, Int(p / 12.5)))
        let f = (p - Double(k) * 12.5) / 12.5
        return trueCurve[k] + f * (trueCurve[k + 1] - trueCurve[k])
    }

    init(cooperativesPerRegency: Int = 120, weeks: Int = 60, seed: UInt64 = 42) {
        var rng = Xoshiro(stream: [seed, 0x5359_4E54])
        let regencies = [5201, 5202, 5204, 5272]
        var codes: [CooperativeCode] = []
        for r in regencies {
            for v in 0..<cooperativesPerRegency {
                let value = Int64(r) * 1_000_000 + Int64(1 + v % 5) * 10_000 + 2001 + Int64(v)
                if let c = CooperativeCode(value: value) { codes.append(c) }
            }
        }
        let n = codes.count
        var rawSpeed = (0..<n).map { _ in exp(0.25 * rng.normal()) }
        let meanSpeed = rawSpeed.reduce(0, +) / Double(n)
        rawSpeed = rawSpeed.map { $0 / meanSpeed }
        var records = [[SnapshotRecord]](repeating: [], count: weeks)
        var speedByCode: [Int64: Double] = [:]
        for (i, code) in codes.enumerated() {
            speedByCode[code.value] = rawSpeed[i]
            let regency = code.regency
            var land: StatusLahan = i == 1 ? .sengketa : .tidakAda
            var portal = false
            var started = false
            var complete = false
            var units = 0
            var progress = 0.0
            var lastReported = 0.0
            var flags = [false, false, false, false]
            for t in 0..<weeks {
                let date = SyntheticPanel.firstDate.adding(days: 7 * t)
                if t > 0 {
                    if !started {
                        let blocked = i == 0 || i == 1
                        switch land {
                        case .tidakAda where !blocked: if rng.bernoulli(0.15) { land = .diusulkan }
                        case .diusulkan: if rng.bernoulli(0.2) { land = .verifikasi }
                        case .verifikasi where regency != 5272: if rng.bernoulli(0.25) { land = .siap }
                        case .siap:
                            if !portal { portal = rng.bernoulli(0.5) } else if rng.bernoulli(0.5) { started = true }
                        default: break
                        }
                        if i == 1 { land = .sengketa }
                        if started { progress = 1 + 3 * rng.uniform() }
                        flags = [false, false, false, false]
                    } else if !complete {
                        flags[0] = rng.bernoulli(flags[0] ? 0.5 : 0.01)
                        flags[1] = rng.bernoulli(0.25)
                        flags[2] = rng.bernoulli(flags[2] ? 0.6 : 0.05)
                        flags[3] = rng.bernoulli(flags[3] ? 0.5 : 0.03)
                        var m = 1.0
                        for k in 0..<4 where flags[k] { m *= SyntheticPanel.trueTheta[k] }
                        let eps = exp(0.1 * rng.normal() - 0.005)
                        progress += rawSpeed[i] * SyntheticPanel.h(progress) * m * eps
                        if progress >= 100 { progress = 100; complete = true }
                    } else {
                        flags = [false, false, false, false]
                        if units == 0, rng.bernoulli(0.3) { units = 1 }
                    }
                }
                let missing = (i % 7 == 3 && t == 20)
                if missing { continue }
                var reported = (progress * 10).rounded() / 10
                if i == 2, started, !complete, reported > 5, lastReported > 0,
                   reported - lastReported > 1 {
                    reported = lastReported - 0.8  // one report going backwards
                }
                if started && !complete { lastReported = reported }
                let tahap: Tahap = complete ? (units > 0 ? .beroperasi : .selesai)
                    : (started ? .pembangunan : (portal ? .portal : .terdaftar))
                records[t].append(SnapshotRecord(
                    kode: code, desa: "Desa \(code.value % 10_000)", kecamatan: "Kec \(code.district)",
                    kabupaten: "Kab \(regency)", tanggal: date, tahap: tahap, badanHukum: true,
                    pengurusLengkap: true, jumlahAnggota: 40, rapatAnggota: true, nib: true, npwp: true,
                    rekeningBank: true, laporanTepatWaktu: true, statusLahan: land,
                    progresFisik: started ? (complete ? 100 : reported) : nil, unitUsahaAktif: units,
                    kendalaLahan: flags[0], kendalaCuaca: flags[1], kendalaTenagaKerja: flags[2],
                    kendalaTeknis: flags[3]))
            }
        }
        let weekList = (0..<weeks).map { t in
            SnapshotHistory.Week(
                date: SyntheticPanel.firstDate.adding(days: 7 * t), fileName: "week\(t).csv",
                contentDigest: "", records: records[t].sorted { $0.kode < $1.kode }, warnings: [])
        }
        history = SnapshotHistory(source: .memory, weeks: weekList)
        missingWeek20 = (0..<n).filter { $0 % 7 == 3 }.count
        speeds = speedByCode
    }
}
