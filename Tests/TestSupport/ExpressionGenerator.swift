import Exact
import Symbolic

/// Random expressions for property tests, reproducible from the generator's seed.
///
///     var g = SeededGenerator(seed: 7)
///     let e = ExpressionGenerator().expression(using: &g)
///
/// Covers every kind and constructor path: sums and products of 2–4 operands, integer,
/// rational and symbolic exponents, every elementary function, small and big rationals.
public struct ExpressionGenerator: Sendable {
    /// The variables to draw from.
    public var symbols: [Symbol]
    /// The largest nesting of operations.
    public var maximumDepth: Int
    /// Include calls of elementary functions.
    public var includesFunctions: Bool

    public init(symbols: [Symbol] = [Symbol("x"), Symbol("y"), Symbol("z")], maximumDepth: Int = 4,
                includesFunctions: Bool = true) {
        self.symbols = symbols
        self.maximumDepth = maximumDepth
        self.includesFunctions = includesFunctions
    }

    /// A random expression of depth at most ``maximumDepth``.
    public func expression(using g: inout SeededGenerator) -> Expr {
        expression(depth: maximumDepth, using: &g)
    }

    /// A small rational: mostly integers in −5…5 and simple fractions, sometimes a big one.
    public func rational(using g: inout SeededGenerator) -> Rational {
        switch g.next() % 10 {
        case 0: return ExactSamples.rational(using: &g)
        case 1, 2, 3: return Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...6, using: &g))
        default: return Rational(Int.random(in: -5...5, using: &g))
        }
    }

    func leaf(using g: inout SeededGenerator) -> Expr {
        if g.next() % 3 == 0 { return Expr(rational(using: &g)) }
        return Expr(symbols[Int(g.next() % UInt64(symbols.count))])
    }

    func expression(depth: Int, using g: inout SeededGenerator) -> Expr {
        if depth == 0 || g.next() % 5 == 0 { return leaf(using: &g) }
        let operandCount = Int.random(in: 2...4, using: &g)
        switch g.next() % (includesFunctions ? 7 : 6) {
        case 0, 1:
            return Expr.sum((0..<operandCount).map { _ in expression(depth: depth - 1, using: &g) })
        case 2:
            return Expr.product((0..<operandCount).map { _ in expression(depth: depth - 1, using: &g) })
        case 3:
            let a = expression(depth: depth - 1, using: &g)
            let b = expression(depth: depth - 1, using: &g)
            return g.next() % 2 == 0 ? a - b : a / b
        case 4:
            return Expr.power(expression(depth: depth - 1, using: &g), exponent(depth: depth - 1, using: &g))
        case 5:
            return -expression(depth: depth - 1, using: &g)
        default:
            let f = ElementaryFunction.allCases[Int(g.next() % UInt64(ElementaryFunction.allCases.count))]
            return Expr.call(f, expression(depth: depth - 1, using: &g))
        }
    }

    func exponent(depth: Int, using g: inout SeededGenerator) -> Expr {
        switch g.next() % 6 {
        case 0, 1, 2: return Expr(Int.random(in: -3...4, using: &g))
        case 3: return Expr(Rational(Int.random(in: -5...5, using: &g), Int.random(in: 1...3, using: &g)))
        default: return expression(depth: min(depth, 1), using: &g)
        }
    }
}
