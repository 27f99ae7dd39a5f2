import Foundation

/// Makes the places a command writes to ready before the command does any work, so that a
/// missing folder is created and a path that cannot be written is refused at once rather
/// than after minutes of computing.
enum OutputPaths {
    /// Creates the folder `path` and its missing parents (like `mkdir -p`) and checks that
    /// files can be written in it; `option` names the option in the messages.
    ///
    /// - Throws: ``CLIError`` when a part of the path is a file, a folder cannot be created
    ///   or the folder is not writable.
    static func makeFolder(_ path: String, for option: String) throws(CLIError) {
        try makeFolder(path, for: option, given: path)
    }

    /// ``makeFolder(_:for:)`` for the folder `path` of the option's value `given`, which the
    /// messages name.
    private static func makeFolder(_ path: String, for option: String, given: String) throws(CLIError) {
        let folder = path.isEmpty ? "." : path
        var current = folder.hasPrefix("/") ? "/" : ""
        for part in folder.split(separator: "/", omittingEmptySubsequences: true) {
            current += (current.isEmpty || current.hasSuffix("/") ? "" : "/") + part
            var info = stat()
            if stat(current, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else {
                    throw CLIError("\(option) \(given): \(current) is a file, not a folder")
                }
                continue
            }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw CLIError("\(option) \(given): cannot create the folder \(current) (\(String(cString: strerror(errno))))")
            }
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw CLIError("\(option) \(given): the folder \(folder) is not writable")
        }
    }

    /// Creates the missing folders above the file `path` and checks that the file can be
    /// written there: `path` must not be a folder, and its folder must be writable.
    ///
    /// - Throws: ``CLIError`` as ``makeFolder(_:for:)`` does, or when `path` is a folder.
    static func prepareFile(_ path: String, for option: String) throws(CLIError) {
        try prepareFolder(above: path, for: option)
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw CLIError("\(option) \(path): it is a folder, not a file")
        }
    }

    /// Creates the missing folders above `path` (a file or a folder written as a whole, such
    /// as a report) and checks that the folder holding it is writable.
    ///
    /// - Throws: ``CLIError`` as ``makeFolder(_:for:)`` does, naming `path`.
    static func prepareFolder(above path: String, for option: String) throws(CLIError) {
        try makeFolder(parent(of: path), for: option, given: path)
    }

    /// The folder holding `path` as written (`.` for a bare name), without making it absolute.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = trimmed[..<slash]
        return head.isEmpty ? "/" : String(head)
    }
}
