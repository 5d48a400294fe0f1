import Exact

/// A Wengert list: a flat array of fixed-size instructions in which instruction i writes
/// slot i and reads only earlier slots (egg's `RecExpr`), plus a side table of exact
/// constants and the list of output slots.
///
/// The worked example, f(x, y) = x·y + sin(x):
///
///     slot  instruction     value
///     0     x0              x
///     1     x1              y
///     2     mul(0,1)        x·y
///     3     sin(0)          sin x
///     4     add(2,3)        x·y + sin x      ← output
///
///     let tape = try Tape.record(inputs: 2) { x in x[0] * x[1] + sin(x[0]) }
///     tape.description                              // [x0, x1, mul(0,1), sin(0), add(2,3)]
///     try tape.gradient(at: [0.0, 2.0])             // [3.0, 0.0]: (y + cos x, x)
///
/// One tape serves every scalar type (``TapeScalar``): `Rational` for exact results,
/// `Double` for speed, `Dual` for nesting, and symbolic expressions. Each instruction is
/// 16 bytes (``Instruction``); there is no object per node and no closure, so the sweeps are
/// tight loops over contiguous memory.
///
/// Two ways in: `record(inputs:_:)` traces a Swift program (branches become guards), and
/// the expression compiler turns an expression DAG into a tape.
public struct Tape: Sendable {
    /// The instructions; instruction i writes slot i. For a tape built from pieces
    /// (``init(inputCount:pieces:constants:outputs:)``) the repeated blocks are written out
    /// here on first use and kept; the floating-point sweeps never need it.
    public var instructions: [Instruction] { code.flat }
    /// The instructions as stored: flat, or pieces with repeated blocks stored once.
    let code: TapeCode
    /// The exact constants that `constant`, `addConstant`, … instructions index.
    public let constants: [Rational]
    /// The number of inputs (the point's dimension n).
    public let inputCount: Int
    /// The output slots, in order (the function's dimension m).
    public let outputs: [Int]
    /// The printed source subexpression of each instruction, when the tape was compiled
    /// from an expression (nil otherwise). Used in error messages.
    public let sourceMap: (any TapeSourceMap)?
    /// The sweep plan of the floating-point sweeps, built on first use (`SweepPlan`).
    let planCache: SweepPlanCache

    /// A tape from its parts, checked: every operand names an earlier slot, every constant
    /// and input index is in range, outputs are slots.
    ///
    ///     try Tape(inputCount: 1, instructions: [Instruction(.input), Instruction(.sin, 0)], outputs: [1])
    ///
    /// - Throws: ``TapeError/malformed(instruction:reason:)``.
    public init(
        inputCount: Int, instructions: [Instruction], constants: [Rational] = [], outputs: [Int],
        sources: [String] = []
    ) throws(TapeError) {
        guard instructions.count < Int(UInt32.max) else {
            throw .malformed(instruction: Int(UInt32.max), reason: "more slots than 32-bit indices reach")
        }
        for (i, ins) in instructions.enumerated() {
            try Self.check(ins, at: i, inputCount: inputCount, constants: constants.count)
        }
        for o in outputs where !(0..<instructions.count).contains(o) {
            throw .malformed(instruction: instructions.count, reason: "output slot \(o) does not exist")
        }
        guard sources.isEmpty || sources.count == instructions.count else {
            throw .malformed(instruction: 0, reason: "\(sources.count) sources for \(instructions.count) instructions")
        }
        self.init(unchecked: inputCount, TapeCode(flat: instructions), constants, outputs, sources.isEmpty ? nil : SourceList(sources))
    }

    /// A tape whose invariants the builder has already established.
    init(
        unchecked inputCount: Int, _ code: TapeCode, _ constants: [Rational], _ outputs: [Int],
        _ sourceMap: (any TapeSourceMap)?
    ) {
        self.inputCount = inputCount
        self.code = code
        self.count = code.count
        self.constants = constants
        self.outputs = outputs
        self.sourceMap = sourceMap
        self.planCache = SweepPlanCache()
    }

    /// The number of slots (= instructions).
    public let count: Int

    /// The number of outputs m.
    @inlinable public var outputCount: Int { outputs.count }

    /// The source subexpression of instruction `i`, when known.
    public func source(of i: Int) -> String? { sourceMap?.source(of: i) }

    /// Wraps a scalar error at instruction `i` with its source.
    @usableFromInline
    func error(_ e: ScalarError, at i: Int) -> TapeError { .domain(e, instruction: i, source: source(of: i)) }

    @usableFromInline
    func guardError(at i: Int) -> TapeError { .guardViolated(instruction: i, source: source(of: i)) }

    @usableFromInline
    func checkDimension(_ what: String, _ actual: Int, _ expected: Int) throws(TapeError) {
        if actual != expected { throw .dimensionMismatch(what: what, expected: expected, actual: actual) }
    }
}

extension Tape: CustomStringConvertible {
    /// The instruction list in the worked example's notation: `[x0, x1, mul(0,1), sin(0), add(2,3)]`.
    public var description: String {
        "[" + instructions.map { describe($0) }.joined(separator: ", ") + "]"
    }

    /// One instruction in that notation (`"mulc(4,100)"`: slot 4 times the constant 100).
    public func describe(_ ins: Instruction) -> String {
        let a = ins.a
        let b = ins.b
        let k = Int(ins.payload)
        func c() -> String { constants.indices.contains(k) ? constants[k].description : "c\(k)" }
        switch ins.opcode {
        case .input: return "x\(k)"
        case .constant: return c()
        case .add: return "add(\(a),\(b))"
        case .subtract: return "sub(\(a),\(b))"
        case .multiply: return "mul(\(a),\(b))"
        case .divide: return "div(\(a),\(b))"
        case .negate: return "neg(\(a))"
        case .addConstant: return "addc(\(a),\(c()))"
        case .subtractFromConstant: return "rsubc(\(a),\(c()))"
        case .multiplyConstant: return "mulc(\(a),\(c()))"
        case .square: return "sq(\(a))"
        case .reciprocal: return "recip(\(a))"
        case .powerInteger: return "powi(\(a),\(k))"
        case .powerConstant: return "powc(\(a),\(c()))"
        case .power: return "pow(\(a),\(b))"
        case .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs:
            return "\(ins.opcode)(\(a))"
        case .branchGuard:
            let (relation, expected) = ins.guardCondition
            let symbol: String
            switch relation {
            case .less: symbol = expected ? "<" : "≥"
            case .lessOrEqual: symbol = expected ? "≤" : ">"
            case .equal: symbol = expected ? "=" : "≠"
            }
            return "guard(\(a)\(symbol)\(b))"
        }
    }
}

/// The source text of a tape's instructions, for error messages; computed only when an
/// error is reported (printing every subexpression up front would cost more than the tape).
public protocol TapeSourceMap: Sendable {
    /// The printed subexpression that instruction `i` computes, or nil.
    func source(of i: Int) -> String?
}

/// Sources given as one string per instruction.
struct SourceList: TapeSourceMap {
    let sources: [String]
    init(_ sources: [String]) { self.sources = sources }
    func source(of i: Int) -> String? { sources.indices.contains(i) ? sources[i] : nil }
}

/// Appends instructions to a tape under construction, interning constants (one entry per
/// distinct value) and constant slots. Used by the recorder and the expression compiler.
struct TapeBuilder {
    private(set) var instructions: [Instruction] = []
    private(set) var constants: [Rational] = []
    private var constantIndex: [Rational: Int32] = [:]
    private var constantSlot: [Rational: Int] = [:]
    let inputCount: Int

    init(inputCount: Int) {
        self.inputCount = inputCount
        for k in 0..<inputCount { _ = append(Instruction(.input, payload: Int32(k))) }
    }

    /// The index of `value` in the constant table, adding it once.
    mutating func constant(_ value: Rational) -> Int32 {
        if let k = constantIndex[value] { return k }
        let k = Int32(constants.count)
        constants.append(value)
        constantIndex[value] = k
        return k
    }

    /// A slot holding `value` (one `constant` instruction per distinct value).
    mutating func slot(for value: Rational) -> Int {
        if let s = constantSlot[value] { return s }
        let k = constant(value)
        let s = append(Instruction(.constant, payload: k))
        constantSlot[value] = s
        return s
    }

    /// Appends `ins`, returning its slot.
    mutating func append(_ ins: Instruction) -> Int {
        instructions.append(ins)
        return instructions.count - 1
    }

    func tape(outputs: [Int], sourceMap: (any TapeSourceMap)? = nil) -> Tape {
        Tape(unchecked: inputCount, TapeCode(flat: instructions), constants, outputs, sourceMap)
    }
}
