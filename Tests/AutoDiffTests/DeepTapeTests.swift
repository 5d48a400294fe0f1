import Exact
import Foundation
import Symbolic
import TestSupport
import Testing

@testable import AutoDiff

/// Compiling to a tape and both sweeps are iterative: 10⁵-deep chains on a 512 KiB stack.
@Suite struct DeepTapeTests {
    static let depth = 100_000

    static func nested(_ open: String, _ leaf: String = "x") -> String {
        String(repeating: open, count: depth) + leaf + String(repeating: ")", count: depth)
    }

    /// tₖ₊₁ = 1/(1 − tₖ) at x = 2: values cycle 2, −1, 1/2, and dtₙ/dx = [4, 1, 1/4][n mod 3]
    /// (see DeepDerivativeTests); forward and reverse must give exactly that.
    @Test func deepChain_compilesAndSweepsExactly() throws {
        let (value, forward, reverse) = try onSmallStack { () throws -> (Rational, Rational, Rational) in
            let f = try Expr.parse(Self.nested("1/(1 - "))
            let tape = try Tape(compiling: [f], inputs: [Symbol("x")])
            let jvp = try tape.jvp(at: [Rational(2)], direction: [Rational(1)])
            return (jvp.value[0], jvp.tangent[0], try tape.gradient(at: [Rational(2)])[0])
        }
        #expect(value == [Rational(2), -1, Rational(1, 2)][Self.depth % 3])
        #expect(forward == [Rational(4), 1, Rational(1, 4)][Self.depth % 3])
        #expect(reverse == forward)
    }

    @Test func deepSineChain_sweepsInDouble() throws {
        let (value, derivative) = try onSmallStack { () throws -> (Double, Double) in
            let tape = try Tape(compiling: [try Expr.parse(Self.nested("sin("))], inputs: [Symbol("x")])
            return (try tape.evaluate(at: [0.5])[0], try tape.gradient(at: [0.5])[0])
        }
        var (v, d) = (0.5, 1.0)
        for _ in 0..<Self.depth {
            d *= cos(v)
            v = sin(v)
        }
        #expect(value == v)
        #expect(abs(derivative - d) <= 1e-12 * abs(d))
    }
}
