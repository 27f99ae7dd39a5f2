import Charts

/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS and inline
/// SVG charts, no network reference, laid out for a desktop, a phone (charts and wide
/// tables scroll sideways in their own box) and A4 print. The one inline script
/// (``findScript``) makes the every-cooperative table searchable and sortable; without it
/// the table is a plain table.
public enum HTMLRenderer {
    /// The page.
    ///
    /// - Complexity: O(size of the document).
    public static func render(_ doc: ReportDocument) -> String {
        let f = ReportFormatter(doc.language)
        let text = ReportText(doc.language)
        var h = "<!DOCTYPE html>\n<html lang=\"" + doc.language.tag + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>" + Escape.html(doc.title) + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n"
        h += "<header class=\"cover\">\n<h1>" + Escape.html(doc.title) + "</h1>\n"
        h += "<p class=\"subtitle\">" + Escape.html(doc.subtitle) + "</p>\n"
        h += "<nav aria-label=\"" + Escape.html(text(.contents)) + "\"><h2>" + Escape.html(text(.contents)) + "</h2>\n<ol>\n"
        for s in doc.sections {
            h += "<li><a href=\"#" + Escape.html(s.id) + "\">" + Escape.html(s.title) + "</a></li>\n"
        }
        h += "</ol>\n</nav>\n</header>\n<main>\n"
        for (k, s) in doc.sections.enumerated() {
            h += "<section id=\"" + Escape.html(s.id) + "\">\n<h2><span class=\"no\">" + String(k + 1) + "</span> "
                + Escape.html(s.title) + "</h2>\n"
            for block in s.blocks { h += render(block, doc: doc, f: f, text: text) }
            h += "</section>\n"
        }
        h += "</main>\n<footer>\n"
        for line in doc.footer { h += "<p>" + Escape.html(line) + "</p>\n" }
        h += "</footer>\n"
        if doc.sections.contains(where: { $0.blocks.contains { if case .findable = $0 { true } else { false } } }) {
            h += "<script>\n" + findScript + "</script>\n"
        }
        h += "</body>\n</html>\n"
        return h
    }

    /// A page of its own (``ReportDocument/SubPage``): its title, a link back to the
    /// report, and its rows as a searchable table.
    public static func render(page: ReportDocument.SubPage, of doc: ReportDocument) -> String {
        let f = ReportFormatter(doc.language)
        let text = ReportText(doc.language)
        var h = "<!DOCTYPE html>\n<html lang=\"" + doc.language.tag + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<title>" + Escape.html(page.title) + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n"
        h += "<header class=\"cover\">\n<h1>" + Escape.html(page.title) + "</h1>\n"
        h += "<p class=\"subtitle\"><a href=\"../index.html\">" + Escape.html(doc.title) + "</a> · "
            + Escape.html(doc.subtitle) + "</p>\n</header>\n<main>\n"
        h += render(.findable(page.table, rows: page.rows), doc: doc, f: f, text: text, base: "../")
        h += "</main>\n<script>\n" + findScript + "</script>\n</body>\n</html>\n"
        return h
    }

    /// A table of every row for the screen: a search box and sortable headers that the
    /// script switches on (hidden without it), the table itself plain, and in print only
    /// the note of where its data file is (the table is left out).
    private static func findable(_ table: DataTable, rows: Range<Int>, f: ReportFormatter, text: ReportText, base: String)
        -> String
    {
        let shownColumns = table.shownColumns
        let numeric = table.numericColumns
        let file = base + "data/" + table.name + ".csv"
        var h = "<div class=\"findable\">\n<p class=\"finder\" hidden><label>" + Escape.html(text(.cooperativesSearch))
            + " <input type=\"search\" autocomplete=\"off\"></label> <span class=\"found\"></span> "
            + Escape.html(text(.cooperativesShown)) + "</p>\n"
        h += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for c in shownColumns {
            h += (numeric[c] ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">") + Escape.html(table.columns[c].header) + "</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        for row in table.rows[rows] {
            h += "<tr>"
            for c in shownColumns {
                let cell = c < row.count ? row[c] : .empty
                let shown = cell.display(f)
                // The machine value to sort by, where it differs from the text (dates, numbers).
                let key: String = switch cell {
                case .date, .number, .integer, .percent, .change: " data-s=\"" + Escape.html(cell.csv) + "\""
                default: ""
                }
                if case let .zone(z) = cell {
                    h += "<td data-s=\"" + String(z.rank) + "\"><span class=\"z z-" + z.rawValue + "\">" + Escape.html(shown) + "</span></td>"
                } else {
                    h += (numeric[c] ? "<td class=\"num\"" : "<td") + key + ">" + Escape.html(shown) + "</td>"
                }
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table></div>\n</div>\n"
        h += "<p class=\"data-link\">" + Escape.html(text(.dataFiles, "")) + "<a href=\"" + Escape.html(file) + "\">"
            + Escape.html(file) + "</a> · <a href=\"" + Escape.html(base) + "data/" + Escape.html(table.name) + ".json\">JSON</a></p>\n"
        return h
    }

    /// The page's one script: for each `.findable` table, shows the search box, hides the
    /// rows that do not contain the text typed (case-insensitive, over the whole row, so a
    /// 10-digit code, a name or a village finds its row), and sorts by a column when its
    /// header is clicked (again: the other way), by each cell's `data-s` value when it has
    /// one (numbers, ISO dates, the zone's rank) and by its text otherwise.
    static let findScript = """
        document.querySelectorAll('.findable').forEach(function (box) {
          var finder = box.querySelector('.finder'), input = finder.querySelector('input');
          var found = finder.querySelector('.found'), table = box.querySelector('table');
          var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
          var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
          finder.hidden = false;
          found.textContent = rows.length;
          input.addEventListener('input', function () {
            var q = input.value.trim().toLowerCase(), n = 0;
            rows.forEach(function (r, k) { var hit = texts[k].indexOf(q) >= 0; r.hidden = !hit; if (hit) n++; });
            found.textContent = n;
          });
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
            th.tabIndex = 0;
            th.style.cursor = 'pointer';
            function sort() {
              var up = th.getAttribute('aria-sort') !== 'ascending';
              Array.prototype.forEach.call(th.parentNode.cells, function (o) { o.removeAttribute('aria-sort'); });
              th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
              function key(r) { var c = r.cells[col]; var s = c.getAttribute('data-s'); return s === null ? c.textContent : s; }
              var numeric = th.classList.contains('num') || rows.every(function (r) { var s = r.cells[col].getAttribute('data-s'); return s !== null && s !== '' && !isNaN(+s); });
              var order = rows.slice().sort(function (a, b) {
                var x = key(a), y = key(b), d;
                if (numeric) { d = (x === '' ? Infinity : +x) - (y === '' ? Infinity : +y); if (isNaN(d)) d = 0; }
                else { d = x.localeCompare(y); }
                return up ? d : -d;
              });
              order.forEach(function (r) { body.appendChild(r); });
            }
            th.addEventListener('click', sort);
            th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
          });
        });

        """

    private static func render(_ block: ReportDocument.Block, doc: ReportDocument, f: ReportFormatter, text: ReportText,
                               base: String = "") -> String {
        switch block {
        case let .findable(name, rows):
            guard let table = doc.table(named: name) else { return "" }
            return findable(table, rows: rows ?? table.rows.indices, f: f, text: text, base: base)
        case let .links(links):
            return "<ul class=\"pages\">\n" + links.map {
                "<li><a href=\"" + Escape.html($0.path) + "\">" + Escape.html($0.text) + "</a></li>\n"
            }.joined() + "</ul>\n"
        case let .paragraph(s):
            return "<p>" + Escape.htmlProse(s) + "</p>\n"
        case let .note(s):
            return "<p class=\"note\">" + Escape.htmlProse(s) + "</p>\n"
        case let .list(items):
            return "<ul>\n" + items.map { "<li>" + Escape.htmlProse($0) + "</li>\n" }.joined() + "</ul>\n"
        case let .keyFigures(figures):
            var h = "<div class=\"figures\">\n"
            for k in figures {
                let zone = k.zone.map { " zone-" + $0.rawValue } ?? ""
                h += "<div class=\"kf" + zone + "\"><div class=\"kf-label\">" + Escape.html(k.label) + "</div>"
                h += (k.compact ? "<div class=\"kf-value compact\">" : "<div class=\"kf-value\">") + Escape.html(k.value) + "</div>"
                if let d = k.detail { h += "<div class=\"kf-detail\">" + Escape.html(d) + "</div>" }
                h += "</div>\n"
            }
            return h + "</div>\n"
        case let .figure(name, caption):
            guard let asset = doc.chart(named: name) else { return "" }
            var svg = asset.chart.svg(SVGOptions(embedding: .inline, idPrefix: "fig-" + name))
            if svg.hasSuffix("\n") { svg.removeLast() }
            return "<figure class=\"chart-" + Escape.html(name) + "\">\n<div class=\"chart\">" + svg + "</div>\n<figcaption>"
                + Escape.htmlProse(caption) + "</figcaption>\n</figure>\n"
        case let .table(name, caption, limit):
            guard let table = doc.table(named: name) else { return "" }
            let shown = limit.map { min($0, table.rows.count) } ?? table.rows.count
            let rows = Array(table.rows.prefix(shown))
            let shownColumns = table.shownColumns
            let numeric = table.numericColumns
            let wide = wideColumn(rows, shownColumns: shownColumns, numeric: numeric, f: f)
            var h = wide == nil ? "<div class=\"table-wrap\"><table>\n" : "<div class=\"table-wrap\"><table class=\"has-wide\">\n"
            if let caption { h += "<caption>" + Escape.htmlProse(caption) + "</caption>\n" }
            h += "<thead><tr>"
            for c in shownColumns {
                let classes = (numeric[c] ? ["num"] : []) + (c == wide ? ["wide"] : [])
                h += (classes.isEmpty ? "<th scope=\"col\">" : "<th class=\"" + classes.joined(separator: " ") + "\" scope=\"col\">")
                    + Escape.html(table.columns[c].header) + "</th>"
            }
            h += "</tr></thead>\n" + (wide == nil ? "<tbody>\n" : "")
            for row in rows {
                if wide != nil { h += "<tbody>\n" }
                h += "<tr>"
                for c in shownColumns {
                    let cell = c < row.count ? row[c] : .empty
                    let text = Escape.html(cell.display(f))
                    if case let .zone(z) = cell {
                        h += "<td><span class=\"z z-" + z.rawValue + "\">" + text + "</span></td>"
                    } else if c == wide {
                        h += "<td class=\"wide\">" + text + "</td>"
                    } else {
                        h += (numeric[c] ? "<td class=\"num\">" : "<td>") + text + "</td>"
                    }
                }
                h += "</tr>\n"
                if let wide {
                    // The long text again, on a row of its own across the table: shown instead
                    // of its column in print and on narrow screens (hidden from assistive technology
                    // elsewhere by `display: none`).
                    let cell = wide < row.count ? row[wide] : .empty
                    h += "<tr class=\"wide-row\"><td colspan=\"" + String(shownColumns.count) + "\"><span class=\"wide-label\">"
                        + Escape.html(table.columns[wide].header) + ":</span> " + Escape.html(cell.display(f)) + "</td></tr>\n"
                    h += "</tbody>\n"
                }
            }
            h += (wide == nil ? "</tbody>\n" : "") + "</table></div>\n"
            let file = "data/" + table.name + ".csv"
            if shown < table.rows.count {
                h += "<p class=\"more\">" + Escape.html(text(.moreRows, f.integer(table.rows.count - shown), file)) + "</p>\n"
            }
            h += "<p class=\"data-link\">" + Escape.html(text(.dataFiles, "")) + "<a href=\"" + Escape.html(file) + "\">"
                + Escape.html(file) + "</a> · <a href=\"data/" + Escape.html(table.name) + ".json\">JSON</a></p>\n"
            return h
        }
    }

    /// The shown column of long free text (the priority list's reasons), or `nil`: the
    /// text column whose shown cells average at least ``wideColumnMinimumLength`` characters,
    /// in a table of at least four shown columns. It gets a wide column on screen and a row
    /// of its own under each row in print and on narrow screens, where a squeezed column
    /// would put one word on a line.
    static func wideColumn(_ rows: [[Cell]], shownColumns: [Int], numeric: [Bool], f: ReportFormatter) -> Int? {
        guard shownColumns.count >= 4, !rows.isEmpty else { return nil }
        var best: (column: Int, mean: Double)?
        for c in shownColumns where !numeric[c] {
            let total = rows.reduce(0) { $0 + (c < $1.count ? $1[c].display(f).count : 0) }
            let mean = Double(total) / Double(rows.count)
            if mean >= wideColumnMinimumLength, mean > (best?.mean ?? 0) { best = (c, mean) }
        }
        return best?.column
    }

    /// The mean length, in characters, from which a text column counts as long free text.
    static let wideColumnMinimumLength = 40.0

    /// The page's style sheet: system fonts, cards for the key figures, tables and charts
    /// that scroll sideways inside their own box on narrow screens (charts keep their drawn
    /// size there, so their text stays readable: the charts' smallest text is 11 px), long
    /// free text on a row of its own in print and on narrow screens, and A4 print with the
    /// sections running on, no row, figure or key figure split across pages.
    static let css = """
        :root { --ink: #222; --muted: #555; --rule: #d8d8d8; --green: #009988; --yellow: #eebb33; --red: #aa2211; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 1080px; padding: 24px 32px 48px; color: var(--ink); background: #fff;
          font: 15px/1.5 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
        h1 { font-size: 28px; margin: 0 0 4px; line-height: 1.2; }
        h2 { font-size: 21px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
        h2 .no { color: var(--muted); font-weight: normal; margin-right: 4px; }
        .subtitle { color: var(--muted); margin: 0 0 16px; font-size: 16px; }
        nav h2 { font-size: 15px; border: 0; margin: 0 0 4px; padding: 0; color: var(--muted); }
        nav ol { margin: 0 0 8px; padding-left: 22px; columns: 2; column-gap: 32px; }
        nav a { color: #0b5394; text-decoration: none; }
        section { margin: 36px 0 0; }
        p { margin: 8px 0; max-width: 78ch; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: #f3f3f3;
          padding: 0 3px; border-radius: 3px; }
        .note { background: #fff8e1; border-left: 4px solid #e0a800; padding: 8px 12px; max-width: none; }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 8px 0 16px; }
        .kf { border: 1px solid var(--rule); border-left: 6px solid #999; border-radius: 4px; padding: 8px 12px; }
        .kf.zone-hijau { border-left-color: var(--green); }
        .kf.zone-kuning { border-left-color: var(--yellow); }
        .kf.zone-merah { border-left-color: var(--red); }
        .kf-label { color: var(--muted); font-size: 13px; }
        .kf-value { font-size: 26px; font-weight: bold; line-height: 1.25; }
        .kf-value.compact { font-size: 20px; line-height: 1.6; white-space: nowrap; }
        .kf-detail { font-size: 13px; color: var(--muted); }
        figure { margin: 12px 0 18px; }
        .chart { overflow-x: auto; }
        .chart svg { display: block; max-width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; max-width: 90ch; }
        .table-wrap { overflow-x: auto; margin: 8px 0 4px; }
        table { border-collapse: collapse; font-size: 13px; }
        caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        th { border-bottom: 2px solid #999; background: #f6f6f6; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        th.wide, td.wide { min-width: 22em; }
        tr.wide-row { display: none; }
        .wide-label { color: var(--muted); }
        table:not(.has-wide) tbody tr:nth-child(even) td, table.has-wide tbody:nth-of-type(even) td { background: #fafafa; }
        .z { white-space: nowrap; }
        .z::before { content: ""; display: inline-block; width: 9px; height: 9px; border-radius: 50%;
          margin-right: 5px; vertical-align: 0; border: 1px solid rgba(0, 0, 0, 0.35); }
        .z-hijau::before { background: var(--green); }
        .z-kuning::before { background: var(--yellow); }
        .z-merah::before { background: var(--red); }
        .finder input { font: inherit; padding: 2px 6px; width: 16em; max-width: 60vw; }
        .findable th[aria-sort="ascending"]::after { content: " ▲"; }
        .findable th[aria-sort="descending"]::after { content: " ▼"; }
        ul.pages { columns: 2; }
        .more, .data-link { font-size: 12px; color: var(--muted); margin: 2px 0 12px; }
        .data-link a { color: var(--muted); }
        footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
        @media print, screen and (max-width: 720px) {
          th.wide, td.wide { display: none; }
          tr.wide-row { display: table-row; }
          table.has-wide tbody tr:first-child td { border-bottom: 0; }
          tr.wide-row td { padding-top: 0; }
        }
        @media screen and (max-width: 720px) {
          body { padding: 14px 12px 32px; }
          h1 { font-size: 23px; }
          nav ol { columns: 1; }
          .chart svg { max-width: none; }
        }
        @page { size: A4; margin: 12mm 11mm 10mm; }
        @media print {
          html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
          h1 { font-size: 19pt; }
          h2 { font-size: 13pt; margin-bottom: 6pt; padding-bottom: 3pt; break-after: avoid; }
          .subtitle { margin-bottom: 8pt; font-size: 11pt; }
          nav ol { columns: 3; }
          section { margin: 16pt 0 0; }
          p { max-width: none; margin: 5pt 0; }
          figure { margin: 6pt 0 8pt; }
          figure, .figures, .kf, tr, thead, caption, table.has-wide tbody { break-inside: avoid; }
          .chart { overflow: visible; }
          .chart svg { max-width: 100%; height: auto; }
          figcaption { font-size: 8.5pt; max-width: none; }
          .figures { grid-template-columns: repeat(5, 1fr); gap: 6pt; margin: 4pt 0 8pt; }
          .kf { padding: 4pt 8pt; }
          .kf-label, .kf-detail { font-size: 8pt; }
          .kf-value { font-size: 16pt; }
          .kf-value.compact { font-size: 12pt; }
          .table-wrap { overflow: visible; margin: 4pt 0 2pt; }
          table { width: 100%; font-size: 7.5pt; }
          thead { display: table-header-group; }
          th, td { padding: 1.5pt 4pt; }
          th.num { white-space: normal; }
          .more { margin: 2pt 0 6pt; font-size: 8pt; }
          a { color: inherit; text-decoration: none; }
          .data-link { display: none; }
          .findable { display: none; }
          footer { margin-top: 16pt; font-size: 8pt; }
        }

        """
}
