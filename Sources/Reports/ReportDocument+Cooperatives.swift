import Analysis
import KendaliData

extension ReportLayout {
    /// The path of the data file of every cooperative.
    static let cooperativesFile = "data/cooperatives.csv"

    /// Every cooperative of the unit in one table (`data/cooperatives.csv`): code as typed,
    /// names, zone, what it misses for green, stage, progress, P50/P90, main delay and
    /// weeks silent. Shown searchable on screen, left out in print; at national level split
    /// into one page per province.
    mutating func cooperatives() {
        let list = r.cooperatives
        let beyond = list.beyondWeeks.map { f.beyondHorizon(weeks: $0) } ?? t(.beyondHorizon)
        tables.append(DataTable(name: "cooperatives", columns: [
            .init("kode_koperasi", t(.colCode)), .init("nama_koperasi", t(.colName)), .init("desa", t(.colVillage)),
            .init("kecamatan", t(.colDistrict)), .init("zone", t(.colZone)),
            .init("missing_for_green", t(.colMissingForGreen)), .init("tahap", t(.colStage)),
            .init("progress", t(.colProgress)), .data("p50", "P50"), .data("p90", "P90"),
            .display("p50_p90", t(.colP50P90)), .init("main_delay", t(.colMainDelay)),
            .init("weeks_silent", t(.colWeeksSilent)), .data("kabupaten", t(.colRegency)),
        ], rows: list.rows.map { row in
            let forecast: String = row.forecast
                ? (row.p50.map(f.shortDate) ?? beyond) + " / " + (row.p90.map(f.shortDate) ?? beyond)
                : (row.zone == nil ? t(.notForecast) : (r.factors.value == nil ? t(.notForecast) : t(.everGreenNotForecast)))
            return [
                .text(String(row.kode.value)), .text(row.names.nama ?? ""), .text(row.names.desa ?? ""),
                .text(row.names.kecamatan ?? ""), row.zone.map(Cell.zone) ?? .empty,
                row.missingForGreen.isEmpty ? .empty : .coded(row.missingForGreen.map(\.criterion.rawValue).joined(separator: ";"),
                                                              label: row.missingForGreen.map(shortfallText).joined(separator: "; ")),
                row.tahap.map { .coded($0.rawValue, label: stageName($0)) } ?? .empty,
                row.progress.map { .number($0, digits: 1) } ?? .empty,
                row.p50.map(Cell.date) ?? .empty, row.p90.map(Cell.date) ?? .empty, .text(forecast),
                row.mainDelay.map { .coded($0.description, label: c.delayName($0)) } ?? .empty,
                .integer(row.weeksSilent), .text(row.names.kabupaten ?? ""),
            ]
        }))
        var blocks: [ReportDocument.Block] = [
            .paragraph(t(.cooperativesIntro, f.integer(list.rows.count))),
            .paragraph(t(.cooperativesPrint, Self.cooperativesFile)),
        ]
        if r.unit.level == .national {
            // One page per province: the rows are in code order, so each is a range.
            var links: [(text: String, path: String)] = []
            var start = 0
            while start < list.rows.count {
                let province = list.rows[start].kode.province
                var end = start
                while end < list.rows.count, list.rows[end].kode.province == province { end += 1 }
                let name = AdminNames.provinces[province] ?? String(province)
                let path = "koperasi/" + String(province) + ".html"
                pages.append(.init(path: path, title: t(.cooperativesPageTitle, name), table: "cooperatives",
                                   rows: start..<end))
                links.append((name + " (" + f.integer(end - start) + ")", path))
                start = end
            }
            blocks[0] = .paragraph(t(.cooperativesByProvince, Self.cooperativesFile))
            blocks.append(.links(links))
        } else {
            blocks.append(.findable("cooperatives", rows: nil))
        }
        sections.append(.init(id: "koperasi", title: t(.sectionCooperatives), blocks: blocks))
    }

    /// One missed criterion in the report's language: "legalitas 50/75".
    func shortfallText(_ s: GreenShortfall) -> String {
        let value = f.decimal(s.value, digits: 0), needed = f.decimal(s.needed, digits: 0)
        switch s.criterion {
        case .unitUsahaAktif: return t(.criterionUnits, value, needed)
        case .kelembagaan: return t(.criterionKelembagaan, value, needed)
        case .legalitas: return t(.criterionLegalitas, value, needed)
        case .infrastruktur: return t(.criterionInfrastruktur, value, needed)
        case .usahaSehat: return t(.criterionHealth)
        }
    }
}
