import Testing
@testable import KendaliData

@Suite("Snapshot byte helpers: numbers and UTF-8")
struct CSVBytesTests {
    @Test("decimal parsing", arguments: [
        ("12.5", false, 12.5), ("12,5", true, 12.5), ("100", false, 100), ("0.1", false, 0.1),
        ("1e-05", false, 1e-05), ("-3", false, -3), ("+7.", false, 7), (".5", false, 0.5),
        ("33.333333333333336", false, 33.333333333333336),
        ("99.99999999999999", false, 99.99999999999999),
        ("0.30000000000000004", false, 0.30000000000000004),
    ])
    func decimals(text: String, comma: Bool, value: Double) {
        let v = Array(text.utf8).withUnsafeBytes { CSVBytes.decimal($0, 0, $0.count, decimalComma: comma) }
        #expect(v == value)
    }

    @Test("not numbers", arguments: ["", "-", ".", "1..2", "12,5", "nan", "inf", "1e", "0x10", "1 2", "e5"])
    func notNumbers(text: String) {
        let v = Array(text.utf8).withUnsafeBytes { CSVBytes.decimal($0, 0, $0.count, decimalComma: false) }
        #expect(v == nil)
    }

    @Test("random doubles round-trip through the shortest text and the parser")
    func randomRoundTrip() {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let v = Double.random(in: 0...100, using: &g)
            let text = SnapshotWriter.progressText(v)
            let back = Array(text.utf8).withUnsafeBytes { CSVBytes.decimal($0, 0, $0.count, decimalComma: false) }
            #expect(back == v, "\(text)")
            if back != v { break }
        }
    }
}

@Suite("Writer and reader on generated data")
struct SnapshotGeneratedTests {
    @Test("the synthetic benchmark file is valid and round-trips")
    func synthetic() throws {
        let records = SyntheticSnapshots.records(count: 3000)
        let bytes = SnapshotWriter.bytes(records)
        let file = try SnapshotReader.parse(bytes: bytes, fileName: "synthetic.csv")
        #expect(file.records == records.sorted { $0.kode < $1.kode })
        #expect(SnapshotWriter.bytes(file.records) == SnapshotWriter.bytes(records.sorted { $0.kode < $1.kode }))
    }

    @Test("random text fields survive records → CSV → records")
    func randomText() throws {
        var g = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", " ", "\t", ",", ";", "\"", "\n", "\r", "é", "🌾", "0", "."]
        func text() -> String? {
            let n = Int.random(in: 0...8, using: &g)
            guard n > 0 else { return nil }
            return String((0..<n).map { _ in alphabet.randomElement(using: &g) ?? "a" })
        }
        var records: [SnapshotRecord] = []
        for i in 0..<500 {
            var r = SnapshotFixtures.record(5201012001 + Int64(i), progres: Bool.random(using: &g) ? nil : Double.random(in: 0...100, using: &g))
            r.nama = text()
            r.desa = text()
            r.kecamatan = text()
            r.kabupaten = text()
            r.catatan = text()
            records.append(r)
        }
        let bytes = SnapshotWriter.bytes(records)
        let file = try SnapshotReader.parse(bytes: bytes, fileName: "random.csv")
        #expect(file.records == records)
    }
}
