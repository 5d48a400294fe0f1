import Exact

// The bridge between expressions and rational functions: every subexpression that is not
// built from + − × ÷ and integer powers (a call such as sin(x), a root x^(1/2), a power with
// a symbolic exponent x^y) is a *kernel*, a fresh variable of the polynomial ring
// (Cohen, "Computer Algebra and Symbolic Computation: Mathematical Methods", §6.3,
// "generalized rational expressions"; SymPy's `together`/`cancel` use the same idea).
//
// Roots share one kernel per base: with x^(1/2) and x^(3/2) and x present, the kernel is
// k = x^(1/2) and they become k, k³ and k², so k·k = x is seen by the polynomial arithmetic.

/// How `KernelMap` splits kernels before they become variables; each option is an identity.
struct KernelOptions: Hashable, Sendable {
    /// exp(a + b) = exp(a)·exp(b) and exp(n·a) = exp(a)ⁿ for integers n.
    var splitsExponentials = false
    /// tan(u) = sin(u)/cos(u), tanh(u) = sinh(u)/cosh(u).
    var rewritesTangents = false
    /// With k = B^(1/q): kᵐ = k^(m mod q)·B^⌊m/q⌋, so no root is left in a denominator
    /// (y·z/sqrt(x·y·z) = sqrt(x·y·z)/x).
    var rationalizesRoots = false
}

/// The kernels of one expression, numbered; converts Expr ↔ FactoredRationalFunction.
struct KernelMap {
    let options: KernelOptions
    /// The kernels in variable order (variable i is `kernels[i]`).
    private(set) var kernels: [Expr] = []
    private var index: [Expr: Int] = [:]
    /// For each base with a fractional exponent somewhere, the lcm q of the exponents'
    /// denominators: that base's kernel is base^(1/q).
    private var rootDegree: [Expr: Int] = [:]

    /// Collects the kernels of `roots`, so that each can then be converted.
    init(_ roots: [Expr], options: KernelOptions = KernelOptions()) {
        self.options = options
        var seen = Set<ObjectIdentifier>()
        var symbols = Set<Symbol>()
        var stack = roots
        var pending: [Expr] = []  // kernels, registered after the symbols and roots
        var degrees: [Expr: Int] = [:]
        func visitFactor(_ b: Expr, _ x: Expr) {
            var q = x.rationalValue
            if q == nil {
                let (rest, c) = KernelMap.splitConstant(x)
                pending.append(Expr.power(b, rest))
                q = c.isZero ? nil : c
            }
            guard let q else { return }
            if b.rationalValue != nil {
                // A number to a fractional power (sqrt(2)) is a kernel as it stands.
                if !q.isInteger { pending.append(Expr.power(b, Expr(q))) }
                return
            }
            if let d = Int(exactly: q.denominator), d > 1 { degrees[b] = lcm(degrees[b] ?? 1, d) }
            stack.append(b)
        }
        while let e = stack.popLast() {
            guard seen.insert(e.id).inserted else { continue }
            switch e.kind {
            case .number:
                break
            case .symbol(let s):
                symbols.insert(s)
            case .sum(_, let terms):
                for (t, _) in terms { stack.append(t) }
            case .product(_, let factors):
                for (b, x) in factors { visitFactor(b, x) }
            case .power(let b, let x):
                visitFactor(b, x)
            case .call(let f, let u):
                for k in KernelMap.split(f, u, options) { pending.append(k.kernel) }
            }
        }
        rootDegree = degrees
        // Symbols first, alphabetically, so that x − y (not y − x) is the normalised sign.
        for s in symbols.sorted() { register(Expr(s)) }
        for (b, q) in degrees.sorted(by: { $0.key.description < $1.key.description }) where q > 1 {
            register(Expr.power(b, Expr(Rational(1, q))))
        }
        for k in pending { register(k) }
    }

    private mutating func register(_ k: Expr) {
        if index[k] == nil {
            index[k] = kernels.count
            kernels.append(k)
        }
    }

    var variableCount: Int { kernels.count }

    /// Sums whose common-denominator numerator has at most this many terms are always
    /// combined (see `rationalFunction(_:termLimit:meter:gcdLimit:combiningGrowth:)`).
    static let combiningFloor = 64

    /// `true` when a root of something other than a symbol is a kernel ((x·y)^(1/2)).
    var hasCompositeRoots: Bool { rootDegree.contains { $0.value > 1 && $0.key.symbolValue == nil } }

    /// x = rest + c with c the rational constant of a sum (0 otherwise).
    static func splitConstant(_ x: Expr) -> (rest: Expr, constant: Rational) {
        if case .sum(let c, _) = x.kind, !c.isZero { return (x - Expr(c), c) }
        return (x, .zero)
    }

    /// f(u) as a product of kernel powers: itself, or exp(Σ kᵢ·tᵢ) = Π exp(tᵢ)^kᵢ (integer
    /// kᵢ), or tan(u) = sin(u)·cos(u)⁻¹, as the options ask.
    static func split(_ f: ElementaryFunction, _ u: Expr, _ options: KernelOptions) -> [(kernel: Expr, exponent: Int)] {
        let whole = Expr.call(f, u)
        switch f {
        case .exp where options.splitsExponentials:
            var parts: [(Expr, Int)] = []
            var rest: [Expr] = []
            func add(_ t: Expr, _ k: Rational) {
                if k.isInteger, let n = Int(exactly: k.numerator), abs(n) <= 16 {
                    parts.append((Expr.call(.exp, t), n))
                } else {
                    rest.append(t.scaled(by: k))
                }
            }
            switch u.kind {
            case .sum(_, let terms) where terms.count > 4:
                return [(whole, 1)]  // a kernel per summand would only grow the polynomials
            case .sum(let c, let terms):
                if !c.isZero { rest.append(Expr(c)) }
                for (t, k) in terms { add(t, k) }
            case .product(let c, let factors):
                add(Expr.product(factors.map { Expr.power($0.base, $0.exponent) }), c)
            default:
                return [(whole, 1)]
            }
            if !rest.isEmpty { parts.append((Expr.call(.exp, Expr.sum(rest)), 1)) }
            return parts
        case .tan where options.rewritesTangents:
            return [(Expr.call(.sin, u), 1), (Expr.call(.cos, u), -1)]
        case .tanh where options.rewritesTangents:
            return [(Expr.call(.sinh, u), 1), (Expr.call(.cosh, u), -1)]
        default:
            return [(whole, 1)]
        }
    }

    private func variable(_ k: Expr, _ e: Int) -> FactoredRationalFunction {
        let n = variableCount
        guard let i = index[k] else { preconditionFailure("unregistered kernel \(k)") }
        let v = FactoredRationalFunction(IntegerPolynomial.variable(i, of: n))
        return e == 1 ? v : ((try? v.power(e)) ?? v)
    }

    /// The rational function of `root` in the kernels' variables; `nil` if an exponent is
    /// too large for a machine integer, a power of 0 is negative, or a sum would multiply out
    /// to more than `termLimit` terms.
    func rationalFunction(_ root: Expr, termLimit: Int = 2_000) -> FactoredRationalFunction? {
        do { return try rationalFunction(root, termLimit: termLimit, meter: nil) } catch { return nil }  // no meter: never throws
    }

    /// The rational function as above, its polynomial work charged to `meter` (a cancelling
    /// gcd costing more than `gcdLimit` is skipped).
    ///
    /// With `combiningGrowth` g, a sum is put over one denominator only when that is provably
    /// cheap: its numerator, bounded before anything is multiplied (see
    /// ``FactoredRationalFunction/combinedNumeratorBound(_:)``), has at most
    /// max(``combiningFloor``, g · the terms of its summands' factors) terms; otherwise the
    /// whole form is abandoned (`nil`) and the sum stays a sum of simplified terms.
    func rationalFunction(_ root: Expr, termLimit: Int, meter: WorkMeter?, gcdLimit: Int = .max, combiningGrowth: Int? = nil)
        throws(WorkExhausted) -> FactoredRationalFunction?
    {
        let n = variableCount
        func times(_ a: FactoredRationalFunction, _ b: FactoredRationalFunction) throws(WorkExhausted) -> FactoredRationalFunction {
            try a.multiplied(by: b, meter: meter, gcdLimit: gcdLimit)
        }
        var memo: [ObjectIdentifier: FactoredRationalFunction] = [:]
        var stack: [(Expr, Bool)] = [(root, false)]
        func children(_ e: Expr) -> [Expr] {
            switch e.kind {
            case .number, .symbol, .call: return []
            case .sum(_, let terms): return terms.map(\.term)
            case .product(_, let factors): return factors.compactMap { factorChild($0.base, $0.exponent) }
            case .power(let b, let x): return [factorChild(b, x)].compactMap { $0 }
            }
        }
        func factorChild(_ b: Expr, _ x: Expr) -> Expr? {
            guard b.rationalValue == nil else { return nil }
            if let q = x.rationalValue {
                if (rootDegree[b] ?? 1) > 1 { return options.rationalizesRoots && b.symbolValue == nil ? b : nil }
                return q.isInteger ? b : nil
            }
            let c = KernelMap.splitConstant(x).constant
            return c.isInteger && !c.isZero && (rootDegree[b] ?? 1) == 1 ? b : nil
        }
        func factor(_ b: Expr, _ x: Expr) throws(WorkExhausted) -> FactoredRationalFunction? {
            if let q = x.rationalValue {
                if let r = b.rationalValue {
                    if q.isInteger {
                        return (try? r.power(Int(exactly: q.numerator) ?? .max)).map { FactoredRationalFunction(constant: $0, variableCount: n) }
                    }
                    return variable(Expr.power(b, x), 1)
                }
                let d = rootDegree[b] ?? 1
                if d > 1 {
                    let m = q * Rational(d)
                    guard let e = Int(exactly: m.numerator) else { return nil }
                    let k = Expr.power(b, Expr(Rational(1, d)))
                    if options.rationalizesRoots, b.symbolValue == nil, e < 0 || e >= d, let base = memo[b.id] {
                        let r = ((e % d) + d) % d
                        guard let whole = try? base.power((e - r) / d) else { return nil }
                        return r == 0 ? whole : try times(variable(k, r), whole)
                    }
                    return variable(k, e)
                }
                guard let e = Int(exactly: q.numerator), let base = memo[b.id] ?? (b.symbolValue != nil ? symbolValue(b) : nil) else {
                    return nil
                }
                return try? base.power(e)
            }
            let (rest, c) = KernelMap.splitConstant(x)
            let k = variable(Expr.power(b, rest), 1)
            if c.isZero { return k }
            guard let rem = try factor(b, Expr(c)) else { return nil }
            return try times(k, rem)
        }
        func symbolValue(_ e: Expr) -> FactoredRationalFunction? {
            let d = rootDegree[e] ?? 1
            return d > 1 ? variable(Expr.power(e, Expr(Rational(1, d))), d) : variable(e, 1)
        }
        while let (e, ready) = stack.popLast() {
            if memo[e.id] != nil { continue }
            if !ready {
                if let growth = combiningGrowth, case .sum(let c, let terms) = e.kind,
                    KernelMap.combiningIsHopeless(c, terms, growth: growth)
                {
                    return nil
                }
                stack.append((e, true))
                for c in children(e) where memo[c.id] == nil { stack.append((c, false)) }
                continue
            }
            try meter?.charge(1)
            var value: FactoredRationalFunction
            switch e.kind {
            case .number(let r):
                value = FactoredRationalFunction(constant: r, variableCount: n)
            case .symbol:
                guard let v = symbolValue(e) else { return nil }
                value = v
            case .sum(let c, let terms):
                if let growth = combiningGrowth, terms.count > 1 {
                    var parts = terms.compactMap { memo[$0.term.id] }
                    if !c.isZero { parts.append(FactoredRationalFunction(constant: c, variableCount: n)) }
                    let (combined, separate) = FactoredRationalFunction.combinedNumeratorBound(parts)
                    if combined > max(KernelMap.combiningFloor, FactoredRationalFunction.bound(separate, growth, 1)) { return nil }
                }
                value = FactoredRationalFunction(constant: c, variableCount: n)
                for (t, k) in terms {
                    guard let v = memo[t.id],
                        let next = try value.adding(
                            times(FactoredRationalFunction(constant: k, variableCount: n), v), termLimit: termLimit,
                            meter: meter, gcdLimit: gcdLimit)
                    else { return nil }
                    value = next
                }
            case .product(let c, let factors):
                value = FactoredRationalFunction(constant: c, variableCount: n)
                for (b, x) in factors {
                    guard let f = try factor(b, x) else { return nil }
                    value = try times(value, f)
                }
            case .power(let b, let x):
                guard let f = try factor(b, x) else { return nil }
                value = f
            case .call(let f, let u):
                value = FactoredRationalFunction(constant: .one, variableCount: n)
                for (k, m) in KernelMap.split(f, u, options) { value = try times(value, variable(k, m)) }
            }
            memo[e.id] = value
        }
        return memo[root.id]
    }

    /// The polynomial as an expression in the kernels: Σ c·Π kernelᵢ^eᵢ.
    func expression(_ p: IntegerPolynomial) -> Expr {
        var summands: [Expr] = []
        summands.reserveCapacity(p.terms.count)
        for (m, c) in p.terms {
            var parts: [Expr] = [Expr(Rational(c))]
            for (i, e) in m.exponents.enumerated() where e > 0 {
                parts.append(e == 1 ? kernels[i] : Expr.power(kernels[i], Expr(e)))
            }
            summands.append(Expr.product(parts))
        }
        return Expr.sum(summands)
    }

    /// c · Π fᵢ^eᵢ as an expression; with `expandingNumerator`, the factors with positive
    /// exponents are multiplied out into one polynomial first (SymPy's `together` style).
    /// With `absorbingSign`, a negative coefficient is moved into the numerator (the
    /// multiplied-out one, or the first sum with an odd exponent): SymPy counts
    /// `3*y*(y - 2*x)` one operation smaller than `-3*y*(2*x - y)`.
    func expression(
        _ f: FactoredRationalFunction, expandingNumerator: Bool = false, expandingDenominator: Bool = false,
        absorbingSign: Bool = false
    ) -> Expr {
        do {
            return try expression(
                f, expandingNumerator: expandingNumerator, expandingDenominator: expandingDenominator,
                absorbingSign: absorbingSign, meter: nil)
        } catch { return f.isZero ? .zero : expression(f) }  // no meter: never throws
    }

    /// The expression as above, the multiplied-out products charged to `meter`.
    func expression(
        _ f: FactoredRationalFunction, expandingNumerator: Bool = false, expandingDenominator: Bool = false,
        absorbingSign: Bool = false, meter: WorkMeter?
    ) throws(WorkExhausted) -> Expr {
        if f.isZero { return .zero }
        let n = variableCount
        var c = f.coefficient
        var flip: IntegerPolynomial?
        var flipNumerator = false
        if absorbingSign && c.signum() < 0 {
            if expandingNumerator {
                flipNumerator = true
            } else if let p = f.expandedFactors.first(where: { $0.exponent > 0 && $0.exponent & 1 == 1 && $0.factor.terms.count > 1 }) {
                flip = p.factor
            } else {
                return try expression(f, expandingNumerator: expandingNumerator, expandingDenominator: expandingDenominator, meter: meter)
            }
            c = -c
        }
        var numerator = IntegerPolynomial(constant: expandingNumerator ? c.numerator : .one, variableCount: n)
        var denominator = IntegerPolynomial(constant: expandingDenominator ? c.denominator : .one, variableCount: n)
        var parts: [Expr] = [Expr(Rational(expandingNumerator ? .one : c.numerator, expandingDenominator ? .one : c.denominator))]
        for (p, e) in f.expandedFactors {
            if e > 0 && expandingNumerator {
                numerator = try numerator.multiplied(by: p.power(e, meter: meter), meter: meter)
            } else if e < 0 && expandingDenominator {
                denominator = try denominator.multiplied(by: p.power(-e, meter: meter), meter: meter)
            } else {
                try meter?.charge(p.work(p.terms.count))
                parts.append(Expr.power(expression(p == flip ? -p : p), Expr(e)))
            }
        }
        if expandingNumerator { parts.append(expression(flipNumerator ? -numerator : numerator)) }
        if expandingDenominator { parts.append(Expr.power(expression(denominator), Expr(-1))) }
        return Expr.product(parts)
    }
}

private func lcm(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return a / x * b
}
