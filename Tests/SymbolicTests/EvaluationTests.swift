import Exact
import Symbolic
import TestSupport
import Testing

/// A syntax tree written independently of `Expr`: printed fully parenthesised and evaluated
/// by a naive recursive evaluator, the reference that `Expr.evaluated(at:)` must match.
indirect enum Syntax {
    case number(Rational), variable(String)
    case add(Syntax, Syntax), subtract(Syntax, Syntax), multiply(Syntax, Syntax), divide(Syntax, Syntax)
    case power(Syntax, Rational), negate(Syntax), call(String, Syntax)

    var text: String {
        switch self {
        case .number(let r): return "(\(r))"
        case .variable(let v): return v
        case .add(let a, let b): return "(\(a.text) + \(b.text))"
        case .subtract(let a, let b): return "(\(a.text) - \(b.text))"
        case .multiply(let a, let b): return "(\(a.text) * \(b.text))"
        case .divide(let a, let b): return "(\(a.text) / \(b.text))"
        case .power(let a, let q): return "(\(a.text) ^ (\(q)))"
        case .negate(let a): return "(-\(a.text))"
        case .call(let f, let a): return "\(f)(\(a.text))"
        }
    }

    /// The value, or nil where the reference has none (a zero denominator, a root that is
    /// not rational, a function value that is not rational, a domain error).
    func value(at point: [String: Rational]) -> Rational? {
        switch self {
        case .number(let r): return r
        case .variable(let v): return point[v]
        case .add(let a, let b): return a.value(at: point).flatMap { x in b.value(at: point).map { x + $0 } }
        case .subtract(let a, let b): return a.value(at: point).flatMap { x in b.value(at: point).map { x - $0 } }
        case .multiply(let a, let b): return a.value(at: point).flatMap { x in b.value(at: point).map { x * $0 } }
        case .divide(let a, let b):
            guard let x = a.value(at: point), let y = b.value(at: point), !y.isZero else { return nil }
            return x / y
        case .negate(let a): return a.value(at: point).map { -$0 }
        case .power(let a, let q):
            guard let x = a.value(at: point) else { return nil }
            if q.isInteger {
                let n = Int(exactly: q.numerator)!
                if x.isZero && n < 0 { return nil }
                var r = Rational.one
                for _ in 0..<abs(n) { r = r * x }
                return n < 0 ? Rational.one / r : r
            }
            // q = 1/2 only.
            guard x.signum() >= 0, let p = Syntax.squareRoot(x.numerator), let d = Syntax.squareRoot(x.denominator) else { return nil }
            return Rational(p, d)
        case .call(let f, let a):
            guard let x = a.value(at: point) else { return nil }
            switch f {
            case "abs": return x.magnitude
            case "sin", "tan", "atan", "sinh", "tanh", "asin": return x.isZero ? .zero : nil
            case "cos", "cosh", "exp": return x.isZero ? .one : nil
            case "log", "acos": return x == .one ? .zero : nil
            default: return nil
            }
        }
    }

    /// The integer square root of n when n is a perfect square (by bisection: slow, obvious).
    static func squareRoot(_ n: BigInt) -> BigInt? {
        if n.signum() < 0 { return nil }
        var lo = BigInt.zero
        var hi = n + .one
        while hi - lo > .one {
            let mid = (lo + hi) / BigInt(2)
            if mid * mid <= n { lo = mid } else { hi = mid }
        }
        return lo * lo == n ? lo : nil
    }

    static func random(depth: Int, using g: inout SeededGenerator) -> Syntax {
        if depth == 0 || g.next() % 4 == 0 {
            if g.next() % 2 == 0 { return .variable(["x", "y", "z"][Int(g.next() % 3)]) }
            return .number(Rational(Int.random(in: -4...4, using: &g), Int.random(in: 1...3, using: &g)))
        }
        let a = random(depth: depth - 1, using: &g)
        switch g.next() % 9 {
        case 0: return .add(a, random(depth: depth - 1, using: &g))
        case 1: return .subtract(a, random(depth: depth - 1, using: &g))
        case 2, 3: return .multiply(a, random(depth: depth - 1, using: &g))
        case 4: return .divide(a, random(depth: depth - 1, using: &g))
        case 5: return .power(a, g.next() % 4 == 0 ? Rational(1, 2) : Rational(Int.random(in: -2...3, using: &g)))
        case 6: return .negate(a)
        default: return .call(["abs", "sin", "cos", "exp", "log", "acos", "tanh"][Int(g.next() % 7)], a)
        }
    }
}

@Suite struct EvaluationTests {
    func parse(_ s: String) throws -> Expr { try Expr.parse(s) }
    let x = Symbol("x")
    let y = Symbol("y")

    @Test func exactEvaluation_matchesTheNaiveReferenceEvaluator() throws {
        var g = SeededGenerator(seed: 99)
        var compared = 0
        for _ in 0..<3000 {
            let syntax = Syntax.random(depth: 5, using: &g)
            let point: [String: Rational] = [
                "x": Rational(Int.random(in: -5...5, using: &g), Int.random(in: 1...4, using: &g)),
                "y": Rational(Int.random(in: -5...5, using: &g), Int.random(in: 1...4, using: &g)),
                "z": Rational(Int.random(in: -5...5, using: &g)),
            ]
            guard let expected = syntax.value(at: point) else { continue }
            let e: Expr
            do { e = try Expr.parse(syntax.text) } catch {
                // A constant part that has no value once canonical (((y - y)/z)^0 is 0^0, x - x
                // being 0 by convention): the parser refuses it, by design (Docs/Limits.md).
                guard error.undefinedConstant != nil else { throw error }
                continue
            }
            let symbolPoint = Dictionary(uniqueKeysWithValues: point.map { (Symbol($0.key), $0.value) })
            #expect(throws: Never.self, "\(syntax.text) = \(e)") {
                let value = try e.evaluated(at: symbolPoint)
                #expect(value == expected, "\(syntax.text) = \(e) at \(point)")
            }
            #expect(try e.evaluatedExactly(at: symbolPoint) == Expr(expected), "\(syntax.text)")
            compared += 1
        }
        #expect(compared > 1000)
    }

    @Test func exactEvaluation_isExact() throws {
        #expect(try parse("x^2/2").evaluated(at: [x: Rational(1, 3)]) == Rational(1, 18))
        #expect(try parse("sqrt(x)").evaluated(at: [x: Rational(9, 4)]) == Rational(3, 2))
        #expect(try parse("x^(2/3)").evaluated(at: [x: Rational(8)]) == Rational(4))
        #expect(try parse("abs(x) + cos(0*x)").evaluated(at: [x: Rational(-5)]) == Rational(6))
        #expect(try parse("(x + y)^20").evaluated(at: [x: Rational(1, 2), y: Rational(1, 2)]) == .one)
    }

    /// (expression, point, expected description of the error)
    static let errorCases: [(String, [String: Rational], String)] = [
        ("1/(x - 1)", ["x": 1], "division by zero in 1/(x - 1)"),
        ("y + 1/x^2", ["x": 0, "y": 1], "division by zero in 1/x^2"),
        ("log(x)", ["x": -1], "log of a non-positive number in log(x) (the argument is -1)"),
        ("log(x - 1)", ["x": 1], "log of a non-positive number in log(x - 1) (the argument is 0)"),
        ("sqrt(x)", ["x": 2], "sqrt(x) has no rational value here (it is sqrt(2))"),
        ("sin(x)", ["x": Rational(1, 2)], "sin(x) has no rational value here (it is sin(1/2))"),
        ("x + y", ["x": 1], "no value given for the variable y"),
        ("asin(x)", ["x": 2], "asin(x) is undefined: asin needs an argument in [-1, 1], got 2"),
        ("acos(x)", ["x": -3], "acos(x) is undefined: acos needs an argument in [-1, 1], got -3"),
        ("sqrt(x)", ["x": -4], "sqrt(x) is undefined: a negative number (-4) to the non-integer power 1/2"),
        ("x^1000000000", ["x": 3], "the exact value of x^1000000000 is too large"),
    ]

    @Test func exactEvaluation_errorsNameTheSubexpression() throws {
        for (text, point, message) in Self.errorCases {
            let e = try parse(text)
            let p = Dictionary(uniqueKeysWithValues: point.map { (Symbol($0.key), $0.value) })
            do {
                let v = try e.evaluated(at: p)
                Issue.record("\(text) gave \(v)")
            } catch {
                #expect(error.description == message, "\(text)")
            }
        }
    }

    @Test func evaluationToAnExpression_keepsIrrationalPartsExact() throws {
        #expect(try parse("x*cos(y)").evaluatedExactly(at: [x: 2, y: Rational(1, 2)]).description == "2*cos(1/2)")
        #expect(try parse("sqrt(x) + x").evaluatedExactly(at: [x: 8]).description == "2*sqrt(2) + 8")
        #expect(try parse("exp(x)*y").evaluatedExactly(at: [x: 0, y: Rational(3, 4)]) == Expr(Rational(3, 4)))
        #expect(throws: EvaluationError.divisionByZero(try parse("1/(x - 1)"))) {
            try parse("sin(x) + 1/(x - 1)").evaluatedExactly(at: [x: 1])
        }
        #expect(throws: EvaluationError.self) { try parse("log(x)").evaluatedExactly(at: [x: 0]) }
        #expect(throws: EvaluationError.unboundSymbol(y)) { try parse("x*y").evaluatedExactly(at: [x: 0]) }
    }

    @Test func doubleEvaluation_usesLibmAndReportsDomainErrors() throws {
        let point: [Symbol: Double] = [x: 0.5, y: 2]
        #expect(try parse("sin(x)").evaluated(at: point) == 0.479425538604203)
        #expect(try parse("x*y + 1/y").evaluated(at: point) == 1.5)
        #expect(try parse("sqrt(y)").evaluated(at: point) == 2.0.squareRoot())
        #expect(throws: EvaluationError.self) { try parse("log(x - 1)").evaluated(at: point) }
        #expect(throws: EvaluationError.self) { try parse("1/(y - 2)").evaluated(at: point) }
        #expect(throws: EvaluationError.self) { try parse("asin(y)").evaluated(at: point) }
        #expect(throws: EvaluationError.self) { try parse("sqrt(x - 1)").evaluated(at: point) }
        #expect(throws: EvaluationError.notFinite(try parse("exp(1000*y)"))) { try parse("exp(1000*y)").evaluated(at: point) }
        #expect(throws: EvaluationError.unboundSymbol(Symbol("z"))) { try parse("z").evaluated(at: point) }
    }
}
