import Exact
import Foundation
import Symbolic
import TestSupport
import Testing

@testable import Derivatives

/// Differentiation is iterative: 10⁵-deep chains on a 512 KiB stack.
@Suite struct DeepDerivativeTests {
    static let depth = 100_000

    static func nested(_ open: String, _ leaf: String = "x") -> String {
        String(repeating: open, count: depth) + leaf + String(repeating: ")", count: depth)
    }

    /// d/dx sin(sin(…sin(x))) = Π cos(sinᵏ(x)), which is 1 at x = 0; for tₖ₊₁ = 1/(1 − tₖ),
    /// dtₖ₊₁/dtₖ = tₖ₊₁², and the values at x = 2 cycle −1, 1/2, 2 (product 1 per cycle), so
    /// dtₙ/dx = tₙ² · (whole cycles) = [4, 1, 1/4][n mod 3].
    @Test func rawDerivative_ofDeepChains_isExact() throws {
        let (sine, cycle) = try onSmallStack { () throws -> (Rational, Rational) in
            let x = Symbol("x")
            let sine = try Expr.parse(Self.nested("sin(")).rawDerivative(withRespectTo: x)
            let cycle = try Expr.parse(Self.nested("1/(1 - ")).rawDerivative(withRespectTo: x)
            return (try sine.evaluated(at: [x: Rational.zero]), try cycle.evaluated(at: [x: Rational(2)]))
        }
        #expect(sine == 1)
        #expect(cycle == [Rational(4), 1, Rational(1, 4)][Self.depth % 3])
    }

    /// The gradient of a deep chain in two variables: ∂/∂y of sin(…sin(x·y)) at (0, 1) is 0, ∂/∂x is 1.
    @Test func gradient_ofDeepChain_isExact() throws {
        let values = try onSmallStack { () throws -> [Rational] in
            let (x, y) = (Symbol("x"), Symbol("y"))
            let f = try Expr.parse(Self.nested("sin(", "x*y"))
            return try [x, y].map { try f.rawDerivative(withRespectTo: $0).evaluated(at: [x: Rational.zero, y: Rational.one]) }
        }
        #expect(values == [1, 0])
    }

    /// 0^x is 0 wherever defined: its derivative is 0, with no log(0) in it.
    @Test func derivativeOfZeroToAPower_hasNoUndefinedConstant() throws {
        let d = try Expr.parse("0^x + x").rawDerivative(withRespectTo: Symbol("x"))
        #expect(d == .one)
        #expect(d.undefinedConstant == nil)
    }
}
