import Dispatch
import Foundation

/// Prints a report's `index.html` to an A4 PDF through headless Chromium (or Google
/// Chrome), found on `PATH`.
///
/// The page declares `@page { size: A4 }` and its own print style, so the browser's
/// defaults matter little; the browser runs without a sandbox (as in containers), without
/// a GPU and with a throw-away profile, and adds no header or footer of its own.
public struct PDFPrinter: Sendable {
    /// The browser's executable.
    public var executable: URL

    /// The program names looked for on `PATH`, in order.
    public static let programNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// How to get a browser, for the message when none is found.
    public static let installHint =
        "printing the PDF needs headless Chromium: install it (Debian/Ubuntu: apt-get install chromium) "
        + "or put chromium, chromium-browser or google-chrome on PATH"

    /// A printer using the browser at `executable`.
    public init(executable: URL) {
        self.executable = executable
    }

    /// The first of ``programNames`` found on the `PATH` of `environment`, or `nil`.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> PDFPrinter? {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        let fm = FileManager.default
        for name in programNames {
            for folder in folders where !folder.isEmpty {
                let path = folder + "/" + name
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: path)
                {
                    return PDFPrinter(executable: URL(fileURLWithPath: path))
                }
            }
        }
        return nil
    }

    /// Prints the HTML file `page` to the PDF file `pdf` (replaced when present).
    ///
    /// - Parameter timeout: seconds before the browser is stopped.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` when the browser cannot be
    ///   started, fails, times out or writes no PDF.
    public func printPDF(page: URL, to pdf: URL, timeout: Double = 120) throws(ReportError) {
        let fm = FileManager.default
        let profile = fm.temporaryDirectory.appendingPathComponent("kendali-chromium-" + UUID().uuidString)
        defer { try? fm.removeItem(at: profile) }
        try? fm.removeItem(at: pdf)
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--user-data-dir=" + profile.path, "--no-pdf-header-footer", "--print-to-pdf=" + pdf.path,
            page.absoluteURL.absoluteString,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw .cannotWrite(path: pdf.path, reason: "cannot start \(executable.path): \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            finished.wait()
            throw .cannotWrite(path: pdf.path, reason: "\(executable.lastPathComponent) did not finish within \(Int(timeout)) s")
        }
        let size = (try? fm.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            throw .cannotWrite(path: pdf.path, reason: "\(executable.lastPathComponent) wrote no PDF (exit status \(process.terminationStatus))")
        }
    }
}
