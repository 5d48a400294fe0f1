import Exact
import Symbolic
import Testing
@testable import Verification

@Test func scratch() throws {
    let x = Symbol("x"), y = Symbol("y")
    for text in ["x^2/(1 + y)", "x*y + sin(x)", "sqrt(x)*y", "log(x) - abs(y)", "atan(x*y)^2 + tan(x)"] {
        let f = try Expr.parse(text)
        let r = try CrossCheck().check([f], variables: [x, y])
        print(text, r)
        for s in r.skipped.prefix(3) { print("   skipped", s) }
    }
}
