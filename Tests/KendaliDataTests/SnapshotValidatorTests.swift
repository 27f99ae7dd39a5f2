import Testing
@testable import KendaliData

@Suite("Cross-week validation")
struct SnapshotValidatorTests {
    func previous() throws -> [CooperativeCode: SnapshotRecord] {
        let week1 = try SnapshotFixtures.read("valid.csv")
        return Dictionary(uniqueKeysWithValues: week1.records.map { ($0.kode, $0) })
    }

    @Test("progress lower, tahap backwards and a missing cooperative are warned about")
    func warnings() throws {
        let week2 = try SnapshotFixtures.read("week-2.csv")
        let issues = SnapshotValidator.crossWeekWarnings(previous: try previous(), current: week2)
        let summary = issues.map { "\($0.line.map(String.init) ?? "-") \($0.column ?? "-") \($0.kind.rawValue) \($0.value ?? "")" }
        #expect(summary == [
            "2 progres_fisik progress_decreased 60",
            "3 tahap tahap_backwards selesai",
            "- kode_koperasi cooperative_missing 5201012002",
        ])
        #expect(issues.allSatisfy { $0.severity == .warning })
        #expect(issues[0].expected.contains("62.5"))
    }

    @Test("a cooperative seen for the first time needs desa, kecamatan and kabupaten")
    func firstAppearance() throws {
        let week2 = try SnapshotFixtures.read("week-2.csv")
        let errors = SnapshotValidator.firstAppearanceErrors(previous: try previous(), current: week2)
        #expect(errors.map(\.column) == ["desa"])
        #expect(errors.first?.line == 6)
        #expect(errors.first?.severity == .error)
        #expect(throws: SnapshotFileError.self) {
            _ = try SnapshotValidator.check(previous: try previous(), current: week2)
        }
        // With no history every cooperative is new: the plain file has all names.
        let week1 = try SnapshotFixtures.read("valid.csv")
        #expect(SnapshotValidator.firstAppearanceErrors(previous: [:], current: week1).isEmpty)
    }

    @Test("check returns the file's own warnings with the cross-week ones")
    func checkCombines() throws {
        var prev = try previous()
        let week2 = try SnapshotFixtures.read("week-2.csv")
        // Make the new cooperative known so the file passes.
        var known = SnapshotFixtures.record(5201012003, date: SnapshotFixtures.day("2026-01-26"))
        known.tahap = .terdaftar
        known.progresFisik = nil
        prev[known.kode] = known
        var file = week2
        file.warnings.append(SnapshotIssue(.unknownColumn, file: file.fileName, line: 1,
                                           column: "x", expected: "a column of the spec"))
        let all = try SnapshotValidator.check(previous: prev, current: file)
        #expect(all.map(\.kind) == [.unknownColumn, .progressDecreased, .tahapBackwards,
                                    .cooperativeMissing])
    }

    @Test("reports on or after the file's date raise no warnings; older drop-outs are not repeated")
    func datesRespected() throws {
        let week2 = try SnapshotFixtures.read("week-2.csv")
        var prev = try previous()
        for key in prev.keys {
            prev[key]?.tanggal = SnapshotFixtures.day("2026-02-09")
        }
        #expect(SnapshotValidator.crossWeekWarnings(previous: prev, current: week2).isEmpty)
        // 5201012002 last reported two weeks before the latest earlier file: no warning.
        prev = try previous()
        prev[CooperativeCode(value: 5201012002)!]?.tanggal = SnapshotFixtures.day("2026-01-19")
        let kinds = SnapshotValidator.crossWeekWarnings(previous: prev, current: week2).map(\.kind)
        #expect(!kinds.contains(.cooperativeMissing))
    }
}
