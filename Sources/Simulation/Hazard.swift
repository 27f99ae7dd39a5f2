#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The seeded generators and their samplers (`Randomness`) are part of the simulator's
// interface: `import Simulation` gives them.
@_exported import Randomness

/// The weekly probability of at least one event of a Poisson process with the given
/// weekly rate: `1 − exp(−rate)`. Rates multiply; probabilities do not.
@inline(__always)
func hazard(_ rate: Double) -> Double {
    rate <= 0 ? 0 : -expm1(-rate)
}
