/// A deterministic generator of made-up place names that sound like the region: Sasak
/// (Lombok), Samawa (Sumbawa), Mbojo (Bima and Dompu), or general Indonesian.
///
/// Names are built from a root of two or three syllables, sometimes with a common place
/// word in front (`Dasan`, `Labuhan`, `Sori` …) or a direction behind (`Utara`, `Baru` …).
/// The sequence depends only on the province code, so every seed gives the same names;
/// ``unique(style:)`` never returns a name twice within one generator.
struct PlaceNames {
    /// The sound of the names.
    enum Style {
        /// Lombok (Sasak).
        case sasak
        /// Western and central Sumbawa (Samawa).
        case sumbawa
        /// Bima and Dompu (Mbojo).
        case bima
        /// Anywhere else in Indonesia.
        case general
    }

    private var rng: Xoshiro256StarStar
    private var used: Set<String> = []

    /// A generator for the province with the given code.
    init(provinceCode: Int) {
        rng = Xoshiro256StarStar(stream: [0x504C_4143_454E_414D, UInt64(provinceCode)])
    }

    /// A name not returned before by this generator.
    mutating func unique(style: Style) -> String {
        var attempt = 0
        while true {
            var name = make(style: style, long: attempt > 20)
            if attempt > 60 { name += " " + romanSuffix(attempt - 60) }
            if used.insert(name).inserted { return name }
            attempt += 1
        }
    }

    private mutating func make(style: Style, long: Bool) -> String {
        let (syllables, prefixes): ([String], [String]) = {
            switch style {
            case .sasak: (Self.sasakSyllables, Self.sasakPrefixes)
            case .sumbawa: (Self.sumbawaSyllables, Self.sumbawaPrefixes)
            case .bima: (Self.bimaSyllables, Self.bimaPrefixes)
            case .general: (Self.generalSyllables, Self.generalPrefixes)
            }
        }()
        let count = long ? 3 : (rng.bernoulli(0.7) ? 2 : 3)
        var root = ""
        for _ in 0..<count { root += syllables[rng.index(syllables.count)] }
        root = capitalized(root)
        var name = root
        let r = rng.uniform()
        if r < 0.28 {
            name = prefixes[rng.index(prefixes.count)] + " " + root
        } else if r < 0.36 {
            name = root + " " + Self.directions[rng.index(Self.directions.count)]
        }
        return name
    }

    private func capitalized(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    private func romanSuffix(_ n: Int) -> String {
        ["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][n % 9]
    }

    private static let directions = ["Utara", "Selatan", "Timur", "Barat", "Baru", "Jaya", "Indah"]

    private static let sasakSyllables = [
        "ba", "bel", "ben", "bor", "ga", "gan", "jo", "ken", "ku", "la", "lem", "len", "lo",
        "mas", "mon", "nyi", "pa", "pe", "ran", "re", "ri", "sak", "sel", "sem", "su", "ta",
        "tem", "te", "wa", "ya", "kre", "ang", "ong", "jur", "gik", "bat", "nek", "ruk",
    ]
    private static let sasakPrefixes = [
        "Dasan", "Karang", "Bagik", "Lendang", "Montong", "Tanak", "Batu", "Kuta", "Aik",
        "Gubuk", "Sukadana", "Pejaring",
    ]
    private static let sumbawaSyllables = [
        "al", "ban", "bu", "em", "ja", "ka", "la", "lu", "ma", "mo", "nyuk", "o", "pa", "ple",
        "ra", "ro", "sa", "se", "ta", "te", "u", "ung", "wa", "yo", "san", "mong", "lan", "tis",
    ]
    private static let sumbawaPrefixes = [
        "Labuhan", "Lape", "Batu", "Uma", "Sebewe", "Brang", "Pungka", "Lenang",
    ]
    private static let bimaSyllables = [
        "bo", "da", "do", "ka", "ko", "la", "ma", "mbo", "mpa", "na", "nga", "ndi", "ra", "re",
        "ri", "ro", "sa", "so", "ta", "to", "wa", "we", "wo", "li", "ncu", "nte", "sie", "ni",
    ]
    private static let bimaPrefixes = [
        "Sori", "Doro", "Rasa", "Kala", "Oi", "Ncera", "Lewi", "Tolo",
    ]
    private static let generalSyllables = [
        "ba", "ja", "ka", "ma", "sa", "ta", "wa", "ra", "ri", "ro", "ru", "ma", "ju", "sa",
        "ri", "dan", "jo", "lung", "ngan", "sum", "ber", "te", "gal", "pa", "dang", "si", "mu",
        "kar", "ti", "re", "jaya", "wi", "ngin",
    ]
    private static let generalPrefixes = [
        "Suka", "Mekar", "Sumber", "Tanjung", "Sungai", "Teluk", "Air", "Bukit", "Muara",
        "Kampung", "Padang", "Tirta",
    ]
}
