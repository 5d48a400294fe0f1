import Jacobi

/// The report of `check --gradient`: the verdict, the counts, and the first wrong entry
/// with its point and both values.
enum GradientCheckReport {
    static func fields(_ r: GradientFormulaCheck, formulas: [Expr], seed: UInt64) -> [Field] {
        var text = [
            "gradient given: " + formulas.map(\.description).joined(separator: ", "),
            "points: \(r.points) (seed \(seed)): \(r.exactPoints) exact, \(r.approximatePoints) approximate, \(r.skippedPoints) skipped",
        ]
        var mismatches: [JSONValue] = []
        if let m = r.mismatch {
            let at = zip(m.point.symbols, m.point.valueTexts).map { "\($0) = \($1)" }.joined(separator: ", ")
            text.append("FAILED: ∂f/∂\(m.variable) (entry \(m.entry + 1)) at \(at): the tape gives \(m.tape), the formula \(formula(m))")
            mismatches.append(
                .object([
                    ("entry", .integer(m.entry)), ("variable", .string(m.variable.name)),
                    ("at", .object(zip(m.point.symbols, m.point.valueTexts).map { ($0.name, .string($1)) })),
                    ("tape", .string(m.tape.description)), formulaMember(m),
                ]))
        } else {
            text.append(r.passed ? "passed" : "FAILED: no point could be checked (\(r.skippedPoints) skipped)")
        }
        let json: [(String, JSONValue)] = [
            ("passed", .bool(r.passed)), ("points", .integer(r.points)),
            ("seed", Int(exactly: seed).map(JSONValue.integer) ?? .string(String(seed))),
            ("exact_points", .integer(r.exactPoints)), ("approximate_points", .integer(r.approximatePoints)),
            ("skipped_points", .integer(r.skippedPoints)),
            ("gradient", .array(formulas.map { .string($0.description) })), ("mismatches", .array(mismatches)),
        ]
        return [.custom(json: json, text: text, latex: text.map { "&\\text{\(CheckReport.texEscaped($0))}" })]
    }

    /// `"formula": value`, or `"formula_error": why` where the formula has no value.
    static func formulaMember(_ m: GradientFormulaCheck.Mismatch) -> (String, JSONValue) {
        switch m.formula {
        case .success(let e): return ("formula", .string(e.description))
        case .failure(let error): return ("formula_error", .string(error.description))
        }
    }

    static func formula(_ m: GradientFormulaCheck.Mismatch) -> String {
        switch m.formula {
        case .success(let e): return "gives \(e)"
        case .failure(let error): return "has no value (\(error))"
        }
    }
}
