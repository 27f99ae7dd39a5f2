import Testing
@testable import Charts

@Suite("Number formatting and XML escaping")
struct FormattingTests {
    @Test("plain, grouped and percent formats are locale-free")
    func numberFormats() {
        #expect(NumberFormat.plain(1166, fractionDigits: 0) == "1166")
        #expect(NumberFormat.plain(-3.5, fractionDigits: 2) == "-3.50")
        #expect(NumberFormat.plain(-0.0001, fractionDigits: 2) == "0.00")
        #expect(NumberFormat.plain(.nan, fractionDigits: 2) == "")
        let id = NumberFormat.grouped(groupingSeparator: ".", decimalSeparator: ",")
        #expect(id(1166, fractionDigits: 0) == "1.166")
        #expect(id(1_234_567.891, fractionDigits: 2) == "1.234.567,89")
        #expect(id(0.25, fractionDigits: 2) == "0,25")
        #expect(id(-1200, fractionDigits: 0) == "-1.200")
        #expect(id(999, fractionDigits: 0) == "999")
        #expect(NumberFormat.percent()(0.25, fractionDigits: 2) == "25%")
        #expect(NumberFormat.percent(decimalSeparator: ",")(0.125, fractionDigits: 3) == "12,5%")
    }

    @Test("coordinates have at most two decimals and never exponents")
    func coordinates() {
        #expect(DecimalText.coordinate(12.3456) == "12.35")
        #expect(DecimalText.coordinate(100) == "100")
        #expect(DecimalText.coordinate(-0.0) == "0")
        #expect(DecimalText.coordinate(-0.004) == "0")
        #expect(DecimalText.coordinate(0.5) == "0.5")
        #expect(DecimalText.coordinate(.nan) == "0")
        #expect(DecimalText.coordinate(1e300) == "10000000")
    }

    @Test("all five XML special characters are escaped and forbidden controls dropped")
    func escaping() {
        let raw = "<script>alert(1)</script> & \"quotes\" 'x'\u{0}\u{8}\tend"
        #expect(XMLText.escape(raw)
            == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &apos;x&apos;\tend")
        #expect(XMLText.escape("Tahap 1 – Ø ü") == "Tahap 1 – Ø ü")
    }

    @Test("id prefixes are sanitised")
    func idPrefix() {
        #expect(SVGOptions(idPrefix: "9 bad id!<").safePrefix == "c9badid")
        #expect(SVGOptions(idPrefix: "").safePrefix == "c")
        #expect(SVGOptions(idPrefix: "trend-1").safePrefix == "trend-1")
    }
}
