// Static questions about a loop or sum body, answered from its syntax alone.

enum Analysis {
    /// Whether every repetition of `body` over `index` emits the same instructions up to
    /// fixed strides: no nested loop or sum, every index position affine in `index`
    /// (degree ≤ 1), no integer exponent that depends on `index`, and no entry of an
    /// intermediate vector read (its slot could be anywhere).
    static func isStampable(_ body: [Statement], index: String) -> Bool {
        body.allSatisfy { s in
            switch s {
            case .assign(_, let i, let v, _):
                return (i.map { degree($0, index) <= 1 } ?? true) && isStampable(v, index: index)
            case .loop, .param, .input, .output: return false
            }
        }
    }

    static func isStampable(_ node: Node, index: String) -> Bool {
        switch node {
        case .number, .name: return true
        case .element(_, let i, _): return degree(i, index) <= 1
        case .negate(let u, _), .call(_, let u, _): return isStampable(u, index: index)
        case .binary(let op, let a, let b, _):
            if op == .power && isIntegerExpression(b) && mentions(b, index) { return false }
            return isStampable(a, index: index) && isStampable(b, index: index)
        case .reduction: return false
        }
    }

    /// Whether `node` reads an entry of a vector for which `isIntermediate` holds.
    static func readsVector(_ node: Node, _ isIntermediate: (String) -> Bool) -> Bool {
        switch node {
        case .number, .name: return false
        case .element(let s, _, _): return isIntermediate(s)
        case .negate(let u, _), .call(_, let u, _): return readsVector(u, isIntermediate)
        case .binary(_, let a, let b, _): return readsVector(a, isIntermediate) || readsVector(b, isIntermediate)
        case .reduction(_, _, _, _, let body, _): return readsVector(body, isIntermediate)
        }
    }

    /// The degree of an index expression in `index` (+ − ×: a polynomial).
    static func degree(_ node: Node, _ index: String) -> Int {
        switch node {
        case .number: return 0
        case .name(let s, _): return s == index ? 1 : 0
        case .negate(let u, _): return degree(u, index)
        case .binary(let op, let a, let b, _):
            switch op {
            case .add, .subtract: return max(degree(a, index), degree(b, index))
            case .multiply: return degree(a, index) + degree(b, index)
            case .divide, .power: return 2
            }
        case .element, .call, .reduction: return 2
        }
    }

    static func mentions(_ node: Node, _ name: String) -> Bool {
        switch node {
        case .number: return false
        case .name(let s, _): return s == name
        case .element(let s, let i, _): return s == name || mentions(i, name)
        case .negate(let u, _), .call(_, let u, _): return mentions(u, name)
        case .binary(_, let a, let b, _): return mentions(a, name) || mentions(b, name)
        case .reduction(_, let i, let from, let to, let body, _):
            return mentions(from, name) || mentions(to, name) || (i != name && mentions(body, name))
        }
    }

    /// An integer known when compiling: integers, names (parameters and loop indices, as
    /// the checker guarantees for index positions) under + − ×. Used for exponents, so that
    /// `x^(n-1)` and `x^i` are integer powers. Names of values fail the check below.
    static func isIntegerExpression(_ node: Node, isInteger: (String) -> Bool = { _ in true }) -> Bool {
        switch node {
        case .number(let r, _): return r.isInteger
        case .name(let s, _): return isInteger(s)
        case .negate(let u, _): return isIntegerExpression(u, isInteger: isInteger)
        case .binary(let op, let a, let b, _):
            switch op {
            case .add, .subtract, .multiply:
                return isIntegerExpression(a, isInteger: isInteger) && isIntegerExpression(b, isInteger: isInteger)
            case .divide, .power: return false
            }
        case .element, .call, .reduction: return false
        }
    }

    /// Whether `index` appears in a value position of the body (not inside an index or an
    /// integer exponent): then its value needs a slot.
    static func usesAsValue(_ index: String, _ body: [Statement]) -> Bool {
        body.contains { s in
            switch s {
            case .assign(_, _, let v, _): return usesAsValue(index, v)
            case .loop(let i, _, _, let inner, _): return i != index && usesAsValue(index, inner)
            case .param, .input, .output: return false
            }
        }
    }

    static func usesAsValue(_ index: String, _ node: Node) -> Bool {
        switch node {
        case .number, .element: return false
        case .name(let s, _): return s == index
        case .negate(let u, _), .call(_, let u, _): return usesAsValue(index, u)
        case .binary(let op, let a, let b, _):
            if op == .power && isIntegerExpression(b) { return usesAsValue(index, a) }
            return usesAsValue(index, a) || usesAsValue(index, b)
        case .reduction(_, let i, _, _, let body, _): return i != index && usesAsValue(index, body)
        }
    }

    /// The scalar names a body assigns (at any depth).
    static func assignedScalars(_ body: [Statement]) -> [String] {
        var out: [String] = []
        for s in body {
            switch s {
            case .assign(let name, nil, _, _): out.append(name)
            case .loop(_, _, _, let inner, _): out += assignedScalars(inner)
            case .assign, .param, .input, .output: break
            }
        }
        return out
    }
}
