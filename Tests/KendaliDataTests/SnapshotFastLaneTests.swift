import CSV
import Testing
@testable import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reader's fast lane (one pass per common, valid row) must give exactly what the
/// careful lane (split, then check every field) gives: the same records, lines, warnings
/// and digest for an accepted file, the same issues in the same order for a rejected one.
@Suite("Snapshot reader: fast lane agrees with the careful lane")
struct SnapshotFastLaneTests {
    /// Parses `bytes` with and without the fast lane and records any difference.
    func expectSameResult(_ bytes: [UInt8], _ label: String) {
        let (fast, careful) = bytes.withUnsafeBytes { raw in
            var a = SnapshotParser(bytes: raw, fileName: "f.csv", fastLane: true)
            var b = SnapshotParser(bytes: raw, fileName: "f.csv", fastLane: false)
            return (a.run(), b.run())
        }
        switch (fast, careful) {
        case let (.success(a), .success(b)):
            #expect(a.records == b.records, "\(label): records")
            #expect(a.recordLines == b.recordLines, "\(label): lines")
            #expect(a.warnings == b.warnings, "\(label): warnings")
            #expect(a.reportDate == b.reportDate, "\(label): date")
            #expect(a.contentDigest == b.contentDigest, "\(label): digest")
            #expect(a.byteCount == b.byteCount, "\(label): size")
        case let (.failure(a), .failure(b)):
            #expect(a.issues == b.issues, "\(label): issues")
        default:
            Issue.record("\(label): one lane accepted the file, the other refused it")
        }
    }

    /// A deterministic generator (xorshift64*), so that a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    /// The valid and invalid fixtures, plus a synthetic file, as bytes.
    func seeds() -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for name in listForTest(SnapshotFixtures.folder) where name.hasSuffix(".csv") {
            if let bytes = try? FileBytes.read(path: SnapshotFixtures.path(name)) {
                seeds.append(bytes)
            }
        }
        seeds.append(SnapshotWriter.bytes(SyntheticSnapshots.records(count: 40)))
        return seeds
    }

    @Test("every fixture and the synthetic file")
    func fixtures() {
        for (i, bytes) in seeds().enumerated() { expectSameResult(bytes, "seed \(i)") }
    }

    @Test("variants of the valid rows: spaces, quotes, words for flags, dotted codes, CRLF, semicolons")
    func variants() {
        let header = SnapshotFixtures.header
        let rows = [
            "5201012001,KDMP A,Desa A,Kec A,Kab A,2026-02-02,pembangunan,1,1,45,1,1,1,1,1,siap,62.5,2,15000000,30,0,1,0,0,",
            " 5201012002 ,\"KDMP B\",\" Desa B \",Kec A,Kab A,02/02/2026,Portal,ya,tidak,12,Y,n,TRUE,false,1,Tidak Ada,,0,,,1,0,0,0,\"a \"\"b\"\"\"",
            "52.01.01.2003,KDMP C,,Kec A,\"Kab A\",2026-02-02,selesai,1,1,0,1,1,1,1,1,siap,100,7,0,0,0,0,0,0,x",
            "5201012004,KDMP D,Desa D,Kec B,Kab A,2026-02-02,pembangunan,1,1,3,1,1,1,1,1,siap,100,1,,,0,0,0,0,",
            "5201012005,KDMP E,Desa E,Kec B,Kab A,2026-02-02,pembangunan,1,1,3,1,1,1,1,1,siap,1e1,1,,,0,0,0,0,\"two\nlines\"",
            "5201012006,KDMP F,Desa F,Kec B,Kab A,2026-02-02,pembangunan,1,1,-0,1,1,1,1,1,siap,-0,1,+5,,0,0,0,0,",
            "5201012007,KDMP G,Desa G,Kec B,Kab A,2026-02-03,pembangunan,1,1,3,1,1,1,1,1,siap,5,1,,,0,0,0,0,",
            "5201012008,KDMP H,Desa H,\"Kec \"\"B\"\"\",Kab A,2026-02-02,beroperasi,1,1,3,1,1,1,1,1,siap,5,8,,,0,0,0,0,",
            ",,,,,,,,,,,,,,,,,,,,,,,,",
            "5201012009,KDMP I,Desa I,Kec B,Kab A,2026-02-02,pembangunan,1,1,3,1,1,1,1,1,siap,5,1,,,0,0,0,0,,extra",
            "5201012010,KDMP J,Desa J,Kec B,Kab A,2026-02-02,pembangunan,1,1,3,1,1,1,1,1,siap,5,1,,,0,0,0,0",
            "5201012001,KDMP dup,Desa,Kec B,Kab A,2026-02-02,terdaftar,1,1,3,1,1,1,1,1,siap,,1,,,0,0,0,0,",
        ]
        // Every subset of up to three rows after a valid first row, with each line ending.
        for ending in ["\n", "\r\n", "\r"] {
            for a in rows.indices {
                for b in rows.indices {
                    let text = header + ending + rows[0] + ending + rows[a] + ending + rows[b]
                    expectSameResult(Array(text.utf8), "rows \(a), \(b), ending \(ending.utf8.first ?? 0)")
                    expectSameResult(Array((text + ending).utf8), "rows \(a), \(b) + end")
                    let semicolons = text.replacingOccurrences(",", with: ";")
                        .replacingOccurrences("62.5", with: "62,5")
                    expectSameResult(Array(semicolons.utf8), "rows \(a), \(b) with ;")
                }
            }
        }
        // The first row's date unknown until a later row, and columns in another order.
        let reordered = "tahap,kode_koperasi,catatan,tanggal_laporan,badan_hukum,pengurus_lengkap,"
            + "jumlah_anggota,rapat_anggota,nib,npwp,rekening_bank,laporan_tepat_waktu,status_lahan,"
            + "progres_fisik,unit_usaha_aktif,kendala_lahan,kendala_cuaca,kendala_tenaga_kerja,"
            + "kendala_teknis,extra,Kode_Koperasi\n"
            + "portal,5201012001,,,1,1,1,1,1,1,1,1,siap,,0,0,0,0,0,z,1\n"
            + "portal,5201012002,,2026-02-02,1,1,1,1,1,1,1,1,siap,,0,0,0,0,0,z,1\n"
            + "portal,5201012003,\"q\",2026-02-02,1,1,1,1,1,1,1,1,siap,,0,0,0,0,0,z,2\n"
        expectSameResult(Array(reordered.utf8), "reordered")
    }

    @Test("random mutations of every seed")
    func mutations() {
        var g = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let alphabet: [[UInt8]] = [
            [0x2C], [0x3B], [0x22], [0x0A], [0x0D], [0x0D, 0x0A], [0x20], [0x09], [0x30], [0x31],
            [0x39], [0x2E], [0x2D], [0x2B], [0x65], [0x61], [0x59], [0xC3, 0xA9], [0xFF], [0x22, 0x22],
            Array("100".utf8), Array("2026-02-03".utf8), Array("ya".utf8), Array("siap".utf8),
        ]
        let seeds = seeds()
        for round in 0..<4000 {
            var bytes = seeds[Int(g.next() % UInt64(seeds.count))]
            let edits = 1 + Int(g.next() % 4)
            for _ in 0..<edits where !bytes.isEmpty {
                let at = Int(g.next() % UInt64(bytes.count))
                let piece = alphabet[Int(g.next() % UInt64(alphabet.count))]
                switch g.next() % 4 {
                case 0: bytes.replaceSubrange(at..<(at + 1), with: piece)
                case 1: bytes.insert(contentsOf: piece, at: at)
                case 2: bytes.remove(at: at)
                default:
                    // Repeat a stretch (duplicate codes, extra fields, longer rows).
                    let length = min(Int(g.next() % 200), bytes.count - at)
                    bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
                }
            }
            expectSameResult(bytes, "mutation round \(round)")
        }
    }

    @Test("line ends are counted with the UTF-8 check")
    func lineEnds() {
        var g = Generator(state: 42)
        for length in [0, 1, 7, 8, 9, 31, 32, 33, 100, 1000] {
            let bytes = (0..<length).map { _ -> UInt8 in
                let r = g.next() % 10
                return r < 2 ? 0x0A : (r < 3 ? 0x0D : (r < 4 ? 0xC3 : UInt8(0x20 + g.next() % 90)))
            }
            let (invalid, ends) = bytes.withUnsafeBytes {
                TextEncoding.invalidUTF8AndLineEnds($0, limit: Int.max)
            }
            #expect(ends == bytes.count { $0 == 0x0A || $0 == 0x0D }, "length \(length)")
            let offsets = invalid.map { $0.offset }
            let plain = bytes.withUnsafeBytes { TextEncoding.invalidUTF8($0, limit: Int.max) }
            #expect(offsets == plain.map { $0.offset })
        }
    }

    @Test("the stop index hands out every delimiter, LF and CR in order, and seeks")
    func stops() {
        var g = Generator(state: 7)
        let pieces: [UInt8] = [0x2C, 0x3B, 0x0A, 0x0D, 0x61, 0x61, 0x61, 0x22, 0x80, 0xFF, 0x20]
        for _ in 0..<400 {
            let bytes = (0..<Int(g.next() % 300)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }
            for delimiter: UInt8 in [0x2C, 0x3B] {
                let expected = bytes.indices.filter {
                    bytes[$0] == delimiter || bytes[$0] == 0x0A || bytes[$0] == 0x0D
                }
                bytes.withUnsafeBytes { raw in
                    // From the start, all of them, then the end of the buffer.
                    var index = CSVStopIndex(delimiter: delimiter)
                    index.seek(raw, to: 0)
                    var found: [Int] = []
                    while true {
                        let stop = index.next(raw)
                        if stop == raw.count { break }
                        found.append(stop)
                    }
                    #expect(found == expected)
                    // After a seek: the first stop at or after the position.
                    for _ in 0..<5 {
                        let position = Int(g.next() % UInt64(bytes.count + 1))
                        index.seek(raw, to: position)
                        let next = expected.first { $0 >= position } ?? raw.count
                        #expect(index.next(raw) == next)
                    }
                }
            }
        }
    }
}

extension String {
    /// `self` with every `target` replaced (no Foundation in these tests).
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}

@Suite("Content digest on another thread")
struct SnapshotDigestTaskTests {
    @Test("the digest is the same whoever computes it, and finish waits for the worker")
    func sameDigest() {
        var g = SnapshotFastLaneTests.Generator(state: 99)
        for length in [0, 1, 63, 64, 65, 100_000, SnapshotDigestTask.minimumBytes + 7] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: g.next()) }
            bytes.withUnsafeBytes { raw in
                let expected = SnapshotDigest.sha256Hex(raw)
                // Asked at once: usually computed by the caller.
                #expect(SnapshotDigestTask(bytes: raw).result() == expected)
                // Asked later: usually the worker's.
                let later = SnapshotDigestTask(bytes: raw)
                usleep(20_000)
                #expect(later.result() == expected)
                // Not needed: finish returns once no worker uses the bytes.
                SnapshotDigestTask(bytes: raw).finish()
                let finished = SnapshotDigestTask(bytes: raw)
                usleep(5_000)
                finished.finish()
            }
        }
    }

    @Test("a large file's digest matches the digest of its bytes")
    func largeFile() throws {
        let bytes = SnapshotWriter.bytes(SyntheticSnapshots.records(count: 2_000))
        #expect(bytes.count >= SnapshotDigestTask.minimumBytes)
        let file = try SnapshotReader.parse(bytes: bytes, fileName: "large.csv")
        #expect(file.contentDigest == SnapshotDigest.sha256Hex(bytes))
    }
}
