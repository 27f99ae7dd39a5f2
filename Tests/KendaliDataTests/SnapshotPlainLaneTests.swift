import CSV
import Testing
@testable import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The block masks (`CSVBlockBits`, `CSVBlockScan`, `CSVMaskWindow`), the plain lane that reads rows from
/// them, the UTF-8 check that only looks further at a file holding bytes that are not
/// ASCII, records written in place, and the parallel read.
@Suite("Snapshot reader: block masks and the plain lane")
struct SnapshotPlainLaneTests {
    typealias Generator = SnapshotFastLaneTests.Generator

    /// The bits of `bytes` (any count) byte by byte.
    static func naiveBits(_ bytes: [UInt8], delimiter: UInt8)
        -> (delimiters: UInt64, lineEnds: UInt64, quotes: UInt64, nonASCII: UInt64)
    {
        var d: UInt64 = 0, e: UInt64 = 0, q: UInt64 = 0, h: UInt64 = 0
        for (k, c) in bytes.enumerated() where k < 64 {
            let bit = UInt64(1) << UInt64(k)
            if c == delimiter { d |= bit }
            if c == 0x0A || c == 0x0D { e |= bit }
            if c == 0x22 { q |= bit }
            if c >= 0x80 { h |= bit }
        }
        return (d, e, q, h)
    }

    /// Random bytes, mostly the ones that matter to the splitter.
    static func randomBytes(_ count: Int, _ g: inout Generator) -> [UInt8] {
        let special: [UInt8] = [0x2C, 0x3B, 0x0A, 0x0D, 0x22, 0x80, 0xFF, 0x7F, 0x00, 0x61]
        return (0..<count).map { _ in
            g.next() % 2 == 0 ? special[Int(g.next() % UInt64(special.count))]
                : UInt8(truncatingIfNeeded: g.next())
        }
    }

    @Test("the bits of a block are the same by SSE2, by 64-bit words and byte by byte")
    func blockBits() {
        var g = Generator(state: 11)
        var blocks: [[UInt8]] = (0..<2000).map { _ in Self.randomBytes(64, &g) }
        // Every byte value in every position.
        for v in 0...255 {
            blocks.append((0..<64).map { UInt8(truncatingIfNeeded: v &+ $0) })
        }
        for block in blocks {
            for delimiter: UInt8 in [0x2C, 0x3B] {
                let expected = Self.naiveBits(block, delimiter: delimiter)
                block.withUnsafeBytes { raw in
                    guard let p = raw.baseAddress else { return }
                    let fast = CSVBlockBits(p, delimiter: delimiter)
                    let words = CSVBlockBits(words: p, delimiter: delimiter)
                    for bits in [fast, words] {
                        #expect(bits.delimiters == expected.delimiters)
                        #expect(bits.lineEnds == expected.lineEnds)
                        #expect(bits.quotes == expected.quotes)
                        #expect(bits.nonASCII == expected.nonASCII)
                    }
                    let light = CSVBlockBits.lineEndsAndNonASCII(p)
                    #expect(light.lineEnds == expected.lineEnds)
                    #expect(light.nonASCII == expected.nonASCII)
                }
            }
        }
    }

    @Test("the scan of a buffer (line ends, first byte that is not ASCII) and the mask window")
    func scanAndWindow() {
        var g = Generator(state: 12)
        var buffers: [[UInt8]] = [[], [0x0A], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x41, 0xC3]]
        for length in [1, 2, 63, 64, 65, 127, 128, 129, 200, 1000, 64 * CSVMaskWindow.capacity + 70,
                       3 * 64 * CSVMaskWindow.capacity] {
            for _ in 0..<(length > 1000 ? 3 : 20) { buffers.append(Self.randomBytes(length, &g)) }
            // ASCII only, and ASCII with one byte that is not at the end.
            buffers.append((0..<length).map { UInt8(0x20 + $0 % 90) })
            var one = (0..<length).map { UInt8(0x20 + $0 % 90) }
            one[length - 1] = 0xC3
            buffers.append(one)
        }
        for bytes in buffers {
            for asciiFrom in [0, 3] {
                let scan = bytes.withUnsafeBytes { CSVBlockScan($0, asciiFrom: asciiFrom) }
                #expect(scan.lineEnds == bytes.count { $0 == 0x0A || $0 == 0x0D })
                let first = bytes.indices.first { $0 >= asciiFrom && bytes[$0] >= 0x80 }
                #expect(scan.firstNonASCII == (first ?? bytes.count))
            }
            for delimiter: UInt8 in [0x2C, 0x3B] {
                bytes.withUnsafeBytes { raw in
                    var window = CSVMaskWindow(raw, delimiter: delimiter)
                    defer { window.deallocate() }
                    #expect(window.blockCount == (bytes.count + 63) / 64)
                    guard window.blockCount > 0 else { return }
                    // Forward, as the reader goes, then anywhere.
                    let order = Array(0..<window.blockCount)
                        + (0..<50).map { _ in Int(g.next() % UInt64(window.blockCount)) }
                    for b in order {
                        let block = Array(bytes[(64 * b)..<min(64 * b + 64, bytes.count)])
                        let expected = Self.naiveBits(block, delimiter: delimiter)
                        let masks = window.masks(ofBlock: b)
                        #expect(masks.delimiters == expected.delimiters)
                        #expect(masks.lineEndsAndQuotes == expected.lineEnds | expected.quotes)
                    }
                }
            }
        }
    }

    @Test("tahap and status_lahan eight bytes at a time and byte by byte, any case, anywhere")
    func keywords() {
        var g = Generator(state: 15)
        let words = ["pembangunan", "portal", "terdaftar", "selesai", "beroperasi", "siap",
                     "tidak_ada", "diusulkan", "verifikasi", "sengketa", "tidak ada"]
        func check(_ bytes: [UInt8], _ s: Int, _ e: Int) {
            bytes.withUnsafeBytes { raw in
                #expect(SnapshotParser.parseTahap(raw, s, e)
                    == SnapshotParser.parseTahapBytewise(raw, s, e), "\(bytes[s..<e])")
                #expect(SnapshotParser.parseLahan(raw, s, e)
                    == SnapshotParser.parseLahanBytewise(raw, s, e), "\(bytes[s..<e])")
            }
        }
        // Every byte value in every position of each keyword.
        for word in words {
            let base = Array(word.utf8)
            for k in base.indices {
                for v in 0...255 {
                    var field = base
                    field[k] = UInt8(v)
                    let bytes = [0x2C] + field + [0x2C] + Array(repeating: 0x41, count: 16)
                    check(bytes, 1, 1 + field.count)
                }
            }
        }
        // Random case and random neighbours, at the end of the buffer too; lengths 0–17.
        for _ in 0..<5000 {
            let word = words[Int(g.next() % UInt64(words.count))]
            var field = word.utf8.map { c -> UInt8 in
                g.next() % 2 == 0 && c >= 0x61 ? c - 0x20 : c
            }
            if g.next() % 4 == 0 { field = Self.randomBytes(Int(g.next() % 18), &g) }
            let before = Self.randomBytes(Int(g.next() % 5), &g)
            let after = Self.randomBytes(Int(g.next() % 10), &g)
            check(before + field + after, before.count, before.count + field.count)
        }
    }

    /// Parses `bytes` with the careful lane alone, with the quote-aware fast lane alone,
    /// and with the plain lane first, and records any difference.
    func expectSameResult(_ bytes: [UInt8], _ label: String) {
        let results = bytes.withUnsafeBytes { raw in
            [(false, false), (true, false), (true, true)].map { fast, plain in
                var parser = SnapshotParser(bytes: raw, fileName: "f.csv", fastLane: fast,
                                            plainLane: plain)
                return parser.run()
            }
        }
        for result in results.dropFirst() {
            switch (result, results[0]) {
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
    }

    /// Valid rows of different lengths, so that line ends and delimiters fall on every
    /// offset of a 64-byte block.
    static func rows(_ count: Int, padding: Int, ending: String) -> String {
        var text = SnapshotFixtures.header + ending
        for k in 0..<count {
            let name = "KDMP " + String(repeating: "x", count: (k * 7 + padding) % 90)
            text += "\(5201012001 + k),\(name),Desa \(k),Kec \(k / 3),Kab A,2026-02-02,"
                + "pembangunan,1,0,\(k),1,1,0,1,1,siap,\(k % 100).5,\(k % 8),\(k * 1000),"
                + "\(k % 50),0,1,0,0,\(k % 5 == 0 ? "" : "c\(k)")" + ending
        }
        return text
    }

    @Test("rows across block boundaries, every line ending, with and without a final one")
    func boundaries() {
        for ending in ["\n", "\r\n", "\r"] {
            for padding in 0..<70 {
                let text = Self.rows(12, padding: padding, ending: ending)
                expectSameResult(Array(text.utf8), "padding \(padding)")
                expectSameResult(Array(text.utf8.dropLast(ending.utf8.count)),
                                 "padding \(padding), no final line end")
                let semicolons = text.map { $0 == "," ? ";" : $0 == "." ? "," : $0 }
                expectSameResult(Array(String(semicolons).utf8), "padding \(padding) with ;")
            }
        }
    }

    @Test("a file longer than the mask window")
    func longFile() {
        for ending in ["\n", "\r\n"] {
            let text = Self.rows(400, padding: 1, ending: ending)
            #expect(text.utf8.count > 64 * CSVMaskWindow.capacity)
            expectSameResult(Array(text.utf8), "long file")
        }
        let synthetic = SnapshotWriter.bytes(SyntheticSnapshots.records(count: 1_500))
        expectSameResult(synthetic, "long synthetic file")
    }

    @Test("rows the plain lane must leave to the others")
    func leftToOthers() {
        let header = SnapshotFixtures.header
        let good = "5201012001,KDMP A,Desa A,Kec A,Kab A,2026-02-02,pembangunan,1,1,45,1,1,1,1,1,siap,62.5,2,15000000,30,0,1,0,0,"
        let rows = [
            // A quote inside an unquoted field, a quoted field, a quoted line break.
            "5201012002,KDMP \"B\",Desa B,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,",
            "5201012003,\"KDMP C\",Desa C,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,x\"",
            "5201012004,KDMP D,Desa D,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,\"a\nb\"",
            // One field short, one too many, an empty line, a line of delimiters.
            "5201012005,KDMP E,Desa E,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0",
            "5201012006,KDMP F,Desa F,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,,",
            "",
            ",,,,,,,,,,,,,,,,,,,,,,,,",
            // Values each lane must refuse or warn about.
            "5201012007,KDMP G,Desa G,Kec A,Kab A,2026-02-02,pembangunan,1,1,4,1,1,1,1,1,siap,100,2,,,0,1,0,0,",
            "5201012008,KDMP H,Desa H,Kec A,Kab A,2026-02-03,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,",
            "5201012009,KDMP I,Desa I,Kec A,Kab A,2026-02-02,Portal,ya,Tidak,4,Y,n,TRUE,false,1,TIDAK ADA,,2,,,0,1,0,0,",
            "5201012010,KDMP J,Desa J,Kec A,Kab A, 2026-02-02 ,portal, 1 ,1, 4 ,1,1,1,1,1, siap ,  ,2,  ,  ,0,1,0,0,  ",
            "5201012011,KDMP K,Desa K,Kec A,Kab A,02/02/2026,portal,1,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,",
            "5201012012,KDMP L,Desa L,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,siap,,8,,,0,1,0,0,",
            "5201012013,KDMP M,Desa M,Kec A,Kab A,2026-02-02,portal,2,1,4,1,1,1,1,1,siap,,2,,,0,1,0,0,",
            "5201012014,KDMP N,Désa N,Kec A,Kab A,2026-02-02,portal,1,1,4,1,1,1,1,1,diusulkan,,2,-1,,0,1,0,0,",
            "52.01.01.2015,,,,,2026-02-02,terdaftar,0,0,0,0,0,0,0,0,tidak_ada,0,0,0,0,0,0,0,0,",
            "5201012016,KDMP P,Desa P,Kec A,Kab A,2026-02-02,selesai,1,1,4,1,1,1,1,1,verifikasi,1e2,7,9223372036854775807,2147483647,1,1,1,1,é",
            "5201012017,KDMP Q,Desa Q,Kec A,Kab A,2026-02-02,beroperasi,1,1,4,1,1,1,1,1,sengketa,-0,7,,2147483648,1,1,1,1,",
            "5201012001,KDMP dup,Desa,Kec A,Kab A,2026-02-02,terdaftar,1,1,3,1,1,1,1,1,siap,,1,,,0,0,0,0,",
        ]
        for ending in ["\n", "\r\n", "\r"] {
            for a in rows.indices {
                for b in rows.indices {
                    let text = header + ending + good + ending + rows[a] + ending + rows[b] + ending
                    expectSameResult(Array(text.utf8), "rows \(a), \(b)")
                }
            }
        }
    }

    @Test("random mutations of long valid files")
    func mutations() {
        var g = Generator(state: 0x5DEE_CE66_D1CE_4E5B)
        let seeds = [
            Array(Self.rows(30, padding: 3, ending: "\n").utf8),
            Array(Self.rows(30, padding: 11, ending: "\r\n").utf8),
            SnapshotWriter.bytes(SyntheticSnapshots.records(count: 60)),
        ]
        let alphabet: [[UInt8]] = [
            [0x2C], [0x22], [0x0A], [0x0D], [0x0D, 0x0A], [0x20], [0x31], [0x2E], [0x2D],
            [0xC3, 0xA9], [0xFF], [0xEF, 0xBB, 0xBF], Array("siap".utf8), Array("2026-02-02".utf8),
        ]
        for round in 0..<1500 {
            var bytes = seeds[Int(g.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(g.next() % 3)) where !bytes.isEmpty {
                let at = Int(g.next() % UInt64(bytes.count))
                let piece = alphabet[Int(g.next() % UInt64(alphabet.count))]
                switch g.next() % 3 {
                case 0: bytes.replaceSubrange(at..<(at + 1), with: piece)
                case 1: bytes.insert(contentsOf: piece, at: at)
                default: bytes.remove(at: at)
                }
            }
            expectSameResult(bytes, "mutation round \(round)")
        }
    }

    /// What a check of every byte of the file says of its encoding: `nil` for UTF-8;
    /// for Windows-1252 (not UTF-8, no byte-order mark, none of its five undefined
    /// bytes), `.windows1252`; otherwise the line and value of the one issue naming the
    /// first byte that is not UTF-8.
    enum ExpectedEncoding: Equatable {
        case utf8
        case windows1252
        case neither(line: Int, value: String)
    }

    static func expectedEncoding(_ bytes: [UInt8]) -> ExpectedEncoding {
        let invalid = bytes.withUnsafeBytes { TextEncoding.invalidUTF8($0, limit: 1) }
        guard let first = invalid.first else { return .utf8 }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if !bom, !bytes.contains(where: { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }) {
            return .windows1252
        }
        let line = bytes.withUnsafeBytes { CSVBytes.lines(of: [first.offset], in: $0) }[0]
        let hex = String(first.byte, radix: 16, uppercase: true)
        return .neither(line: line, value: "byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(first.offset)")
    }

    @Test("the encoding is decided as by a check of every byte: UTF-8, Windows-1252 with one warning, or one error")
    func utf8() {
        var g = Generator(state: 13)
        let base = Array(Self.rows(20, padding: 5, ending: "\n").utf8)
        let pieces: [[UInt8]] = [
            [0xFF], [0xC3], [0xC3, 0xA9], [0xE2, 0x82], [0xE2, 0x82, 0xAC], [0xED, 0xA0, 0x80],
            [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xC0, 0xAF], [0x93], [0x81],
            [0x9D],
        ]
        var cases: [[UInt8]] = [[0xEF, 0xBB, 0xBF] + base, [0xEF, 0xBB] + base, [0xEF] + base]
        for _ in 0..<300 {
            var bytes = g.next() % 4 == 0 ? [0xEF, 0xBB, 0xBF] + base : base
            for _ in 0..<(1 + Int(g.next() % 4)) {
                let at = Int(g.next() % UInt64(bytes.count))
                bytes.insert(contentsOf: pieces[Int(g.next() % UInt64(pieces.count))], at: at)
            }
            cases.append(bytes)
        }
        var seen: Set<String> = []
        for bytes in cases {
            let result = bytes.withUnsafeBytes { raw in
                var parser = SnapshotParser(bytes: raw, fileName: "f.csv")
                return parser.run()
            }
            let expected = Self.expectedEncoding(bytes)
            switch (result, expected) {
            case let (.failure(error), .neither(line, value)):
                seen.insert("neither")
                #expect(error.issues.count == 1)
                #expect(error.issues.first?.kind == .invalidUTF8)
                #expect(error.issues.first?.line == line)
                #expect(error.issues.first?.value == value)
            case let (.success(file), .windows1252):
                seen.insert("windows-1252 accepted")
                #expect(file.warnings.first?.kind == .windows1252Text)
                #expect(file.warnings.count(where: { $0.kind == .windows1252Text }) == 1)
            case let (.failure(error), .windows1252):
                seen.insert("windows-1252 refused")
                #expect(!error.issues.contains { $0.kind == .invalidUTF8 })
            case let (.success(file), .utf8):
                #expect(!file.warnings.contains { $0.kind == .windows1252Text })
            case let (.failure(error), .utf8):
                #expect(!error.issues.contains { $0.kind == .invalidUTF8 })
            default:
                Issue.record("expected \(expected), got \(result)")
            }
        }
        #expect(seen.isSuperset(of: ["neither", "windows-1252 accepted", "windows-1252 refused"]))
    }

    @Test("a record written in place equals the one from the initializer")
    func recordInPlace() {
        let sample = SnapshotFixtures.record()
        #expect(Mirror(reflecting: sample).children.count == SnapshotRecord.storedPropertyCount)
        var g = Generator(state: 14)
        func maybe(_ text: String) -> String? { g.next() % 3 == 0 ? nil : text }
        func bool() -> Bool { g.next() % 2 == 0 }
        for k in 0..<200 {
            let code = CooperativeCode(value: 5201012001 + Int64(k)) ?? sample.kode
            let expected = SnapshotRecord(
                kode: code, nama: maybe("KDMP nama yang panjang sekali \(k)"), desa: maybe("D\(k)"),
                kecamatan: maybe("Kecamatan \(k)"), kabupaten: maybe("Kab"),
                tanggal: Day(daysSinceEpoch: Int32(k)), tahap: Tahap.allCases[k % 5],
                badanHukum: bool(), pengurusLengkap: bool(), jumlahAnggota: k, rapatAnggota: bool(),
                nib: bool(), npwp: bool(), rekeningBank: bool(), laporanTepatWaktu: bool(),
                statusLahan: StatusLahan.allCases[k % 5], progresFisik: k % 2 == 0 ? Double(k) / 3 : nil,
                unitUsahaAktif: k % 8, omzetBulanan: k % 3 == 0 ? Int64(k) * 1000 : nil,
                anggotaAktif: k % 4 == 0 ? nil : k, kendalaLahan: bool(), kendalaCuaca: bool(),
                kendalaTenagaKerja: bool(), kendalaTeknis: bool(), catatan: maybe("c \(k)"))
            let slot = UnsafeMutablePointer<SnapshotRecord>.allocate(capacity: 1)
            SnapshotRecord.initialize(
                slot, kode: expected.kode, nama: expected.nama, desa: expected.desa,
                kecamatan: expected.kecamatan, kabupaten: expected.kabupaten,
                tanggal: expected.tanggal, tahap: expected.tahap, badanHukum: expected.badanHukum,
                pengurusLengkap: expected.pengurusLengkap, jumlahAnggota: expected.jumlahAnggota,
                rapatAnggota: expected.rapatAnggota, nib: expected.nib, npwp: expected.npwp,
                rekeningBank: expected.rekeningBank, laporanTepatWaktu: expected.laporanTepatWaktu,
                statusLahan: expected.statusLahan, progresFisik: expected.progresFisik,
                unitUsahaAktif: expected.unitUsahaAktif, omzetBulanan: expected.omzetBulanan,
                anggotaAktif: expected.anggotaAktif, kendalaLahan: expected.kendalaLahan,
                kendalaCuaca: expected.kendalaCuaca, kendalaTenagaKerja: expected.kendalaTenagaKerja,
                kendalaTeknis: expected.kendalaTeknis, catatan: expected.catatan)
            #expect(slot.pointee == expected)
            #expect(slot.pointee.hashValue == expected.hashValue)
            slot.deinitialize(count: 1)
            slot.deallocate()
        }
    }

    @Test("a string already made stands for equal bytes only")
    func sameText() {
        let made = "Koperasi Desa Merah Putih Sukamaju"
        func same(_ text: String?, _ bytes: [UInt8]) -> String? {
            bytes.withUnsafeBytes { CSVBytes.same(text, as: $0) }
        }
        #expect(same(made, Array(made.utf8)) == made)
        var other = Array(made.utf8)
        other[other.count - 1] = UInt8(ascii: "X")
        #expect(same(made, other) == nil, "same length, one byte different")
        #expect(same(made, Array(made.utf8.dropLast())) == nil, "a byte shorter")
        #expect(same(nil, Array(made.utf8)) == nil)
        #expect(same("", []) == "")
        #expect(same("ab", Array("ab".utf8)) == "ab", "a string held in place")
    }

    @Test("a file buffer grows ahead of files that grow a little, keeping what it holds")
    func fileBufferGrowth() throws {
        let buffer = FileBuffer()
        defer { buffer.deallocate() }
        buffer.reserve(1_000)
        #expect(buffer.capacity == 1_000)
        let first = try #require(buffer.base)
        for k in 0..<1_000 { first.storeBytes(of: UInt8(k % 251), toByteOffset: k, as: UInt8.self) }
        // One byte more: grown by an eighth, the bytes kept.
        buffer.reserve(1_001, keeping: 1_000)
        #expect(buffer.capacity == 1_125)
        let grown = try #require(buffer.base)
        #expect((0..<1_000).allSatisfy { grown.load(fromByteOffset: $0, as: UInt8.self) == UInt8($0 % 251) })
        // The next weeks' slightly larger files fit without new memory.
        buffer.reserve(1_100)
        #expect(buffer.capacity == 1_125 && buffer.base == grown)
        // A much larger file gets what it needs.
        buffer.reserve(5_000)
        #expect(buffer.capacity == 5_000)
    }

    @Test("a file read after another shares its equal names and reads the same")
    func earlierNamesShared() throws {
        let week1 = SyntheticSnapshots.records(count: 300)
        var week2 = week1.map { r -> SnapshotRecord in
            var r = r
            r.tanggal = r.tanggal.adding(days: 7)
            return r
        }
        // Renamed with as many bytes as before, and renamed longer.
        week2[10].nama = week2[10].nama.map { String($0.dropLast(4)) + "9999" }
        week2[20].desa = "Desa dengan nama yang panjang sekali"
        week2.remove(at: 30)
        // Out of code order: the look-up goes back by bisection.
        week2.swapAt(50, 250)
        let first = try SnapshotWriter.bytes(week1).withUnsafeBytes { raw in
            try SnapshotReader.parseResult(buffer: raw, fileName: "w1.csv").get()
        }
        let bytes = SnapshotWriter.bytes(week2)
        let (alone, after) = try bytes.withUnsafeBytes { raw in
            (try SnapshotReader.parseResult(buffer: raw, fileName: "w2.csv").get(),
             try SnapshotReader.parseResult(buffer: raw, fileName: "w2.csv", earlier: first.records).get())
        }
        #expect(after.records == alone.records)
        #expect(after.records.map(\.nama) == alone.records.map(\.nama))
        #expect(after.records.map(\.desa) == alone.records.map(\.desa))
        // Storage is shared exactly where a long name is the same as the week before.
        func storage(_ text: String?) -> UnsafePointer<UInt8>? {
            text?.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        let before = Dictionary(uniqueKeysWithValues: first.records.map { ($0.kode, $0) })
        var shared = 0
        for r in after.records {
            guard let b = before[r.kode], let nama = r.nama, nama.utf8.count > 15 else { continue }
            let same = storage(nama) == storage(b.nama)
            #expect(same == (nama == b.nama), "\(r.kode)")
            if same { shared += 1 }
        }
        #expect(shared >= 290)
    }

    @Test("the digest computed here or on another thread, and the files read in parallel")
    func digestAndParallelRead() throws {
        let bytes = SnapshotWriter.bytes(SyntheticSnapshots.records(count: 2_000))
        #expect(bytes.count >= SnapshotDigestTask.minimumBytes)
        let (overlapped, inline) = bytes.withUnsafeBytes { raw in
            (SnapshotReader.parseResult(buffer: raw, fileName: "a.csv", overlapDigest: true),
             SnapshotReader.parseResult(buffer: raw, fileName: "a.csv", overlapDigest: false))
        }
        let a = try overlapped.get()
        let b = try inline.get()
        #expect(a.contentDigest == b.contentDigest)
        #expect(a.contentDigest == SnapshotDigest.sha256Hex(bytes))
        #expect(a.records == b.records)

        // Every fixture, a large file, a missing file and a folder, in parallel and alone.
        guard let folder = temporaryFolderForTest() else {
            Issue.record("no temporary folder")
            return
        }
        defer { removeForTest(folder) }
        let large = folder + "/large.csv"
        let written = bytes.withUnsafeBytes { raw -> Bool in
            guard let file = fopen(large, "wb") else { return false }
            defer { fclose(file) }
            return fwrite(raw.baseAddress, 1, raw.count, file) == raw.count
        }
        #expect(written)
        var paths = listForTest(SnapshotFixtures.folder).filter { $0.hasSuffix(".csv") }
            .map { SnapshotFixtures.path($0) }
        paths += [large, folder + "/missing.csv", folder]
        let together = SnapshotReader.read(contentsOfFiles: paths)
        #expect(together.count == paths.count)
        for (path, result) in zip(paths, together) {
            let alone: Result<SnapshotFile, SnapshotFileError>
            do throws(SnapshotFileError) {
                alone = .success(try SnapshotReader.read(contentsOf: path))
            } catch {
                alone = .failure(error)
            }
            switch (result, alone) {
            case let (.success(x), .success(y)):
                #expect(x.records == y.records, "\(path)")
                #expect(x.recordLines == y.recordLines, "\(path)")
                #expect(x.warnings == y.warnings, "\(path)")
                #expect(x.contentDigest == y.contentDigest, "\(path)")
            case let (.failure(x), .failure(y)):
                #expect(x.issues == y.issues, "\(path)")
            default:
                Issue.record("\(path): read differently in parallel")
            }
        }

        // Without digests: the same records, lines, warnings and errors, the digest empty.
        let undigested = SnapshotReader.read(contentsOfFiles: paths, digests: false)
        #expect(undigested.count == paths.count)
        for (path, (result, plain)) in zip(paths, zip(together, undigested)) {
            switch (result, plain) {
            case let (.success(x), .success(y)):
                #expect(x.records == y.records, "\(path)")
                #expect(x.recordLines == y.recordLines, "\(path)")
                #expect(x.warnings == y.warnings, "\(path)")
                #expect(x.contentDigest.count == 64, "\(path)")
                #expect(y.contentDigest.isEmpty, "\(path)")
            case let (.failure(x), .failure(y)):
                #expect(x.issues == y.issues, "\(path)")
            default:
                Issue.record("\(path): read differently without digests")
            }
        }
    }
}
