import KendaliData

/// A snapshot file's errors and warnings in a ``ReportLanguage``, for the people who fix
/// the file: `ingest`'s messages and the report's warnings table.
///
/// The reader writes every issue in English (``SnapshotIssue/description``), which stays
/// the English text here byte for byte. In Bahasa Indonesia the frame (`kolom`, `nilai`,
/// `diharapkan`, `peringatan`) is translated and the "expected" part is rebuilt from the
/// issue's kind: one phrase per kind, filled with the numbers, dates and names the English
/// text carries. A phrase whose parts cannot be found (a reader message this table does not
/// know) is kept in English rather than guessed.
public enum SnapshotIssueText {
    /// The whole line of `issue`: `FILE:LINE: kolom 'c': nilai 'v' — diharapkan …` in
    /// Indonesian, ``SnapshotIssue/description`` in English.
    public static func line(_ issue: SnapshotIssue, language: ReportLanguage) -> String {
        guard language == .id else { return issue.description }
        var s = issue.file
        if let cell = issue.cell {
            s += ":" + cell
        } else if let line = issue.line {
            s += ":" + String(line)
        }
        s += ": "
        if issue.kind == .notATable { return s + issue.expected }
        if issue.severity == .warning { s += "peringatan: " }
        var parts: [String] = []
        if let column = issue.column { parts.append("kolom '\(column)'") }
        if let value = issue.value { parts.append("nilai '\(value)'") }
        s += parts.joined(separator: ": ")
        s += parts.isEmpty ? "" : " — "
        return s + "diharapkan " + expected(issue, language: language)
    }

    /// A refused file: `FILE: ditolak, N kesalahan` (`FILE: rejected, N errors`) and one
    /// line per issue; in English exactly ``SnapshotFileError/description``.
    public static func lines(_ error: SnapshotFileError, language: ReportLanguage) -> String {
        guard language == .id else { return error.description }
        let issues = error.issues
        if issues.count == 1, issues[0].kind == .notATable { return line(issues[0], language: language) }
        let f = ReportFormatter(language)
        var s = "\(error.fileName): ditolak, \(f.integer(error.errorCount)) kesalahan"
        let listable = issues.filter { $0.kind != .tooManyErrors }
        for issue in listable.prefix(SnapshotFileError.listedErrors) { s += "\n  " + line(issue, language: language) }
        for group in error.unlistedCounts {
            s += "\n  dan \(f.integer(group.count)) lagi" + (group.column.map { " di \($0)" } ?? "")
                + ": " + label(group.kind)
        }
        return s
    }

    /// A few Indonesian words naming a kind of issue, for the counts of a long list of
    /// errors (the English is ``KendaliData/SnapshotIssue/Kind/label``).
    public static func label(_ kind: SnapshotIssue.Kind) -> String {
        switch kind {
        case .invalidUTF8: "bukan UTF-8 maupun Windows-1252"
        case .missingHeader: "tanpa baris judul"
        case .unterminatedQuote: "tanda kutip tidak ditutup"
        case .malformedQuote: "teks sesudah tanda kutip penutup"
        case .tooManyErrors: "terlalu banyak kesalahan"
        case .missingColumn: "kolom tidak ada"
        case .duplicateColumn: "kolom disebut dua kali"
        case .noRows: "tanpa baris"
        case .unreadableFile: "berkas tidak terbaca"
        case .notATable: "bukan tabel"
        case .wrongFieldCount: "jumlah isian salah"
        case .malformedCode: "bukan kode 10 digit"
        case .duplicateCode: "kode dipakai dua kali"
        case .unreadableDate: "bukan tanggal"
        case .differingDate: "bukan tanggal minggu ini"
        case .unknownTahap: "tahap tidak dikenal"
        case .unknownStatusLahan: "status_lahan tidak dikenal"
        case .invalidFlag: "bukan 0 atau 1"
        case .progressNotNumber: "bukan angka"
        case .progressOutOfRange: "di luar 0–100"
        case .unitsOutOfRange: "bukan bilangan bulat 0–7"
        case .negativeCount: "negatif"
        case .invalidCount: "bukan bilangan bulat ≥ 0"
        case .ambiguousNumber: "pemisah ribuan atau titik desimal"
        case .missingValue: "kosong"
        case .unknownColumn: "kolom tidak dikenal"
        case .progressDecreased: "progres turun"
        case .tahapBackwards: "tahap mundur"
        case .cooperativeMissing: "koperasi tidak ada"
        case .completeButUnderConstruction: "100 saat pembangunan"
        case .duplicateRow: "baris berulang"
        case .windows1252Text: "teks Windows-1252"
        case .unregisteredCode: "kode tidak ada di daftar koperasi"
        case .fileNameDate: "bukan tanggal di nama berkas"
        case .registerMismatch: "nama berbeda dari daftar koperasi"
        case .newCode: "kode baru"
        case .unusualWeekday: "hari laporan tidak biasa"
        case .notReported: "tidak melapor"
        }
    }

    /// What was expected, in `language` (the reader's own English text in English).
    public static func expected(_ issue: SnapshotIssue, language: ReportLanguage) -> String {
        guard language == .id else { return issue.expected }
        return indonesian(issue) ?? issue.expected
    }

    /// The Indonesian phrase of `issue`'s kind, or `nil` when the English text does not
    /// carry the parts the phrase needs.
    static func indonesian(_ issue: SnapshotIssue) -> String? {
        let english = issue.expected
        let numbers = Self.numbers(in: english)
        let dates = Self.dates(in: english)
        let f = ReportFormatter(.id)
        switch issue.kind {
        case .invalidUTF8:
            return english.hasPrefix("UTF-8 text, as the file's byte-order mark")
                ? "teks UTF-8, seperti dinyatakan tanda urutan bita berkas; simpan ulang sebagai \"CSV UTF-8\""
                : "teks UTF-8 atau Windows-1252; berkas ini bukan keduanya; simpan sebagai \"CSV UTF-8\""
        case .windows1252Text:
            return "teks UTF-8; berkas dibaca sebagai Windows-1252, seperti Excel di Windows menyimpan CSV"
        case .ambiguousNumber:
            let readings = english.split(separator: " ").map(String.init).filter { $0.first?.isNumber == true }
            guard readings.count >= 2 else { return nil }
            return "angka dengan satu arti: ini \(readings[0]) (titik sebagai pemisah ribuan) atau \(readings[1]) "
                + "(titik sebagai tanda desimal); tulis \(readings[0]) atau \(readings[1])"
        case .missingHeader: return "baris judul yang menamai kolom"
        case .unterminatedQuote: return "tanda kutip penutup untuk isian yang dibuka di sini"
        case .malformedQuote: return "pemisah atau akhir baris tepat setelah tanda kutip penutup"
        case .tooManyErrors:
            return "paling banyak \(f.integer(SnapshotReader.maximumIssues)) kesalahan"
        case .missingColumn:
            guard let name = quoted(in: english) else { return nil }
            return "kolom '\(name)' di baris judul"
        case .duplicateColumn: return "setiap kolom disebut sekali saja"
        case .noRows: return "paling sedikit satu baris sesudah baris judul"
        case .unreadableFile:
            for (prefix, phrase) in [("a readable file", "berkas yang dapat dibaca"),
                                     ("a readable workbook", "buku kerja yang dapat dibaca")]
            where english.hasPrefix(prefix) {
                return phrase + english.dropFirst(prefix.count)
            }
            return nil
        case .notATable: return nil
        case .wrongFieldCount:
            guard let n = numbers.first else { return nil }
            return "\(n) isian, sama dengan baris judul"
        case .malformedCode: return "kode 10 digit seperti 5201012001 atau 52.01.01.2001"
        case .duplicateCode:
            guard let n = numbers.last else { return nil }
            return "kode yang belum dipakai di baris \(n)"
        case .duplicateRow:
            guard let n = numbers.last else { return nil }
            return "baris yang tidak mengulang baris \(n); salinannya disimpan sekali"
        case .unreadableDate: return "tanggal YYYY-MM-DD atau DD/MM/YYYY"
        case .differingDate:
            guard let date = dates.first else { return nil }
            if english.contains("the date of most rows"), numbers.count >= 2 {
                let n = numbers.count
                return "\(date), tanggal sebagian besar baris (\(f.integer(Int(numbers[n - 2]) ?? 0)) dari "
                    + "\(f.integer(Int(numbers[n - 1]) ?? 0)))"
            }
            guard let n = numbers.last else { return nil }
            return "\(date), tanggal di baris \(n)"
        case .unknownTahap: return "salah satu dari terdaftar, portal, pembangunan, selesai, beroperasi"
        case .unknownStatusLahan: return "salah satu dari tidak_ada, diusulkan, verifikasi, siap, sengketa"
        case .invalidFlag: return "0 atau 1 (juga ya/tidak, y/n, true/false)"
        case .progressNotNumber, .progressOutOfRange:
            return english.contains("comma") ? "angka 0–100 (dengan titik atau koma desimal)" : "angka 0–100"
        case .unitsOutOfRange: return "bilangan bulat 0–7"
        case .negativeCount, .invalidCount: return "bilangan bulat ≥ 0"
        case .missingValue: return missingValue(issue)
        case .unknownColumn: return "kolom dari spesifikasi; kolom ini diabaikan"
        case .progressDecreased:
            guard let before = numbers.first, let date = dates.last else { return nil }
            return "paling sedikit \(decimal(before)), progres yang dilaporkan pada \(date)"
        case .tahapBackwards:
            guard let stage = quoted(in: english), let date = dates.last else { return nil }
            return "'\(stage)' atau sesudahnya, tahap yang dilaporkan pada \(date)"
        case .cooperativeMissing:
            guard let date = dates.last else { return nil }
            return "baris untuk koperasi ini, yang ada di laporan \(date)"
        case .completeButUnderConstruction: return "tahap 'selesai' atau sesudahnya bila progres 100"
        case .unregisteredCode:
            guard english.hasPrefix("a code of the register") else { return nil }
            var phrase = "kode yang ada di daftar koperasi"
            if let near = english.range(of: "nearest registered: ") {
                phrase += "; kode terdaftar terdekat: " + english[near.upperBound...]
            }
            return phrase
        case .fileNameDate:
            guard let date = dates.first else { return nil }
            if english.contains("given with --week") { return "\(date), minggu yang diberikan dengan --week" }
            guard let own = dates.last, dates.count >= 2 else { return nil }
            return "\(date), tanggal di nama berkas; perbaiki tanggal_laporan, atau beri --week \(own) bila nama berkas yang salah"
        case .registerMismatch:
            guard let name = quoted(in: english) else { return nil }
            return "'\(name)', nama di daftar koperasi; nama dari daftar yang ditampilkan"
        case .newCode:
            return "kode yang pernah melapor (kode baru, atau salah ketik; beri --registry untuk memeriksa kode)"
        case .unusualWeekday:
            return nil
        case .notReported:
            guard let n = numbers.first else { return nil }
            if let date = dates.last, english.contains("last report") {
                return "laporan: tidak melapor \(n) minggu, laporan terakhir \(date)"
            }
            return "laporan: belum pernah melapor dalam \(n) minggu tersimpan sampai minggu ini"
        }
    }

    /// A required value that is empty: the phrase of the value's kind.
    private static func missingValue(_ issue: SnapshotIssue) -> String? {
        let english = issue.expected
        if english.hasPrefix("a 10-digit code") { return "kode 10 digit seperti 5201012001" }
        if english.hasPrefix("a date") { return "tanggal YYYY-MM-DD atau DD/MM/YYYY" }
        if english.hasPrefix("an integer ≥ 0") { return "bilangan bulat ≥ 0" }
        if english.hasPrefix("an integer 0–7") { return "bilangan bulat 0–7" }
        if english.hasPrefix("a name:"), let column = issue.column,
           let code = english.split(separator: " ").first(where: { $0.count == 10 && $0.allSatisfy(\.isNumber) }) {
            return "sebuah nama: koperasi \(code) baru pertama kali melapor, jadi \(column) wajib diisi"
        }
        return nil
    }

    /// A number written by the reader (`20.7`) with the Indonesian decimal comma (`20,7`).
    private static func decimal(_ text: String) -> String {
        text.replacingOccurrences(of: ".", with: ",")
    }

    /// The plain numbers of `text` (`12`, `20.7`), in order; ISO dates are not numbers.
    static func numbers(in text: String) -> [String] {
        tokens(in: text).filter { token in
            !token.isEmpty && token.first?.isNumber == true && token.last?.isNumber == true
                && token.allSatisfy { $0.isNumber || $0 == "." } && token.filter { $0 == "." }.count <= 1
        }
    }

    /// The ISO dates (`2026-11-20`) of `text`, in order.
    static func dates(in text: String) -> [String] {
        tokens(in: text).filter { Day(parsing: $0) != nil && $0.count == 10 && $0.filter { $0 == "-" }.count == 2 }
    }

    /// The first word of `text` between single quotes.
    static func quoted(in text: String) -> String? {
        let parts = text.split(separator: "'", omittingEmptySubsequences: false)
        return parts.count >= 3 ? String(parts[1]) : nil
    }

    /// The words of `text`, split at spaces and trimmed of surrounding punctuation.
    private static func tokens(in text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" }).map {
            var t = Substring($0)
            while let last = t.last, ",;:".contains(last) || (last == "." && t.count > 1) { t = t.dropLast() }
            return String(t)
        }
    }
}
