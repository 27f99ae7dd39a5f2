import Testing
@testable import Simulation

/// The simulator's conversion of a weekly rate into a weekly probability.
@Suite struct HazardTests {
    /// The weekly hazard of a rate: 1 − e^(−rate), 0 for rates ≤ 0.
    @Test func hazardOfRate() {
        #expect(hazard(0) == 0)
        #expect(hazard(-1) == 0)
        #expect(abs(hazard(1) - 0.632_120_558_828_557_7) < 1e-15)
    }
}
