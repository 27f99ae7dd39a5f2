import Testing
@testable import KendaliData

@Suite("Snapshot writer")
struct SnapshotWriterTests {
    @Test("CSV → records → CSV is byte-identical for the canonical fixture")
    func canonicalRoundTrip() throws {
        let original = try FileBytes.read(path: SnapshotFixtures.path("valid.csv"))
        let file = try SnapshotReader.parse(bytes: original, fileName: "valid.csv")
        #expect(SnapshotWriter.bytes(file.records) == original)
    }

    @Test("the Excel twin is written in canonical form, equal to the plain file")
    func excelToCanonical() throws {
        let plain = try FileBytes.read(path: SnapshotFixtures.path("valid.csv"))
        let excel = try SnapshotFixtures.read("excel-style.csv")
        #expect(SnapshotWriter.bytes(excel.records) == plain)
    }

    @Test("records → CSV → records are equal, for awkward text and numbers")
    func recordsRoundTrip() throws {
        var records: [SnapshotRecord] = []
        let notes = ["a,b", "say \"hi\"", " lead", "trail ", "line\nbreak", "cr\ronly", "crlf\r\nx",
                     "semi;colon", "ünïcödé 🌾", "\"", "\t"]
        let progress: [Double?] = [nil, 0, 100, 12.5, 1.0 / 3.0, 99.99999999999999, 1e-7,
                                   0.1 + 0.2, Double.leastNonzeroMagnitude, 33.333333333333336, 50]
        for (i, note) in notes.enumerated() {
            var r = SnapshotFixtures.record(5201012001 + Int64(i), progres: progress[i], units: i % 8)
            r.catatan = note
            r.nama = i % 2 == 0 ? nil : "Nama, \(i)"
            r.omzetBulanan = i % 3 == 0 ? nil : Int64(i) * 1_000_000_007
            r.anggotaAktif = i % 4 == 0 ? nil : i
            r.kendalaTeknis = i % 2 == 0
            records.append(r)
        }
        let bytes = SnapshotWriter.bytes(records)
        let file = try SnapshotReader.parse(bytes: bytes, fileName: "w.csv")
        #expect(file.records == records)
        #expect(SnapshotWriter.bytes(file.records) == bytes)
    }

    @Test("progress text is the shortest round-trip form", arguments: [
        (100.0, "100"), (12.5, "12.5"), (0.0, "0"), (33.333333333333336, "33.333333333333336"),
        (1e-05, "1e-05"),
    ])
    func progressText(value: Double, text: String) {
        #expect(SnapshotWriter.progressText(value) == text)
    }

    @Test("progress written from its tenths is the shortest round-trip form too")
    func progressFromTenths() {
        var values: [Double] = (0...1000).map { Double($0) / 10 }
        values += [-0.0, -1.5, 1e-05, 33.333333333333336, 0.30000000000000004, 99.99999999999999,
                   12.25, 1e14 + 0.5, .nan, .infinity]
        var g = SystemRandomNumberGenerator()
        values += (0..<2000).map { _ in Double.random(in: 0...100, using: &g) }
        for v in values {
            var out: [UInt8] = []
            SnapshotWriter.appendProgress(v, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == SnapshotWriter.progressText(v), "\(v)")
        }
    }

    @Test("write is atomic: the file appears whole and no temporary file is left")
    func atomicWrite() throws {
        let folder = try #require(temporaryFolderForTest())
        defer { removeForTest(folder) }
        let path = folder + "/week.csv"
        let records = [SnapshotFixtures.record(), SnapshotFixtures.record(5202011001)]
        try SnapshotWriter.write(records, to: path)
        try SnapshotWriter.write(records, to: path)  // overwrite
        let back = try SnapshotReader.read(contentsOf: path)
        #expect(back.records == records)
        #expect(listForTest(folder) == ["week.csv"])
    }

    @Test("writing into a missing folder throws")
    func writeFailure() {
        #expect(throws: SnapshotWriteError.self) {
            try SnapshotWriter.write([], to: SnapshotFixtures.folder + "/no/such/dir/x.csv")
        }
    }
}
