#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which LAPACK/BLAS library the process is using, and how many threads it runs.
///
/// The library file is found by asking the dynamic linker (`dladdr`) which shared object
/// defines the LAPACK routine `dgeqp3_` that the process actually calls — so it reflects
/// Debian's alternatives or `LD_LIBRARY_PATH`, not what the build saw. The OpenBLAS
/// functions `openblas_get_config`, `openblas_get_corename`, `openblas_get_num_threads`
/// and `openblas_set_num_threads` are looked up with `dlsym` and used only when present, so
/// reference LAPACK and other implementations work too (their fields are then `nil`).
public struct BLASInfo: Sendable, Equatable, CustomStringConvertible {
    /// The shared-library path the dynamic linker reports for `dgeqp3_`, if any.
    public let libraryPath: String?
    /// `libraryPath` with symbolic links resolved (`realpath`), if it resolves.
    public let resolvedLibraryPath: String?
    /// OpenBLAS's build configuration (`openblas_get_config`), `nil` under other libraries.
    public let openBLASConfig: String?
    /// The CPU kernel OpenBLAS selected (`openblas_get_corename`), `nil` under other libraries.
    public let openBLASCoreName: String?
    /// The thread count OpenBLAS will use (`openblas_get_num_threads`); `nil` when unknown.
    public let threadCount: Int?

    /// True when the library in use is OpenBLAS (its query functions are present).
    public var isOpenBLAS: Bool { openBLASConfig != nil }

    /// One line for people: the library, its configuration and its threads.
    public var description: String {
        var parts = [resolvedLibraryPath ?? libraryPath ?? "unknown library"]
        if let c = openBLASConfig { parts.append(c) }
        if let core = openBLASCoreName { parts.append("core \(core)") }
        parts.append("threads \(threadCount.map(String.init) ?? "unknown")")
        return parts.joined(separator: "; ")
    }

    /// The library in use now.
    public static func current() -> BLASInfo {
        let path = DynamicSymbols.libraryPath(definingSymbol: "dgeqp3_")
        return BLASInfo(
            libraryPath: path,
            resolvedLibraryPath: path.flatMap(DynamicSymbols.realPath),
            openBLASConfig: DynamicSymbols.callString("openblas_get_config"),
            openBLASCoreName: DynamicSymbols.callString("openblas_get_corename"),
            threadCount: DynamicSymbols.callInt("openblas_get_num_threads"))
    }

    /// Stops OpenBLAS's worker threads for now (`blas_thread_shutdown_`); OpenBLAS starts
    /// them again by itself on its next multi-threaded call (`exec_blas` re-initialises the
    /// pool when it is down, as it does after a `fork`).
    ///
    /// OpenBLAS starts its workers when the library is loaded, and an idle worker spins
    /// (yielding) for about 2²⁸ cycles — a tenth of a second — before it sleeps. A command
    /// that begins with parallel work of its own (reading the weekly files on every core)
    /// would otherwise share a core with that spin: on the bundled folder the read took
    /// 0.036–0.039 s instead of 0.017–0.021 s. Call it first thing, before other threads run.
    ///
    /// - Returns: `true` when the library offers it (OpenBLAS), `false` otherwise.
    @discardableResult
    public static func parkWorkerThreads() -> Bool {
        typealias Shutdown = @convention(c) () -> Int32
        guard let symbol = DynamicSymbols.lookup("blas_thread_shutdown_") else { return false }
        let shutdown = unsafeBitCast(symbol, to: Shutdown.self)
        return shutdown() == 0
    }

    /// Sets OpenBLAS's thread count for the rest of the process (`openblas_set_num_threads`).
    ///
    /// - Parameter count: threads, ≥ 1.
    /// - Returns: `true` when the library offers the setting (OpenBLAS), `false` otherwise.
    @discardableResult
    public static func setThreadCount(_ count: Int) -> Bool {
        precondition(count >= 1, "thread count must be at least 1")
        typealias Setter = @convention(c) (Int32) -> Void
        guard let symbol = DynamicSymbols.lookup("openblas_set_num_threads") else { return false }
        let set = unsafeBitCast(symbol, to: Setter.self)
        set(Int32(clamping: count))
        return true
    }
}

/// Dynamic-linker look-ups for `BLASInfo`; every function tolerates a missing symbol.
enum DynamicSymbols {
    /// The address of `name` in the global symbol scope, or `nil`.
    static func lookup(_ name: String) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc)
        // RTLD_DEFAULT is the null handle on glibc.
        return dlsym(nil, name)
        #else
        return dlsym(UnsafeMutableRawPointer(bitPattern: -2), name)
        #endif
    }

    /// The path of the shared object that defines `symbol`, through `dladdr`.
    static func libraryPath(definingSymbol symbol: String) -> String? {
        guard let address = lookup(symbol) else { return nil }
        #if canImport(Glibc)
        // glibc declares dladdr only under _GNU_SOURCE, which the Glibc module does not set;
        // take it from libc by name. Dl_info starts with `const char *dli_fname`.
        typealias DLAddr = @convention(c) (UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32
        guard let fn = lookup("dladdr") else { return nil }
        let dladdrFunction = unsafeBitCast(fn, to: DLAddr.self)
        let size = 4 * MemoryLayout<UnsafeRawPointer?>.stride
        let buffer = UnsafeMutableRawPointer.allocate(
            byteCount: size, alignment: MemoryLayout<UnsafeRawPointer?>.alignment)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        guard dladdrFunction(UnsafeRawPointer(address), buffer) != 0,
              let name = buffer.load(as: UnsafePointer<CChar>?.self)
        else { return nil }
        return String(cString: name)
        #else
        var info = Dl_info()
        guard dladdr(address, &info) != 0, let name = info.dli_fname else { return nil }
        return String(cString: name)
        #endif
    }

    /// `realpath(path)`, or `nil` when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Calls a `const char *f(void)` symbol and returns its text, trimmed.
    static func callString(_ name: String) -> String? {
        typealias Getter = @convention(c) () -> UnsafePointer<CChar>?
        guard let symbol = lookup(name) else { return nil }
        let get = unsafeBitCast(symbol, to: Getter.self)
        guard let text = get() else { return nil }
        let s = String(cString: text)
        return String(s.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    /// Calls an `int f(void)` symbol.
    static func callInt(_ name: String) -> Int? {
        typealias Getter = @convention(c) () -> Int32
        guard let symbol = lookup(name) else { return nil }
        let get = unsafeBitCast(symbol, to: Getter.self)
        return Int(get())
    }
}
