import Foundation
import Testing
@testable import KendaliData

/// The cross-week checks, written the plain way (one dictionary look-up per check, a set
/// of the present codes, every issue list sorted by line): the reference the validator's
/// single pass must match issue for issue.
enum ReferenceValidator {
    static func crossWeekWarnings(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) -> [SnapshotIssue] {
        let file = current.fileName
        let date = current.reportDate
        var issues: [SnapshotIssue] = []
        var present = Set<CooperativeCode>()
        for (i, r) in current.records.enumerated() {
            present.insert(r.kode)
            guard let p = previous[r.kode], p.tanggal < date else { continue }
            let line = lineOf(current, i)
            let before = p.progresFisik ?? 0
            if let now = r.progresFisik, now < before {
                issues.append(SnapshotIssue(
                    .progressDecreased, file: file, line: line, column: "progres_fisik",
                    value: SnapshotValidator.formatNumber(now),
                    expected: "at least \(SnapshotValidator.formatNumber(before)), the progress reported on \(p.tanggal.iso)"))
            } else if r.progresFisik == nil, p.progresFisik != nil, before > 0 {
                issues.append(SnapshotIssue(
                    .progressDecreased, file: file, line: line, column: "progres_fisik",
                    value: "",
                    expected: "at least \(SnapshotValidator.formatNumber(before)), the progress reported on \(p.tanggal.iso)"))
            }
            if r.tahap < p.tahap {
                issues.append(SnapshotIssue(
                    .tahapBackwards, file: file, line: line, column: "tahap",
                    value: r.tahap.rawValue,
                    expected: "'\(p.tahap.rawValue)' or later, the stage reported on \(p.tanggal.iso)"))
            }
        }
        issues = byLine(issues)
        var lastDate: Day?
        for p in previous.values where p.tanggal < date {
            if let d = lastDate, d >= p.tanggal { continue }
            lastDate = p.tanggal
        }
        if let lastDate {
            var missing: [CooperativeCode] = []
            for (code, p) in previous where p.tanggal == lastDate && !present.contains(code) {
                missing.append(code)
            }
            missing.sort()
            for code in missing {
                issues.append(SnapshotIssue(
                    .cooperativeMissing, file: file, line: nil, column: "kode_koperasi",
                    value: code.description,
                    expected: "a row for this cooperative, present in the report of \(lastDate.iso)"))
            }
        }
        return issues
    }

    static func firstAppearanceErrors(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) -> [SnapshotIssue] {
        var issues: [SnapshotIssue] = []
        for (i, r) in current.records.enumerated() where previous[r.kode] == nil {
            let line = lineOf(current, i)
            for (column, value) in [("desa", r.desa), ("kecamatan", r.kecamatan),
                                    ("kabupaten", r.kabupaten)] where value == nil {
                issues.append(SnapshotIssue(
                    .missingValue, file: current.fileName, line: line, column: column,
                    value: "",
                    expected: "a name: cooperative \(r.kode) reports for the first time, so \(column) is required"))
            }
        }
        return byLine(issues)
    }

    static func check(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) -> Result<[SnapshotIssue], SnapshotFileError> {
        let errors = firstAppearanceErrors(previous: previous, current: current)
        if !errors.isEmpty {
            return .failure(SnapshotFileError(fileName: current.fileName, issues: errors))
        }
        return .success(byLine(current.warnings + crossWeekWarnings(previous: previous, current: current)))
    }

    static func byLine(_ issues: [SnapshotIssue]) -> [SnapshotIssue] {
        issues.enumerated().sorted {
            let a = $0.element.line ?? Int.max, b = $1.element.line ?? Int.max
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    static func lineOf(_ file: SnapshotFile, _ i: Int) -> Int? {
        i < file.recordLines.count && file.recordLines[i] > 0 ? file.recordLines[i] : nil
    }
}

@Suite("Cross-week validation: the single pass matches the plain checks")
struct SnapshotValidatorEquivalenceTests {
    @Test("random histories and files: unsorted, repeated codes, missing names and lines")
    func randomCases() {
        var g = SnapshotFastLaneTests.Generator(state: 0xC0FFEE)
        func below(_ n: Int) -> Int { Int(g.next() % UInt64(n)) }
        let base = SnapshotFixtures.day("2026-02-02")
        for round in 0..<600 {
            let pool = 2 + below(40)
            let codes = (0..<pool).map { 5201012001 + Int64($0) }
            var previous: [CooperativeCode: SnapshotRecord] = [:]
            for code in codes where below(4) != 0 {
                var r = SnapshotFixtures.record(
                    code, date: Day(daysSinceEpoch: base.daysSinceEpoch - Int32(7 * below(4)) + Int32(below(2) * 7)),
                    tahap: Tahap.allCases[below(5)],
                    progres: below(3) == 0 ? nil : Double(below(5)) * 25)
                if below(5) == 0 { r.progresFisik = 0 }
                previous[r.kode] = r
            }
            var records: [SnapshotRecord] = []
            for code in codes where below(3) != 0 {
                var r = SnapshotFixtures.record(
                    code, date: base, tahap: Tahap.allCases[below(5)],
                    progres: below(3) == 0 ? nil : Double(below(5)) * 25)
                if below(6) == 0 { r.desa = nil }
                if below(6) == 0 { r.kecamatan = nil }
                if below(6) == 0 { r.kabupaten = nil }
                records.append(r)
                if below(15) == 0 { records.append(r) }  // a repeated code
            }
            if below(3) == 0 { records.shuffle(using: &g) }
            var lines = (0..<records.count).map { 2 + $0 }
            if below(3) == 0 { lines.shuffle(using: &g) }
            if below(4) == 0, !lines.isEmpty { lines[below(lines.count)] = 0 }
            if below(5) == 0, !lines.isEmpty { lines.removeLast() }
            var file = SnapshotFile(fileName: "r\(round).csv", reportDate: base, records: records,
                                    recordLines: lines, warnings: [], contentDigest: "",
                                    byteCount: 0)
            file.recordLines = lines
            if below(3) == 0 {
                file.warnings = [SnapshotIssue(.unknownColumn, file: file.fileName, line: 1 + below(5),
                                               column: "x", expected: "a column of the spec")]
            }
            #expect(SnapshotValidator.crossWeekWarnings(previous: previous, current: file)
                    == ReferenceValidator.crossWeekWarnings(previous: previous, current: file),
                    "round \(round): cross-week")
            #expect(SnapshotValidator.firstAppearanceErrors(previous: previous, current: file)
                    == ReferenceValidator.firstAppearanceErrors(previous: previous, current: file),
                    "round \(round): first appearance")
            let expected = ReferenceValidator.check(previous: previous, current: file)
            do {
                let warnings = try SnapshotValidator.check(previous: previous, current: file)
                if case .success(let reference) = expected {
                    #expect(warnings == reference, "round \(round): check")
                } else {
                    Issue.record("round \(round): check accepted a file the reference refuses")
                }
            } catch {
                if case .failure(let reference) = expected {
                    #expect(error.issues == reference.issues, "round \(round): check errors")
                } else {
                    Issue.record("round \(round): check refused a file the reference accepts")
                }
            }
        }
    }
}

@Suite("Cross-week validation of a whole history: files side by side match one after another")
struct SnapshotValidatorDateOrderTests {
    /// Each file checked against the map of latest reports of the files before it, the
    /// map updated after each file (refused ones included), as the history is built.
    static func oneByOne(_ files: [SnapshotFile]) -> [Result<[SnapshotIssue], SnapshotFileError>] {
        var latest: [CooperativeCode: SnapshotRecord] = [:]
        var out: [Result<[SnapshotIssue], SnapshotFileError>] = []
        for file in files {
            out.append(ReferenceValidator.check(previous: latest, current: file))
            for r in file.records { latest[r.kode] = r }
        }
        return out
    }

    static func same(_ a: [Result<[SnapshotIssue], SnapshotFileError>],
                     _ b: [Result<[SnapshotIssue], SnapshotFileError>]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case let (.success(u), .success(v)): if u != v { return false }
            case let (.failure(u), .failure(v)): if u.issues != v.issues || u.fileName != v.fileName { return false }
            default: return false
            }
        }
        return true
    }

    @Test("random histories: silent weeks, empty files, progress and stage back, missing names")
    func randomHistories() {
        var g = SnapshotFastLaneTests.Generator(state: 0xDA7E)
        func below(_ n: Int) -> Int { Int(g.next() % UInt64(n)) }
        let base = SnapshotFixtures.day("2026-01-05")
        var warned = 0, refused = 0
        for round in 0..<200 {
            let pool = 1 + below(30)
            let codes = (0..<pool).map { 5201012001 + Int64($0) }
            var files: [SnapshotFile] = []
            var week = 0
            for k in 0..<(1 + below(8)) {
                week += 1 + (below(4) == 0 ? 1 : 0)
                let date = Day(daysSinceEpoch: base.daysSinceEpoch + Int32(7 * week))
                var records: [SnapshotRecord] = []
                if below(8) != 0 {
                    for code in codes where below(4) != 0 {
                        var r = SnapshotFixtures.record(
                            code, date: date, tahap: Tahap.allCases[below(5)],
                            progres: below(4) == 0 ? nil : Double(below(5)) * 25)
                        if below(8) == 0 { r.desa = nil }
                        if below(10) == 0 { r.kabupaten = nil }
                        records.append(r)
                    }
                    if below(2) == 0 { records.shuffle(using: &g) }
                }
                var file = SnapshotFile(fileName: "r\(round)-\(k).csv", reportDate: date, records: records,
                                        recordLines: (0..<records.count).map { 2 + $0 }, warnings: [],
                                        contentDigest: "", byteCount: 0)
                if below(4) == 0, !file.recordLines.isEmpty { file.recordLines[below(records.count)] = 0 }
                files.append(file)
            }
            let expected = Self.oneByOne(files)
            guard let found = SnapshotValidator.checkInDateOrder(files) else {
                Issue.record("round \(round): a history in date order was not checked side by side")
                continue
            }
            #expect(Self.same(found, expected), "round \(round)")
            for r in expected {
                switch r {
                case let .success(w): warned += w.isEmpty ? 0 : 1
                case .failure: refused += 1
                }
            }
        }
        // The cases exercised both outcomes.
        #expect(warned > 50)
        #expect(refused > 50)
    }

    @Test("other shapes are left to the one-by-one walk")
    func otherShapes() {
        let d1 = SnapshotFixtures.day("2026-01-05"), d2 = SnapshotFixtures.day("2026-01-12")
        func file(_ date: Day, _ records: [SnapshotRecord]) -> SnapshotFile {
            SnapshotFile(fileName: "\(date.iso).csv", reportDate: date, records: records,
                         recordLines: (0..<records.count).map { 2 + $0 }, warnings: [], contentDigest: "", byteCount: 0)
        }
        let a = SnapshotFixtures.record(5201012001, date: d1, tahap: .terdaftar, progres: nil)
        let b = SnapshotFixtures.record(5201012001, date: d2, tahap: .terdaftar, progres: nil)
        #expect(SnapshotValidator.checkInDateOrder([file(d1, [a]), file(d2, [b])]) != nil)
        #expect(SnapshotValidator.checkInDateOrder([file(d2, [b]), file(d1, [a])]) == nil, "dates out of order")
        #expect(SnapshotValidator.checkInDateOrder([file(d1, [a]), file(d1, [a])]) == nil, "a date twice")
        #expect(SnapshotValidator.checkInDateOrder([file(d1, [a, a])]) == nil, "a code twice")
        #expect(SnapshotValidator.checkInDateOrder([file(d2, [a])]) == nil, "a record of another date")
    }

    @Test("the bundled province: every week's warnings as one after another")
    func bundled() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = root.path + "/datasets/ntb/snapshots"
        let paths = try SnapshotHistory.snapshotFiles(in: folder)
        let files = try SnapshotReader.read(contentsOfFiles: paths).map { r throws(SnapshotFileError) in try r.get() }
            .sorted { $0.reportDate < $1.reportDate }
        let found = try #require(SnapshotValidator.checkInDateOrder(files))
        let expected = Self.oneByOne(files)
        #expect(Self.same(found, expected))
        let warnings = expected.reduce(0) { n, r in n + ((try? r.get().count) ?? 0) }
        #expect(warnings > 0)
    }
}
