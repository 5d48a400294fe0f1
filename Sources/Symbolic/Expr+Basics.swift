import Exact

// Leaves, common constants and cheap queries.

extension Expr {
    /// The number `value`.
    ///
    ///     Expr(Rational(1, 2)).description   // "1/2"
    public init(_ value: Rational) { self.init(canonical: .number(value)) }

    /// The integer `value`.
    ///
    ///     Expr(3).description   // "3"
    public init(_ value: Int) { self.init(Rational(value)) }

    /// The variable `symbol`.
    ///
    ///     Expr(Symbol("x")).description   // "x"
    public init(_ symbol: Symbol) { self.init(canonical: .symbol(symbol)) }

    /// 0.
    public static let zero = Expr(0)
    /// 1.
    public static let one = Expr(1)
    /// −1.
    public static let minusOne = Expr(-1)
    /// 1/2, the exponent of a square root.
    public static let half = Expr(Rational(1, 2))

    /// Shared nodes for the integers −8…8, which the builders produce over and over (most of
    /// the entries of W1's Broyden Jacobian are −1 or −2): no allocation for them.
    private static let smallIntegers: [Expr] = (-8...8).map { Expr(Rational($0)) }

    /// The number r, a shared node when r is a small integer (equal to `Expr(r)` either way).
    static func number(_ r: Rational) -> Expr {
        if let (n, d) = r.inlineParts, d == 1, n >= -8, n <= 8 { return smallIntegers[n + 8] }
        return Expr(r)
    }

    /// `true` when this is the number 0.
    @inline(__always)
    public var isZero: Bool {
        if case .number(let r) = kind { return r.isZero }
        return false
    }

    /// `true` when this is the number 1.
    @inline(__always)
    public var isOne: Bool {
        if case .number(let r) = kind { return r == .one }
        return false
    }

    /// The value when this is a number, else `nil`.
    ///
    ///     (Expr(1) / 4).rationalValue   // 1/4
    @inline(__always)
    public var rationalValue: Rational? {
        if case .number(let r) = kind { return r }
        return nil
    }

    /// The symbol when this is a variable, else `nil`.
    public var symbolValue: Symbol? {
        if case .symbol(let s) = kind { return s }
        return nil
    }

    /// `true` when a minus sign can be pulled out: a negative number, a product with a
    /// negative coefficient, or a sum whose first term in canonical order has a negative
    /// coefficient (the constant does not count: sin(1 − x) = −sin(x − 1)). Exactly one of `u` and `−u` has it (u ≠ 0), which
    /// makes the odd/even rules of ``call(_:_:)`` idempotent.
    var hasNegativeLeadingCoefficient: Bool {
        switch kind {
        case .number(let r): return r.signum() < 0
        case .product(let c, _): return c.signum() < 0
        case .sum(_, let terms): return terms[0].coefficient.signum() < 0
        case .symbol, .power, .call: return false
        }
    }

    /// The pair (b, e) with self = b^e: a power's parts, or (self, 1).
    @inline(__always)
    var asPower: (base: Expr, exponent: Expr) {
        if case .power(let b, let e) = kind { return (b, e) }
        return (self, .one)
    }

    /// `b^e` for a factor that is known to be canonical: no simplification.
    @inline(__always)
    static func canonicalFactor(_ b: Expr, _ e: Expr) -> Expr {
        e.isOne ? b : Expr(canonical: .power(base: b, exponent: e))
    }

    /// Π bᵢ^eᵢ for factors of a canonical product, with coefficient 1 (a sum's term).
    static func monomial(_ factors: [(base: Expr, exponent: Expr)]) -> Expr {
        factors.count == 1
            ? canonicalFactor(factors[0].base, factors[0].exponent)
            : Expr(canonical: .product(coefficient: .one, factors: factors))
    }

    /// k · self, in O(number of summands) and without re-sorting: coefficients scale in place.
    ///
    ///     (x + 1).scaled(by: 2)   // 2*x + 2
    public func scaled(by k: Rational) -> Expr {
        if k.isZero { return .zero }
        if k == .one { return self }
        switch kind {
        case .number(let r):
            return Expr(r * k)
        case .sum(let c, let terms):
            return Expr(canonical: .sum(constant: c * k, terms: terms.map { ($0.term, $0.coefficient * k) }))
        case .product(let c, let factors):
            let c2 = c * k
            return c2 == .one ? Expr.monomial(factors) : Expr(canonical: .product(coefficient: c2, factors: factors))
        case .power(let b, let e):
            return Expr(canonical: .product(coefficient: k, factors: [(b, e)]))
        case .symbol, .call:
            return Expr(canonical: .product(coefficient: k, factors: [(self, .one)]))
        }
    }
}
