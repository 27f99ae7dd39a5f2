import Testing
@testable import Charts

@Suite("Colours, palettes and colour scales")
struct ColorTests {
    /// Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of
    /// Color Vision Deficiency", IEEE TVCG 15(6), severity 1.0 matrices, applied to linear RGB.
    static let protanopia: [[Double]] = [
        [0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998],
    ]
    static let deuteranopia: [[Double]] = [
        [0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881],
    ]

    static func simulate(_ c: Color, _ m: [[Double]]) -> Color {
        let (r, g, b) = c.linearRGB
        let v = m.map { $0[0] * r + $0[1] * g + $0[2] * b }
        return Color(linearRed: v[0], green: v[1], blue: v[2])
    }

    static func distance(_ a: Color, _ b: Color) -> Double {
        let p = a.oklab, q = b.oklab
        return ((p.l - q.l) * (p.l - q.l) + (p.a - q.a) * (p.a - q.a) + (p.b - q.b) * (p.b - q.b)).squareRoot()
    }

    @Test("hex parsing and printing")
    func hex() {
        #expect(Color(hex: "#009988") == Color(0x009988))
        #expect(Color(hex: "abc") == Color(0xAABBCC))
        #expect(Color(hex: "#12345") == nil)
        #expect(Color(hex: "zzzzzz") == nil)
        #expect(Color(0x0072B2).hex == "#0072b2")
    }

    @Test("WCAG luminance and contrast")
    func contrast() {
        #expect(Color.white.relativeLuminance == 1)
        #expect(Color.black.relativeLuminance == 0)
        #expect(abs(Color.black.contrastRatio(with: .white) - 21) < 1e-9)
        #expect(Palette.statusBad.contrastingText == .white)
        #expect(Palette.statusCaution.contrastingText == .black)
    }

    @Test("the status trio differs in lightness: good, caution and bad each ≥ 2:1 apart")
    func trioLuminance() {
        let (g, c, b) = (Palette.statusGood, Palette.statusCaution, Palette.statusBad)
        #expect(c.relativeLuminance > g.relativeLuminance && g.relativeLuminance > b.relativeLuminance)
        #expect(c.contrastRatio(with: g) >= 1.9)
        #expect(g.contrastRatio(with: b) >= 1.9)
        #expect(c.contrastRatio(with: b) >= 3.5)
    }

    @Test("the status trio stays distinguishable under protanopia and deuteranopia")
    func trioUnderColourBlindness() {
        let trio = Palette.status
        for matrix in [Self.protanopia, Self.deuteranopia] {
            let seen = trio.map { Self.simulate($0, matrix) }
            for i in 0..<3 {
                for j in (i + 1)..<3 {
                    // OKLab distance; ≈ 0.02 is a just-noticeable difference.
                    #expect(Self.distance(seen[i], seen[j]) > 0.12, "\(trio[i]) vs \(trio[j])")
                }
            }
        }
    }

    @Test("continuous and threshold colour scales")
    func scales() {
        let ramp = ColorScale.sequential(domain: 0...10, colors: [Color(0x000000), Color(0xFFFFFF)])
        #expect(ramp.color(for: 0) == .black)
        #expect(ramp.color(for: 10) == .white)
        #expect(ramp.color(for: -5) == .black)
        #expect(ramp.color(for: .nan) == nil)
        #expect(ramp.color(for: .infinity) == nil)
        let mid = ramp.color(for: 5)
        #expect(mid != nil && mid != .black && mid != .white)
        let bins = ColorScale.thresholds([0.3, 0.7], colors: Palette.status.reversed())
        #expect(bins.color(for: 0.1) == Palette.statusBad)
        #expect(bins.color(for: 0.3) == Palette.statusCaution)
        #expect(bins.color(for: 0.9) == Palette.statusGood)
        let flat = ColorScale.sequential(domain: 1...1)
        #expect(flat.color(for: 1) != nil)
    }

    @Test("OKLab round trip is exact to 8 bits")
    func oklabRoundTrip() {
        for c in Palette.categorical + Palette.sequentialBlues + Palette.status {
            let p = c.oklab
            #expect(Color(oklabL: p.l, a: p.a, b: p.b) == c)
        }
    }
}
