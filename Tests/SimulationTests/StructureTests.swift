import Foundation
import KendaliData
import Testing
@testable import Simulation

/// NTB's administrative structure: counts against the Kemendagri code list, codes and
/// names.
@Suite struct StructureTests {
    let ntb = NTBStructure.province(code: 52)

    /// 10 regencies, 117 districts, 1,166 villages: 1,021 desa and 145 kelurahan.
    @Test func provinceTotals() {
        #expect(ntb.regencies.count == 10)
        #expect(ntb.regencies.reduce(0) { $0 + $1.districts.count } == 117)
        let districts = ntb.regencies.flatMap(\.districts)
        #expect(districts.reduce(0) { $0 + $1.desaCount } == 1021)
        #expect(districts.reduce(0) { $0 + $1.kelurahanCount } == 145)
        #expect(ntb.villageCount == 1166)
    }

    /// Per regency: districts, desa, kelurahan of the Kemendagri code list
    /// (Kepmendagri 300.2.2-2138/2025; the press counts per regency agree).
    @Test func regencyCountsMatchTable() {
        let expected: [Int: (kec: Int, desa: Int, kel: Int)] = [
            5201: (10, 119, 3), 5202: (12, 142, 12), 5203: (21, 239, 15), 5204: (24, 157, 8),
            5205: (8, 72, 9), 5206: (18, 191, 0), 5207: (8, 58, 7), 5208: (5, 43, 0),
            5271: (6, 0, 50), 5272: (5, 0, 41),
        ]
        #expect(ntb.regencies.count == expected.count)
        for r in ntb.regencies {
            guard let e = expected[r.code] else {
                Issue.record("unexpected regency \(r.code)")
                continue
            }
            #expect(r.districts.count == e.kec, "\(r.name)")
            #expect(r.districts.reduce(0) { $0 + $1.desaCount } == e.desa, "\(r.name)")
            #expect(r.districts.reduce(0) { $0 + $1.kelurahanCount } == e.kel, "\(r.name)")
        }
    }

    /// Per district and per regency, the desa and kelurahan counts equal those of the
    /// reference village list (`datasets/reference/wilayah-ntb`).
    @Test
    func countsMatchReferenceVillageList() throws {
        let text = try String(contentsOf: SimulationFixtures.referenceVillages, encoding: .utf8)
        var reference: [Int: (desa: Int, kel: Int)] = [:]
        var lines = 0
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            guard let code = line.split(separator: ",").first else { continue }
            let digits = code.filter(\.isNumber)
            guard digits.count == 10, let value = Int(digits) else {
                Issue.record("unreadable code \(code)")
                continue
            }
            lines += 1
            let district = value / 10_000
            let isKelurahan = (value % 10_000) / 1000 == 1
            var entry = reference[district] ?? (0, 0)
            if isKelurahan { entry.kel += 1 } else { entry.desa += 1 }
            reference[district] = entry
        }
        #expect(lines == 1166)
        let simulated = ntb.regencies.flatMap(\.districts)
        #expect(Set(simulated.map(\.code)) == Set(reference.keys))
        for d in simulated {
            let r = reference[d.code]
            #expect(r?.desa == d.desaCount, "district \(d.code) desa")
            #expect(r?.kel == d.kelurahanCount, "district \(d.code) kelurahan")
        }
        // Per regency.
        var byRegency: [Int: (desa: Int, kel: Int)] = [:]
        for (district, c) in reference {
            var e = byRegency[district / 100] ?? (0, 0)
            e.desa += c.desa
            e.kel += c.kel
            byRegency[district / 100] = e
        }
        for r in ntb.regencies {
            #expect(byRegency[r.code]?.desa == r.districts.reduce(0) { $0 + $1.desaCount })
            #expect(byRegency[r.code]?.kel == r.districts.reduce(0) { $0 + $1.kelurahanCount })
        }
    }

    /// Village codes: the district's code plus `1001…` for kelurahan and `2001…` for desa;
    /// all distinct; `CooperativeCode.isKelurahan` agrees.
    @Test func villageCodesFollowTheConvention() {
        var seen = Set<Int64>()
        for r in ntb.regencies {
            for d in r.districts {
                #expect(d.code / 100 == r.code)
                var nextKel = 1001, nextDesa = 2001
                for v in d.villages {
                    #expect(v.code.district == d.code)
                    #expect(v.code.isKelurahan == v.isKelurahan)
                    let suffix = Int(v.code.value % 10_000)
                    if v.isKelurahan {
                        #expect(suffix == nextKel)
                        nextKel += 1
                    } else {
                        #expect(suffix == nextDesa)
                        nextDesa += 1
                    }
                    #expect(seen.insert(v.code.value).inserted, "duplicate \(v.code)")
                }
            }
        }
        #expect(seen.count == 1166)
    }

    /// Names: regencies carry their real names; villages and districts are made up,
    /// non-empty, unique in the province, without characters that need CSV quoting; and
    /// they do not depend on anything but the province code.
    @Test func namesAreMadeUpUniqueAndStable() {
        #expect(ntb.regencies.map(\.name) == [
            "Kabupaten Lombok Barat", "Kabupaten Lombok Tengah", "Kabupaten Lombok Timur",
            "Kabupaten Sumbawa", "Kabupaten Dompu", "Kabupaten Bima", "Kabupaten Sumbawa Barat",
            "Kabupaten Lombok Utara", "Kota Mataram", "Kota Bima",
        ])
        let villages = ntb.regencies.flatMap(\.districts).flatMap(\.villages).map(\.name)
        let districts = ntb.regencies.flatMap(\.districts).map(\.name)
        #expect(Set(villages + districts).count == villages.count + districts.count)
        for name in villages + districts {
            #expect(!name.isEmpty)
            #expect(!name.contains(",") && !name.contains("\"") && !name.contains(";"))
            #expect(name.first?.isUppercase == true, "\(name)")
        }
        #expect(NTBStructure.province(code: 52) == ntb)
        let other = NTBStructure.province(code: 11)
        #expect(other.villageCount == 1166)
        #expect(other.regencies.allSatisfy { !$0.name.contains("Lombok") })
        #expect(other.regencies.first?.districts.first?.villages.first?.code.province == 11)
    }

    /// The province codes of a national world are distinct 2-digit codes, NTB first.
    @Test func nationalProvinceCodes() {
        #expect(ProvinceCodes.all.count == 89)
        #expect(Set(ProvinceCodes.all).count == 89)
        #expect(ProvinceCodes.all.first == 52)
        #expect(ProvinceCodes.all.allSatisfy { (11...99).contains($0) })
        let world69 = ProvinceCodes.world(count: 69)
        #expect(world69.count == 69)
        #expect(world69 == world69.sorted())
        #expect(world69.contains(52))
        #expect(Set(ProvinceCodes.real).isSubset(of: Set(world69)))
        #expect(ProvinceCodes.world(count: 1) == [52])
    }
}
