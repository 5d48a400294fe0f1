import Exact
import Symbolic

/// Seeded random expressions, drawn from a ``Specification``: which variables, which
/// operations and elementary functions how often, how deep, rational-only or not.
///
///     var g = SplitMix64(seed: 7)
///     let e = ExpressionGenerator(.rational(variables: [x, y])).expression(using: &g)
///     // such as (x - 2*y)^2/(x + 1/3)
///
/// It avoids nothing that depends on the point on purpose: `log` of a possibly negative
/// argument, `1/(x - y)`, `asin(3*x)`, `abs(x)` at 0 all occur, and the harness must skip
/// (and count) the points where they are undefined rather than crash. Every expression is
/// built through `Expr`'s canonicalising constructors, so some draws collapse (`x - x` is
/// 0). Constants without a real value are different: they are undefined everywhere, and
/// `Expr.parse` and every entry point for user input refuse them (`sqrt(-4)`, `1/0`,
/// `log(0)`, see `UndefinedConstant`), so a node that would contain one is replaced by a
/// fresh leaf: every draw passes `checkDefined()`.
public struct ExpressionGenerator: Sendable {
    /// What to draw.
    public var specification: Specification

    /// A generator for `specification`.
    public init(_ specification: Specification) { self.specification = specification }

    /// One random expression of depth at most `specification.maximumDepth`.
    public func expression<G: RandomNumberGenerator>(using g: inout G) -> Expr {
        expression(depth: specification.maximumDepth, using: &g)
    }

    /// A vector function: `count` random expressions.
    public func functions<G: RandomNumberGenerator>(count: Int, using g: inout G) -> [Expr] {
        (0..<count).map { _ in expression(using: &g) }
    }

    // MARK: - Drawing

    /// The operations an inner node can be, in the order of ``OperationWeights``.
    enum Operation: CaseIterable {
        case sum, product, quotient, difference, power, negation, call
    }

    func expression<G: RandomNumberGenerator>(depth: Int, using g: inout G) -> Expr {
        let e = node(depth: depth, using: &g)
        // The operands are defined (by induction), so a constant without a real value can only
        // come from this node's own combination of them (sqrt(-4), 1/(x - x), log(1 - 1)).
        return e.undefinedConstant == nil ? e : leaf(using: &g)
    }

    /// A leaf or an inner node over fresh subexpressions, defined or not.
    func node<G: RandomNumberGenerator>(depth: Int, using g: inout G) -> Expr {
        let spec = specification
        if depth == 0 || g.uniform(in: 0..<100) < spec.leafPercentage { return leaf(using: &g) }
        let w = spec.operationWeights
        let callWeight = spec.rationalOnly || spec.functionWeights.isEmpty ? 0 : w.call
        let weights = [w.sum, w.product, w.quotient, w.difference, w.power, w.negation, callWeight]
        guard let choice = Self.pick(weights, using: &g) else { return leaf(using: &g) }
        func sub() -> Expr { expression(depth: depth - 1, using: &g) }
        let operands = g.uniform(in: 2...max(2, spec.maximumOperands))
        switch Operation.allCases[choice] {
        case .sum: return Expr.sum((0..<operands).map { _ in sub() })
        case .product: return Expr.product((0..<operands).map { _ in sub() })
        case .quotient: return sub() / sub()
        case .difference: return sub() - sub()
        case .power: return Expr.power(sub(), exponent(depth: depth - 1, using: &g))
        case .negation: return -sub()
        case .call:
            let table = spec.functionWeights.sorted { $0.key.rawValue < $1.key.rawValue }
            guard let k = Self.pick(table.map(\.value), using: &g) else { return leaf(using: &g) }
            return Expr.call(table[k].key, sub())
        }
    }

    /// A variable, or (one time in three) a constant.
    func leaf<G: RandomNumberGenerator>(using g: inout G) -> Expr {
        let vars = specification.variables
        if vars.isEmpty || g.uniform(in: 0..<3) == 0 { return Expr(specification.constants.rational(using: &g)) }
        return Expr(vars[g.uniform(in: 0..<vars.count)])
    }

    /// An integer exponent, or (unless rational-only) a fractional or a symbolic one.
    func exponent<G: RandomNumberGenerator>(depth: Int, using g: inout G) -> Expr {
        let spec = specification
        let roll = g.uniform(in: 0..<10)
        if !spec.rationalOnly && roll == 0 && !spec.fractionalExponents.isEmpty {
            return Expr(spec.fractionalExponents[g.uniform(in: 0..<spec.fractionalExponents.count)])
        }
        if !spec.rationalOnly && roll == 1 && spec.symbolicExponents {
            return expression(depth: min(depth, 1), using: &g)
        }
        return Expr(g.uniform(in: spec.exponents))
    }

    /// An index drawn with probability proportional to `weights`; `nil` when all are 0.
    static func pick<G: RandomNumberGenerator>(_ weights: [Int], using g: inout G) -> Int? {
        let total = weights.reduce(0) { $0 + max($1, 0) }
        guard total > 0 else { return nil }
        var r = g.uniform(in: 0..<total)
        for (i, w) in weights.enumerated() where w > 0 {
            if r < w { return i }
            r -= w
        }
        return nil
    }
}

extension ExpressionGenerator {
    /// The relative frequencies of inner nodes (0 turns an operation off).
    public struct OperationWeights: Sendable, Hashable {
        /// A sum of 2 to `maximumOperands` subexpressions.
        public var sum: Int
        /// A product of 2 to `maximumOperands` subexpressions.
        public var product: Int
        /// a / b (b may vanish: on purpose).
        public var quotient: Int
        /// a − b.
        public var difference: Int
        /// aⁿ with an integer, fractional or symbolic exponent.
        public var power: Int
        /// −a.
        public var negation: Int
        /// A call of an elementary function (ignored when rational-only).
        public var call: Int

        /// Weights; the defaults favour sums and products, as real formulas do.
        public init(
            sum: Int = 3, product: Int = 3, quotient: Int = 2, difference: Int = 1, power: Int = 2,
            negation: Int = 1, call: Int = 3
        ) {
            self.sum = sum
            self.product = product
            self.quotient = quotient
            self.difference = difference
            self.power = power
            self.negation = negation
            self.call = call
        }
    }

    /// What an ``ExpressionGenerator`` draws.
    ///
    ///     ExpressionGenerator.Specification(variables: [x, y], functions: [.sin: 1, .exp: 2])
    public struct Specification: Sendable, Hashable {
        /// The variables leaves are drawn from.
        public var variables: [Symbol]
        /// The deepest nesting of operations.
        public var maximumDepth: Int
        /// The most operands of one sum or product (at least 2).
        public var maximumOperands: Int
        /// The chance, in percent, that a node above depth 0 is a leaf anyway.
        public var leafPercentage: Int
        /// How often each operation appears.
        public var operationWeights: OperationWeights
        /// The elementary functions that may appear, with relative weights.
        public var functionWeights: [ElementaryFunction: Int]
        /// Only + − × ÷ and integer powers: the result is a rational function.
        public var rationalOnly: Bool
        /// The constants at the leaves.
        public var constants: RationalSampler
        /// The integer exponents.
        public var exponents: ClosedRange<Int>
        /// Non-integer exponents that may appear (square roots and their kin).
        public var fractionalExponents: [Rational]
        /// Whether an exponent may itself be an expression (x^y).
        public var symbolicExponents: Bool

        /// A specification; the defaults draw small expressions with every function.
        public init(
            variables: [Symbol], maximumDepth: Int = 3, maximumOperands: Int = 3, leafPercentage: Int = 20,
            operationWeights: OperationWeights = OperationWeights(),
            functions: [ElementaryFunction: Int] = Dictionary(uniqueKeysWithValues: ElementaryFunction.allCases.map { ($0, 1) }),
            rationalOnly: Bool = false, constants: RationalSampler = RationalSampler(numerators: -5...5, denominators: 1...3),
            exponents: ClosedRange<Int> = -2...3, fractionalExponents: [Rational] = [Rational(1, 2), Rational(-1, 2), Rational(3, 2)],
            symbolicExponents: Bool = true
        ) {
            self.variables = variables
            self.maximumDepth = maximumDepth
            self.maximumOperands = maximumOperands
            self.leafPercentage = leafPercentage
            self.operationWeights = operationWeights
            self.functionWeights = functions
            self.rationalOnly = rationalOnly
            self.constants = constants
            self.exponents = exponents
            self.fractionalExponents = fractionalExponents
            self.symbolicExponents = symbolicExponents
        }

        /// Rational functions only (+ − × ÷, integer powers): the difference-quotient oracle
        /// applies to every draw.
        ///
        ///     ExpressionGenerator.Specification.rational(variables: [x, y]).rationalOnly   // true
        public static func rational(variables: [Symbol], maximumDepth: Int = 3) -> Specification {
            Specification(
                variables: variables, maximumDepth: maximumDepth, functions: [:], rationalOnly: true,
                fractionalExponents: [], symbolicExponents: false)
        }

        /// Expressions that call exactly the functions in `functions` (besides arithmetic).
        ///
        ///     ExpressionGenerator.Specification.calling([.sin], variables: [x]).functionWeights   // [.sin: 1]
        public static func calling(_ functions: [ElementaryFunction], variables: [Symbol], maximumDepth: Int = 3) -> Specification {
            Specification(
                variables: variables, maximumDepth: maximumDepth,
                functions: Dictionary(uniqueKeysWithValues: functions.map { ($0, 1) }))
        }
    }
}
