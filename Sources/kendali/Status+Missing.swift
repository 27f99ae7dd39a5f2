import ArgumentParser
import KendaliData

/// `kendali status --missing`: the cooperatives silent for two weeks or more.
extension Status {
    /// The fewest weeks without a report that `--missing` lists.
    static let missingWeeks = 2

    /// Computes and prints the list of silent cooperatives.
    func runMissing() throws {
        let found: SilenceList?
        if let db = source.db {
            let asOf = source.asOfDay
            found = try source.reading { () throws(SnapshotHistoryError) -> SilenceList? in
                do throws(StoreError) {
                    let store = try HistoryStore.open(path: db, mode: .readOnly)
                    return try store.silence(asOf: asOf, minimumWeeks: Self.missingWeeks)
                } catch {
                    throw SnapshotHistoryError(problems: [.store(error)])
                }
            }
        } else {
            let history = try source.loadHistory()
            found = SilenceList.compute(history: history, asOf: source.asOfDay, minimumWeeks: Self.missingWeeks)
        }
        guard let list = found else {
            throw CLIError("no week on or before \(source.asOf ?? "the latest date") in the \(source.sourceDescription)")
        }
        print(Self.render(list, format: format), terminator: "")
    }

    /// The list as a table, CSV or JSON.
    static func render(_ list: SilenceList, format: OutputFormat) -> String {
        switch format {
        case .csv:
            var out = "as_of,kode_koperasi,nama_koperasi,desa,kecamatan,kabupaten,last_seen,weeks_silent\n"
            for c in list.cooperatives {
                out += [
                    list.asOf.iso, c.kode.description, Tabular.csvField(c.nama ?? ""),
                    Tabular.csvField(c.desa ?? ""), Tabular.csvField(c.kecamatan ?? ""),
                    Tabular.csvField(c.kabupaten ?? ""), c.lastSeen?.iso ?? "", String(c.weeksSilent),
                ].joined(separator: ",") + "\n"
            }
            return out
        case .json:
            func text(_ s: String?) -> String { s.map(Tabular.jsonString) ?? "null" }
            let items = list.cooperatives.map { c in
                "{\"kode_koperasi\":\(Tabular.jsonString(c.kode.description)),\"nama_koperasi\":\(text(c.nama)),"
                    + "\"desa\":\(text(c.desa)),\"kecamatan\":\(text(c.kecamatan)),\"kabupaten\":\(text(c.kabupaten)),"
                    + "\"last_seen\":\(text(c.lastSeen?.iso)),\"weeks_silent\":\(c.weeksSilent)}"
            }
            return "{\"as_of\":\(Tabular.jsonString(list.asOf.iso)),\"weeks\":\(list.weekCount),"
                + "\"minimum_weeks_silent\":\(list.minimumWeeks),\"cooperatives\":["
                + items.joined(separator: ",") + "]}\n"
        case .table:
            var out = "Koperasi yang tidak melapor \(list.minimumWeeks) minggu atau lebih — minggu \(list.asOf.iso)"
                + " (\(list.weekCount) minggu dalam data)\n\n"
            guard !list.cooperatives.isEmpty else {
                return out + "Tidak ada: setiap koperasi melapor dalam \(list.minimumWeeks - 1) minggu terakhir.\n"
            }
            let header = ["Kode", "Nama", "Desa", "Kecamatan", "Kabupaten/Kota", "Terakhir melapor", "Minggu"]
            let rows = list.cooperatives.map { c in
                [
                    c.kode.description, c.nama ?? "", c.desa ?? "", c.kecamatan ?? "", c.kabupaten ?? "",
                    c.lastSeen?.iso ?? "belum pernah", String(c.weeksSilent),
                ]
            }
            out += Tabular.table(header: header, rows: rows, rightAligned: [6])
            let n = list.cooperatives.count
            out += "\n\(n) koperasi; 'Minggu' = minggu dalam data sejak laporan terakhir.\n"
            return out
        }
    }
}
