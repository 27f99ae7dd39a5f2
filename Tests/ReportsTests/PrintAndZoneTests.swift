import AnalysisFixtures
import Foundation
import KendaliData
import Testing
@testable import Reports

/// The footer's time zone, the district report's zone table and the page's print and
/// narrow-screen markup.
@Suite("Time zones, district tables and the page's print markup")
struct PrintAndZoneTests {
    @Test func provincesMapToTheirZones() {
        // Keputusan Presiden 41/1987: NTB (52) and Bali (51) WITA; West Kalimantan (61) WIB;
        // East Kalimantan (64) and South Sulawesi (73) WITA; Maluku (81) and Papua (91, 94) WIT.
        let expected: [(Int, ReportTimeZone?)] = [
            (11, .wib), (21, .wib), (31, .wib), (36, .wib), (51, .wita), (52, .wita), (53, .wita), (61, .wib),
            (62, .wib), (63, .wita), (64, .wita), (65, .wita), (71, .wita), (73, .wita), (76, .wita), (81, .wit),
            (82, .wit), (91, .wit), (94, .wit), (96, .wit), (0, nil), (20, nil), (99, nil),
        ]
        for (code, zone) in expected { #expect(ReportTimeZone.province(code) == zone, "province \(code)") }
        #expect(ReportTimeZone.of(AdminUnit(level: .province, code: 52)) == .wita)
        #expect(ReportTimeZone.of(AdminUnit(level: .district, code: 520_101)) == .wita)
        #expect(ReportTimeZone.of(AdminUnit(level: .regency, code: 9_101)) == .wit)
        #expect(ReportTimeZone.of(AdminUnit(level: .national, code: 0)) == .wib)
    }

    @Test func parsesZoneNamesAndOffsets() {
        #expect(ReportTimeZone(parsing: "wita") == .wita)
        #expect(ReportTimeZone(parsing: "WIB") == .wib)
        #expect(ReportTimeZone(parsing: "WIT") == .wit)
        #expect(ReportTimeZone(parsing: "UTC") == .utc)
        #expect(ReportTimeZone(parsing: "UTC+8") == ReportTimeZone(name: "UTC+8", offsetMinutes: 480))
        #expect(ReportTimeZone(parsing: "utc-3:30") == ReportTimeZone(name: "UTC-3:30", offsetMinutes: -210))
        for bad in ["", "CET", "UTC+", "UTC+15", "UTC+8:60", "UTC+8:5", "UTC++8", "UTC+123", "WITA+1"] {
            #expect(ReportTimeZone(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func timestampsAreInTheZone() {
        // 2026-11-28 23:30 UTC is the 29th at 07:30 WITA; 1970-01-01 00:00 UTC is 16:00 the day before at UTC-8.
        let date = Date(timeIntervalSince1970: 1_795_908_600)
        #expect(ReportTimeZone.utc.timestamp(date) == "2026-11-28 23:30 UTC")
        #expect(ReportTimeZone.wita.timestamp(date) == "2026-11-29 07:30 WITA")
        #expect(ReportTimeZone.wib.timestamp(date) == "2026-11-29 06:30 WIB")
        let west = ReportTimeZone(name: "UTC-8", offsetMinutes: -480)
        #expect(west.timestamp(Date(timeIntervalSince1970: 0)) == "1969-12-31 16:00 UTC-8")
    }

    @Test func districtReportShowsEachVillagesZoneInsteadOfAHeatMap() throws {
        let (analysis, doc) = try FixtureWorld.report(level: .district(520101))
        try #require(analysis.breakdown.rows.allSatisfy { $0.zones.total <= 1 })
        #expect(doc.chart(named: "breakdown") == nil)
        let table = try #require(doc.table(named: "breakdown"))
        let shown = table.shownColumns.map { table.columns[$0].key }
        #expect(shown == ["code", "name", "zone", "green_change", "portal_land_not_ready"])
        // The CSV keeps its columns.
        #expect(table.csv().hasPrefix("code,name,hijau,kuning,merah,total,green_share,green_change,portal_land_not_ready"))
        let html = HTMLRenderer.render(doc)
        #expect(!html.contains("fig-breakdown"))
        #expect(html.contains("<span class=\"z z-"))
    }

    @Test func provinceReportKeepsItsHeatMap() throws {
        let (_, doc) = try FixtureWorld.report()
        #expect(doc.chart(named: "breakdown") != nil)
    }

    @Test func longTextGetsARowOfItsOwn() {
        let f = ReportFormatter(.en)
        let long = String(repeating: "word ", count: 10)
        let rows: [[Cell]] = [[.integer(1), .text("a"), .text("b"), .text(long)], [.integer(2), .text("c"), .text("d"), .text(long)]]
        #expect(HTMLRenderer.wideColumn(rows, shownColumns: [0, 1, 2, 3], numeric: [true, false, false, false], f: f) == 3)
        #expect(HTMLRenderer.wideColumn(rows, shownColumns: [0, 1, 3], numeric: [true, false, false, false], f: f) == nil)
        let short: [[Cell]] = [[.integer(1), .text("a"), .text("b"), .text("short")]]
        #expect(HTMLRenderer.wideColumn(short, shownColumns: [0, 1, 2, 3], numeric: [true, false, false, false], f: f) == nil)
    }

    @Test func pageDeclaresA4AndItsNarrowScreenRules() {
        let css = HTMLRenderer.css
        #expect(css.contains("@page { size: A4;"))
        #expect(css.contains("@media print, screen and (max-width: 720px)"))
        #expect(css.contains("break-inside: avoid"))
        #expect(!css.contains("break-before: page"))
    }
}
