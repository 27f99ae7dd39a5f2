/// Escaping of text for the report's output formats.
///
/// Every string that may come from data (names, notes, file names, the ranking's reasons)
/// passes through one of these before it is written, so a cooperative named `<script>`
/// stays text in HTML and Markdown (the charts escape their own text for SVG).
public enum Escape {
    /// HTML text and attribute values: `&`, `<`, `>`, `"` and `'` as character references;
    /// control characters other than tab and line feed dropped.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Markdown text: every character CommonMark could read as markup (`\`, `` ` ``,
    /// `*`, `_`, `[`, `]`, `<`, `>`, `|`, `#`, `!`, `~`, `&`, `{`, `}`) is backslash-escaped
    /// and line breaks become spaces, so the text stays literal inside paragraphs and table
    /// cells.
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&", "{", "}":
                out += "\\"
                out.unicodeScalars.append(u)
            case "\n", "\r", "\t": out += " "
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Splits text at backticks: even pieces are prose, odd pieces were between
    /// backticks (code). An unmatched backtick is prose.
    static func codeSpans(_ s: String) -> [(text: String, isCode: Bool)] {
        let pieces = s.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count >= 3 else { return [(s, false)] }
        var out: [(String, Bool)] = []
        let closed = pieces.count % 2 == 1 ? pieces.count : pieces.count - 1
        for (k, p) in pieces.prefix(closed).enumerated() { out.append((p, k % 2 == 1)) }
        if closed < pieces.count, let last = pieces.last { out.append(("`" + last, false)) }
        return out
    }

    /// HTML of report prose: escaped, with `` `code` `` spans as `<code>`.
    static func htmlProse(_ s: String) -> String {
        codeSpans(s).map { $0.isCode ? "<code>" + html($0.text) + "</code>" : html($0.text) }.joined()
    }

    /// Markdown of report prose: escaped, with `` `code` `` spans kept as code spans.
    static func markdownProse(_ s: String) -> String {
        codeSpans(s).map { piece in
            piece.isCode && !piece.text.contains("\n") ? "`" + piece.text + "`" : markdown(piece.text)
        }.joined()
    }
}
