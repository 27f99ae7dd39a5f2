import ArgumentParser

/// The Monte Carlo and rule-set options shared by the counterfactual commands (`rank`,
/// `whatif`).
struct SimulationOptions: ParsableArguments {
    @Option(help: "Seed of the Monte Carlo.")
    var seed: UInt64 = 1

    @Option(help: "Monte Carlo paths per cooperative (at least 10).")
    var paths: Int = 500

    @Option(help: "Horizon in weeks after the as-of week.")
    var horizon: Int = 104

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    func validate() throws {
        if paths < 10 { throw ValidationError("--paths must be at least 10") }
        if horizon < 1 || horizon > 1000 { throw ValidationError("--horizon must be within 1…1000") }
    }
}
