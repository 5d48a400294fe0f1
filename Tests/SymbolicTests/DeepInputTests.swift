import Exact
import Foundation
import TestSupport
import Testing

@testable import Symbolic

/// Expressions 10⁵ levels deep go through every path on a 512 KiB stack (`onSmallStack`),
/// where code that recursed once per level would crash.
@Suite struct DeepInputTests {
    static let depth = 100_000

    static func nested(_ open: String, _ leaf: String = "x", depth: Int = DeepInputTests.depth) -> String {
        String(repeating: open, count: depth) + leaf + String(repeating: ")", count: depth)
    }

    /// t₀ = x, tₖ₊₁ = 1/(1 − tₖ): at x = 2 the values cycle −1, 1/2, 2, so every number stays
    /// small at any depth, and tₙ is [2, −1, 1/2][n mod 3].
    static let cycle = nested("1/(1 - ", "x")

    @Test func deepCallChain_parsesPrintsAndReparses() throws {
        let text = Self.nested("sin(")
        let (height, printed, again) = try onSmallStack { () throws -> (Int, String, Bool) in
            let e = try Expr.parse(text)
            let printed = e.description
            return (e.height, printed, try Expr.parse(printed) == e)
        }
        #expect(height == Self.depth)
        #expect(printed == text)
        #expect(again)
    }

    @Test func deepChains_printAsLaTeXAndCode() throws {
        let (latex, c) = try onSmallStack { () throws -> (String, String) in
            let e = try Expr.parse(Self.nested("sin("))
            return (e.latex, e.cCode)
        }
        let n = Self.depth
        #expect(latex == String(repeating: "\\sin\\left(", count: n) + "x" + String(repeating: "\\right)", count: n))
        #expect(c == Self.nested("sin("))
    }

    @Test func deepChains_evaluateExactlyAndInDouble() throws {
        let (cycle, sine, sineDouble) = try onSmallStack { () throws -> (Rational, Rational, Double) in
            let x = Symbol("x")
            let cycle = try Expr.parse(Self.cycle).evaluated(at: [x: Rational(2)])
            let chain = try Expr.parse(Self.nested("sin("))
            return (cycle, try chain.evaluated(at: [x: Rational.zero]), try chain.evaluated(at: [x: 0.5]))
        }
        #expect(cycle == [Rational(2), -1, Rational(1, 2)][Self.depth % 3])
        #expect(sine == 0)
        var expected = 0.5
        for _ in 0..<Self.depth { expected = sin(expected) }
        #expect(sineDouble == expected)
    }

    @Test func deepChains_substituteAndFindUndefinedConstants() throws {
        let (substituted, found) = try onSmallStack { () throws -> (String, UndefinedConstant.Reason?) in
            let e = try Expr.parse(Self.nested("sin("))
            let s = e.substituting(Symbol("x"), with: Expr(Symbol("y")) + 1)
            return (s.description, (s.substituting(Symbol("y"), with: .minusOne) + Expr.call(.log, .zero)).undefinedConstant?.reason)
        }
        #expect(substituted == Self.nested("sin(", "y + 1"))
        #expect(found == .logarithmOfZero)
    }

    /// A chain built by code (not parsed) and a printed rope are freed on the small stack
    /// when the closure returns: release is iterative too.
    @Test func deepChains_areFreedWithoutRecursion() throws {
        let height = try onSmallStack { () -> Int in
            var e = Expr(Symbol("x"))
            for i in 0..<Self.depth { e = Expr.call(i % 2 == 0 ? .sin : .cos, e) + (i % 3 == 0 ? 1 : 0) }
            _ = e.latex
            return e.height
        }
        #expect(height >= Self.depth)
    }
}
