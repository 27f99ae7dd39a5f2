import CSV
import KendaliData

/// The truth file of a simulated world, straight to UTF-8 bytes through the `CSV` module's
/// byte writer (its fields are numbers, dates and fixed words: none needs quotes). The
/// snapshot files are written by `SnapshotWriter`, the one writer of the canonical form.
enum TruthFile {
    /// The truth file: one row per cooperative in code order.
    ///
    /// Columns: `kode_koperasi, green_date, portal_date, land_ready_date,
    /// construction_start, completion, operating_date, speed_factor, land_difficulty,
    /// ever_disputed`; dates ISO or empty (not reached within the cap), the speed factor
    /// with four decimals, the land difficulty `easy`/`normal`/`hard`, `ever_disputed` 0/1.
    static func bytes(world: SimulatedWorld) -> [UInt8] {
        var out: [UInt8] = Array(
            ("kode_koperasi,green_date,portal_date,land_ready_date,construction_start,"
                + "completion,operating_date,speed_factor,land_difficulty,ever_disputed\n").utf8)
        for p in world.provinces {
            for t in p.truth {
                CSVWriter.append(t.kode.value, to: &out)
                for d in [t.greenDate, t.portalDate, t.landReadyDate, t.constructionStart,
                          t.completion, t.operatingDate] {
                    out.append(0x2C)
                    if let d { out.append(contentsOf: d.iso.utf8) }
                }
                out.append(0x2C)
                let scaled = Int64((t.speedFactor * 10_000).rounded())
                CSVWriter.append(scaled / 10_000, to: &out)
                out.append(0x2E)
                let frac = scaled % 10_000
                for divisor: Int64 in [1000, 100, 10, 1] { out.append(0x30 + UInt8(frac / divisor % 10)) }
                out.append(0x2C)
                out.append(contentsOf: ["easy", "normal", "hard"][min(2, max(0, t.landDifficulty))].utf8)
                out.append(0x2C)
                out.append(t.everDisputed ? 0x31 : 0x30)
                out.append(0x0A)
            }
        }
        return out
    }
}

extension SimulatedWorld {
    /// The snapshot file of written week `week` as bytes, in Kendali's canonical form.
    ///
    /// - Precondition: `week` is a written week index.
    /// - Complexity: O(cooperatives).
    public func snapshotCSV(week: Int) -> [UInt8] {
        precondition(reportDates.indices.contains(week), "week out of range")
        return SnapshotWriter.bytes(records(week: week))
    }

    /// The truth file as bytes (see `datasets/README.md` for the columns).
    public func truthCSV() -> [UInt8] {
        TruthFile.bytes(world: self)
    }

    /// The register of cooperatives of the world: one entry per cooperative, in code
    /// order, with the names its reports carry.
    public var register: [RegisteredCooperative] {
        provinces.flatMap { p in
            p.cooperatives.map { c in
                RegisteredCooperative(
                    kode: c.village.code, nama: c.village.cooperativeName, desa: c.village.name,
                    kecamatan: c.kecamatan, kabupaten: c.kabupaten)
            }
        }
    }

    /// The register of cooperatives as CSV bytes (`CooperativeRegister.csv(_:)`: the
    /// columns `kode_koperasi, nama_koperasi, desa, kecamatan, kabupaten`).
    public func registerCSV() -> [UInt8] {
        Array(CooperativeRegister.csv(register).utf8)
    }

    /// The file name of the snapshot of `date`: `YYYY-MM-DD.csv`.
    public static func snapshotFileName(_ date: Day) -> String {
        date.iso + ".csv"
    }
}
