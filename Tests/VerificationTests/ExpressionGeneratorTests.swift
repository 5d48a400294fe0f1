import Exact
import Symbolic
import Testing
import Verification

@Suite struct ExpressionGeneratorTests {
    let vars = [Symbol("x"), Symbol("y")]

    func draw(_ spec: ExpressionGenerator.Specification, _ count: Int, seed: UInt64 = 1) -> [Expr] {
        var g = SplitMix64(seed: seed)
        return ExpressionGenerator(spec).functions(count: count, using: &g)
    }

    @Test func sameSeed_sameExpressions_differentSeed_different() {
        let spec = ExpressionGenerator.Specification(variables: vars)
        #expect(draw(spec, 20) == draw(spec, 20))
        #expect(draw(spec, 20) != draw(spec, 20, seed: 2))
    }

    @Test func rationalOnly_drawsRationalFunctions() {
        for e in draw(.rational(variables: vars), 200) {
            var ok = true
            _ = e.foldPostorder { (node: Expr, _: (Expr) -> Int) -> Int in
                switch node.kind {
                case .call: ok = false
                case .power(_, let n): if !(n.rationalValue?.isInteger ?? false) { ok = false }
                case .product(_, let factors): if factors.contains(where: { !($0.exponent.rationalValue?.isInteger ?? false) }) { ok = false }
                default: break
                }
                return 0
            }
            #expect(ok, "\(e)")
            #expect(Set(e.freeSymbols).isSubset(of: Set(vars)))
        }
    }

    @Test func functionWeights_chooseTheFunctionsThatAppear() {
        let text = draw(.calling([.atan], variables: vars), 200).map(\.description).joined(separator: " ")
        #expect(text.contains("atan("))
        for f in ElementaryFunction.allCases where f != .atan && f != .tan { #expect(!text.contains("\(f.name)("), "\(f)") }
    }

    @Test func depthZero_drawsLeaves() {
        let spec = ExpressionGenerator.Specification(variables: vars, maximumDepth: 0)
        #expect(draw(spec, 50).allSatisfy { $0.height == 0 })
    }

    @Test func defaultSpecification_avoidsNothing() {
        // Every function, fractional and symbolic exponents, quotients that can vanish.
        let text = draw(ExpressionGenerator.Specification(variables: vars), 400).map(\.description).joined(separator: " ")
        for f in ElementaryFunction.allCases { #expect(text.contains("\(f.name)("), "\(f)") }
        #expect(text.contains("sqrt(") || text.contains("^(1/2)"))
        #expect(text.contains("^(x") || text.contains("^(y") || text.contains("^x") || text.contains("^y"))
    }

    /// With no variables every leaf is a constant, so sqrt(-4), 1/0, log(0) and asin(5/2)
    /// would come up all the time; no draw contains one, and every draw parses back from its
    /// printed form (the parser refuses undefined constants).
    @Test func draws_haveNoUndefinedConstants() throws {
        let constantsOnly = ExpressionGenerator.Specification(variables: [], maximumDepth: 4, maximumOperands: 4)
        let draws = draw(constantsOnly, 400) + draw(ExpressionGenerator.Specification(variables: vars, maximumDepth: 4), 400)
        for e in draws {
            #expect(e.undefinedConstant == nil, "\(e)")
            #expect(try Expr.parse(e.description) == e, "\(e)")
        }
        #expect(draws.contains { $0.freeSymbols.isEmpty && $0.height > 0 })
    }
}
