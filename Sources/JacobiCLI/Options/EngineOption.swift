import ArgumentParser

/// Which engine computes the numbers (DESIGN.md, "CLI contract"). The symbolic engine
/// differentiates the expression; the tape engines run it (forward or reverse mode).
enum Engine: String, ExpressibleByArgument, CaseIterable {
    case symbolic, forward, reverse
}

/// `--engine`, for the commands that differentiate.
struct EngineOption: ParsableArguments {
    @Option(help: "The engine that gives the numbers: symbolic, forward or reverse.")
    var engine: Engine = .symbolic

    /// The engine, when this command supports it; the tape engines come with the AutoDiff module.
    func require(_ supported: [Engine], for command: String) throws -> Engine {
        guard supported.contains(engine) else {
            throw CLIError("the \(engine.rawValue) engine is not available for '\(command)'; use --engine symbolic")
        }
        return engine
    }
}
