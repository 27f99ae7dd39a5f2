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

    @Test("warnings and errors come in line order even when rows are not in code order")
    func lineOrder() throws {
        let d1 = SnapshotFixtures.day("2026-02-02"), d2 = SnapshotFixtures.day("2026-02-09")
        let a = SnapshotFixtures.record(5201012001, date: d1, progres: 50)
        let b = SnapshotFixtures.record(5202011001, date: d1, progres: 50)
        var a2 = a, b2 = b
        a2.tanggal = d2
        b2.tanggal = d2
        a2.progresFisik = 10
        b2.progresFisik = 20
        var c = SnapshotFixtures.record(5203011001, date: d2)
        c.desa = nil
        var d = SnapshotFixtures.record(5201012005, date: d2)
        d.desa = nil
        // File order: b2, a2, c, d — codes out of order.
        let file = try SnapshotReader.parse(bytes: SnapshotWriter.bytes([b2, a2, c, d]), fileName: "u.csv")
        let prev = [a.kode: a, b.kode: b]
        let warnings = SnapshotValidator.crossWeekWarnings(previous: prev, current: file)
        #expect(warnings.map(\.line) == [2, 3])
        #expect(warnings.map(\.value) == ["20", "10"])
        let errors = SnapshotValidator.firstAppearanceErrors(previous: prev, current: file)
        #expect(errors.map(\.line) == [4, 5])
    }
}
