/// Renders a ``ReportDocument`` as Markdown (CommonMark with pipe tables): the same content
/// as the HTML page, the charts linked as SVG files under `charts/`.
public enum MarkdownRenderer {
    /// The Markdown text.
    ///
    /// - Complexity: O(size of the document).
    public static func render(_ doc: ReportDocument) -> String {
        let f = ReportFormatter(doc.language)
        let text = ReportText(doc.language)
        var m = "# " + Escape.markdown(doc.title) + "\n\n"
        m += "_" + Escape.markdown(doc.subtitle) + "_\n\n"
        m += "**" + Escape.markdown(text(.contents)) + "**\n\n"
        for (k, s) in doc.sections.enumerated() {
            m += String(k + 1) + ". " + Escape.markdown(s.title) + "\n"
        }
        m += "\n"
        for (k, s) in doc.sections.enumerated() {
            m += "## " + String(k + 1) + ". " + Escape.markdown(s.title) + "\n\n"
            for block in s.blocks { m += render(block, doc: doc, f: f, text: text) }
        }
        m += "---\n\n"
        for line in doc.footer { m += Escape.markdown(line) + "\n\n" }
        return m
    }

    private static func render(_ block: ReportDocument.Block, doc: ReportDocument, f: ReportFormatter, text: ReportText) -> String {
        switch block {
        case let .findable(name, rows):
            // The whole table, plain (rows as given).
            guard let table = doc.table(named: name) else { return "" }
            let part = DataTable(name: table.name, columns: table.columns, rows: Array(table.rows[rows ?? table.rows.indices]))
            var one = doc
            one.tables = [part]
            return render(.table(name, caption: nil, limit: nil), doc: one, f: f, text: text)
        case let .links(links):
            return links.map { "- [" + Escape.markdown($0.text) + "](" + $0.path + ")\n" }.joined() + "\n"
        case let .paragraph(s):
            return Escape.markdownProse(s) + "\n\n"
        case let .note(s):
            return "> " + Escape.markdownProse(s) + "\n\n"
        case let .list(items):
            return items.map { "- " + Escape.markdownProse($0) + "\n" }.joined() + "\n"
        case let .keyFigures(figures):
            var m = "| " + Escape.markdown(text(.colItem)) + " | " + Escape.markdown(text(.colValue)) + " |\n| --- | ---: |\n"
            for k in figures {
                var value = "**" + Escape.markdown(k.value) + "**"
                if let d = k.detail { value += " (" + Escape.markdown(d) + ")" }
                m += "| " + Escape.markdown(k.label) + " | " + value + " |\n"
            }
            return m + "\n"
        case let .figure(name, caption):
            guard let asset = doc.chart(named: name) else { return "" }
            return "![" + Escape.markdown(asset.alt) + "](charts/" + name + ".svg)\n\n_" + Escape.markdownProse(caption) + "_\n\n"
        case let .table(name, caption, limit):
            guard let table = doc.table(named: name) else { return "" }
            let shown = limit.map { min($0, table.rows.count) } ?? table.rows.count
            var m = ""
            if let caption { m += Escape.markdownProse(caption) + "\n\n" }
            let shownColumns = table.shownColumns
            let numeric = table.numericColumns
            m += "| " + shownColumns.map { Escape.markdown(table.columns[$0].header) }.joined(separator: " | ") + " |\n"
            m += "|" + shownColumns.map { numeric[$0] ? " ---: |" : " --- |" }.joined() + "\n"
            for row in table.rows.prefix(shown) {
                m += "| " + shownColumns.map { c in
                    let s = Escape.markdown((c < row.count ? row[c] : .empty).display(f))
                    return s.isEmpty ? " " : s
                }.joined(separator: " | ") + " |\n"
            }
            m += "\n"
            let file = "data/" + table.name + ".csv"
            if shown < table.rows.count {
                m += Escape.markdown(text(.moreRows, f.integer(table.rows.count - shown), file)) + "\n\n"
            }
            m += Escape.markdown(text(.dataFiles, "")) + "[" + file + "](" + file + ") · [JSON](data/" + table.name + ".json)\n\n"
            return m
        }
    }
}
