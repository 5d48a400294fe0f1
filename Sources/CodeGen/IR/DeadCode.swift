// Dead-code elimination over generated statements: a local that nothing reads is not
// computed (the adjoint pass's liveness is per slot; this removes what it over-approximates,
// and the tangent transform's unused primal temporaries), so the C output is clean under
// -Wall -Wextra -Werror (no unused variables) and does no wasted work.

enum DeadCode {
    static func eliminate(_ body: [Statement]) -> [Statement] {
        var current = body
        while true {
            var read: Set<String> = []
            collectReads(current, into: &read)
            let next = prune(current, read)
            if count(next) == count(current) { return next }
            current = next
        }
    }

    private static func count(_ body: [Statement]) -> Int {
        body.reduce(0) { n, s in
            switch s {
            case .loop(_, _, let b), .when(_, let b): n + 1 + count(b)
            case .define, .variable, .assign, .accumulate, .clear, .require: n + 1
            }
        }
    }

    private static func prune(_ body: [Statement], _ read: Set<String>) -> [Statement] {
        var out: [Statement] = []
        for s in body {
            switch s {
            case .define(let n, _), .variable(let n, _):
                if read.contains(n) { out.append(s) }
            case .assign(.local(let n), _), .accumulate(.local(let n), _):
                if read.contains(n) { out.append(s) }
            case .assign, .accumulate, .clear, .require:
                out.append(s)
            case .loop(let c, let d, let b):
                let inner = prune(b, read)
                if !inner.isEmpty { out.append(.loop(count: c, descending: d, body: inner)) }
            case .when(let i, let b):
                let inner = prune(b, read)
                if !inner.isEmpty { out.append(.when(indices: i, body: inner)) }
            }
        }
        return out
    }

    /// Locals read by any statement (a local's own accumulation does not count as a read).
    static func collectReads(_ body: [Statement], into read: inout Set<String>) {
        for s in body {
            switch s {
            case .define(_, let t), .variable(_, let t), .assign(.local, let t), .accumulate(.local, let t):
                t.collectLocals(into: &read)
            case .assign(.element(_, _), let t), .accumulate(.element(_, _), let t):
                t.collectLocals(into: &read)
            case .clear: break
            case .require(let r, _): r.collectLocals(into: &read)
            case .loop(_, _, let b), .when(_, let b): collectReads(b, into: &read)
            }
        }
    }
}

extension Term {
    func collectLocals(into set: inout Set<String>) {
        switch self {
        case .number, .element, .indicator: break
        case .local(let n): set.insert(n)
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b), .power(let a, let b):
            a.collectLocals(into: &set)
            b.collectLocals(into: &set)
        case .negate(let a), .powerInteger(let a, _), .powerRational(let a, _), .call(_, let a):
            a.collectLocals(into: &set)
        }
    }

    /// The arrays the term reads.
    func collectArrays(into set: inout Set<String>) {
        switch self {
        case .number, .local: break
        case .element(let a, _), .indicator(let a, _, _): set.insert(a)
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b), .power(let a, let b):
            a.collectArrays(into: &set)
            b.collectArrays(into: &set)
        case .negate(let a), .powerInteger(let a, _), .powerRational(let a, _), .call(_, let a):
            a.collectArrays(into: &set)
        }
    }
}

extension Requirement {
    var terms: [Term] {
        switch self {
        case .nonzero(let a), .positive(let a), .nonnegative(let a), .unitInterval(let a): [a]
        case .powerDefined(let a, let b), .branch(_, _, let a, let b): [a, b]
        case .unlessZero(let w, let r): [w] + r.terms
        }
    }

    func collectLocals(into set: inout Set<String>) { for t in terms { t.collectLocals(into: &set) } }
}

/// The arrays statements read or write (to decide what scratch memory a kernel needs).
func arraysUsed(_ body: [Statement]) -> Set<String> {
    var set: Set<String> = []
    func walk(_ body: [Statement]) {
        for s in body {
            switch s {
            case .define(_, let t), .variable(_, let t), .assign(.local, let t), .accumulate(.local, let t):
                t.collectArrays(into: &set)
            case .assign(.element(let a, _), let t), .accumulate(.element(let a, _), let t):
                set.insert(a)
                t.collectArrays(into: &set)
            case .clear(let a, _): set.insert(a)
            case .require(let r, _): for t in r.terms { t.collectArrays(into: &set) }
            case .loop(_, _, let b), .when(_, let b): walk(b)
            }
        }
    }
    walk(body)
    return set
}
