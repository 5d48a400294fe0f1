import AutoDiff
import Exact
import Testing

@Suite struct DualTests {
    @Test func dualArithmetic_carriesTheDerivative() throws {
        let x = Dual(Rational(3), 1)
        #expect(x * x == Dual(9, 6))
        #expect(try x.divided(by: x * x) == Dual(Rational(1, 3), Rational(-1, 9)))
        #expect(try x.raised(to: 4) == Dual(81, 108))
        #expect(try Dual.evaluate(.sin, Dual(Rational(0), 5)) == Dual(0, 5))
        #expect(try Dual<Double>.checkedExp(Dual(0, 2)) == Dual(1, 2))
    }

    @Test func nestedDuals_giveSecondDerivatives() throws {
        // x = 2 + ε₁ + ε₂: (x³) has ε₁ε₂-coefficient 6x = 12.
        let x = Dual(Dual(Rational(2), 1), Dual(1, 0))
        let y = x * x * x
        #expect(y.tangent.tangent == 12)
        #expect(y.primal.primal == 8)
    }

    @Test func tapeOverDuals_isForwardMode() throws {
        let tape = try Tape.record(inputs: 2) { x in x[0] * x[1] / (x[0] + x[1]) }
        let value = try tape.evaluate(at: [Dual(Rational(1), 1), Dual(Rational(3), 0)])[0]
        #expect(value.primal == Rational(3, 4))
        #expect(value.tangent == (try tape.gradient(at: [Rational(1), 3]))[0])
    }

    @Test func exactRoots() {
        #expect(Rational(8, 27).exactRoot(3) == Rational(2, 3))
        #expect(Rational(-8, 27).exactRoot(3) == Rational(-2, 3))
        #expect(Rational(2).exactRoot(2) == nil)
        #expect(Rational(-4).exactRoot(2) == nil)
        let big = Rational(BigInt(12345678901234567) * BigInt(12345678901234567))
        #expect(big.exactRoot(2) == Rational(BigInt(12345678901234567)))
        #expect((big + 1).exactRoot(2) == nil)
    }
}
