import AutoDiff
import Derivatives
import Exact
import Symbolic
import Testing

@testable import CodeGen

@Suite struct CommonSubexpressionTests {
    let x = Expr(Symbol("x"))
    let y = Expr(Symbol("y"))

    @Test func sharedSubexpression_isComputedOnce() throws {
        let f = try Expr.parse("sin(x*y) + x*y")
        let g = try Expr.parse("cos(x*y)")
        let cse = CommonSubexpressions([f, g])
        #expect(cse.definitions.count == 1)
        #expect(cse.definitions.first?.value == x * y)
        let t0 = Expr(cse.definitions[0].name)
        #expect(cse.outputs == [Expr.call(.sin, t0) + t0, Expr.call(.cos, t0)])
    }

    /// Substituting the definitions back, last to first, gives the outputs exactly.
    @Test func substitutingTheDefinitionsBack_givesTheExpressions() throws {
        for f in Corpus.functions {
            let exprs = f.gradient(withRespectTo: Corpus.variables)
            let cse = CommonSubexpressions(exprs)
            var outputs = cse.outputs
            for (name, value) in cse.definitions.reversed() {
                outputs = outputs.map { $0.substituting(name, with: value) }
            }
            #expect(outputs == exprs, "\(f)")
        }
    }

    /// The corpus's gradients and Hessians after CSE count fewer operations than their
    /// trees, in total, and never more for any one function.
    @Test func cseOutput_isSmallerThanTheTree() throws {
        var before = 0
        var after = 0
        for f in Corpus.functions {
            let exprs = f.gradient(withRespectTo: Corpus.variables) + f.hessian(withRespectTo: Corpus.variables).flatMap { $0 }
            let tree = exprs.reduce(0) { $0 + $1.operationCount }
            let cse = CommonSubexpressions(exprs).operationCount
            #expect(cse <= tree, "\(f): \(cse) > \(tree)")
            before += tree
            after += cse
        }
        #expect(after < before)
        #expect(Double(after) < 0.8 * Double(before), "CSE total \(after) vs tree \(before)")
    }

    @Test func temporaries_avoidTheVariablesNames() throws {
        let f = try Expr.parse("sin(t0*t1) + cos(t0*t1)")
        let cse = CommonSubexpressions([f])
        #expect(cse.definitions.allSatisfy { !["t0", "t1"].contains($0.name.name) })
    }
}
