import Charts

/// Renders a ``ReportDocument`` as one self-contained HTML page: inline CSS and inline
/// SVG charts, no script, no network reference, laid out for a desktop, a phone (charts
/// and wide tables scroll sideways in their own box) and A4 print.
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
        h += "</footer>\n</body>\n</html>\n"
        return h
    }

    private static func render(_ block: ReportDocument.Block, doc: ReportDocument, f: ReportFormatter, text: ReportText) -> String {
        switch block {
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
          footer { margin-top: 16pt; font-size: 8pt; }
        }

        """
}
