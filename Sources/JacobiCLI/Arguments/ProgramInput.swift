import ArgumentParser
import Foundation
import Jacobi

/// `--file model.jac`: a file is a program (DESIGN.md, "Programs") when its name ends in
/// `.jac` or when a line starts with `param`, `input`, `output` or `for`, or assigns a name
/// (`f = …`); otherwise it is expressions, one per line.
enum ProgramInput {
    static func isProgram(path: String, text: String) -> Bool {
        path.hasSuffix(".jac") || Program.looksLikeProgram(text)
    }

    /// `n=1000` (repeatable, or comma-separated): the program's integer parameters.
    static func parameters(_ words: [String]) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for word in words {
            for item in word.split(separator: ",") {
                let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, let v = Int(parts[1].trimmingCharacters(in: .whitespaces)) else {
                    throw CLIError("--param takes name=integer, got '\(item)'")
                }
                out[parts[0].trimmingCharacters(in: .whitespaces)] = v
            }
        }
        return out
    }

    /// The function of a program file, with `program:` prefixed to its errors.
    static func function(text: String, origin: String, parameters: [String: Int]) throws -> Function {
        do {
            return try Function(program: try Program(parsing: text), parameters: parameters)
        } catch let error as ProgramError {
            throw CLIError(error.location == nil ? "\(origin): \(error.message)" : "\(origin):\(error.description)")
        }
    }
}

/// A point as typed (`--at x=1/2,x[3]=2`, `--at-file p.json`): names (a variable, a vector
/// input, or one entry `x[3]`) with their values as text, in order. It becomes a `Point`
/// (exact) or Doubles (`--numeric`) once the function is known.
struct TypedPoint: Sendable {
    var assignments: [(name: String, value: ProgramPointValue<String>)]

    /// `x=1/2,y=-3,x[2]=0.25`: numbers are checked here (so a typo is reported with the
    /// option); names are checked against the function later. A value may be an exact
    /// constant (`x=pi/4`; a comma inside parentheses belongs to it), for expressions only:
    /// a program's inputs take numbers.
    static func parse(_ text: String) throws -> TypedPoint {
        var out: [(name: String, value: ProgramPointValue<String>)] = []
        for item in Arguments.topLevelItems(text) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw ArgumentError("expected name=value pairs separated by commas, got '\(item)'") }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            let base = name.split(separator: "[", maxSplits: 1).first.map(String.init) ?? name
            guard Symbol(validating: base) != nil, name == base || (name.hasSuffix("]") && Int(name.dropFirst(base.count + 1).dropLast()) != nil)
            else { throw ArgumentError("'\(name)' is not a variable name") }
            do { _ = try PointText.number(value, for: name) } catch { throw ArgumentError("\(error)") }
            // One name twice in one --at is a slip (x=1 then x[3]=2 is a vector and an entry).
            if out.contains(where: { $0.name == name }) { throw ArgumentError("the variable \(name) appears twice") }
            out.append((name, .scalar(value)))
        }
        return TypedPoint(assignments: out)
    }

    /// The exact point for `f`: for a program, vectors filled and entries set in order (a
    /// later setting overrides); for expressions, one value per named variable.
    func point(for f: Function) throws -> Point {
        if let program = f.program {
            return Point(variables: f.variables, values: try program.point(try converted(Self.exact)))
        }
        var pairs: [(Symbol, Expr)] = []
        for (name, value) in assignments {
            guard case .scalar(let text) = value, let s = Symbol(validating: name) else {
                throw CLIError("'\(name)' is a vector or an entry of one: only programs (--file model.jac) have vectors")
            }
            if pairs.contains(where: { $0.0 == s }) { throw CLIError("the variable \(name) appears twice in the point") }
            do { pairs.append((s, try PointText.number(text, for: name))) } catch { throw CLIError("\(error)") }
        }
        return try Point(exactly: pairs)
    }

    /// The point as floats (each number's text read to the nearest double), for `--numeric`.
    func doubles(for f: Function) throws -> [Double] {
        if let program = f.program { return try program.point(try converted(Self.double)) }
        return try point(for: f).exactCoordinates(for: f.variables).map { try $0.evaluated(at: [Symbol: Double]()) as Double }
    }

    func converted<V>(_ read: (String) throws -> V) throws -> [(name: String, value: ProgramPointValue<V>)] {
        try assignments.map { a in
            switch a.value {
            case .scalar(let t): return (a.name, .scalar(try read(t)))
            case .vector(let ts): return (a.name, .vector(try ts.map(read)))
            }
        }
    }

    static func exact(_ text: String) throws -> Rational {
        do { return try Rational(parsing: text) } catch { throw CLIError("'\(text)' is not an exact number: \(error)") }
    }

    static func double(_ text: String) throws -> Double {
        // Only plain decimals go to the float reader (it would also take "nan" and hex).
        if text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 || $0 == 46 || $0 == 101 || $0 == 69 }),
            let d = Double(text)
        {
            return d
        }
        return Double(try exact(text))
    }
}
