import AutoDiff
import Exact
import Foundation
import Testing

/// f'(x) of each elementary function, from a one-instruction tape, against known values.
@Suite struct ElementaryDerivativeTests {
    static func tape(_ f: @escaping (Traced) -> Traced) -> Tape {
        try! Tape.record(inputs: 1) { x in f(x[0]) }
    }

    /// (name, f, exact point, f(point), f'(point)) at the exact special points.
    static let exactFacts: [(String, @Sendable (Traced) -> Traced, Rational, Rational, Rational)] = [
        ("sin", sin, 0, 0, 1),
        ("cos", cos, 0, 1, 0),
        ("tan", tan, 0, 0, 1),
        ("exp", exp, 0, 1, 1),
        ("log", log, 1, 0, 1),
        ("sqrt", sqrt, Rational(9, 4), Rational(3, 2), Rational(1, 3)),
        ("atan", atan, 0, 0, 1),
        ("asin", asin, 0, 0, 1),
        ("sinh", sinh, 0, 0, 1),
        ("cosh", cosh, 0, 1, 0),
        ("tanh", tanh, 0, 0, 1),
        ("abs", abs, -3, 3, -1),
        ("abs", abs, Rational(1, 2), Rational(1, 2), 1),
        ("x^(3/2)", { pow($0, Rational(3, 2)) }, 4, 8, 3),
        ("x^(-1/3)", { pow($0, Rational(-1, 3)) }, Rational(1, 8), 2, Rational(-16, 3)),
        ("x^5", { pow($0, 5) }, -2, -32, 80),
        ("x^-2", { pow($0, -2) }, 2, Rational(1, 4), Rational(-1, 4)),
        ("1/x", { 1 / $0 }, -4, Rational(-1, 4), Rational(-1, 16)),
    ]

    @Test(arguments: 0..<exactFacts.count)
    func exactDerivative_atSpecialPoint(_ k: Int) throws {
        let (name, f, x, value, derivative) = Self.exactFacts[k]
        let tape = Self.tape(f)
        #expect(try tape.evaluate(at: [x]) == [value], "\(name)")
        #expect(try tape.gradient(at: [x]) == [derivative], "\(name)")
        #expect(try tape.jvp(at: [x], direction: [1]).tangent == [derivative], "\(name)")
    }

    @Test func exactEvaluation_throwsNotRational_awayFromSpecialPoints() {
        let cases: [((Traced) -> Traced, Rational, String)] = [
            (sin, Rational(1, 2), "sin(1/2)"), (exp, 1, "E"), (exp, 2, "exp(2)"), (log, 2, "log(2)"), (acos, -1, "pi"),
            (sqrt, 2, "sqrt(2)"), (acos, 0, "acos(0)"), ({ pow($0, Rational(1, 2)) }, 3, "(3)^(1/2)"),
        ]
        for (f, x, text) in cases {
            #expect(throws: TapeError.domain(.notRational(expression: text), instruction: 1, source: nil)) {
                try Self.tape(f).evaluate(at: [x])
            }
        }
    }

    @Test func exactDerivative_ofNondifferentiablePoints_isATypedError() {
        #expect(throws: TapeError.domain(.notDifferentiable(expression: "abs(0)"), instruction: 1, source: nil)) {
            try Self.tape(abs).gradient(at: [Rational(0)])
        }
        #expect(throws: TapeError.domain(.notDifferentiable(expression: "sqrt(0)"), instruction: 1, source: nil)) {
            try Self.tape(sqrt).gradient(at: [Rational(0)])
        }
    }

    /// (name, f, f' in closed form), checked in Double at several points.
    static let doubleFacts: [(String, @Sendable (Traced) -> Traced, @Sendable (Double) -> Double, [Double])] = [
        ("sin", sin, { Foundation.cos($0) }, [-2, 0.3, 1.7]),
        ("cos", cos, { -Foundation.sin($0) }, [-2, 0.3, 1.7]),
        ("tan", tan, { 1 / (Foundation.cos($0) * Foundation.cos($0)) }, [-1, 0.3, 1.2]),
        ("exp", exp, { Foundation.exp($0) }, [-2, 0.3, 1.7]),
        ("log", log, { 1 / $0 }, [0.1, 1.3, 7]),
        ("sqrt", sqrt, { 0.5 / Foundation.sqrt($0) }, [0.1, 1.3, 7]),
        ("atan", atan, { 1 / (1 + $0 * $0) }, [-2, 0.3, 1.7]),
        ("asin", asin, { 1 / Foundation.sqrt(1 - $0 * $0) }, [-0.9, 0.3, 0.7]),
        ("acos", acos, { -1 / Foundation.sqrt(1 - $0 * $0) }, [-0.9, 0.3, 0.7]),
        ("sinh", sinh, { Foundation.cosh($0) }, [-2, 0.3, 1.7]),
        ("cosh", cosh, { Foundation.sinh($0) }, [-2, 0.3, 1.7]),
        ("tanh", tanh, { 1 / (Foundation.cosh($0) * Foundation.cosh($0)) }, [-2, 0.3, 1.7]),
        ("abs", abs, { $0 < 0 ? -1 : 1 }, [-2, 0.3, 1.7]),
        ("x^x", { pow($0, $0) }, { Foundation.pow($0, $0) * (Foundation.log($0) + 1) }, [0.3, 1.7, 2.5]),
        ("2^x", { pow(2, $0) }, { Foundation.pow(2, $0) * Foundation.log(2) }, [-1, 0.3, 3]),
    ]

    @Test(arguments: 0..<doubleFacts.count)
    func doubleDerivative_matchesClosedForm(_ k: Int) throws {
        let (name, f, derivative, points) = Self.doubleFacts[k]
        let tape = Self.tape(f)
        for x in points {
            let g = try tape.gradient(at: [x])[0]
            let j = try tape.jvp(at: [x], direction: [1.0]).tangent[0]
            #expect(Swift.abs(g - derivative(x)) <= 1e-12 * Swift.max(1, Swift.abs(g)), "\(name) at \(x)")
            #expect(g == j, "\(name) at \(x): reverse \(g), forward \(j)")
        }
    }

    @Test func secondDerivatives_matchClosedForms() throws {
        // (sin x)'' = −sin x, (exp x)'' = exp x, (log x)'' = −1/x², (x³)'' = 6x, (atan)'' = −2x/(1+x²)²
        let cases: [((Traced) -> Traced, (Double) -> Double)] = [
            (sin, { -Foundation.sin($0) }), (exp, { Foundation.exp($0) }), (log, { -1 / ($0 * $0) }),
            ({ pow($0, 3) }, { 6 * $0 }), (atan, { -2 * $0 / ((1 + $0 * $0) * (1 + $0 * $0)) }),
        ]
        for (f, second) in cases {
            for x in [0.4, 1.3, 2.2] {
                let h = try Self.tape(f).hessian(at: [x])[0][0]
                #expect(Swift.abs(h - second(x)) <= 1e-12 * Swift.max(1, Swift.abs(h)))
            }
        }
        #expect(try Self.tape { pow($0, 3) }.hessian(at: [Rational(5, 2)]) == [[15]])
    }
}
