import Foundation
import Testing

/// Headless Chromium on `PATH`, for the print and phone checks, or `nil`.
private let chromium: URL? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        for folder in folders {
            let path = String(folder) + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return URL(fileURLWithPath: path) }
        }
    }
    return nil
}()

/// Runs headless Chromium with `arguments` (after its own profile and the flags that let
/// it run in a container) and returns what it printed on standard output.
private func runChromium(_ arguments: [String]) throws -> String {
    let browser = try #require(chromium)
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("kendali-chromium-test-\(UUID().uuidString)")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let output = scratch.appendingPathComponent("stdout")
    fm.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    let process = Process()
    process.executableURL = browser
    process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                         "--hide-scrollbars", "--user-data-dir=" + scratch.appendingPathComponent("profile").path] + arguments
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return String(decoding: try Data(contentsOf: output), as: UTF8.self)
}

/// The script put into a copy of the report to measure it as laid out: the smallest
/// on-screen size of any chart text (its font size times the scale of the SVG it sits in,
/// CSS px) and the page's width against the viewport's (a page wider than its viewport
/// scrolls sideways as a whole). The figures go to the parent page when the report is
/// framed, else into the report's own DOM.
private let measuringScript = """
    <script>
    window.addEventListener('load', function () {
      var min = Infinity;
      document.querySelectorAll('svg text').forEach(function (t) {
        var m = t.getScreenCTM();
        if (!m || t.getClientRects().length === 0) return;
        var px = parseFloat(getComputedStyle(t).fontSize) * Math.sqrt(m.a * m.a + m.b * m.b);
        if (px < min) min = px;
      });
      var text = 'measured:' + min.toFixed(2) + ':' + document.documentElement.scrollWidth + ':' + window.innerWidth + ':';
      if (window.parent !== window) { window.parent.postMessage(text, '*'); }
      else { var p = document.createElement('pre'); p.textContent = text; document.body.appendChild(p); }
    });
    </script>
    """

/// The script put into a copy of the report to use its every-cooperative table: whether the
/// search box shows, the rows, the rows left when a code is typed and the first one's code,
/// and the progress of the first row after sorting by progress descending.
private let findingScript = """
    <script>
    window.addEventListener('load', function () {
      var box = document.querySelector('.findable'), input = box.querySelector('input');
      var rows = box.querySelectorAll('tbody tr');
      var out = !box.querySelector('.finder').hidden + ';' + rows.length;
      input.value = '5201011002';
      input.dispatchEvent(new Event('input'));
      var shown = Array.prototype.filter.call(rows, function (r) { return !r.hidden; });
      out += ';' + shown.length + ';' + (shown.length ? shown[0].cells[0].textContent : '');
      input.value = '';
      input.dispatchEvent(new Event('input'));
      var progress = box.querySelectorAll('th')[7];
      progress.click();
      progress.click();
      out += ';' + box.querySelector('tbody tr').cells[7].textContent;
      var p = document.createElement('pre'); p.id = 'found'; p.textContent = out; document.body.appendChild(p);
    });
    </script>
    """

/// The province report of the bundled dataset at a phone's width (412 CSS px) and printed
/// on A4, through headless Chromium. Skipped where Chromium is not installed.
@Suite("The report on a phone and on paper (headless Chromium)")
struct ReportPrintTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes the province report with `--pdf` into a fresh folder.
    static func writeReport() throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let out = base.appendingPathComponent("laporan")
        let data = root.appendingPathComponent("datasets/ntb/snapshots").path
        let r = runKendali(["report", data, "--out", out.path, "--pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("laporan.pdf"))
        return out
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed (apt-get install chromium); print and phone checks skipped"))
    func provincePrintsOnAtMostTwelveA4PagesAndReadsOnAPhone() throws {
        let out = try Self.writeReport()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }

        // Print: `kendali report --pdf` wrote the PDF through Chromium.
        let pdf = try Data(contentsOf: out.appendingPathComponent("laporan.pdf"))
        let pages = pageCount(pdf)
        #expect(pages >= 1 && pages <= 12, "the province report prints on \(pages) A4 pages; at most 12 expected")
        #expect(pdf.range(of: Data("/MediaBox [0 0 594.9".utf8)) != nil || pdf.range(of: Data("/MediaBox [0 0 595 ".utf8)) != nil,
                "the PDF's pages are not A4 (595 × 842 pt)")

        // Phone: the report framed 412 CSS px wide (headless windows are at least 500 px
        // wide, and a frame's media queries follow the frame's width).
        let page = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        try page.replacingOccurrences(of: "</body>", with: measuringScript + "</body>")
            .write(to: out.appendingPathComponent("measure.html"), atomically: true, encoding: .utf8)
        for width in [412, 1280] {
            let frame = """
                <!DOCTYPE html><html><body style="margin:0"><pre id="result">waiting</pre>
                <iframe src="measure.html" style="width:\(width)px;height:2400px;border:0"></iframe>
                <script>window.addEventListener('message', function (e) {
                  document.getElementById('result').textContent = String(e.data); });</script></body></html>
                """
            try frame.write(to: out.appendingPathComponent("frame.html"), atomically: true, encoding: .utf8)
            let dom = try runChromium(["--window-size=\(width + 20),2600", "--virtual-time-budget=5000", "--dump-dom",
                                       out.appendingPathComponent("frame.html").absoluteString])
            let figures = try #require(dom.range(of: "measured:").map { dom[$0.upperBound...].split(separator: ":") },
                                       "no measurement in the page at \(width) px")
            let smallest = try #require(Double(figures[0]))
            let pageWidth = try #require(Int(figures[1]))
            let viewport = try #require(Int(figures[2]))
            #expect(smallest >= 9, "at \(width) px the smallest chart text is \(smallest) CSS px; at least 9 expected")
            #expect(pageWidth <= viewport, "at \(width) px the page is \(pageWidth) px wide: it scrolls sideways as a whole")
        }

        // Every cooperative findable: the page's script shows the search box, a 10-digit
        // code typed finds its one row, and a header click sorts (twice: descending).
        try page.replacingOccurrences(of: "</body>", with: findingScript + "</body>")
            .write(to: out.appendingPathComponent("find.html"), atomically: true, encoding: .utf8)
        let dom = try runChromium(["--virtual-time-budget=5000", "--dump-dom", out.appendingPathComponent("find.html").absoluteString])
        let found = try #require(dom.range(of: "<pre id=\"found\">").map { String(dom[$0.upperBound...].prefix { $0 != "<" }) })
        #expect(found == "true;1166;1;5201011002;100,0", "the every-cooperative table: \(found)")
    }

    @Test func pdfWithoutABrowserSaysHowToInstallOne() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kendali-print-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let data = Self.root.appendingPathComponent("datasets/ntb/snapshots").path
        let r = runKendali(["report", data, "--out", base.path, "--pdf"], environment: ["PATH": "/nonexistent"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("apt-get install chromium"), "\(r.stderr)")
        #expect(!r.stderr.contains("reading the data"), "the browser is checked before the report work starts")
        #expect(!FileManager.default.fileExists(atPath: base.path))
    }
}

/// The number of pages of a PDF: its page objects (`/Type /Page`, not `/Pages`).
private func pageCount(_ pdf: Data) -> Int {
    let text = String(decoding: pdf, as: UTF8.self)
    var count = 0
    var rest = text[...]
    while let r = rest.range(of: "/Type /Page") {
        let next = rest[r.upperBound...].first
        if next.map({ !$0.isLetter }) ?? true { count += 1 }
        rest = rest[r.upperBound...]
    }
    return count
}
