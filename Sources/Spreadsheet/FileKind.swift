import Foundation
import ZIPFoundation

/// What a file is, told from its first bytes (its magic number) and, for a zip archive,
/// from the names of its entries; so that a table reader can say "this is an old Excel
/// workbook; save it as .xlsx or CSV" instead of failing on its bytes.
public enum FileKind: Hashable, Sendable {
    /// A file with no bytes.
    case empty
    /// Text that is valid UTF-8 (with or without a byte-order mark).
    case utf8Text
    /// Text with a UTF-16 byte-order mark.
    case utf16Text
    /// Text that is not UTF-8: bytes of an 8-bit encoding such as Windows-1252.
    case otherText
    /// An HTML page, which some programs save with an `.xls` name.
    case html
    /// An Excel 2003 XML spreadsheet (SpreadsheetML 2003, `urn:schemas-microsoft-com:office:spreadsheet`).
    case spreadsheetML2003
    /// An Office Open XML workbook, `.xlsx` or `.xlsm` (ECMA-376 Part 2 package holding
    /// `xl/workbook.xml`).
    case xlsx
    /// An Excel binary workbook, `.xlsb` (the package holds `xl/workbook.bin`).
    case xlsb
    /// An OpenDocument spreadsheet, `.ods` (ISO/IEC 26300).
    case ods
    /// Another Office Open XML document (a Word or PowerPoint file).
    case otherOfficeDocument
    /// Another zip archive, or one too damaged to list.
    case zip
    /// An OLE compound file (magic `D0 CF 11 E0 A1 B1 1A E1`): an Excel 97–2003 `.xls`
    /// workbook (BIFF8), another Office 97–2003 file, or a password-protected `.xlsx`,
    /// which Office stores encrypted inside such a container.
    case oleCompound
    /// A PDF document (`%PDF-`).
    case pdf
    /// A recognised binary format that is no table: the name says which.
    case binary(String)
    /// Bytes that are neither text nor a recognised format.
    case unknownBinary

    /// One line saying what the file is and, when it is not a table this package reads,
    /// what to save it as.
    public var summary: String {
        switch self {
        case .empty: return "the file is empty"
        case .utf8Text: return "a UTF-8 text file"
        case .utf16Text: return "a UTF-16 text file; save it as CSV UTF-8"
        case .otherText: return "a text file that is not UTF-8; save it as CSV UTF-8"
        case .html: return "an HTML page, not a workbook; open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8"
        case .spreadsheetML2003: return "an Excel 2003 XML spreadsheet; save it as Excel Workbook (.xlsx) or CSV UTF-8"
        case .xlsx: return "an Excel workbook (.xlsx)"
        case .xlsb: return "an Excel binary workbook (.xlsb); save it as Excel Workbook (.xlsx) or CSV UTF-8"
        case .ods: return "an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx) or CSV UTF-8"
        case .otherOfficeDocument: return "a Word or PowerPoint document, not a workbook"
        case .zip: return "a zip archive, not an Excel workbook; unpack it, or save the table as .xlsx or CSV UTF-8"
        case .oleCompound:
            return "an old Excel 97-2003 workbook (.xls) or a password-protected workbook; "
                + "save it as Excel Workbook (.xlsx) without a password, or as CSV UTF-8"
        case .pdf: return "a PDF document, not a table; export the table from its source as .xlsx or CSV UTF-8"
        case .binary(let name): return "a \(name) file, not a table"
        case .unknownBinary: return "a binary file that is neither text nor a workbook"
        }
    }

    /// Whether the kind is text (a CSV reader's input), in whatever encoding.
    public var isText: Bool {
        switch self {
        case .utf8Text, .utf16Text, .otherText: return true
        default: return false
        }
    }

    /// The kind told from a file's first bytes alone.
    ///
    /// A zip archive is ``zip`` here, or ``ods`` when its first entry is the OpenDocument
    /// `mimetype`; ``ofFile(at:)`` opens a zip archive's directory to tell ``xlsx`` apart.
    /// - Parameters:
    ///   - prefix: the first bytes of the file (8 KiB is plenty).
    ///   - isWholeFile: whether `prefix` is the whole file; when not, a multi-byte UTF-8
    ///     sequence cut by the end of the prefix is not held against the text.
    /// - Complexity: O(`prefix.count`).
    public static func sniff(_ prefix: some Collection<UInt8>, isWholeFile: Bool) -> FileKind {
        let bytes = Array(prefix)
        if bytes.isEmpty { return .empty }
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .oleCompound }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) || starts([0x50, 0x4B, 0x07, 0x08]) {
            return isOpenDocumentSpreadsheet(bytes) ? .ods : .zip
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x1F, 0x8B]) { return .binary("gzip") }
        if starts(Array("SQLite format 3".utf8) + [0]) { return .binary("SQLite database") }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .binary("PNG image") }
        if starts([0xFF, 0xD8, 0xFF]) { return .binary("JPEG image") }
        if starts(Array("GIF8".utf8)) { return .binary("GIF image") }
        if starts([0x42, 0x5A, 0x68]) { return .binary("bzip2") }
        if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { return .binary("7-Zip") }
        if starts(Array("Rar!".utf8)) { return .binary("RAR") }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return .utf16Text }
        let text = starts([0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if text.contains(0) { return .unknownBinary }
        let isUTF8 = validUTF8(text, allowCutTail: !isWholeFile)
        if isUTF8 || looksLikeLegacyText(text) {
            if let markup = markupKind(text) { return markup }
            return isUTF8 ? .utf8Text : .otherText
        }
        return .unknownBinary
    }

    /// The kind of the file at `url`: its first 8 KiB sniffed, and a zip archive's entry
    /// names listed to tell an `.xlsx` from other zip-based formats.
    ///
    /// - Throws: ``SpreadsheetError`` with ``SpreadsheetError/Kind/io(_:)`` when the file
    ///   cannot be opened or read.
    public static func ofFile(at url: URL) throws -> FileKind {
        let name = url.lastPathComponent
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw SpreadsheetError(.io("cannot open the file"), at: SpreadsheetLocation(file: name))
        }
        defer { try? handle.close() }
        let prefix: Data
        do {
            prefix = try handle.read(upToCount: 8192) ?? Data()
        } catch {
            throw SpreadsheetError(.io("cannot read the file: \(error.localizedDescription)"),
                                   at: SpreadsheetLocation(file: name))
        }
        let kind = sniff(prefix, isWholeFile: prefix.count < 8192)
        guard kind == .zip else { return kind }
        do {
            let archive = try Archive(url: url, accessMode: .read, pathEncoding: nil)
            return zipKind(archive)
        } catch {
            return .zip
        }
    }

    /// The kind of a zip archive from its entry names.
    static func zipKind(_ archive: Archive) -> FileKind {
        var seen = 0
        var kind = FileKind.zip
        for entry in archive {
            seen += 1
            if seen > 10_000 { break }
            let path = entry.path.lowercased()
            if path == "xl/workbook.xml" { return .xlsx }
            if path == "xl/workbook.bin" { kind = .xlsb }
            if kind == .zip, path.hasPrefix("word/") || path.hasPrefix("ppt/") { kind = .otherOfficeDocument }
            if kind == .zip, path == "mimetype" { kind = .ods }
        }
        return kind
    }

    /// Whether a zip archive's first entry is an uncompressed `mimetype` naming an
    /// OpenDocument spreadsheet, as ISO/IEC 26300 Part 3 §3.3 requires of such files.
    private static func isOpenDocumentSpreadsheet(_ bytes: [UInt8]) -> Bool {
        let marker = Array("mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8)
        guard bytes.count >= 30 + marker.count else { return false }
        return Array(bytes[30..<(30 + marker.count)]) == marker
    }

    /// HTML or SpreadsheetML 2003 told from the start of a text.
    private static func markupKind(_ text: [UInt8]) -> FileKind? {
        let head = String(decoding: text.prefix(2048), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<table") {
            return .html
        }
        if trimmed.hasPrefix("<?xml"), head.contains("urn:schemas-microsoft-com:office:spreadsheet") {
            return .spreadsheetML2003
        }
        return nil
    }

    /// Whether `bytes` are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates,
    /// nothing past U+10FFFF); with `allowCutTail`, an incomplete sequence at the very end
    /// is accepted.
    static func validUTF8(_ bytes: [UInt8], allowCutTail: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            guard let (length, low, high) = UTF8Lead.sequence(lead) else { return false }
            for offset in 1..<length {
                guard index + offset < count else { return allowCutTail }
                let byte = bytes[index + offset]
                let (lo, hi) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= lo, byte <= hi else { return false }
            }
            index += length
        }
        return true
    }

    /// Whether `bytes` look like text in an 8-bit encoding: no C0 control characters but
    /// tab, line feed, form feed and carriage return (and SUB, which old DOS files end with).
    private static func looksLikeLegacyText(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0C || $0 == 0x0D || $0 == 0x1A }
    }
}
