import AutoDiff
import Exact
import Symbolic

// The symbolic side of a program: its outputs as an Expr DAG over one symbol per variable.
// The tape is evaluated over Expr (each slot's expression is built once and shared by
// every later use, so a named intermediate is one node however often it is read), with
// running sums (`s = s + t`, a `sum(…)`) collected into one n-ary sum rather than n
// nested ones. Past a size budget the symbolic engine is the wrong tool: the error says so.

extension CompiledProgram {
    /// The default budget of ``expressions(budget:)``: tape instructions.
    public static let defaultExpressionBudget = 200_000

    /// One symbol per variable, in order: `x[3]` is the symbol `x_3` (with more underscores
    /// if the program already uses that name), since a symbol's name is an identifier.
    ///
    ///     try Program(parsing: "input x[2], a\noutput a").compile().symbols   // [x_1, x_2, a]
    public var symbols: [Symbol] {
        variables.map { Symbol(symbolName(of: $0)) }
    }

    /// The symbol name of a variable (`x[3]` → `x_3`), and back with ``variableName(of:)``.
    public func symbolName(of variable: String) -> String {
        guard let open = variable.firstIndex(of: "["), variable.hasSuffix("]") else { return variable }
        let base = variable[..<open]
        let k = variable[variable.index(after: open)..<variable.index(before: variable.endIndex)]
        return "\(base)\(separator)\(k)"
    }

    /// The variable a symbol name stands for (`x_3` → `x[3]`), or nil.
    public func variableName(of symbolName: String) -> String? {
        symbolIndex[symbolName].map { variables[$0] }
    }

    var symbolIndex: [String: Int] {
        var out: [String: Int] = [:]
        for (i, v) in variables.enumerated() { out[symbolName(of: v)] = i }
        return out
    }

    /// The outputs as expressions over ``symbols``, each named intermediate built once.
    ///
    ///     let p = try Program(parsing: "input x[2]\nr = x[1]^2 + x[2]^2\nf = r*sin(r)\noutput f")
    ///     try p.compile().expressions()   // [(x_1^2 + x_2^2)*sin(x_1^2 + x_2^2)]
    ///
    /// - Throws: ``ProgramError`` when the tape has more than `budget` instructions or the
    ///   outputs, written out as trees, are too large (see
    ///   ``ProgramLimits/maximumSymbolicTreeSize``; the message says to use
    ///   `--engine reverse`), or a constant is undefined (`log(0)`).
    public func expressions(budget: Int = CompiledProgram.defaultExpressionBudget) throws(ProgramError) -> [Expr] {
        guard tape.count <= budget else {
            throw ProgramError.tooLargeForSymbolicEngine(
                "the program is too large for the symbolic engine (\(tape.count) tape instructions, budget \(budget)): use --engine reverse"
            )
        }
        let code = tape.instructions
        let n = code.count
        var uses = [Int](repeating: 0, count: n)
        for ins in code {
            if ins.operandCount >= 1 { uses[Int(ins.a)] += 1 }
            if ins.operandCount == 2 && ins.b != ins.a { uses[Int(ins.b)] += 1 }
        }
        for o in tape.outputs { uses[o] += 2 }
        let symbols = self.symbols.map { Expr($0) }
        var values = [Expr?](repeating: nil, count: n)
        var pending = [[Expr]?](repeating: nil, count: n)
        func value(_ k: Int) -> Expr {
            if let v = values[k] { return v }
            let v = Expr.sum(pending[k] ?? [])
            pending[k] = nil
            values[k] = v
            return v
        }
        /// The running terms of slot a, taken over when this is its only use.
        func terms(_ a: Int) -> [Expr] {
            if uses[a] == 1, let t = pending[a] {
                pending[a] = nil
                return t
            }
            return [value(a)]
        }
        for i in 0..<n {
            let ins = code[i]
            let a = Int(ins.a)
            let b = Int(ins.b)
            switch ins.opcode {
            case .input: values[i] = symbols[Int(ins.payload)]
            case .add:
                var t = terms(a)
                t.append(value(b))
                pending[i] = t
            case .subtract:
                var t = terms(a)
                t.append(-value(b))
                pending[i] = t
            case .addConstant:
                var t = terms(a)
                t.append(Expr(tape.constants[Int(ins.payload)]))
                pending[i] = t
            case .constant, .multiply, .divide, .negate, .subtractFromConstant, .multiplyConstant, .square, .reciprocal,
                .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh,
                .cosh, .tanh, .abs, .branchGuard:
                let operands = [ins.operandCount >= 1 ? value(a) : Expr.zero, ins.operandCount == 2 ? value(b) : Expr.zero]
                let c = [ins.usesConstant ? Expr(tape.constants[Int(ins.payload)]) : Expr.zero]
                var local = ins
                local.a = 0
                local.b = ins.operandCount == 2 ? 1 : 0
                if ins.usesConstant { local.payload = 0 }
                do {
                    values[i] = try operands.withUnsafeBufferPointer { (o) throws(ScalarError) -> Expr in
                        try c.withUnsafeBufferPointer { (cp) throws(ScalarError) -> Expr in
                            try LocalPartials.value(of: local, values: o.baseAddress!, constants: cp.baseAddress!, inputs: o.baseAddress!)
                        }
                    }
                } catch {
                    throw ProgramError("\(error) in \(tape.describe(ins))", at: nil)
                }
            }
        }
        let outputs = tape.outputs.map { value($0) }
        try Self.checkTreeSize(of: outputs, instructions: n)
        return outputs
    }

    /// Written out as trees, the outputs may have at most
    /// max(``ProgramLimits/maximumSymbolicTreeSize``, 16 × instructions) nodes: a program
    /// whose values are reused from step to step (a recurrence) has a DAG of a few nodes
    /// per step but a tree that doubles per step, and every symbolic step (derivatives,
    /// simplification, printing) would be exponential in the loop count.
    static func checkTreeSize(of outputs: [Expr], instructions: Int) throws(ProgramError) {
        let limit = max(ProgramLimits.maximumSymbolicTreeSize, 16 * instructions)
        var total = 0
        for e in outputs {
            let (sum, overflow) = total.addingReportingOverflow(e.treeSize)
            total = overflow ? Int.max : sum
        }
        guard total <= limit else {
            let size = total == Int.max ? "more than \(Int.max)" : "\(total)"
            throw ProgramError.tooLargeForSymbolicEngine(
                "the program's outputs written out as expressions have \(size) nodes (limit \(limit), ProgramLimits.maximumSymbolicTreeSize): use --engine reverse"
            )
        }
    }
}
