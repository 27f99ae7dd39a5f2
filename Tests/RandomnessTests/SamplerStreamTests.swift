import Randomness
import Testing

/// The exact numbers each sampler draws from a fixed stream. The simulated worlds (and the
/// bundled dataset) are made of these draws, so a change to a sampler's algorithm, its
/// arithmetic or the number of 64-bit outputs it takes shows here first.
@Suite struct SamplerStreamTests {
    /// Five draws of `draw` from `Xoshiro256StarStar(seed: 2026)`.
    private func draws<T>(_ draw: (inout Xoshiro256StarStar) -> T) -> [T] {
        var g = Xoshiro256StarStar(seed: 2026)
        return (0..<5).map { _ in draw(&g) }
    }

    /// The continuous samplers, bit for bit.
    @Test func continuousDraws() {
        func bits(_ draw: (inout Xoshiro256StarStar) -> Double) -> [UInt64] {
            draws(draw).map(\.bitPattern)
        }
        #expect(bits { $0.uniform() }
            == [0x3FE2_5C02_2B25_D315, 0x3FD2_27CD_E51B_5B46, 0x3FEA_0013_C4F3_B39B, 0x3FEC_98FB_94F0_DAAC, 0x3FE9_FC31_6F38_2447])
        #expect(bits { $0.uniformOpen() }
            == [0x3FE2_5C02_2B25_D316, 0x3FD2_27CD_E51B_5B47, 0x3FEA_0013_C4F3_B39C, 0x3FEC_98FB_94F0_DAAC, 0x3FE9_FC31_6F38_2448])
        #expect(bits { $0.normal() }
            == [0xBFCC_5715_682A_C8FF, 0x3FE0_301A_230A_461F, 0x3FC3_EDEB_F02C_C9E4, 0x3FD2_5BC9_212A_A090, 0x3FA5_5323_7F1C_40A0])
        #expect(bits { $0.lognormal(mu: -0.18, sigma: 0.6) }
            == [0x3FE7_6754_A053_9850, 0x3FF2_1A86_BACF_5C8F, 0x3FED_5890_D0DD_6E44, 0x3FEF_BFA1_4326_75DB, 0x3FEB_67AE_C238_51EC])
        #expect(bits { $0.gamma(shape: 0.3, scale: 2) }
            == [0x3FE1_0744_C135_9413, 0x3FF5_8D0A_45D3_4040, 0x4011_E0ED_C766_6340, 0x3FDF_3963_118A_9D3F, 0x3F85_CC26_2C5C_D092])
        #expect(bits { $0.gamma(shape: 9) }
            == [0x4020_0FE7_A87D_BF59, 0x4022_6A7B_D65D_FA1E, 0x4023_13E5_A8ED_5067, 0x402D_06E6_28BF_5B04, 0x4020_FE5B_E4C7_D0E8])
        #expect(bits { $0.beta(3, 4) }
            == [0x3FD7_6AEA_7529_5BB6, 0x3FD2_65F1_F1E0_BD6F, 0x3FD9_26EE_9512_0783, 0x3FDB_6F98_832C_72B7, 0x3FD9_24B8_6DCF_F3A3])
    }

    /// The integer samplers.
    @Test func integerDraws() {
        #expect(draws { $0.geometric(0.075) } == [7, 16, 2, 1, 2])
        #expect(draws { $0.index(57) } == [32, 16, 46, 50, 46])
        #expect(draws { $0.bernoulli(0.5) } == [false, true, false, false, false])
    }
}
