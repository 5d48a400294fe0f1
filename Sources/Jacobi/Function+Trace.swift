import Exact
import Programs
import Symbolic

extension Function {
    /// The evaluation trace at `a` (Griewank & Walther's table): one row per input and per
    /// named intermediate (every tape slot with `allSlots`), each with its expression, exact
    /// value and exact tangent along `seed` (`.forward`) or adjoint for the output weights
    /// `seed` (`.reverse`, rows in reverse order).
    ///
    ///     try Function(x*y + sin(x)).trace(at: a, seed: [1, 0], mode: .forward).rows.map(\.name)   // ["x", "y", "f"]
    ///
    /// A function given by expressions is traced as the program `input x, y` / `f = …` /
    /// `output f` (outputs `f1`, `f2`, … when there are several).
    ///
    /// - Throws: coordinate errors; `ProgramError` (a domain error at the point, a wrong
    ///   number of seed values, a variable named like a keyword of the program language).
    public func trace(at a: Point, seed: [Rational], mode: ProgramTrace.Mode, allSlots: Bool = false) throws -> ProgramTrace {
        let point = try coordinates(of: a).map { Expr($0) }
        let seedValues = seed.map { Expr($0) }
        if let compiled = program {
            return try compiled.program.trace(
                parameters: compiled.parameters, at: point, seed: seedValues, mode: mode, allSlots: allSlots)
        }
        let names = variables.map(\.name)
        var outputName = "f"
        while names.contains(outputName) { outputName += "_" }
        let outputs = try expressions()
        let lines =
            outputs.count == 1
            ? ["\(outputName) = \(outputs[0])"]
            : outputs.enumerated().map { "\(outputName)\($0.offset + 1) = \($0.element)" }
        let outputList = outputs.count == 1 ? outputName : (1...outputs.count).map { "\(outputName)\($0)" }.joined(separator: ", ")
        var text = names.isEmpty ? "" : "input " + names.joined(separator: ", ") + "\n"
        text += lines.joined(separator: "\n") + "\noutput \(outputList)\n"
        return try Program(parsing: text).trace(at: point, seed: seedValues, mode: mode, allSlots: allSlots)
    }
}
