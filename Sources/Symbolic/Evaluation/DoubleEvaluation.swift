import Exact

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Floating-point evaluation: IEEE Double arithmetic and the C library's functions. Domain
// errors are reported, never returned as NaN; an overflow to ±∞ is reported too.

extension Expr {
    /// The value at `point` in `Double` arithmetic (libm for the functions).
    ///
    ///     try Expr.call(.sin, x).evaluated(at: [Symbol("x"): 0.5] as [Symbol: Double])   // 0.479425538604203
    ///
    /// - Throws: ``EvaluationError``: `.unboundSymbol`; `.divisionByZero`,
    ///   `.logarithmOfNonPositive`, `.outOfDomain` as for exact evaluation; `.notFinite` for
    ///   the first subexpression whose value overflows to ±∞ or is NaN. No NaN or ∞ is returned.
    public func evaluated(at point: [Symbol: Double]) throws(EvaluationError) -> Double {
        try foldPostorder { (e: Expr, value: (Expr) -> Double) throws(EvaluationError) -> Double in
            func number(_ x: Expr) -> Double {
                if let r = x.rationalValue { return Double(r) }
                return value(x)
            }
            var v: Double
            switch e.kind {
            case .number(let r):
                v = Double(r)
            case .symbol(let s):
                guard let d = point[s] else { throw .unboundSymbol(s) }
                v = d
            case .sum(let c, let terms):
                v = Double(c)
                for (t, k) in terms { v += Double(k) * value(t) }
            case .product(let c, let factors):
                v = Double(c)
                for (b, x) in factors {
                    v *= try Expr.doublePower(number(b), number(x), exact: x.rationalValue, of: Expr.canonicalFactor(b, x))
                }
            case .power(let b, let x):
                v = try Expr.doublePower(number(b), number(x), exact: x.rationalValue, of: e)
            case .call(let f, let u):
                v = try f.doubleValue(at: value(u), of: e)
            }
            if !v.isFinite { throw .notFinite(e) }
            return v
        }
    }

    /// bˣ in Double. When the exponent is an exact rational its parity is read from the exact
    /// value: 2⁷⁰ − 1 rounds to the even Double 2⁷⁰, which would give (−1)^(2⁷⁰−1) the wrong sign.
    static func doublePower(_ b: Double, _ x: Double, exact: Rational? = nil, of e: Expr) throws(EvaluationError) -> Double {
        if b == 0 && x < 0 { throw .divisionByZero(e) }
        if b < 0, let n = exact, n.isInteger {
            let magnitude = LibM.pow(-b, x)
            return n.numerator.isOdd ? -magnitude : magnitude
        }
        if b < 0 && x != x.rounded() {
            throw .outOfDomain(e, reason: "a negative number (\(b)) to the non-integer power \(x)")
        }
        if x == 0.5 { return LibM.sqrt(b) }
        return LibM.pow(b, x)
    }
}

extension ElementaryFunction {
    /// f(u) in Double, or the domain error for the subexpression `e`.
    func doubleValue(at u: Double, of e: Expr) throws(EvaluationError) -> Double {
        switch self {
        case .sin: return LibM.sin(u)
        case .cos: return LibM.cos(u)
        case .tan: return LibM.tan(u)
        case .exp: return LibM.exp(u)
        case .log:
            if u <= 0 { throw .logarithmOfNonPositive(e, argument: "\(u)") }
            return LibM.log(u)
        case .atan: return LibM.atan(u)
        case .asin, .acos:
            if Swift.abs(u) > 1 { throw .outOfDomain(e, reason: "\(name) needs an argument in [-1, 1], got \(u)") }
            return self == .asin ? LibM.asin(u) : LibM.acos(u)
        case .sinh: return LibM.sinh(u)
        case .cosh: return LibM.cosh(u)
        case .tanh: return LibM.tanh(u)
        case .abs: return Swift.abs(u)
        }
    }
}

/// The C library's functions, under names that the enum cases and `Expr.sqrt` do not shadow.
enum LibM {
    static func sin(_ x: Double) -> Double { libmSin(x) }
    static func cos(_ x: Double) -> Double { libmCos(x) }
    static func tan(_ x: Double) -> Double { libmTan(x) }
    static func exp(_ x: Double) -> Double { libmExp(x) }
    static func log(_ x: Double) -> Double { libmLog(x) }
    static func atan(_ x: Double) -> Double { libmAtan(x) }
    static func asin(_ x: Double) -> Double { libmAsin(x) }
    static func acos(_ x: Double) -> Double { libmAcos(x) }
    static func sinh(_ x: Double) -> Double { libmSinh(x) }
    static func cosh(_ x: Double) -> Double { libmCosh(x) }
    static func tanh(_ x: Double) -> Double { libmTanh(x) }
    static func sqrt(_ x: Double) -> Double { x.squareRoot() }
    static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
}

private func libmSin(_ x: Double) -> Double { sin(x) }
private func libmCos(_ x: Double) -> Double { cos(x) }
private func libmTan(_ x: Double) -> Double { tan(x) }
private func libmExp(_ x: Double) -> Double { exp(x) }
private func libmLog(_ x: Double) -> Double { log(x) }
private func libmAtan(_ x: Double) -> Double { atan(x) }
private func libmAsin(_ x: Double) -> Double { asin(x) }
private func libmAcos(_ x: Double) -> Double { acos(x) }
private func libmSinh(_ x: Double) -> Double { sinh(x) }
private func libmCosh(_ x: Double) -> Double { cosh(x) }
private func libmTanh(_ x: Double) -> Double { tanh(x) }
private func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
