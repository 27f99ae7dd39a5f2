import Analysis
import AnalysisFixtures
import KendaliData
import Testing
@testable import Reports

/// The report's section "Operasional dan kesehatan usaha" on ``HealthFixture`` (figures
/// counted by hand in the analysis tests).
@Suite("Report: operations and business health")
struct HealthSectionTests {
    static func document(_ language: ReportLanguage) throws -> ReportDocument {
        let analysis = try Analyser.analyse(history: HealthFixture.history(), options: AnalysisOptions(forecast: false))
        return ReportDocument(analysis: analysis, language: language)
    }

    @Test(arguments: [ReportLanguage.id, .en])
    func sectionAfterTheSCurves(_ language: ReportLanguage) throws {
        let doc = try Self.document(language)
        let ids = doc.sections.map(\.id)
        let k = try #require(ids.firstIndex(of: "kesehatan-usaha"))
        #expect(ids[k - 1] == "kurva-s" && ids[k + 1] == "peringatan")
        #expect(doc.sections[k].title == (language == .id ? "Operasional dan kesehatan usaha" : "Operations and business health"))
        let figures = doc.sections[k].blocks.compactMap { if case let .figure(name, _) = $0 { name } else { nil } }
        #expect(figures == ["health"])
        let tables = doc.sections[k].blocks.compactMap { if case let .table(name, _, _) = $0 { name } else { nil } }
        #expect(tables == ["health", "health_falling", "health_slips"])
    }

    @Test func dataFilesFollowTheCommandsContracts() throws {
        let doc = try Self.document(.en)
        let health = try #require(doc.table(named: "health"))
        #expect(health.csv() == """
            level,unit_code,unit_name,operating,units_active,median_omzet,p25_omzet,p75_omzet,active_member_share,falling
            regency,5201,Kabupaten Lombok Barat,2,4,13000000,9500000,16500000,0.5,2
            regency,5202,Kabupaten Lombok Tengah,2,2,8000000,8000000,8000000,0.2143,1
            regency,total,Total,4,6,8000000,7000000,14000000,0.3571,3

            """)
        let falling = try #require(doc.table(named: "health_falling"))
        let lines = falling.csv().split(separator: "\n")
        #expect(lines.first == "kode_koperasi,nama_koperasi,kecamatan,kabupaten,reason,omzet_now,omzet_before,active_member_share,units_now,units_before")
        #expect(lines.count == 4)
        #expect(lines[2] == "5201012002,Koperasi B,Batu Layar,Kabupaten Lombok Barat,business units down from 3 to 2,20000000,20000000,0.5,2,3")
        let files = Set(ReportWriter.files(for: doc).map(\.path))
        #expect(files.isSuperset(of: ["data/health.csv", "data/health.json", "data/health_falling.csv",
                                      "data/health_falling.json", "charts/health.svg"]))
    }

    @Test func wordsAndChart() throws {
        let doc = try Self.document(.id)
        let markdown = MarkdownRenderer.render(doc)
        #expect(markdown.contains("4 koperasi beroperasi minggu ini dengan 6 unit usaha aktif. Median omzet bulanan Rp8.000.000 (P25–P75: Rp7.000.000–Rp14.000.000); 35,7% anggota aktif."))
        #expect(markdown.contains("−3,7% per minggu"))
        #expect(markdown.contains("median omzet turun 40% (Rp6.000.000 dari Rp10.000.000)"))
        #expect(markdown.contains("1 angka omzet minggu ini meleset 300 kali atau lebih"))
        #expect(markdown.contains("Ambang penurunan: ambang standar (KDKMP rule set 1 (version 1) tidak memuatnya)"))
        let svg = try #require(doc.chart(named: "health")).chart.svg()
        #expect(svg.contains("Median omzet bulanan per kabupaten/kota"))
        #expect(svg.contains("Kabupaten Lombok Tengah"))
    }
}
