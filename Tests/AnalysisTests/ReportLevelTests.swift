import Analysis
import Testing

@Suite("The tier of an analysis")
struct ReportLevelTests {
    @Test func levelsParseInEverySpelling() throws {
        #expect(try ReportLevel(parsing: ["province"]) == .province(nil))
        #expect(try ReportLevel(parsing: ["provinsi", "52"]) == .province(52))
        #expect(try ReportLevel(parsing: ["regency", "5201"]) == .regency(5201))
        #expect(try ReportLevel(parsing: ["regency:5201"]) == .regency(5201))
        #expect(try ReportLevel(parsing: ["kabupaten=52.01"]) == .regency(5201))
        #expect(try ReportLevel(parsing: ["district", "520101"]) == .district(520101))
        #expect(try ReportLevel(parsing: ["national"]) == .national)
        #expect(try ReportLevel(parsing: ["kecamatan", "52.01.01"]) == .district(520101))
        #expect(try ReportLevel(parsing: ["Kabupaten", "5201"]) == .regency(5201))
        #expect(try ReportLevel(parsing: ["nasional"]) == .national)
        #expect(throws: AnalysisError.self) { try ReportLevel(parsing: ["regency"]) }
        #expect(throws: AnalysisError.self) { try ReportLevel(parsing: ["regency", "52011"]) }
        #expect(throws: AnalysisError.self) { try ReportLevel(parsing: ["village", "1"]) }
        #expect(throws: AnalysisError.self) { try ReportLevel(parsing: []) }
        #expect(throws: AnalysisError.self) { try ReportLevel(parsing: ["district", "520101", "x"]) }
    }
}
