import AutoDiff
import Exact

// Expressions to instructions. Constants fold exactly (`2/3` is one constant; an undefined
// constant such as `1/0` is an error at its column); a constant operand selects the
// instruction with a constant (`addc`, `rsubc`, `mulc`, `powi`, `powc`), as the recorder does.
// The choices depend only on the syntax and on which names hold constants, never on
// the loop indices' values: that is what lets a loop body be emitted once and repeated.

extension Lowering {
    /// The value of `node`. The cases live in their own functions, so that this frame, on
    /// the stack once per level of the syntax tree, stays small (ProgramLimits.maximumDepth).
    mutating func value(_ node: Node) throws(ProgramError) -> Value {
        steps += 1
        if steps & 0xFFF == 0 { try checkLimits(at: node.location) }
        switch node {
        case .number(let r, _): return .constant(r)
        case .name(let s, let l): return try named(s, at: l)
        case .element(let s, let indexNode, let l): return try element(s, indexNode, at: l)
        case .negate(let u, _): return negated(try value(u))
        case .binary(let op, let a, let b, let l): return try binary(op, a, b, at: l)
        case .call(let f, let u, _): return called(f, try value(u))
        case .reduction(let kind, let name, let from, let to, let body, let l):
            return try reduction(kind, name, from, to, body, at: l)
        }
    }

    @inline(never)
    mutating func named(_ s: String, at l: SourceLocation) throws(ProgramError) -> Value {
        if let slot = indexSlots[s] { return .slot(slot) }
        if let v = integers[s] { return .constant(Rational(v)) }
        if let v = scalars[s] { return v }
        if let (offset, length) = inputs[s], length == nil { return .slot(offset) }
        throw error("'\(s)' has no value here (it is assigned only in a loop that ran 0 times)", at: l)
    }

    @inline(never)
    mutating func element(_ s: String, _ indexNode: Node, at l: SourceLocation) throws(ProgramError) -> Value {
        let k = try index(indexNode)
        if let (offset, length) = inputs[s], let length {
            guard k >= 1 && k <= length else {
                throw error("index \(k) out of range for '\(s)' (1..\(length))", at: indexNode.start)
            }
            return .slot(offset + k - 1)
        }
        guard let v = vectors[s]?[k] else { throw error("'\(s)[\(k)]' has not been assigned", at: l) }
        return v
    }

    @inline(never)
    mutating func negated(_ v: Value) -> Value {
        switch v {
        case .constant(let r): return .constant(-r)
        case .slot(let a): return .slot(emit(Instruction(.negate, a)))
        }
    }

    @inline(never)
    mutating func called(_ f: UnaryFunction, _ v: Value) -> Value {
        let a = slot(v)
        return .slot(emit(Instruction(f.opcode, a)))
    }

    @inline(never)
    mutating func binary(_ op: BinaryOperator, _ a: Node, _ b: Node, at l: SourceLocation) throws(ProgramError) -> Value {
        if op == .power, Analysis.isIntegerExpression(b, isInteger: { integers[$0] != nil }) {
            return try power(try value(a), exponent: try index(b), at: l)
        }
        return try binary(op, try value(a), try value(b), at: l)
    }

    @inline(never)
    mutating func reduction(
        _ kind: ReductionKind, _ name: String, _ from: Node, _ to: Node, _ body: Node, at l: SourceLocation
    ) throws(ProgramError) -> Value {
        let (a, b) = try range(from, to, at: l)
        let identity: Rational = kind == .sum ? .zero : .one
        if b < a { return .constant(identity) }
        // The running value starts as a constant slot, so every term is the same `add`
        // (or `mul`): one block, as a recorded `s = s + t` loop gives.
        accumulators.append(emit(Instruction(.constant, payload: constantPayload(identity))))
        try repeatBody(
            index: name, from: a, to: b, stampable: stampable(body, name),
            usesIndexValue: Analysis.usesAsValue(name, body), at: l
        ) { (me) throws(ProgramError) in
            let t = try me.value(body)
            let acc = me.accumulators[me.accumulators.count - 1]
            let next: Int
            switch (kind, t) {
            case (.sum, .slot(let s)): next = me.emit(Instruction(.add, acc, s))
            case (.sum, .constant(let c)): next = me.emit(Instruction(.addConstant, acc, payload: me.constantPayload(c)))
            case (.product, .slot(let s)): next = me.emit(Instruction(.multiply, acc, s))
            case (.product, .constant(let c)):
                next = me.emit(Instruction(.multiplyConstant, acc, payload: me.constantPayload(c)))
            }
            me.accumulators[me.accumulators.count - 1] = next
        }
        return .slot(accumulators.removeLast())
    }

    @inline(never)
    mutating func binary(_ op: BinaryOperator, _ x: Value, _ y: Value, at l: SourceLocation) throws(ProgramError) -> Value {
        switch (op, x, y) {
        case (.add, .constant(let c), .constant(let d)): return try fold(at: l) { () throws(ExactError) in try c.adding(d) }
        case (.add, .slot(let s), .constant(let c)), (.add, .constant(let c), .slot(let s)):
            return .slot(emit(Instruction(.addConstant, s, payload: constantPayload(c))))
        case (.add, .slot(let s), .slot(let t)): return .slot(emit(Instruction(.add, s, t)))
        case (.subtract, .constant(let c), .constant(let d)):
            return try fold(at: l) { () throws(ExactError) in try c.subtracting(d) }
        case (.subtract, .slot(let s), .constant(let c)):
            return .slot(emit(Instruction(.addConstant, s, payload: constantPayload(-c))))
        case (.subtract, .constant(let c), .slot(let s)):
            return .slot(emit(Instruction(.subtractFromConstant, s, payload: constantPayload(c))))
        case (.subtract, .slot(let s), .slot(let t)): return .slot(emit(Instruction(.subtract, s, t)))
        case (.multiply, .constant(let c), .constant(let d)):
            return try fold(at: l) { () throws(ExactError) in try c.multiplied(by: d) }
        case (.multiply, .slot(let s), .constant(let c)), (.multiply, .constant(let c), .slot(let s)):
            return .slot(emit(Instruction(.multiplyConstant, s, payload: constantPayload(c))))
        case (.multiply, .slot(let s), .slot(let t)):
            return .slot(emit(s == t ? Instruction(.square, s) : Instruction(.multiply, s, t)))
        case (.divide, _, .constant(let d)) where d.isZero:
            throw error("division by zero", at: l)
        case (.divide, .constant(let c), .constant(let d)):
            return try fold(at: l) { () throws(ExactError) in try c.dividing(by: d) }
        case (.divide, .slot(let s), .constant(let d)):
            return .slot(emit(Instruction(.multiplyConstant, s, payload: constantPayload(.one / d))))
        case (.divide, .constant(let c), .slot(let s)):
            let r = emit(Instruction(.reciprocal, s))
            return c == .one ? .slot(r) : .slot(emit(Instruction(.multiplyConstant, r, payload: constantPayload(c))))
        case (.divide, .slot(let s), .slot(let t)): return .slot(emit(Instruction(.divide, s, t)))
        case (.power, .slot(let s), .constant(let c)):
            if c.isInteger, let n = c.numerator.inlineValue { return try power(.slot(s), exponent: n, at: l) }
            if c == Rational(1, 2) { return .slot(emit(Instruction(.sqrt, s))) }
            return .slot(emit(Instruction(.powerConstant, s, payload: constantPayload(c))))
        case (.power, .constant(let c), .constant(let d)):
            if d.isInteger, let n = d.numerator.inlineValue { return try power(.constant(c), exponent: n, at: l) }
            let s = constantSlot(c)
            return try binary(.power, .slot(s), .constant(d), at: l)
        case (.power, .constant(let c), .slot(let t)): return .slot(emit(Instruction(.power, constantSlot(c), t)))
        case (.power, .slot(let s), .slot(let t)): return .slot(emit(Instruction(.power, s, t)))
        }
    }

    /// xⁿ for an integer n known when compiling.
    mutating func power(_ x: Value, exponent n: Int, at l: SourceLocation) throws(ProgramError) -> Value {
        switch x {
        case .constant(let c):
            if c.isZero && n < 0 { throw error("0^(\(n)) is undefined", at: l) }
            return try fold(at: l) { () throws(ExactError) in try c.power(n) }
        case .slot(let s):
            switch n {
            case 0: return .constant(.one)
            case 1: return .slot(s)
            case 2: return .slot(emit(Instruction(.square, s)))
            case -1: return .slot(emit(Instruction(.reciprocal, s)))
            default:
                guard let k = Int32(exactly: n) else { throw error("the exponent \(n) is too large", at: l) }
                return .slot(emit(Instruction(.powerInteger, s, payload: k)))
            }
        }
    }

    /// A constant folded exactly, size-checked: one result past `ExactLimits.maximumBitWidth`
    /// is an error, and so are large results (over 256 bits each) that add up past it, so
    /// that a loop folding a huge constant in every iteration stops early.
    mutating func fold(at l: SourceLocation, _ compute: () throws(ExactError) -> Rational) throws(ProgramError) -> Value {
        let r: Rational
        do {
            r = try compute()
        } catch {
            switch error {
            case .divisionByZero: throw self.error("division by zero", at: l)
            case .sizeLimitExceeded(_, let limit):
                throw self.error("a constant needs more than \(limit) bits (ExactLimits.maximumBitWidth)", at: l)
            }
        }
        let bits = r.bitWidth
        if bits > 256 {
            foldedBits += bits
            let limit = ExactLimits.maximumBitWidth
            if foldedBits > limit {
                throw error("the constants folded need more than \(limit) bits together (ExactLimits.maximumBitWidth)", at: l)
            }
        }
        return .constant(r)
    }
}
