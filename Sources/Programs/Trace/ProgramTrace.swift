import AutoDiff
import Exact
import Symbolic

// Evaluation traces: the table an AD textbook draws (Griewank & Walther, ch. 2–3). One row
// per input, then one per named intermediate in the order computed (a loop gives one row
// per iteration), each with its expression over earlier rows, its exact value, and its
// exact tangent (forward mode) or adjoint (reverse mode; rows then in reverse order). With
// every slot asked for, one row per tape slot, named `v12` unless a name is bound to it.

/// An evaluation trace of a program at a point.
///
///     input x, y
///     f = x*y + sin(x)
///     output f
///
///     // forward, at (x, y) = (1/2, 3), v = (1, 0):
///     //   x   x               1/2                   1
///     //   y   y               3                     0
///     //   f   x*y + sin(x)    3/2 + sin(1/2)        3 + cos(1/2)
public struct ProgramTrace: Sendable {
    /// Which derivative the rows carry.
    public enum Mode: Sendable {
        /// Tangents along a direction (JVP).
        case forward
        /// Adjoints for output weights (VJP); rows in reverse order.
        case reverse
    }

    /// One row.
    public struct Row: Sendable {
        /// The intermediate's name (`h`, `y[3]`, `x[1]`, or `v12` for an unnamed slot).
        public let name: String
        /// Its expression over earlier rows (the input's own name for an input).
        public let expression: String
        /// Its exact value.
        public let value: Expr
        /// Its tangent (forward) or adjoint (reverse), exact.
        public let derivative: Expr
        /// The innermost loop index's value, for a row computed in a loop.
        public let iteration: Int?
        /// Whether the row is an input.
        public let isInput: Bool
        /// Whether the row is (the final value of) an output.
        public let isOutput: Bool
    }

    /// The mode.
    public let mode: Mode
    /// The rows: computing order for `.forward`, reverse for `.reverse`.
    public let rows: [Row]
    /// The outputs' values, in order.
    public let value: [Expr]
    /// J·v (forward) or wᵀJ (reverse).
    public let result: [Expr]
}

extension Program {
    /// The evaluation trace at `point` with `seed` (a direction for `.forward`, output
    /// weights for `.reverse`), exact.
    ///
    ///     let p = try Program(parsing: "input x, y\nf = x*y + sin(x)\noutput f")
    ///     let t = try p.trace(at: [Expr(Rational(1, 2)), 3], seed: [1, 0], mode: .forward)
    ///     t.rows.map(\.name)   // ["x", "y", "f"]
    ///
    /// - Parameters:
    ///   - parameters: values for the program's `param`s (others keep their defaults).
    ///   - point: the inputs' values, flattened in declaration order.
    ///   - seed: the direction (`.forward`) or the outputs' weights (`.reverse`).
    ///   - mode: forward (tangents) or reverse (adjoints).
    ///   - allSlots: one row per tape slot rather than per named intermediate.
    /// - Throws: ``ProgramError`` for the program, a wrong number of values, or a domain
    ///   error at the point (the message names the instruction).
    public func trace(
        parameters: [String: Int] = [:], at point: [Expr], seed: [Expr], mode: ProgramTrace.Mode,
        allSlots: Bool = false
    ) throws(ProgramError) -> ProgramTrace {
        let compiled = try compile(parameters: parameters, tracing: true)
        let tape = compiled.tape
        let values: [Expr]
        let derivatives: [Expr]
        do {
            switch mode {
            case .forward: (values, derivatives) = try tape.slotTangents(at: point, direction: seed)
            case .reverse: (values, derivatives) = try tape.slotAdjoints(at: point, weights: seed)
            }
        } catch {
            throw ProgramError("\(error)", at: nil)
        }
        var rows: [ProgramTrace.Row] = []
        var lastRow: [String: Int] = [:]
        var gradient = [Expr](repeating: .zero, count: tape.inputCount)
        for (i, name) in compiled.variables.enumerated() {
            // Input i is slot i (the lowering puts inputs first).
            let d: Expr
            switch mode {
            case .forward: d = seed[i]
            case .reverse: d = derivatives[i]
            }
            gradient[i] = d
            rows.append(.init(name: name, expression: name, value: values[i], derivative: d, iteration: nil, isInput: true, isOutput: false))
        }
        if allSlots {
            var names = (0..<tape.count).map { $0 < compiled.variables.count ? compiled.variables[$0] : "v\($0)" }
            var iterations = [Int?](repeating: nil, count: tape.count)
            for r in compiled.rows {
                if case .slot(let s) = r.value, s >= compiled.variables.count {
                    names[s] = r.name
                    iterations[s] = r.iteration
                }
            }
            for s in compiled.variables.count..<tape.count {
                let ins = tape.instructions[s]
                rows.append(
                    .init(
                        name: names[s], expression: SlotPrinter(tape: tape, names: names).print(ins), value: values[s],
                        derivative: derivatives[s], iteration: iterations[s], isInput: false, isOutput: false))
                lastRow[names[s]] = rows.count - 1
            }
        } else {
            for r in compiled.rows {
                let (v, d): (Expr, Expr)
                switch r.value {
                case .constant(let c): (v, d) = (Expr(c), .zero)
                case .slot(let s): (v, d) = (values[s], derivatives[s])
                }
                rows.append(
                    .init(name: r.name, expression: r.expression, value: v, derivative: d, iteration: r.iteration, isInput: false, isOutput: false))
                lastRow[r.name] = rows.count - 1
            }
        }
        for name in compiled.outputNames {
            if let k = lastRow[name] {
                let r = rows[k]
                rows[k] = .init(
                    name: r.name, expression: r.expression, value: r.value, derivative: r.derivative, iteration: r.iteration, isInput: r.isInput,
                    isOutput: true)
            } else if let k = rows.firstIndex(where: { $0.isInput && $0.name == name }) {
                let r = rows[k]
                rows[k] = .init(
                    name: r.name, expression: r.expression, value: r.value, derivative: r.derivative, iteration: nil, isInput: true, isOutput: true)
            }
        }
        let value = tape.outputs.map { values[$0] }
        let result: [Expr]
        switch mode {
        case .forward: result = tape.outputs.map { derivatives[$0] }
        case .reverse: result = gradient
        }
        return ProgramTrace(mode: mode, rows: mode == .reverse ? rows.reversed() : rows, value: value, result: result)
    }
}

/// An instruction as an expression over the names of its operand rows.
struct SlotPrinter {
    let tape: Tape
    let names: [String]

    func print(_ ins: Instruction) -> String {
        let a = names[Int(ins.a)]
        let b = names[Int(ins.b)]
        let c = ins.usesConstant ? tape.constants[Int(ins.payload)] : .zero
        let cs = c.signum() < 0 || !c.isInteger ? "(\(c))" : "\(c)"
        switch ins.opcode {
        case .input: return names[Int(ins.payload)]
        case .constant: return "\(c)"
        case .add: return "\(a) + \(b)"
        case .subtract: return "\(a) - \(b)"
        case .multiply: return "\(a)*\(b)"
        case .divide: return "\(a)/\(b)"
        case .negate: return "-\(a)"
        case .addConstant: return c.signum() < 0 ? "\(a) - \(-c)" : "\(a) + \(c)"
        case .subtractFromConstant: return "\(c) - \(a)"
        case .multiplyConstant: return "\(cs)*\(a)"
        case .square: return "\(a)^2"
        case .reciprocal: return "1/\(a)"
        case .powerInteger: return ins.payload < 0 ? "\(a)^(\(ins.payload))" : "\(a)^\(ins.payload)"
        case .powerConstant: return "\(a)^\(cs)"
        case .power: return "\(a)^\(b)"
        case .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs:
            return "\(ins.opcode)(\(a))"
        case .branchGuard: return "guard(\(a), \(b))"
        }
    }
}
