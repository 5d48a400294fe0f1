import Exact

// One step of a tape: a fixed-size record, 16 bytes, no pointers.
//
// Layout (checked by a test with MemoryLayout):
//
//     offset  0  opcode   UInt8   (3 bytes of padding follow)
//     offset  4  a        UInt32  first operand: the slot (= instruction index) it reads
//     offset  8  b        UInt32  second operand slot (binary ops and guards; else = a)
//     offset 12  payload  Int32   constant index, input index, integer exponent, or guard bits
//
// A flat array of these is what the sweeps walk: no object per node, no closure, no
// existential, so the Double sweeps compile to one tight switch over contiguous memory.

/// The operation of one tape instruction.
///
/// Every case is handled by exhaustive switches (no `default:`), so a new opcode does not
/// compile until the evaluator and the table of local partials both know it.
public enum Opcode: UInt8, Sendable, CaseIterable {
    /// vᵢ = xₖ, k = payload: the k-th input.
    case input
    /// vᵢ = cₖ, k = payload: a constant from the tape's side table.
    case constant
    /// vᵢ = v_a + v_b.
    case add
    /// vᵢ = v_a − v_b.
    case subtract
    /// vᵢ = v_a · v_b.
    case multiply
    /// vᵢ = v_a / v_b.
    case divide
    /// vᵢ = −v_a.
    case negate
    /// vᵢ = v_a + cₖ.
    case addConstant
    /// vᵢ = cₖ − v_a.
    case subtractFromConstant
    /// vᵢ = cₖ · v_a.
    case multiplyConstant
    /// vᵢ = v_a².
    case square
    /// vᵢ = 1 / v_a.
    case reciprocal
    /// vᵢ = v_aⁿ, n = payload (any Int32; negative powers divide).
    case powerInteger
    /// vᵢ = v_a^cₖ for a rational constant exponent cₖ (exact where v_a is a perfect power).
    case powerConstant
    /// vᵢ = v_a^v_b, both varying; defined for v_a > 0.
    case power
    case sin, cos, tan, exp, log, sqrt, atan, asin, acos, sinh, cosh, tanh, abs
    /// A recorded branch: checks that `relation(v_a, v_b)` still has the recorded outcome.
    /// Its slot holds zero and carries no derivative.
    case branchGuard
}

/// What the sweeps may assume of each opcode, in one place beside the table (the sweep
/// plan and the code generator read these instead of switching over opcodes themselves).
extension Opcode {
    /// Whether the value is defined for every finite operand (no domain error is possible):
    /// the ring operations. Division, powers and the elementary functions may fail.
    ///
    ///     Opcode.multiply.isTotal   // true
    ///     Opcode.log.isTotal        // false
    @inlinable
    public var isTotal: Bool {
        switch self {
        case .input, .constant, .add, .subtract, .multiply, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant, .square:
            true
        case .divide, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
            .asin, .acos, .sinh, .cosh, .tanh, .abs, .branchGuard:
            false
        }
    }

    /// What the reverse rule reads: the operands' values, and the instruction's own value
    /// (exp, sqrt, … reuse it). Linear opcodes read neither.
    ///
    ///     Opcode.exp.reverseReads   // (operands: true, own: true)
    @inlinable
    public var reverseReads: (operands: Bool, own: Bool) {
        switch self {
        case .input, .constant, .branchGuard, .add, .subtract, .negate, .addConstant, .subtractFromConstant,
            .multiplyConstant:
            (false, false)
        case .square, .multiply: (true, false)
        case .divide, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan,
            .asin, .acos, .sinh, .cosh, .tanh, .abs:
            (true, true)
        }
    }

    /// Whether the reverse rule's contribution to each operand is a closed form the sweep
    /// plan can write without reading the adjoint it adds to (so an operand with no other
    /// contribution can be assigned instead of cleared and added).
    ///
    ///     Opcode.add.reverseCanAssign   // true
    @inlinable
    public var reverseCanAssign: Bool {
        switch self {
        case .add, .subtract, .negate, .addConstant, .subtractFromConstant, .multiplyConstant, .square, .multiply: true
        case .input, .constant, .branchGuard, .divide, .reciprocal, .powerInteger, .powerConstant, .power, .sin, .cos,
            .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs:
            false
        }
    }
}

/// The elementary functions a tape can apply, in the order the CLI reference lists them.
public enum UnaryFunction: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case sin, cos, tan, exp, log, sqrt, atan, asin, acos, sinh, cosh, tanh, abs

    /// The function's name as the parser spells it (`"sin"`).
    public var description: String {
        switch self {
        case .sin: "sin"
        case .cos: "cos"
        case .tan: "tan"
        case .exp: "exp"
        case .log: "log"
        case .sqrt: "sqrt"
        case .atan: "atan"
        case .asin: "asin"
        case .acos: "acos"
        case .sinh: "sinh"
        case .cosh: "cosh"
        case .tanh: "tanh"
        case .abs: "abs"
        }
    }

    /// The opcode that applies this function.
    public var opcode: Opcode {
        switch self {
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .exp: .exp
        case .log: .log
        case .sqrt: .sqrt
        case .atan: .atan
        case .asin: .asin
        case .acos: .acos
        case .sinh: .sinh
        case .cosh: .cosh
        case .tanh: .tanh
        case .abs: .abs
        }
    }
}

/// The relation a branch guard checks: `a < b`, `a ≤ b` or `a = b`. (`>`, `≥`, `≠` are
/// recorded by swapping operands or expecting `false`.)
public enum GuardRelation: UInt8, Sendable, CaseIterable {
    case less, lessOrEqual, equal

    /// Whether `a relation b`, given the sign of a − b (−1, 0 or 1).
    @inlinable
    public func holds(sign: Int) -> Bool {
        switch self {
        case .less: sign < 0
        case .lessOrEqual: sign <= 0
        case .equal: sign == 0
        }
    }
}

/// One tape instruction: an opcode, up to two operand slots, and a payload.
///
///     Instruction(.multiply, 0, 1)   // v = v₀ · v₁
///
/// Operands always name earlier slots (a tape checks this when it is built), so a single
/// pass in index order evaluates everything and a single pass backwards accumulates adjoints.
@frozen
public struct Instruction: Hashable, Sendable {
    /// The operation.
    public var opcode: Opcode
    /// The first operand's slot.
    public var a: UInt32
    /// The second operand's slot (equal to `a` for instructions with one operand).
    public var b: UInt32
    /// Constant index (`constant`, `addConstant`, …), input index (`input`), exponent
    /// (`powerInteger`) or guard bits (`branchGuard`); 0 when unused.
    public var payload: Int32

    /// An instruction; `b` defaults to `a` for instructions with one operand.
    @inlinable
    public init(_ opcode: Opcode, _ a: Int = 0, _ b: Int? = nil, payload: Int32 = 0) {
        self.opcode = opcode
        self.a = UInt32(truncatingIfNeeded: a)
        self.b = UInt32(truncatingIfNeeded: b ?? a)
        self.payload = payload
    }

    /// The guard bits: relation in bits 0–1, the recorded outcome in bit 2.
    @inlinable
    static func guardPayload(_ relation: GuardRelation, expected: Bool) -> Int32 {
        Int32(relation.rawValue) | (expected ? 4 : 0)
    }

    /// For a `branchGuard`: the relation checked and the outcome recorded.
    @inlinable
    public var guardCondition: (relation: GuardRelation, expected: Bool) {
        (GuardRelation(rawValue: UInt8(payload & 3)) ?? .equal, payload & 4 != 0)
    }

    /// How many operand slots the opcode reads (0, 1 or 2).
    @inlinable
    public var operandCount: Int {
        switch opcode {
        case .input, .constant: 0
        case .add, .subtract, .multiply, .divide, .power, .branchGuard: 2
        case .negate, .addConstant, .subtractFromConstant, .multiplyConstant, .square, .reciprocal,
            .powerInteger, .powerConstant, .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos,
            .sinh, .cosh, .tanh, .abs:
            1
        }
    }

    /// Whether the payload indexes the constant table.
    @inlinable
    public var usesConstant: Bool {
        switch opcode {
        case .constant, .addConstant, .subtractFromConstant, .multiplyConstant, .powerConstant: true
        case .input, .add, .subtract, .multiply, .divide, .negate, .square, .reciprocal, .powerInteger,
            .power, .sin, .cos, .tan, .exp, .log, .sqrt, .atan, .asin, .acos, .sinh, .cosh, .tanh, .abs,
            .branchGuard:
            false
        }
    }

    /// The elementary function applied, for the opcodes that apply one.
    @inlinable
    public var function: UnaryFunction? {
        switch opcode {
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .exp: .exp
        case .log: .log
        case .sqrt: .sqrt
        case .atan: .atan
        case .asin: .asin
        case .acos: .acos
        case .sinh: .sinh
        case .cosh: .cosh
        case .tanh: .tanh
        case .abs: .abs
        case .input, .constant, .add, .subtract, .multiply, .divide, .negate, .addConstant,
            .subtractFromConstant, .multiplyConstant, .square, .reciprocal, .powerInteger, .powerConstant,
            .power, .branchGuard:
            nil
        }
    }
}
