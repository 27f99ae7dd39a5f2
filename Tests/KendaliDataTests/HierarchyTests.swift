import Testing
@testable import KendaliData

@Suite("Administrative hierarchy")
struct HierarchyTests {
    let code = CooperativeCode(value: 5201012001)!

    @Test("unit codes at each level and their parents")
    func units() {
        #expect(code.unit(at: .village).code == 5201012001)
        #expect(code.unit(at: .district).code == 520101)
        #expect(code.unit(at: .regency).code == 5201)
        #expect(code.unit(at: .province).code == 52)
        #expect(code.unit(at: .national).code == 0)
        #expect(code.unit(at: .village).parent == code.unit(at: .district))
        #expect(code.unit(at: .district).parent == code.unit(at: .regency))
        #expect(code.unit(at: .regency).parent == code.unit(at: .province))
        #expect(code.unit(at: .province).parent == code.unit(at: .national))
        #expect(code.unit(at: .national).parent == nil)
        #expect(code.unit(at: .village).dotted == "52.01.01.2001")
        #expect(code.unit(at: .district).dotted == "52.01.01")
        #expect(code.unit(at: .regency).dotted == "52.01")
        #expect(code.unit(at: .province).dotted == "52")
        #expect(code.unit(at: .regency).contains(code))
        #expect(!AdminUnit(level: .regency, code: 5202).contains(code))
    }

    @Test("level names in English and Bahasa Indonesia, any case")
    func levelNames() {
        let names: [(String, AdminLevel)] = [
            ("village", .village), ("desa", .village), ("kelurahan", .village),
            ("district", .district), ("kecamatan", .district), ("kec", .district),
            ("regency", .regency), ("kabupaten", .regency), ("kota", .regency), ("kab", .regency),
            ("province", .province), ("provinsi", .province),
            ("national", .national), ("nasional", .national),
            ("Kabupaten", .regency), ("KECAMATAN", .district),
        ]
        for (name, level) in names { #expect(AdminLevel(name: name) == level, "\(name)") }
        for level in AdminLevel.allCases {
            #expect(AdminLevel(name: level.rawValue) == level)
            #expect(AdminLevel(name: level.indonesianName) == level)
        }
        for word in ["", "regencies", "kabupaten ", "5201", "county"] { #expect(AdminLevel(name: word) == nil, "\(word)") }
    }

    @Test("names come from the records, last non-empty wins")
    func names() throws {
        let file = try SnapshotFixtures.read("valid.csv")
        var names = AdminNames(records: file.records)
        #expect(names.name(of: code.unit(at: .district)) == "Gerung")
        #expect(names.name(of: code.unit(at: .regency)) == "Kab. Lombok Barat")
        #expect(names.name(of: code.unit(at: .village)) == "Gerung Utara")
        #expect(names.name(of: code.unit(at: .province)) == "Nusa Tenggara Barat")
        #expect(names.name(of: code.unit(at: .national)) == "Indonesia")
        var later = file.records[0]
        later.kecamatan = "Gerung Baru"
        later.kabupaten = nil
        names.observe(later)
        #expect(names.name(of: code.unit(at: .district)) == "Gerung Baru")
        #expect(names.name(of: code.unit(at: .regency)) == "Kab. Lombok Barat")
        #expect(names.label(of: AdminUnit(level: .district, code: 999999)) == "99.99.99")
    }

    @Test("zone tallies and means roll up")
    func tallies() {
        let zones: [CooperativeCode: Zone] = [
            CooperativeCode(value: 5201012001)!: .hijau,
            CooperativeCode(value: 5201012002)!: .merah,
            CooperativeCode(value: 5202011001)!: .kuning,
            CooperativeCode(value: 5301011001)!: .kuning,
        ]
        let byRegency = Hierarchy.tally(zones, at: .regency)
        #expect(byRegency[AdminUnit(level: .regency, code: 5201)] == ZoneTally(hijau: 1, kuning: 0, merah: 1))
        #expect(byRegency[AdminUnit(level: .regency, code: 5202)]?.total == 1)
        let national = Hierarchy.tally(zones, at: .national)
        #expect(national[AdminUnit(level: .national, code: 0)] == ZoneTally(hijau: 1, kuning: 2, merah: 1))
        #expect(national.values.first?.greenShare == 0.25)
        let means = Hierarchy.mean(zones.map { ($0.key, Double($0.value.rank)) }, at: .province)
        #expect(means[AdminUnit(level: .province, code: 52)] == 1)
        #expect(means[AdminUnit(level: .province, code: 53)] == 1)
    }
}
