// Module Simulation: the calibrated NTB world and national worlds with ground truth.
//
// Entry points: `WorldSimulator.simulate(_:)` builds a `SimulatedWorld` from a
// `SimulationConfiguration`; `WorldWriter.write(_:to:)` writes its weekly snapshot files and
// `truth.csv`. The generative process is described on `CooperativeSimulator` and in
// `datasets/README.md`.
