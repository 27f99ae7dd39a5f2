import CSV
import KendaliData
import Testing
@testable import Reports

@Suite("Numbers, dates and words in Bahasa Indonesia and English")
struct FormattingTests {
    let id = ReportFormatter(.id)
    let en = ReportFormatter(.en)

    @Test func integersGroupThousands() {
        #expect(id.integer(1166) == "1.166")
        #expect(en.integer(1166) == "1,166")
        #expect(id.integer(80_000) == "80.000")
        #expect(en.integer(1_234_567) == "1,234,567")
        #expect(id.integer(999) == "999")
        #expect(id.integer(0) == "0")
        #expect(id.integer(-1166) == "−1.166")
    }

    @Test func decimalsUseTheLanguagesSeparator() {
        #expect(id.decimal(12.5, digits: 1) == "12,5")
        #expect(en.decimal(12.5, digits: 1) == "12.5")
        #expect(id.decimal(1234.5, digits: 2) == "1.234,50")
        #expect(en.decimal(1234.5, digits: 2) == "1,234.50")
        #expect(id.decimal(2.5, digits: 0) == "3")  // half away from zero
        #expect(id.decimal(-0.04, digits: 1) == "0,0")  // no "−0"
        #expect(id.decimal(.nan, digits: 1) == "–")
        #expect(id.decimal(.infinity, digits: 1) == "–")
    }

    @Test func percentagesAndChanges() {
        #expect(id.percent(0.125, digits: 1) == "12,5%")
        #expect(en.percent(0.125, digits: 1) == "12.5%")
        #expect(id.percent(1) == "100%")
        #expect(id.signedInteger(12) == "+12")
        #expect(id.signedInteger(-3) == "−3")
        #expect(id.signedInteger(0) == "0")
        #expect(en.signedDecimal(1.25, digits: 1) == "+1.3")
        #expect(id.percentagePoints(0.025) == "+2,5 poin")
        #expect(en.percentagePoints(-0.025) == "−2.5 pp")
    }

    @Test func datesSpellTheMonth() throws {
        let day = try #require(Day(year: 2026, month: 11, day: 27))
        #expect(id.date(day) == "27 November 2026")
        #expect(en.date(day) == "27 November 2026")
        let january = try #require(Day(year: 2026, month: 1, day: 5))
        #expect(id.date(january) == "5 Januari 2026")
        #expect(en.date(january) == "5 January 2026")
        let august = try #require(Day(year: 2025, month: 8, day: 17))
        #expect(id.date(august) == "17 Agustus 2025")
        #expect(id.shortDate(august) == "17 Agu 2025")
        let december = try #require(Day(year: 2025, month: 12, day: 31))
        #expect(id.date(december) == "31 Desember 2025")
        #expect(en.shortDate(december) == "31 Dec 2025")
    }

    @Test func chartFormatsFollowTheLanguage() {
        #expect(id.chartNumbers(1166, fractionDigits: 0) == "1.166")
        #expect(en.chartNumbers(0.25, fractionDigits: 2) == "0.25")
        #expect(id.chartPercent(0.5, fractionDigits: 2) == "50%")
    }

    @Test func everyKeyHasBothLanguagesAndItsPlaceholders() {
        for key in ReportText.Key.allCases {
            let e = ReportText.entry(key)
            #expect(!e.id.isEmpty && !e.en.isEmpty, "\(key)")
            for n in 1...6 {
                #expect(e.id.contains("{\(n)}") == e.en.contains("{\(n)}"), "\(key) placeholder {\(n)}")
            }
        }
        #expect(ReportText(.id).format(.reportTitle, ["NTB"]) == "Laporan Mingguan KDKMP — NTB")
        #expect(ReportText(.en)(.reportTitle, "NTB") == "KDKMP Weekly Report — NTB")
    }

    @Test func escapingKeepsDataAsText() {
        #expect(Escape.html("<script>alert('x') & \"y\"</script>")
            == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        #expect(Escape.markdown("a|b *c* _d_ [e](f) <g> `h` #1 & \\") == "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\`h\\` \\#1 \\& \\\\")
        #expect(Escape.markdown("two\nlines") == "two lines")
        #expect(Escape.htmlProse("run `kendali <x>` now") == "run <code>kendali &lt;x&gt;</code> now")
        #expect(Escape.markdownProse("run `kendali rank` & go") == "run `kendali rank` \\& go")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("=1+1") == "'=1+1")
        #expect(CSVWriter.field("-3") == "-3")
        #expect(JSONText.string("<a href=\"x\">\n") == "\"\\u003ca href=\\\"x\\\"\\u003e\\n\"")
    }

    @Test func cellsAreTypedForPeopleAndPrograms() throws {
        let day = try #require(Day(year: 2026, month: 11, day: 27))
        #expect(Cell.date(day).csv == "2026-11-27")
        #expect(Cell.date(day).display(id) == "27 November 2026")
        #expect(Cell.percent(0.125, digits: 1).csv == "0.125")
        #expect(Cell.percent(0.125, digits: 1).display(id) == "12,5%")
        #expect(Cell.number(1234.5, digits: 1).csv == "1234.5")
        #expect(Cell.number(-0.25, digits: 1).json == "-0.25")
        #expect(Cell.integer(1166).display(en) == "1,166")
        #expect(Cell.empty.json == "null")
        #expect(Cell.plain(-3) == "-3")
        #expect(Cell.plain(0.000_000_4) == "0")
        #expect(Cell.plain(-0.000_000_4) == "0")
        #expect(Cell.plain(0.000_001) == "0.000001")
        #expect(Cell.plain(2.000_002_5) == "2.000003")
        #expect(Cell.plain(1_166) == "1166")
        #expect(Cell.plain(.nan) == "")
        #expect(Cell.coded("land", label: "Lahan").csv == "land")
        #expect(Cell.coded("land", label: "Lahan").display(id) == "Lahan")
        #expect(Cell.coded("", label: "setelah 1 Mei 2028").json == "null")
        #expect(Cell.zone(.merah).display(en) == "Red")
        #expect(Cell.zone(.merah).csv == "merah")
        let table = DataTable(name: "t", columns: [.init("a", "A"), .init("b", "B")],
                              rows: [[.text("x,y"), .integer(1)], [.empty, .number(.nan, digits: 1)]])
        #expect(table.csv() == "a,b\n\"x,y\",1\n,\n")
        #expect(table.json() == "[\n{\"a\":\"x,y\",\"b\":1},\n{\"a\":null,\"b\":null}\n]\n")
    }
}
