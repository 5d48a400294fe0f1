import AutoDiff
import Exact

// Forward mode as a program transformation (Griewank & Walther, ch. 3): every statement
// gets a companion that computes its tangent, ẏ = Σ ∂y/∂u · u̇, from the tangents of what it
// reads. Applied to f's code it gives J·v (JVP); applied to the gradient code, which is
// itself straight-line code with loops, it gives the derivative of the gradient in the
// direction v, that is H·v (forward-over-reverse, as the tape's dual-number sweep does).
//
// The rules below are the generator's own (it emits code; it does not evaluate): each is
// the textbook derivative of one operation, written once.

struct TangentTransform {
    /// The tangent array of each array that varies (x → v, …); arrays not listed are constant.
    let arrays: [String: String]
    /// Arrays whose primal writes are dropped (the result is only the tangent).
    let dropPrimal: Set<String>
    /// How many tangents each value carries (several directions share one primal pass);
    /// direction k of array `a` lives at offset k·`blocks[a]` of its tangent array.
    let directions: Int
    let blocks: [String: Int]
    /// Arrays whose tangents are colour seeds (array → its colours): the tangent of element
    /// i in direction k is 1 where colours[i] = k, else 0 (`Term.indicator`).
    let seeded: [String: String]
    /// Arrays whose tangent directions are interleaved: direction k of element i at
    /// directions·i + k (one cache line holds every direction of an element).
    let interleaved: Set<String>
    private var varying: Set<String> = []
    private var fresh = 0

    init(
        arrays: [String: String], dropPrimal: Set<String> = [], directions: Int = 1, blocks: [String: Int] = [:],
        seeded: [String: String] = [:], interleaved: Set<String> = []
    ) {
        self.arrays = arrays
        self.dropPrimal = dropPrimal
        self.directions = directions
        self.blocks = blocks
        self.seeded = seeded
        self.interleaved = interleaved
    }

    static func tangentName(_ n: String, _ k: Int = 0) -> String { k == 0 ? n + "_d" : n + "_d\(k)" }

    /// Direction k's element of the tangent array of `a`.
    private func tangentElement(_ a: String, _ i: Index, _ k: Int) -> Term? {
        if let colours = seeded[a] { return .indicator(colours, i, k) }
        guard let t = arrays[a] else { return nil }
        if interleaved.contains(a) {
            return .element(t, Index(base: i.base * directions + k, stride: i.stride * directions))
        }
        return .element(t, Index(base: i.base + k * (blocks[a] ?? 0), stride: i.stride))
    }

    /// The tangent code of `body` (primal statements kept, each followed by its tangent).
    mutating func transform(_ body: [Statement]) -> [Statement] {
        findVarying(body)
        var out: [Statement] = []
        for s in body { out += transform(s) }
        return out
    }

    /// The locals whose tangent can be nonzero: a fixpoint over every definition and
    /// assignment (order ignored, so loop-carried variables are covered). A local that only
    /// ever holds constants, like the adjoint seed 1 and the adjoints of a plain sum, gets
    /// no tangent, and the terms it would feed fold away.
    private mutating func findVarying(_ body: [Statement]) {
        var changed = true
        func visit(_ body: [Statement]) {
            for s in body {
                switch s {
                case .define(let n, let t), .variable(let n, let t), .assign(.local(let n), let t), .accumulate(.local(let n), let t):
                    if !varying.contains(n) && !tangent(t, result: .local(n)).isZero {
                        varying.insert(n)
                        changed = true
                    }
                case .assign, .accumulate, .clear, .require: break
                case .loop(_, _, let b), .when(_, let b): visit(b)
                }
            }
        }
        while changed {
            changed = false
            visit(body)
        }
    }

    private mutating func temporary(_ t: Term, _ out: inout [Statement]) -> Term {
        if t.isAtom { return t }
        fresh += 1
        let name = "s\(fresh)"
        out += transform(.define(name, t))
        return .local(name)
    }

    private func tangentPlace(_ p: Place, _ k: Int) -> Place? {
        switch p {
        case .local(let n): return varying.contains(n) ? .local(Self.tangentName(n, k)) : nil
        case .element(let a, let i):
            guard case .element(let b, let j)? = tangentElement(a, i, k) else { return nil }
            return .element(b, j)
        }
    }

    private func dropped(_ p: Place) -> Bool {
        if case .element(let a, _) = p { return dropPrimal.contains(a) }
        return false
    }

    mutating func transform(_ s: Statement) -> [Statement] {
        switch s {
        case .define(let n, let t):
            var out: [Statement] = [.define(n, t)]
            for k in 0..<directions {
                let d = tangent(t, result: .local(n), k)
                if !d.isZero {
                    varying.insert(n)  // temporaries made during the transform are new names
                    out.append(.define(Self.tangentName(n, k), d))
                }
            }
            return out
        case .variable(let n, let t):
            guard varying.contains(n) else { return [s] }
            return [.variable(n, t)] + (0..<directions).map { .variable(Self.tangentName(n, $0), tangent(t, result: .local(n), $0)) }
        case .assign(let p, let t0), .accumulate(let p, let t0):
            var out: [Statement] = []
            let t = temporary(t0, &out)
            let isAssign: Bool
            if case .assign = s { isAssign = true } else { isAssign = false }
            if !dropped(p) { out.append(isAssign ? .assign(p, t) : .accumulate(p, t)) }
            for k in 0..<directions {
                let d = tangent(t, result: t, k)
                if let tp = tangentPlace(p, k), isAssign || !d.isZero {
                    out.append(isAssign ? .assign(tp, d) : .accumulate(tp, d))
                }
            }
            return out
        case .clear(let a, let r):
            var out: [Statement] = []
            if !dropPrimal.contains(a) { out.append(.clear(a, r)) }
            if let ta = arrays[a], seeded[a] == nil {
                if interleaved.contains(a) {
                    out.append(.clear(ta, (r.lowerBound * directions)..<(r.upperBound * directions)))
                } else {
                    let block = blocks[a] ?? 0
                    for k in 0..<directions { out.append(.clear(ta, (r.lowerBound + k * block)..<(r.upperBound + k * block))) }
                }
            }
            return out
        case .require:
            return [s]
        case .loop(let count, let descending, let body):
            return [.loop(count: count, descending: descending, body: transform(body))]
        case .when(let indices, let body):
            return [.when(indices: indices, body: transform(body))]
        }
    }

    /// The tangent of `t` in direction k; `result` is a term holding t's value, where there is one.
    func tangent(_ t: Term, result: Term? = nil, _ k: Int = 0) -> Term {
        Self.derivative(t, result: result) { leaf in
            switch leaf {
            case .local(let n): varying.contains(n) ? .local(Self.tangentName(n, k)) : .zero
            case .element(let a, let i): tangentElement(a, i, k) ?? .zero
            case .number, .indicator, .add, .subtract, .multiply, .divide, .negate, .powerInteger, .powerRational, .power, .call:
                .zero
            }
        }
    }

    /// The directional derivative of `t` when each leaf (local or element) moves by
    /// `leaf(it)`: the generator's one table of derivative rules, used for tangents (JVP,
    /// H·v) and, with one operand seeded by the adjoint, for the partials of adjoint code.
    static func derivative(_ t: Term, result: Term? = nil, leaf: (Term) -> Term) -> Term {
        let r = result ?? t
        func d(_ u: Term) -> Term { derivative(u, leaf: leaf) }
        switch t {
        case .number, .indicator: return .zero
        case .local, .element: return leaf(t)
        case .add(let a, let b): return d(a) + d(b)
        case .subtract(let a, let b): return d(a) - d(b)
        case .multiply(let a, let b): return d(a) * b + a * d(b)
        case .divide(let a, let b):
            let (da, db) = (d(a), d(b))
            if db.isZero { return da / b }
            return (da - r * db) / b
        case .negate(let a): return -d(a)
        case .powerInteger(let a, let n):
            let da = d(a)
            if n == 0 || da.isZero { return .zero }
            let lower: Term = n == 1 ? .one : n == 2 ? a : .powerInteger(a, n - 1)
            return .number(Rational(n)) * lower * da
        case .powerRational(let a, let c):
            let da = d(a)
            if da.isZero { return .zero }
            let e = c - .one
            let lower: Term = e.isInteger ? .powerInteger(a, Int(exactly: e.numerator) ?? 0) : .powerRational(a, e)
            return .number(c) * lower * da
        case .power(let a, let b):
            let (da, db) = (d(a), d(b))
            var result = Term.zero
            if !da.isZero { result = b * .power(a, b - .one) * da }
            if !db.isZero { result = result + r * .call(.log, a) * db }
            return result
        case .call(let f, let a):
            let da = d(a)
            if da.isZero { return .zero }
            switch f {
            case .sin: return .call(.cos, a) * da
            case .cos: return -(.call(.sin, a) * da)
            case .tan: return (.one + r * r) * da
            case .exp: return r * da
            case .log: return da / a
            case .sqrt: return da / (r + r)
            case .atan: return da / (.one + a * a)
            case .asin: return da / .call(.sqrt, .one - a * a)
            case .acos: return -(da / .call(.sqrt, .one - a * a))
            case .sinh: return .call(.cosh, a) * da
            case .cosh: return .call(.sinh, a) * da
            case .tanh: return (.one - r * r) * da
            case .abs: return (r / a) * da
            }
        }
    }
}
