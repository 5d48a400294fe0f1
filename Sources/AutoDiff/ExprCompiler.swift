import Exact
import Symbolic

// Compiling an expression DAG into a tape: one postorder walk with an explicit stack (so
// no input is deep enough to exhaust the call stack), memoised on the expression (equal
// subexpressions, shared or not, become one slot: common subexpressions are computed
// once). Each kind lowers to a few instructions:
//
//   number r                 a constant slot
//   symbol                   its input slot
//   c + Σ kᵢ·tᵢ              add/sub chain over mulc(tᵢ, kᵢ), then addc(·, c)
//   c · Π bᵢ^eᵢ              (c · Π_{eᵢ>0} bᵢ^eᵢ) / Π_{eᵢ<0} bᵢ^−eᵢ   (so ÷0 is reported at a div)
//   b^n, b^(p/q), b^e        sq / recip / powi, sqrt (p/q = 1/2) / powc, pow
//   f(u)                     the function's opcode
//
// Every instruction remembers the node it was emitted for; its printed form is computed
// only when an error is reported.

/// Compiles expressions into tapes.
///
///     let f = try Expr.parse("x*y + sin(x)")
///     let tape = try ExprCompiler.compile([f], inputs: [Symbol("x"), Symbol("y")])
///     tape.description   // [x0, x1, mul(0,1), sin(0), add(2,3)]
public enum ExprCompiler {
    /// A tape computing `functions` (its outputs, in order) of `inputs` (its inputs, in order).
    ///
    /// - Throws: ``TapeError/unknownVariable(_:)`` for a free symbol not in `inputs`.
    public static func compile(_ functions: [Expr], inputs: [Symbol]) throws(TapeError) -> Tape {
        var compiler = Compiler(inputs: inputs)
        let outputs = try functions.map { (f) throws(TapeError) -> Int in try compiler.slot(of: f) }
        return compiler.builder.tape(outputs: outputs, sourceMap: ExprSourceMap(nodes: compiler.nodes))
    }
}

extension Tape {
    /// The tape of `functions` over `inputs` (see ``ExprCompiler/compile(_:inputs:)``).
    ///
    ///     try Tape(compiling: [f], inputs: [x, y]).gradient(at: [Rational(0), 2])   // [3, 0]
    public init(compiling functions: [Expr], inputs: [Symbol]) throws(TapeError) {
        self = try ExprCompiler.compile(functions, inputs: inputs)
    }
}

/// Instruction → the expression node it was emitted for; printed on demand.
struct ExprSourceMap: TapeSourceMap {
    let nodes: [Expr?]

    func source(of i: Int) -> String? {
        guard nodes.indices.contains(i), let e = nodes[i] else { return nil }
        let text = e.description
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}

private struct Compiler {
    var builder: TapeBuilder
    var nodes: [Expr?]
    var memo: [Expr: Int] = [:]
    let inputIndex: [Symbol: Int]

    init(inputs: [Symbol]) {
        builder = TapeBuilder(inputCount: inputs.count)
        nodes = inputs.map { Expr($0) }
        var index: [Symbol: Int] = [:]
        for (k, s) in inputs.enumerated() where index[s] == nil { index[s] = k }
        inputIndex = index
    }

    /// The slot of `root`, compiling whatever of its DAG is not compiled yet.
    mutating func slot(of root: Expr) throws(TapeError) -> Int {
        var stack: [(Expr, Bool)] = [(root, false)]
        while let (e, ready) = stack.popLast() {
            if memo[e] != nil { continue }
            if ready {
                memo[e] = try lower(e)
            } else {
                stack.append((e, true))
                for c in Compiler.operands(of: e) where memo[c] == nil { stack.append((c, false)) }
            }
        }
        return memo[root]!
    }

    /// The subexpressions that get slots of their own (numeric exponents do not).
    static func operands(of e: Expr) -> [Expr] {
        switch e.kind {
        case .number, .symbol: return []
        case .sum(_, let terms): return terms.map(\.term)
        case .product(_, let factors):
            return factors.flatMap { f in f.exponent.rationalValue == nil ? [f.base, f.exponent] : [f.base] }
        case .power(let b, let x): return x.rationalValue == nil ? [b, x] : [b]
        case .call(_, let u): return [u]
        }
    }

    mutating func emit(_ ins: Instruction, for e: Expr) -> Int {
        let s = builder.append(ins)
        nodes.append(e)
        return s
    }

    mutating func constant(_ r: Rational, for e: Expr) -> Int {
        let before = builder.instructions.count
        let s = builder.slot(for: r)
        if builder.instructions.count > before { nodes.append(Expr(r)) }
        return s
    }

    /// Emits the instructions of `e`, whose operands are all compiled; returns its slot.
    mutating func lower(_ e: Expr) throws(TapeError) -> Int {
        switch e.kind {
        case .number(let r):
            return constant(r, for: e)
        case .symbol(let s):
            guard let k = inputIndex[s] else { throw .unknownVariable(s.name) }
            return k
        case .sum(let c, let terms):
            var acc: Int?
            for (t, k) in terms {
                let x = memo[t]!
                if let a = acc {
                    if k == .one {
                        acc = emit(Instruction(.add, a, x), for: e)
                    } else if k == -1 {
                        acc = emit(Instruction(.subtract, a, x), for: e)
                    } else {
                        acc = emit(Instruction(.add, a, scaled(x, by: k, for: e)), for: e)
                    }
                } else {
                    acc = scaled(x, by: k, for: e)
                }
            }
            guard let a = acc else { return constant(c, for: e) }
            return c.isZero ? a : emit(Instruction(.addConstant, a, payload: builder.constant(c)), for: e)
        case .product(let c, let factors):
            var numerator: Int?
            var denominator: Int?
            for (b, x) in factors {
                if let q = x.rationalValue, q.signum() < 0 {
                    denominator = multiply(denominator, power(memo[b]!, -q, for: e), for: e)
                } else {
                    let p =
                        x.rationalValue.map { power(memo[b]!, $0, for: e) }
                        ?? emit(Instruction(.power, memo[b]!, memo[x]!), for: e)
                    numerator = multiply(numerator, p, for: e)
                }
            }
            if c != .one {
                numerator = numerator.map { scaled($0, by: c, for: e) } ?? constant(c, for: e)
            }
            guard let d = denominator else { return numerator ?? constant(.one, for: e) }
            guard let n = numerator else { return emit(Instruction(.reciprocal, d), for: e) }
            return emit(Instruction(.divide, n, d), for: e)
        case .power(let b, let x):
            if let q = x.rationalValue { return power(memo[b]!, q, for: e) }
            return emit(Instruction(.power, memo[b]!, memo[x]!), for: e)
        case .call(let f, let u):
            if e.isPi {
                // π = 4·atan(1), not acos(−1): acos has no derivative at −1, and a sweep
                // linearizes every slot (4·atan(1.0) is π correctly rounded; over Expr it
                // folds back to pi).
                let one = constant(.one, for: Expr.one)
                let quarter = emit(Instruction(.atan, one), for: e)
                return emit(Instruction(.multiplyConstant, quarter, payload: builder.constant(Rational(4))), for: e)
            }
            return emit(Instruction(UnaryFunction(f).opcode, memo[u]!), for: e)
        }
    }

    mutating func scaled(_ x: Int, by k: Rational, for e: Expr) -> Int {
        if k == .one { return x }
        if k == -1 { return emit(Instruction(.negate, x), for: e) }
        return emit(Instruction(.multiplyConstant, x, payload: builder.constant(k)), for: e)
    }

    mutating func multiply(_ acc: Int?, _ x: Int, for e: Expr) -> Int {
        guard let a = acc else { return x }
        return emit(a == x ? Instruction(.square, a) : Instruction(.multiply, a, x), for: e)
    }

    /// x^q for a rational q.
    mutating func power(_ x: Int, _ q: Rational, for e: Expr) -> Int {
        if q.isInteger, let m = Int(exactly: q.numerator), let n = Int32(exactly: m) {
            switch n {
            case 1: return x
            case 2: return emit(Instruction(.square, x), for: e)
            case -1: return emit(Instruction(.reciprocal, x), for: e)
            default: return emit(Instruction(.powerInteger, x, payload: n), for: e)
            }
        }
        if q == Rational(1, 2) { return emit(Instruction(.sqrt, x), for: e) }
        return emit(Instruction(.powerConstant, x, payload: builder.constant(q)), for: e)
    }
}

extension UnaryFunction {
    /// The tape's function for an expression's function (one case each, no `default:`).
    ///
    ///     UnaryFunction(ElementaryFunction.sin)   // .sin
    public init(_ f: ElementaryFunction) {
        switch f {
        case .sin: self = .sin
        case .cos: self = .cos
        case .tan: self = .tan
        case .exp: self = .exp
        case .log: self = .log
        case .atan: self = .atan
        case .asin: self = .asin
        case .acos: self = .acos
        case .sinh: self = .sinh
        case .cosh: self = .cosh
        case .tanh: self = .tanh
        case .abs: self = .abs
        }
    }
}
