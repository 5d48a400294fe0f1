import Exact

// The operations a traced program can use. Each appends one instruction; a constant
// operand goes to the constant table (`x + 1` is `addc(x,1)`, `2 * x` is `mulc(x,2)`),
// so that no slot is spent on it and the reverse sweep does not accumulate into it.

extension Traced {
    public static func + (x: Traced, y: Traced) -> Traced { x.recorder.binary(.add, x, y) }
    public static func - (x: Traced, y: Traced) -> Traced { x.recorder.binary(.subtract, x, y) }
    public static func * (x: Traced, y: Traced) -> Traced {
        x.slot == y.slot ? x.recorder.unary(.square, x) : x.recorder.binary(.multiply, x, y)
    }
    public static func / (x: Traced, y: Traced) -> Traced { x.recorder.binary(.divide, x, y) }
    public static prefix func - (x: Traced) -> Traced { x.recorder.unary(.negate, x) }

    public static func + <C: TapeConstant>(x: Traced, c: C) -> Traced { x.recorder.withConstant(.addConstant, x, c.exactValue) }
    public static func + <C: TapeConstant>(c: C, x: Traced) -> Traced { x.recorder.withConstant(.addConstant, x, c.exactValue) }
    public static func - <C: TapeConstant>(x: Traced, c: C) -> Traced { x.recorder.withConstant(.addConstant, x, -c.exactValue) }
    public static func - <C: TapeConstant>(c: C, x: Traced) -> Traced {
        x.recorder.withConstant(.subtractFromConstant, x, c.exactValue)
    }
    public static func * <C: TapeConstant>(x: Traced, c: C) -> Traced { x.recorder.withConstant(.multiplyConstant, x, c.exactValue) }
    public static func * <C: TapeConstant>(c: C, x: Traced) -> Traced { x.recorder.withConstant(.multiplyConstant, x, c.exactValue) }
    /// x / c, recorded as x · (1/c), exact in the constant table. x / 0 is a recording error.
    public static func / <C: TapeConstant>(x: Traced, c: C) -> Traced {
        let r = c.exactValue
        if r.isZero { return x.recorder.binary(.divide, x, x.recorder.constant(r)) }
        return x.recorder.withConstant(.multiplyConstant, x, .one / r)
    }
    /// c / x: `recip(x)` for c = 1, else `div(c, x)`.
    public static func / <C: TapeConstant>(c: C, x: Traced) -> Traced {
        let r = c.exactValue
        if r == .one { return x.recorder.unary(.reciprocal, x) }
        return x.recorder.binary(.divide, x.recorder.constant(r), x)
    }

    public static func += (x: inout Traced, y: Traced) { x = x + y }
    public static func -= (x: inout Traced, y: Traced) { x = x - y }
    public static func *= (x: inout Traced, y: Traced) { x = x * y }
    public static func /= (x: inout Traced, y: Traced) { x = x / y }
    public static func += <C: TapeConstant>(x: inout Traced, c: C) { x = x + c }
    public static func -= <C: TapeConstant>(x: inout Traced, c: C) { x = x - c }
    public static func *= <C: TapeConstant>(x: inout Traced, c: C) { x = x * c }
    public static func /= <C: TapeConstant>(x: inout Traced, c: C) { x = x / c }

    /// The constant `c` as a traced value of the same recording (to start a sum, say).
    ///
    ///     var s = x[0].constant(0); for xi in x { s += xi * xi }
    public func constant<C: TapeConstant>(_ c: C) -> Traced { recorder.constant(c.exactValue) }

    // Comparisons record a guard and answer at the recording point.
    public static func < (x: Traced, y: Traced) -> Bool { x.recorder.compare(x, y, .less) }
    public static func <= (x: Traced, y: Traced) -> Bool { x.recorder.compare(x, y, .lessOrEqual) }
    public static func > (x: Traced, y: Traced) -> Bool { x.recorder.compare(y, x, .less) }
    public static func >= (x: Traced, y: Traced) -> Bool { x.recorder.compare(y, x, .lessOrEqual) }
    public static func == (x: Traced, y: Traced) -> Bool { x.recorder.compare(x, y, .equal) }
    public static func != (x: Traced, y: Traced) -> Bool { !x.recorder.compare(x, y, .equal) }
    public static func < <C: TapeConstant>(x: Traced, c: C) -> Bool { x < x.constant(c) }
    public static func <= <C: TapeConstant>(x: Traced, c: C) -> Bool { x <= x.constant(c) }
    public static func > <C: TapeConstant>(x: Traced, c: C) -> Bool { x > x.constant(c) }
    public static func >= <C: TapeConstant>(x: Traced, c: C) -> Bool { x >= x.constant(c) }
    public static func == <C: TapeConstant>(x: Traced, c: C) -> Bool { x == x.constant(c) }
    public static func != <C: TapeConstant>(x: Traced, c: C) -> Bool { x != x.constant(c) }
    public static func < <C: TapeConstant>(c: C, x: Traced) -> Bool { x.constant(c) < x }
    public static func <= <C: TapeConstant>(c: C, x: Traced) -> Bool { x.constant(c) <= x }
    public static func > <C: TapeConstant>(c: C, x: Traced) -> Bool { x.constant(c) > x }
    public static func >= <C: TapeConstant>(c: C, x: Traced) -> Bool { x.constant(c) >= x }
}

/// sin x, recorded. Likewise `cos`, `tan`, `exp`, `log`, `sqrt`, `atan`, `asin`, `acos`,
/// `sinh`, `cosh`, `tanh`, `abs` below.
public func sin(_ x: Traced) -> Traced { x.recorder.unary(.sin, x) }
public func cos(_ x: Traced) -> Traced { x.recorder.unary(.cos, x) }
public func tan(_ x: Traced) -> Traced { x.recorder.unary(.tan, x) }
public func exp(_ x: Traced) -> Traced { x.recorder.unary(.exp, x) }
public func log(_ x: Traced) -> Traced { x.recorder.unary(.log, x) }
public func sqrt(_ x: Traced) -> Traced { x.recorder.unary(.sqrt, x) }
public func atan(_ x: Traced) -> Traced { x.recorder.unary(.atan, x) }
public func asin(_ x: Traced) -> Traced { x.recorder.unary(.asin, x) }
public func acos(_ x: Traced) -> Traced { x.recorder.unary(.acos, x) }
public func sinh(_ x: Traced) -> Traced { x.recorder.unary(.sinh, x) }
public func cosh(_ x: Traced) -> Traced { x.recorder.unary(.cosh, x) }
public func tanh(_ x: Traced) -> Traced { x.recorder.unary(.tanh, x) }
public func abs(_ x: Traced) -> Traced { x.recorder.unary(.abs, x) }

/// xⁿ for an integer n: `sq` for 2, `recip` for −1, else `powi`.
///
///     pow(x[0], 3)   // powi(0,3)
public func pow(_ x: Traced, _ n: Int) -> Traced {
    switch n {
    case 2: return x.recorder.unary(.square, x)
    case -1: return x.recorder.unary(.reciprocal, x)
    default:
        if let k = Int32(exactly: n) { return x.recorder.unary(.powerInteger, x, payload: k) }
        return x.recorder.withConstant(.powerConstant, x, Rational(n))
    }
}

/// x^c for a rational constant c (integers as in ``pow(_:_:)-(Traced,Int)``).
///
///     pow(x[0], Rational(1, 2))   // powc(0,1/2)
public func pow(_ x: Traced, _ c: Rational) -> Traced {
    if c.isInteger, let n = Int(exactly: c.numerator) { return pow(x, n) }
    return x.recorder.withConstant(.powerConstant, x, c)
}

/// xʸ with both varying (defined for x > 0).
public func pow(_ x: Traced, _ y: Traced) -> Traced { x.recorder.binary(.power, x, y) }

/// cʸ for a constant base c > 0.
public func pow<C: TapeConstant>(_ c: C, _ y: Traced) -> Traced {
    y.recorder.binary(.power, y.recorder.constant(c.exactValue), y)
}
