import KendaliData

/// A village (desa or kelurahan) of a simulated province; each village has exactly one
/// cooperative, identified by the village code.
public struct SimulatedVillage: Sendable, Hashable {
    /// The 10-digit village code, which is also the cooperative's `kode_koperasi`.
    public var code: CooperativeCode
    /// The (made-up) village name, written as `desa`.
    public var name: String
    /// True for a kelurahan (urban village, suffix `1xxx`), false for a desa (`2xxx`).
    public var isKelurahan: Bool
    /// The cooperative's name, written as `nama_koperasi`: `KDMP <desa>` for a desa,
    /// `KKMP <kelurahan>` for a kelurahan (Koperasi Desa/Kelurahan Merah Putih).
    public var cooperativeName: String {
        (isKelurahan ? "KKMP " : "KDMP ") + name
    }
}

/// A district (kecamatan) of a simulated province.
public struct SimulatedDistrict: Sendable, Hashable {
    /// The 6-digit district code, e.g. 520101.
    public var code: Int
    /// The (made-up) district name, written as `kecamatan`.
    public var name: String
    /// The villages, kelurahan first, each in code order.
    public var villages: [SimulatedVillage]
    /// Number of desa.
    public var desaCount: Int { villages.count(where: { !$0.isKelurahan }) }
    /// Number of kelurahan.
    public var kelurahanCount: Int { villages.count(where: { $0.isKelurahan }) }
}

/// A regency (kabupaten) or city (kota) of a simulated province.
public struct SimulatedRegency: Sendable, Hashable {
    /// The 4-digit regency code, e.g. 5201; a suffix of 71 or more is a city (kota).
    public var code: Int
    /// The name written as `kabupaten`, e.g. `Kabupaten Lombok Barat`, `Kota Mataram`.
    public var name: String
    /// The districts in code order.
    public var districts: [SimulatedDistrict]
    /// True for a city (kota): regency suffix 71 or more.
    public var isCity: Bool { code % 100 >= 71 }
    /// Number of villages (= cooperatives).
    public var villageCount: Int { districts.reduce(0) { $0 + $1.villages.count } }
}

/// The administrative structure of one simulated province: regencies, districts and
/// villages with their codes and names.
public struct SimulatedProvince: Sendable, Hashable {
    /// The 2-digit province code (52 for Nusa Tenggara Barat).
    public var code: Int
    /// The province name.
    public var name: String
    /// The regencies in code order.
    public var regencies: [SimulatedRegency]
    /// Number of villages (= cooperatives).
    public var villageCount: Int { regencies.reduce(0) { $0 + $1.villageCount } }
}

/// The administrative structure of Nusa Tenggara Barat (province code 52) as counts, and
/// the builder of simulated provinces on that template.
///
/// The per-district counts of desa and kelurahan are those of the Kemendagri code list
/// (Kepmendagri 300.2.2-2138/2025, the same counts as 100.1.1-6117/2022): 10 regencies and
/// cities, 117 districts, 1,166 villages (1,021 desa and 145 kelurahan). Only the codes and
/// counts are real; every village and district name is made up by ``PlaceNames``, and the
/// village suffixes are numbered afresh (`1001, 1002, …` for kelurahan, `2001, 2002, …`
/// for desa), so a simulated code need not exist in the real list.
public enum NTBStructure {
    /// NTB's province code.
    public static let provinceCode = 52

    /// Per district: the 6-digit district code, the number of desa and of kelurahan.
    public static let districtCounts: [(district: Int, desa: Int, kelurahan: Int)] = [
        (520101, 11, 3), (520102, 10, 0), (520103, 21, 0), (520107, 9, 0), (520108, 12, 0), (520109, 16, 0),
        (520112, 15, 0), (520113, 10, 0), (520114, 9, 0), (520115, 6, 0), (520201, 6, 9), (520202, 13, 0),
        (520203, 11, 0), (520204, 18, 0), (520205, 10, 0), (520206, 14, 0), (520207, 16, 0), (520208, 11, 0),
        (520209, 13, 0), (520210, 10, 3), (520211, 12, 0), (520212, 8, 0), (520301, 15, 0), (520302, 12, 0),
        (520303, 16, 0), (520304, 14, 0), (520305, 10, 0), (520306, 9, 0), (520307, 1, 11), (520308, 15, 0),
        (520309, 14, 0), (520310, 11, 0), (520311, 8, 0), (520312, 10, 0), (520313, 15, 0), (520314, 14, 0),
        (520315, 6, 0), (520316, 8, 0), (520317, 8, 4), (520318, 10, 0), (520319, 18, 0), (520320, 15, 0),
        (520321, 10, 0), (520402, 7, 0), (520405, 8, 0), (520406, 9, 0), (520407, 6, 0), (520408, 0, 8),
        (520409, 10, 0), (520410, 12, 0), (520411, 5, 0), (520412, 4, 0), (520413, 11, 0), (520414, 10, 0),
        (520417, 8, 0), (520418, 7, 0), (520419, 5, 0), (520420, 6, 0), (520421, 4, 0), (520422, 8, 0),
        (520423, 6, 0), (520424, 4, 0), (520425, 8, 0), (520426, 7, 0), (520427, 4, 0), (520428, 4, 0),
        (520429, 4, 0), (520501, 9, 6), (520502, 8, 0), (520503, 8, 0), (520504, 6, 0), (520505, 11, 3),
        (520506, 12, 0), (520507, 12, 0), (520508, 6, 0), (520601, 14, 0), (520602, 14, 0), (520603, 15, 0),
        (520604, 9, 0), (520605, 9, 0), (520606, 18, 0), (520607, 14, 0), (520608, 9, 0), (520609, 6, 0),
        (520610, 6, 0), (520611, 15, 0), (520612, 14, 0), (520613, 11, 0), (520614, 7, 0), (520615, 7, 0),
        (520616, 5, 0), (520617, 6, 0), (520618, 12, 0), (520701, 4, 0), (520702, 9, 7), (520703, 10, 0),
        (520704, 7, 0), (520705, 9, 0), (520706, 8, 0), (520707, 6, 0), (520708, 5, 0), (520801, 8, 0),
        (520802, 8, 0), (520803, 10, 0), (520804, 12, 0), (520805, 5, 0), (527101, 0, 10), (527102, 0, 9),
        (527103, 0, 10), (527104, 0, 5), (527105, 0, 9), (527106, 0, 7), (527201, 0, 6), (527202, 0, 8),
        (527203, 0, 6), (527204, 0, 11), (527205, 0, 10),
    ]

    /// The real names of NTB's regencies and cities, by 2-digit regency suffix.
    public static let regencyNames: [Int: String] = [
        1: "Kabupaten Lombok Barat", 2: "Kabupaten Lombok Tengah", 3: "Kabupaten Lombok Timur",
        4: "Kabupaten Sumbawa", 5: "Kabupaten Dompu", 6: "Kabupaten Bima",
        7: "Kabupaten Sumbawa Barat", 8: "Kabupaten Lombok Utara", 71: "Kota Mataram",
        72: "Kota Bima",
    ]

    /// The regency suffixes of NTB's regencies and cities, in code order.
    public static let regencySuffixes: [Int] = [1, 2, 3, 4, 5, 6, 7, 8, 71, 72]

    /// The regencies on the island of Sumbawa (west to east); the rest are on Lombok.
    public static let sumbawaIslandSuffixes: Set<Int> = [4, 5, 6, 7, 72]

    /// The province built on NTB's template with the given province code.
    ///
    /// For code 52 the regency names are NTB's real ones; for any other code every name
    /// is made up. District and village names are always made up, deterministically from
    /// the province code alone (they do not depend on the simulation seed), so a place
    /// keeps its name across seeds.
    ///
    /// - Precondition: `code` is in 11…99.
    public static func province(code: Int) -> SimulatedProvince {
        precondition((11...99).contains(code), "a province code has two digits, 11…99")
        let isNTB = code == provinceCode
        var names = PlaceNames(provinceCode: code)
        var regencies: [SimulatedRegency] = []
        for suffix in regencySuffixes {
            let regencyCode = code * 100 + suffix
            let isCity = suffix >= 71
            let style: PlaceNames.Style =
                isNTB ? (sumbawaIslandSuffixes.contains(suffix)
                    ? (suffix == 6 || suffix == 72 || suffix == 5 ? .bima : .sumbawa) : .sasak)
                : .general
            let regencyName: String
            if isNTB, let real = regencyNames[suffix] {
                regencyName = real
            } else {
                regencyName = (isCity ? "Kota " : "Kabupaten ") + names.unique(style: style)
            }
            var districts: [SimulatedDistrict] = []
            for entry in districtCounts where entry.district / 100 == provinceCode * 100 + suffix {
                let districtCode = code * 10_000 + suffix * 100 + entry.district % 100
                let districtName = names.unique(style: style)
                var villages: [SimulatedVillage] = []
                for k in 0..<entry.kelurahan {
                    villages.append(village(districtCode, 1001 + k, true, names.unique(style: style)))
                }
                for k in 0..<entry.desa {
                    villages.append(village(districtCode, 2001 + k, false, names.unique(style: style)))
                }
                districts.append(
                    SimulatedDistrict(code: districtCode, name: districtName, villages: villages))
            }
            regencies.append(
                SimulatedRegency(code: regencyCode, name: regencyName, districts: districts))
        }
        let provinceName = isNTB ? "Nusa Tenggara Barat" : "Provinsi " + names.unique(style: .general)
        return SimulatedProvince(code: code, name: provinceName, regencies: regencies)
    }

    private static func village(_ district: Int, _ suffix: Int, _ kelurahan: Bool, _ name: String)
        -> SimulatedVillage
    {
        // A 6-digit district code with a province of 11…99 and a 4-digit suffix always make
        // a valid 10-digit code; the province code is checked by `province(code:)`.
        guard let code = CooperativeCode(value: Int64(district) * 10_000 + Int64(suffix)) else {
            preconditionFailure("village code out of range: \(district) \(suffix)")
        }
        return SimulatedVillage(code: code, name: name, isKelurahan: kelurahan)
    }
}
