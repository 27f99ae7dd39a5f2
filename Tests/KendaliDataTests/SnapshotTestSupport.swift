#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new empty folder under `$TMPDIR` (or `/tmp`), or `nil` when it can't be made.
func temporaryFolderForTest() -> String? {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/kendali-test-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let p = buffer.baseAddress, mkdtemp(p) != nil else { return nil }
        return String(cString: p)
    }
}

/// Names in a folder, sorted, without `.` and `..`.
func listForTest(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if name != ".", name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// Removes a folder and the files in it.
func removeForTest(_ path: String) {
    for name in listForTest(path) { unlink(path + "/" + name) }
    rmdir(path)
}
