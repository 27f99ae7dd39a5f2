import Testing
@testable import Charts

@Suite("Nice ticks (Heckbert 1990)")
struct NiceTicksTests {
    @Test("0–1166 gives 0, 200, …, 1200")
    func thousandRange() {
        let t = NiceTicks(covering: 0, 1166)
        #expect(t.values == [0, 200, 400, 600, 800, 1000, 1200])
        #expect(t.step == 200)
        #expect(t.fractionDigits == 0)
        #expect(t.lowerBound == 0 && t.upperBound == 1200)
    }

    @Test("0.001–0.0093 gives steps of 0.002 with three decimals")
    func smallRange() {
        let t = NiceTicks(covering: 0.001, 0.0093)
        #expect(t.values == [0, 0.002, 0.004, 0.006, 0.008, 0.01])
        #expect(t.fractionDigits == 3)
        let labels = t.values.map { NumberFormat.plain($0, fractionDigits: t.fractionDigits) }
        #expect(labels == ["0.000", "0.002", "0.004", "0.006", "0.008", "0.010"])
    }

    @Test("negative ranges")
    func negativeRanges() {
        #expect(NiceTicks(covering: -1166, 0).values == [-1200, -1000, -800, -600, -400, -200, 0])
        let t = NiceTicks(covering: -37, -3)
        #expect(t.step == 5)
        #expect(t.values.first == -40 && t.values.last == 0)
        let mixed = NiceTicks(covering: -2.7, 7.8)
        #expect(mixed.values == [-4, -2, 0, 2, 4, 6, 8])
    }

    @Test("argument order does not matter")
    func order() {
        #expect(NiceTicks(covering: 1166, 0) == NiceTicks(covering: 0, 1166))
    }

    @Test("zero-width and non-finite ranges neither crash nor divide by zero",
          arguments: [(5.0, 5.0), (0.0, 0.0), (-3.0, -3.0), (1e-300, 1e-300), (Double.nan, 3.0),
                      (Double.infinity, -Double.infinity), (Double.nan, Double.nan), (1166.0, 1166.0)])
    func degenerate(lower: Double, upper: Double) {
        let t = NiceTicks(covering: lower, upper)
        #expect(t.values.count >= 2)
        #expect(t.values.allSatisfy { $0.isFinite })
        #expect(t.step.isFinite && t.step > 0)
        #expect(t.lowerBound < t.upperBound)
        if lower.isFinite, lower == upper {
            #expect(t.lowerBound <= lower && lower <= t.upperBound)
        }
    }

    @Test("steps are 1, 2 or 5 × 10ⁿ and ticks cover the range (deterministic sweep)")
    func sweep() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<500 {
            let scale = pow(10, (next() * 12).rounded(.down) - 6)
            let a = (next() - 0.5) * scale, b = (next() - 0.5) * scale
            for target in [3, 5, 6, 8] {
                let t = NiceTicks(covering: a, b, targetCount: target)
                #expect(t.lowerBound <= min(a, b) + abs(t.step) * 1e-6)
                #expect(t.upperBound >= max(a, b) - abs(t.step) * 1e-6)
                let exponent = (log10(t.step)).rounded(.down)
                let leading = (t.step / pow(10, exponent) * 1000).rounded() / 1000
                #expect([1, 2, 5, 10].contains(leading), "step \(t.step)")
                #expect(t.values.count >= 2 && t.values.count <= 3 * target + 2)
                #expect(zip(t.values, t.values.dropFirst()).allSatisfy { $0 < $1 })
            }
        }
    }

    @Test("ticks within a fixed domain keep the domain")
    func within() {
        let t = NiceTicks.within(0...1)
        #expect(t.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(t.lowerBound == 0 && t.upperBound == 1)
        let u = NiceTicks.within(0...30, targetCount: 4)
        #expect(u.values == [0, 10, 20, 30])
    }

    @Test("linear and band scales")
    func scales() {
        let s = LinearScale(domain: 0...1200, rangeStart: 300, rangeEnd: 0)
        #expect(s(0) == 300 && s(1200) == 0 && s(600) == 150)
        #expect(s.invert(150) == 600)
        let flat = LinearScale(domain: 5...5, rangeStart: 0, rangeEnd: 100)
        #expect(flat(5) == 50)
        let band = BandScale(categories: ["a", "b", "a", "c"], rangeStart: 0, rangeEnd: 300,
                             paddingInner: 0, paddingOuter: 0)
        #expect(band.categories == ["a", "b", "c"])
        #expect(band.bandwidth == 100)
        #expect(band.band(for: "c")?.start == 200)
        #expect(band.band(for: "zzz") == nil)
        let empty = BandScale(categories: [], rangeStart: 0, rangeEnd: 100)
        #expect(empty.bandwidth.isFinite)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
