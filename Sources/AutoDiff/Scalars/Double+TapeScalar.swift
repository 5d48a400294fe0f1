import Exact

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C library's functions, under names that the static requirements below do not shadow.
@inlinable func libmSin(_ x: Double) -> Double { sin(x) }
@inlinable func libmCos(_ x: Double) -> Double { cos(x) }
@inlinable func libmTan(_ x: Double) -> Double { tan(x) }
@inlinable func libmExp(_ x: Double) -> Double { exp(x) }
@inlinable func libmLog(_ x: Double) -> Double { log(x) }
@inlinable func libmSqrt(_ x: Double) -> Double { x.squareRoot() }
@inlinable func libmAtan(_ x: Double) -> Double { atan(x) }
@inlinable func libmAsin(_ x: Double) -> Double { asin(x) }
@inlinable func libmAcos(_ x: Double) -> Double { acos(x) }
@inlinable func libmSinh(_ x: Double) -> Double { sinh(x) }
@inlinable func libmCosh(_ x: Double) -> Double { cosh(x) }
@inlinable func libmTanh(_ x: Double) -> Double { tanh(x) }
@inlinable func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

/// Double arithmetic with typed errors where IEEE 754 would return ±∞ or NaN for a
/// domain error: x/0, log(0), sqrt(−1) throw ``ScalarError``.
extension Double: TapeScalar {
    /// 1.
    @inlinable public static var one: Double { 1 }

    @inlinable
    public func divided(by b: Double) throws(ScalarError) -> Double {
        if b == 0 { throw .divisionByZero }
        return self / b
    }

    @inlinable
    public func raised(to n: Int) throws(ScalarError) -> Double {
        if self == 0 && n < 0 { throw .divisionByZero }
        return libmPow(self, Double(n))
    }

    @inlinable
    public static func compare(_ a: Double, _ b: Double) throws(ScalarError) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a == b { return 0 }
        throw .undecidableComparison
    }

    public var errorDescription: String { description }
}

extension Double: CheckedElementaryFunctions {
    @inlinable public static func checkedSin(_ x: Double) throws(ScalarError) -> Double { libmSin(x) }
    @inlinable public static func checkedCos(_ x: Double) throws(ScalarError) -> Double { libmCos(x) }
    @inlinable public static func checkedTan(_ x: Double) throws(ScalarError) -> Double { libmTan(x) }
    @inlinable public static func checkedExp(_ x: Double) throws(ScalarError) -> Double { libmExp(x) }
    @inlinable public static func checkedAtan(_ x: Double) throws(ScalarError) -> Double { libmAtan(x) }
    @inlinable public static func checkedSinh(_ x: Double) throws(ScalarError) -> Double { libmSinh(x) }
    @inlinable public static func checkedCosh(_ x: Double) throws(ScalarError) -> Double { libmCosh(x) }
    @inlinable public static func checkedTanh(_ x: Double) throws(ScalarError) -> Double { libmTanh(x) }
    @inlinable public static func checkedAbs(_ x: Double) throws(ScalarError) -> Double { Swift.abs(x) }

    @inlinable
    public static func checkedLog(_ x: Double) throws(ScalarError) -> Double {
        guard x > 0 else { throw .outsideDomain(expression: "log(\(x))") }
        return libmLog(x)
    }

    @inlinable
    public static func checkedSqrt(_ x: Double) throws(ScalarError) -> Double {
        guard x >= 0 else { throw .outsideDomain(expression: "sqrt(\(x))") }
        return libmSqrt(x)
    }

    @inlinable
    public static func checkedAsin(_ x: Double) throws(ScalarError) -> Double {
        guard x >= -1 && x <= 1 else { throw .outsideDomain(expression: "asin(\(x))") }
        return libmAsin(x)
    }

    @inlinable
    public static func checkedAcos(_ x: Double) throws(ScalarError) -> Double {
        guard x >= -1 && x <= 1 else { throw .outsideDomain(expression: "acos(\(x))") }
        return libmAcos(x)
    }

    /// xʸ: for x > 0; for x = 0 when y > 0 (0) or y = 0 (1); for x < 0 when y is an integer.
    @inlinable
    public static func checkedPow(_ x: Double, _ y: Double) throws(ScalarError) -> Double {
        if x > 0 || y.rounded(.towardZero) == y && (x != 0 || y >= 0) || x == 0 && y > 0 {
            return libmPow(x, y)
        }
        if x == 0 { throw .divisionByZero }
        throw .outsideDomain(expression: "(\(x))^(\(y))")
    }
}
