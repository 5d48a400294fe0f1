import Exact
import Symbolic
import Verification

extension ExpressionGenerator {
    /// The tests' random expressions: the library's generator with every kind and
    /// constructor path switched on (sums and products of 2–4 operands; integer, fractional
    /// and symbolic exponents; every elementary function unless `includesFunctions` is
    /// false; small rationals and, one draw in ten, wide ones beyond the machine word).
    ///
    ///     var g = SeededGenerator(seed: 7)
    ///     let e = ExpressionGenerator().expression(using: &g)
    public init(
        symbols: [Symbol] = [Symbol("x"), Symbol("y"), Symbol("z")], maximumDepth: Int = 4,
        includesFunctions: Bool = true
    ) {
        let everyFunction = Dictionary(uniqueKeysWithValues: ElementaryFunction.allCases.map { ($0, 1) })
        self.init(
            Specification(
                variables: symbols, maximumDepth: maximumDepth, maximumOperands: 4, leafPercentage: 20,
                operationWeights: OperationWeights(call: includesFunctions ? 3 : 0),
                functions: includesFunctions ? everyFunction : [:],
                constants: RationalSampler(numerators: -9...9, denominators: 1...6, widePercentage: 10),
                exponents: -3...4,
                fractionalExponents: [Rational(1, 2), Rational(-1, 2), Rational(3, 2), Rational(-5, 3), Rational(2, 3)],
                symbolicExponents: true))
    }
}
