import Analysis
import AnalysisFixtures
import Foundation
import KendaliData
import Testing
@testable import Reports

/// The words the command-line tables share with the report, and the snapshot reader's
/// messages in Bahasa Indonesia.
@Suite("Vocabulary and snapshot messages in both languages")
struct LanguageVocabularyTests {
    /// The reader's fixtures, beside the KendaliData tests.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("KendaliDataTests/Fixtures")

    @Test("every key of the command-line words has both languages, and they differ where words do")
    func commandKeysAreTranslated() {
        for key in ReportText.CommandKey.allCases {
            let e = ReportText.entry(key)
            #expect(!e.id.isEmpty && !e.en.isEmpty, "\(key)")
        }
        #expect(ReportText(.id)(.statusTitle, "provinsi", "1 Mei 2026") == "Status per provinsi — minggu 1 Mei 2026")
        #expect(ReportText(.en)(.colProbabilityBy, "2027-05-28") == "P(by 2027-05-28)")
    }

    @Test("codes have one label each: stages, land states, factors, causes, interventions, levels")
    func codeNames() {
        let id = ReportText(.id), en = ReportText(.en)
        #expect(id.stageName(CooperativeStage.notStarted) == "Belum mulai membangun")
        #expect(en.stageName(CooperativeStage.notStarted) == "Not started")
        #expect(id.stageName(CooperativeStage.building) == id.stageName(Tahap.pembangunan))
        #expect(id.landName(.sengketa) == "Sengketa" && en.landName(.tidakAda) == "No land")
        #expect(id.interventionName(.coaching) == "Pendampingan" && en.interventionName(.land) == "Land")
        #expect(id.interventionName(nil) == "tidak ada" && en.interventionName(nil) == "none")
        #expect(id.causeName(.institutional) == "Kelembagaan dan legalitas")
        #expect(en.factorName(.weather) == "Weather")
        #expect(id.levelName(.regency, plural: true) == "kabupaten/kota")
        for kind in InterventionKind.allCases {
            #expect(id.interventionName(kind) != kind.rawValue && en.interventionName(kind) != kind.rawValue)
        }
    }

    @Test("every error fixture's messages read in Indonesian, with the reader's English kept in English")
    func readerErrorsInIndonesian() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasPrefix("error-") && $0.hasSuffix(".csv") }.sorted()
        #expect(names.count >= 15)
        for name in names {
            let path = Self.fixtures.appendingPathComponent(name).path
            do {
                _ = try SnapshotReader.read(contentsOf: path)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(SnapshotIssueText.lines(error, language: .en) == error.description)
                let id = SnapshotIssueText.lines(error, language: .id)
                #expect(id.hasPrefix("\(error.fileName): ditolak, \(error.issues.count) kesalahan"), "\(id)")
                for issue in error.issues {
                    #expect(SnapshotIssueText.indonesian(issue) != nil, "\(name): no phrase for \(issue.kind): \(issue.expected)")
                    let line = SnapshotIssueText.line(issue, language: .id)
                    #expect(!line.contains("expected") && !line.contains("column '") && line.contains("diharapkan"), "\(line)")
                }
            }
        }
    }

    @Test("the validator's warnings keep their numbers and dates, with the Indonesian decimal comma")
    func warningsInIndonesian() {
        let decreased = SnapshotIssue(
            .progressDecreased, file: "w.csv", line: 22, column: "progres_fisik", value: "20.7",
            expected: "at least 21.1, the progress reported on 2026-11-20")
        #expect(SnapshotIssueText.line(decreased, language: .id)
            == "w.csv:22: peringatan: kolom 'progres_fisik': nilai '20.7' — diharapkan paling sedikit 21,1, progres yang dilaporkan pada 2026-11-20")
        #expect(SnapshotIssueText.line(decreased, language: .en) == decreased.description)
        let backwards = SnapshotIssue(
            .tahapBackwards, file: "w.csv", line: 3, column: "tahap", value: "portal",
            expected: "'pembangunan' or later, the stage reported on 2026-11-20")
        #expect(SnapshotIssueText.expected(backwards, language: .id)
            == "'pembangunan' atau sesudahnya, tahap yang dilaporkan pada 2026-11-20")
        let missing = SnapshotIssue(
            .cooperativeMissing, file: "w.csv", line: nil, column: nil, value: nil,
            expected: "a row for this cooperative, present in the report of 2026-11-20")
        #expect(SnapshotIssueText.expected(missing, language: .id) == "baris untuk koperasi ini, yang ada di laporan 2026-11-20")
        let repeated = SnapshotIssue(
            .duplicateRow, file: "w.csv", line: 9, expected: "a row not repeating line 4; the copy is kept once")
        #expect(SnapshotIssueText.expected(repeated, language: .id) == "baris yang tidak mengulang baris 4; salinannya disimpan sekali")
        // A message this table does not know stays in the reader's English rather than guessed.
        let unknown = SnapshotIssue(.differingDate, file: "w.csv", line: 2, expected: "something new")
        #expect(SnapshotIssueText.expected(unknown, language: .id) == "something new")
    }

    @Test("the report's warnings table shows a quoted decimal with the language's separator; programs get it as found")
    func warningValues() throws {
        let (analysis, _) = try FixtureWorld.report(weeks: 4)
        let id = ReportLayout(report: analysis, language: .id)
        #expect(id.valueCell("20.7") == .coded("20.7", label: "20,7"))
        #expect(id.valueCell("20.7").csv == "20.7" && id.valueCell("20.7").json == "\"20.7\"")
        #expect(id.valueCell("5201011003") == .text("5201011003"))
        #expect(id.valueCell("1.2.3") == .text("1.2.3"))
        #expect(id.valueCell("") == .text(""))
        #expect(ReportLayout(report: analysis, language: .en).valueCell("20.7") == .text("20.7"))
    }
}
