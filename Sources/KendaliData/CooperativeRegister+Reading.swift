import CSV
import Foundation
import Spreadsheet

/// Why a register file was refused: every problem found (the first ones listed).
public struct RegisterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as given.
    public var fileName: String
    /// One line per problem, each starting with the file and its line or cell.
    public var problems: [String]

    /// A refusal of `fileName` for `problems`.
    public init(fileName: String, problems: [String]) {
        self.fileName = fileName
        self.problems = problems
    }

    /// The most problems listed; the rest are counted.
    static let listed = 20

    /// `FILE: register refused, N errors` and the first problems, one a line.
    public var description: String {
        let n = problems.count
        var s = "\(fileName): register refused, \(n) error\(n == 1 ? "" : "s")"
        for p in problems.prefix(Self.listed) { s += "\n  " + p }
        if n > Self.listed { s += "\n  and \(n - Self.listed) more" }
        return s
    }
}

extension CooperativeRegister {
    /// The columns of a register file, in the usual order (any order is read; other
    /// columns are ignored).
    public static let columns = ["kode_koperasi", "nama_koperasi", "desa", "kecamatan", "kabupaten"]

    /// Reads the register at `path`: CSV text (UTF-8, `,` or `;` between fields, with or
    /// without a byte-order mark) or an `.xlsx` workbook's sheet `sheet` (the first when
    /// `nil`), read through `Spreadsheet.WorkbookReader`.
    ///
    /// The header names the columns (case and surrounding spaces ignored). Every row needs
    /// a code (10 digits, or dotted `52.01.01.2001`) and its `desa`, `kecamatan` and
    /// `kabupaten`; `nama_koperasi` may be empty; a code may not be given twice; empty rows
    /// are skipped.
    ///
    /// - Throws: ``RegisterError`` with every problem; nothing is returned then.
    /// - Complexity: O(file size + n log n) for n cooperatives.
    public static func read(contentsOf path: String, sheet: String? = nil) throws(RegisterError)
        -> CooperativeRegister
    {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RegisterError(fileName: name, problems: ["\(name): cannot read the file (\(path))"])
        }
        let bytes = [UInt8](data)
        let kind = FileKind.sniff(bytes.prefix(8192), isWholeFile: bytes.count <= 8192)
        var rows: [(place: String, fields: [String])] = []
        switch kind {
        case .zip, .xlsx:
            do {
                let reader = try WorkbookReader(data: data, fileName: name)
                try reader.forEachRow(inSheet: sheet) { row in
                    let values = row.values(count: row.lastColumn).map { $0.text }
                    rows.append(("\(name):\(SpreadsheetLocation.quotedSheetName(row.sheet))!\(row.number):\(row.number)", values))
                }
            } catch let error as SpreadsheetError {
                throw RegisterError(fileName: name, problems: ["\(name): \(error.message)"])
            } catch {
                throw RegisterError(fileName: name, problems: ["\(name): not a readable workbook (\(error))"])
            }
        case .utf8Text, .empty:
            let delimiter = bytes.withUnsafeBytes { CSVScanner.detectDelimiter($0, start: 0) }
            let reader = CSVReader(delimiter: delimiter)
            do {
                for r in try reader.records(bytes) where !r.isEmptyLine {
                    rows.append(("\(name):\(r.line)", r.fields))
                }
            } catch {
                throw RegisterError(fileName: name, problems: ["\(name):\(error.line): \(error.message)"])
            }
        default:
            throw RegisterError(fileName: name, problems: ["\(name): \(kind.summary)"])
        }
        let entries = try parse(rows: rows, fileName: name)
        return CooperativeRegister(
            fileName: name, contentDigest: SnapshotDigest.sha256Hex(bytes), entries: entries)
    }

    /// The entries of a register's rows (the first is the header), each row with the
    /// place its problems are reported at.
    static func parse(rows: [(place: String, fields: [String])], fileName: String) throws(RegisterError)
        -> [RegisteredCooperative]
    {
        func clean(_ s: String) -> String {
            s.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}"))
        }
        guard let header = rows.first else {
            throw RegisterError(fileName: fileName, problems: [
                "\(fileName): empty; expected a header naming \(columns.joined(separator: ", "))",
            ])
        }
        var index: [String: Int] = [:]
        for (i, h) in header.fields.enumerated() {
            let key = clean(h).lowercased()
            if index[key] == nil { index[key] = i }
        }
        let absent = columns.filter { index[$0] == nil }
        if !absent.isEmpty {
            throw RegisterError(fileName: fileName, problems: [
                "\(header.place): missing column\(absent.count == 1 ? "" : "s") \(absent.joined(separator: ", "))"
                    + " (a register has \(columns.joined(separator: ", ")))",
            ])
        }
        var problems: [String] = []
        var entries: [RegisteredCooperative] = []
        var seen: [CooperativeCode: String] = [:]
        for row in rows.dropFirst() {
            func field(_ c: String) -> String {
                guard let i = index[c], i < row.fields.count else { return "" }
                return clean(row.fields[i])
            }
            let values = columns.map(field)
            if values.allSatisfy(\.isEmpty) { continue }
            guard let kode = CooperativeCode(parsing: values[0]) else {
                problems.append("\(row.place): column 'kode_koperasi': value '\(values[0])' — expected a 10-digit code such as 5201012001")
                continue
            }
            if let first = seen[kode] {
                problems.append("\(row.place): column 'kode_koperasi': value '\(values[0])' — the code is already registered at \(first)")
                continue
            }
            seen[kode] = row.place
            let empty = ["desa", "kecamatan", "kabupaten"].filter { field($0).isEmpty }
            if !empty.isEmpty {
                problems.append("\(row.place): \(kode): empty \(empty.joined(separator: ", ")) — a registered cooperative needs its desa, kecamatan and kabupaten")
                continue
            }
            entries.append(RegisteredCooperative(
                kode: kode, nama: values[1].isEmpty ? nil : values[1], desa: values[2],
                kecamatan: values[3], kabupaten: values[4]))
        }
        if !problems.isEmpty { throw RegisterError(fileName: fileName, problems: problems) }
        if entries.isEmpty {
            throw RegisterError(fileName: fileName, problems: ["\(fileName): no cooperative listed under the header"])
        }
        return entries
    }

    /// The register as CSV text, in the order of ``columns`` (RFC 4180 quoting where
    /// needed, LF line ends, no byte-order mark): the form `kendali simulate` writes.
    public static func csv(_ entries: [RegisteredCooperative]) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for e in entries.sorted(by: { $0.kode < $1.kode }) {
            out += [e.kode.description, e.nama ?? "", e.desa, e.kecamatan, e.kabupaten]
                .map { CSVWriter.field($0, quoting: .exact) }.joined(separator: ",") + "\n"
        }
        return out
    }
}
