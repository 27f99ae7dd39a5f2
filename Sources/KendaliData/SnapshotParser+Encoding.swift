import CSV

// A file that is not UTF-8: read as Windows-1252 (transcoded first, then parsed like any
// file, with one warning naming the encoding), or refused with one error when it is
// neither. `TextEncoding.decode` decides which.
extension SnapshotParser {
    /// Parses `text`, the file transcoded to UTF-8 from `encoding`: the records and issues
    /// are those of the text (its lines are the file's), the digest and size those of the
    /// file's own bytes, and a warning naming the encoding comes first.
    mutating func parseTranscoded(_ text: [UInt8], from encoding: TextEncoding)
        -> Result<SnapshotFile, SnapshotFileError>
    {
        let original = self.original
        let result = text.withUnsafeBytes { utf8 in
            var inner = SnapshotParser(bytes: utf8, original: original, fileName: fileName,
                                       fastLane: fastLane, plainLane: plainLane,
                                       overlapDigest: overlapDigest, digest: digest)
            inner.earlierNames = earlierNames
            return inner.run()
        }
        guard case var .success(file) = result else { return result }
        file.warnings.insert(SnapshotIssue(
            .windows1252Text, file: fileName, line: nil, value: encoding.name,
            expected: "UTF-8 text; the file was read as \(encoding.name), as Excel on Windows saves CSV"),
            at: 0)
        return .success(file)
    }

    /// Records the one error of a file that is neither UTF-8 nor Windows-1252, placed at
    /// its first byte that is not UTF-8.
    mutating func refuseEncoding(_ problem: UndecodableText) {
        let value = "byte \(UndecodableText.hex(problem.byte)) at offset \(problem.offset)"
        let expected: String
        switch problem.reason {
        case .byteOrderMark:
            expected = "UTF-8 text, as the file's byte-order mark declares; save it again as \"CSV UTF-8\""
        case let .undefinedInWindows1252(offset, byte) where offset == problem.offset:
            expected = "UTF-8 or Windows-1252 text (\(UndecodableText.hex(byte)) is undefined in "
                + "Windows-1252); save the file as \"CSV UTF-8\""
        case let .undefinedInWindows1252(offset, byte):
            let line = CSVBytes.lines(of: [offset], in: bytes).first ?? 1
            expected = "UTF-8 or Windows-1252 text; the file is neither (byte \(UndecodableText.hex(byte)) "
                + "at offset \(offset), line \(line), is undefined in Windows-1252); save it as \"CSV UTF-8\""
        }
        let line = CSVBytes.lines(of: [problem.offset], in: bytes).first
        error(.invalidUTF8, line: line, value: value, expected: expected)
    }
}
