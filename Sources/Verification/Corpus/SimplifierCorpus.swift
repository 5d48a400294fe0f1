import Exact
import Symbolic

/// The generated part of the simplifier corpus: seeded draws from ``ExpressionGenerator``
/// in three families (rational functions; sin, cos, exp, log; every function, nested), and
/// for each drawn function the objects the commands print.
///
///     SimplifierCorpus.generated().count   // 420
///
/// Per family: 20 scalar functions of (x, y), each giving `simplify`, both partials, the
/// mixed Hessian entry, an H·v entry and a Taylor coefficient of order 2 or 3 at a rational
/// point; and 10 pairs giving a J·v and a wᵀJ entry. Draws that fold to a constant, that
/// have no value at the Taylor point, or whose printed form exceeds 60 operations are
/// skipped (the next draw is taken), so the corpus is the same on every run.
public enum SimplifierCorpus {
    /// The problems of every family, in a fixed order.
    public static func generated(seed: UInt64 = 0x51_4D_50) -> [SimplifierProblem] {
        let x = Symbol("x"), y = Symbol("y")
        let families: [(String, ExpressionGenerator.Specification)] = [
            ("rational", .rational(variables: [x, y], maximumDepth: 3)),
            ("transcendental", .calling([.sin, .cos, .exp, .log], variables: [x, y], maximumDepth: 3)),
            ("nested", ExpressionGenerator.Specification(variables: [x, y], maximumDepth: 4, maximumOperands: 2, leafPercentage: 15)),
        ]
        var problems: [SimplifierProblem] = []
        for (index, (family, spec)) in families.enumerated() {
            var g = SplitMix64(seed: seed).split(index)
            let generator = ExpressionGenerator(spec)
            let vars = ["x", "y"]
            func draw() -> Expr {
                while true {
                    let e = generator.expression(using: &g)
                    if e.freeSymbols == [x, y], e.operationCount <= 60, e.undefinedConstant == nil { return e }
                }
            }
            func small(_ n: Int) -> [Rational] {
                (0..<n).map { _ in Rational(Int.random(in: -3...3, using: &g), Int.random(in: 1...2, using: &g)) }
            }
            var scalars = 0
            while scalars < 20 {
                let f = draw()
                let a = small(2)
                let order = Int.random(in: 2...3, using: &g)
                let i = Int.random(in: 0...order, using: &g)
                let taylor = SimplifierProblem(
                    kind: .taylor, functions: [f.description], variables: vars,
                    parameter: "\(i),\(order - i)@\(a[0]),\(a[1])", family: family)
                guard (try? taylor.answer()) != nil else { continue }  // undefined at the point: draw again
                let text = [f.description]
                let v = small(2)
                problems += [
                    SimplifierProblem(kind: .simplify, functions: text, variables: vars, family: family),
                    SimplifierProblem(kind: .diff, functions: text, variables: vars, parameter: "x", family: family),
                    SimplifierProblem(kind: .diff, functions: text, variables: vars, parameter: "y", family: family),
                    SimplifierProblem(kind: .hessian, functions: text, variables: vars, parameter: "0,1", family: family),
                    SimplifierProblem(
                        kind: .hvp, functions: text, variables: vars,
                        parameter: "\(scalars % 2):\(v[0]),\(v[1])", family: family),
                    taylor,
                ]
                scalars += 1
            }
            for k in 0..<10 {
                let fs = [draw().description, draw().description]
                let v = small(2), w = small(2)
                problems += [
                    SimplifierProblem(kind: .jvp, functions: fs, variables: vars, parameter: "\(k % 2):\(v[0]),\(v[1])", family: family),
                    SimplifierProblem(kind: .vjp, functions: fs, variables: vars, parameter: "\((k + 1) % 2):\(w[0]),\(w[1])", family: family),
                ]
            }
        }
        return problems
    }
}
