import Foundation
import Testing
@testable import KendaliData
@testable import Spreadsheet

/// A zip archive of stored (uncompressed) entries written byte by byte (APPNOTE 6.3.x
/// §4.3), to put mutated parts back into a workbook.
enum StoredZip {
    static func archive(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        func le16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: UInt32, _ to: inout [UInt8]) { for s in 0..<4 { to.append(UInt8((v >> (8 * UInt32(s))) & 0xFF)) } }
        for (name, data) in entries {
            let path = Array(name.utf8)
            let offset = UInt32(out.count)
            let crc = crc32(data)
            le32(0x0403_4B50, &out); le16(20, &out); le16(0, &out); le16(0, &out); le16(0, &out)
            le16(0x21, &out); le32(crc, &out); le32(UInt32(data.count), &out); le32(UInt32(data.count), &out)
            le16(path.count, &out); le16(0, &out)
            out += path + data
            le32(0x0201_4B50, &directory); le16(20, &directory); le16(20, &directory); le16(0, &directory)
            le16(0, &directory); le16(0, &directory); le16(0x21, &directory); le32(crc, &directory)
            le32(UInt32(data.count), &directory); le32(UInt32(data.count), &directory)
            le16(path.count, &directory)
            for _ in 0..<4 { le16(0, &directory) }
            le32(0, &directory); le32(offset, &directory)
            directory += path
        }
        var end: [UInt8] = []
        le32(0x0605_4B50, &end); le16(0, &end); le16(0, &end); le16(entries.count, &end); le16(entries.count, &end)
        le32(UInt32(directory.count), &end); le32(UInt32(out.count), &end); le16(0, &end)
        return out + directory + end
    }

    /// CRC-32 (ISO 3309, as zip uses it), bit by bit.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// The `.xlsx` reader fuzzed as the CSV reader is (`SnapshotFastLaneTests`, `Fuzz/`):
/// workbooks built from the committed fixtures, mutated byte by byte, truncated, and
/// mutated part by part inside the archive, must each give a result or a typed error,
/// never a crash, in bounded time; a refused workbook leaves a store as it was.
@Suite("Snapshot reader: mutated and truncated workbooks")
struct SnapshotWorkbookFuzzTests {
    static let seedNames = ["valid-openpyxl.xlsx", "valid-xlsxwriter.xlsx"]

    /// A deterministic generator (xorshift64*), so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static func seeds() throws -> [[UInt8]] {
        try seedNames.map { try FileBytes.read(path: SnapshotFixtures.path($0)) }
    }

    /// Each seed's parts, by path, in archive order.
    static func parts(of seed: [UInt8]) throws -> [(name: String, data: [UInt8])] {
        let archive = try PackageArchive(.data(Data(seed)), fileName: "seed.xlsx", limits: .standard)
        return try archive.paths.values.sorted().map { ($0, Array(try archive.data(of: $0, limit: 1 << 24))) }
    }

    /// Longest a single read may take, in seconds (the fixtures read in milliseconds).
    static let timeLimit = 5.0

    /// Reads `bytes` as a workbook and checks what comes back; returns whether it was
    /// accepted.
    @discardableResult
    static func check(_ bytes: [UInt8], _ label: String) -> Bool {
        let started = Date()
        let result: Result<SnapshotFile, SnapshotFileError> = bytes.withUnsafeBytes { raw in
            do throws(SnapshotFileError) {
                return .success(try SnapshotReader.read(bytes: raw, fileName: "fuzz.xlsx"))
            } catch {
                return .failure(error)
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed < timeLimit, "\(label): \(elapsed) s")
        switch result {
        case let .success(file):
            #expect(!file.records.isEmpty, "\(label): accepted without records")
            #expect(file.recordLines.count == file.records.count, "\(label)")
            for (i, r) in file.records.enumerated() {
                if i > 0 { #expect(file.records[i - 1].kode < r.kode, "\(label): records not sorted or not unique") }
                #expect(r.tanggal == file.reportDate, "\(label): record date differs")
                if let p = r.progresFisik { #expect(p >= 0 && p <= 100, "\(label)") }
                #expect((0...7).contains(r.unitUsahaAktif), "\(label)")
            }
            #expect(file.byteCount == bytes.count, "\(label)")
            return true
        case let .failure(error):
            #expect(!error.issues.isEmpty, "\(label): refused without issues")
            #expect(error.errorCount >= 1, "\(label)")
            for issue in error.issues {
                #expect(issue.severity == .error, "\(label): warning among errors")
                #expect(issue.file == "fuzz.xlsx", "\(label): \(issue)")
            }
            #expect(!error.description.isEmpty)
            return false
        }
    }

    @Test("the seeds are read")
    func seedsRead() throws {
        for (name, seed) in zip(Self.seedNames, try Self.seeds()) {
            #expect(Self.check(seed, name), "\(name) refused")
        }
    }

    @Test("random byte mutations of the archives: a result or a typed error, never a crash")
    func byteMutations() throws {
        let seeds = try Self.seeds()
        var g = Generator(state: 0x5EED_0F_0A_1234)
        let alphabet: [[UInt8]] = [[0x00], [0xFF], [0x50, 0x4B], [0x3C], [0x3E], [0x22], [0x26], [0x80]]
        var accepted = 0
        for round in 0..<400 {
            var bytes = seeds[g.below(seeds.count)]
            for _ in 0..<(1 + g.below(4)) where !bytes.isEmpty {
                let at = g.below(bytes.count)
                switch g.below(5) {
                case 0: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << g.below(8))
                case 1: bytes.insert(contentsOf: alphabet[g.below(alphabet.count)], at: at)
                case 2: bytes.remove(at: at)
                case 3: bytes[at] = UInt8(truncatingIfNeeded: g.next())
                default:
                    let length = min(g.below(64), bytes.count - at)
                    bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
                }
            }
            if Self.check(bytes, "byte mutation \(round)") { accepted += 1 }
        }
        // Most mutations land in compressed data and are refused; some leave the week intact.
        #expect(accepted < 400)
    }

    @Test("truncated archives are refused with one message")
    func truncations() throws {
        for (name, seed) in zip(Self.seedNames, try Self.seeds()) {
            let step = max(seed.count / 150, 1)
            for cut in stride(from: 0, to: seed.count, by: step) {
                let bytes = Array(seed[..<cut])
                #expect(!Self.check(bytes, "\(name) cut at \(cut)"), "\(name) cut at \(cut) was accepted")
            }
        }
    }

    @Test("mutated parts put back into the package: a result or a typed error, never a crash")
    func partMutations() throws {
        var g = Generator(state: 0xC0FF_EE00_7777)
        let pieces: [[UInt8]] = [
            Array("<".utf8), Array(">".utf8), Array("\"".utf8), Array("&".utf8), Array("&amp;".utf8),
            Array("&#x1F33E;".utf8), Array("&#0;".utf8), Array("</c>".utf8), Array("<c r=\"XFE1048577\">".utf8),
            Array("<v>1e308</v>".utf8), Array(" t=\"s\"".utf8), Array(" t=\"b\"".utf8), Array(" t=\"inlineStr\"".utf8),
            Array("<v>-1</v>".utf8), Array("<v>99999999</v>".utf8), Array("<!DOCTYPE x [<!ENTITY a \"b\">]>".utf8),
            Array("<![CDATA[x]]>".utf8), Array("<row r=\"0\">".utf8), Array("<row r=\"2\">".utf8), [0xC3], [0xFF],
            Array("9".utf8), Array("0".utf8), Array(" ".utf8), Array("3.551.000".utf8), Array("1904".utf8),
        ]
        var accepted = 0
        var total = 0
        for seed in try Self.seeds() {
            let parts = try Self.parts(of: seed)
            // The package re-zipped unchanged is read as the seed is.
            #expect(Self.check(StoredZip.archive(parts), "re-zipped seed"))
            for round in 0..<300 {
                var mutated = parts
                let k = g.below(parts.count)
                var data = mutated[k].data
                for _ in 0..<(1 + g.below(3)) {
                    let at = g.below(data.count + 1)
                    switch g.below(4) {
                    case 0: data.insert(contentsOf: pieces[g.below(pieces.count)], at: at)
                    case 1: if at < data.count { data.removeSubrange(at..<min(at + 1 + g.below(16), data.count)) }
                    case 2: data = Array(data[..<at])
                    default:
                        let length = min(g.below(200), data.count - min(at, data.count))
                        if at < data.count { data.insert(contentsOf: data[at..<(at + length)], at: at) }
                    }
                }
                mutated[k].data = data
                if g.below(10) == 0 { mutated.remove(at: g.below(mutated.count)) }
                total += 1
                if Self.check(StoredZip.archive(mutated), "part \(parts[k].name), round \(round)") { accepted += 1 }
            }
        }
        // Both outcomes are reached: mutations that leave the table readable, and ones that do not.
        #expect(accepted > 0 && accepted < total)
    }

    @Test("a refused workbook leaves an existing store byte-identical")
    func storeUntouched() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-fuzz-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("store.sqlite").path
        do {
            let store = try HistoryStore.open(path: db)
            _ = try store.ingest(file: try SnapshotFixtures.read("valid.csv"))
        }
        let before = try #require(FileManager.default.contents(atPath: db))
        let seed = try Self.seeds()[0]
        var g = Generator(state: 99)
        var refused = 0
        for round in 0..<40 {
            var bytes = seed
            if round % 2 == 0 {
                bytes = Array(bytes[..<g.below(bytes.count)])
            } else {
                for _ in 0..<3 { bytes[g.below(bytes.count)] ^= 0x5A }
            }
            let path = folder.appendingPathComponent("2026-02-09.xlsx").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try SnapshotReader.read(contentsOf: path)
                // A mutation that missed the table (the week reads as before): nothing to check.
            } catch {
                refused += 1
                // The store opened for writing, as an ingest opens it, and closed again.
                do { _ = try HistoryStore.open(path: db) }
                #expect(FileManager.default.contents(atPath: db) == before, "round \(round)")
                #expect(!FileManager.default.fileExists(atPath: db + "-wal"), "round \(round)")
            }
        }
        #expect(refused > 30)
    }
}
