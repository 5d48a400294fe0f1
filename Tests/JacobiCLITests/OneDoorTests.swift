import Foundation
import Jacobi
import Testing

/// Each command's JSON is the library call it stands for: the same `Function`, the same
/// engine, the same exact values, printed.
@Suite struct OneDoorTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func strings(_ es: [Expr]) -> [String] { es.map(\.description) }
    static func rows(_ m: Matrix<Expr>) -> [[String]] { m.rowList.map(strings) }

    static let x = Symbol("x"), y = Symbol("y")

    @Test(arguments: ["forward", "reverse", "symbolic"])
    func everyCommand_printsTheLibraryCall(engine: String) throws {
        let e = try #require(DifferentialEngine(rawValue: engine))
        let f = try Function([Expr.parse("x^2*y + sin(x)/y")])
        let g = try Function([Expr.parse("x*y"), Expr.parse("exp(x) + y^3")])
        let a = try Point([(Self.x, Rational(1, 2)), (Self.y, 3)])
        let at = ["--at", "x=1/2,y=3", "--engine", engine]
        let v: [Rational] = [2, Rational(-1, 3)]

        let grad = try Self.json(["grad", "x^2*y + sin(x)/y"] + at)
        #expect(grad["symbolic"] as? [String] == Self.strings(try f.gradient()))
        #expect(grad["exact"] as? [String] == Self.strings(try f.gradient(at: a, engine: e)))
        let diff = try Self.json(["diff", "x^2*y + sin(x)/y", "--wrt", "y"] + at)
        #expect(diff["exact"] as? [String] == Self.strings(try f.partials(withRespectTo: [Self.y], at: a, engine: e)))
        let dir = try Self.json(["dir", "x^2*y + sin(x)/y", "--dir", "2,-1/3"] + at)
        #expect(dir["exact"] as? String == (try f.directionalDerivative(at: a, along: v, engine: e)).description)
        let jacobian = try Self.json(["jacobian", "x*y", "exp(x) + y^3"] + at)
        #expect(jacobian["symbolic"] as? [[String]] == Self.rows(try g.jacobian()))
        #expect(jacobian["exact"] as? [[String]] == Self.rows(try g.jacobian(at: a, engine: e)))
        let hessian = try Self.json(["hessian", "x^2*y + sin(x)/y"] + at)
        #expect(hessian["exact"] as? [[String]] == Self.rows(try f.hessian(at: a, engine: e)))
        let jvp = try Self.json(["jvp", "x*y", "exp(x) + y^3", "--dir", "2,-1/3"] + at)
        #expect(jvp["symbolic"] as? [String] == Self.strings(try g.jvp(direction: v.map { Expr($0) })))
        #expect(jvp["exact"] as? [String] == Self.strings(try g.jvp(at: a, direction: v, engine: e)))
        #expect(jvp["value"] as? [String] == Self.strings(try g.value(at: a)))
        let vjp = try Self.json(["vjp", "x*y", "exp(x) + y^3", "--weights", "2,-1/3"] + at)
        #expect(vjp["exact"] as? [String] == Self.strings(try g.vjp(at: a, weights: v, engine: e)))
        let linearize = try Self.json(["linearize", "x*y", "exp(x) + y^3"] + at)
        #expect(linearize["exact"] as? [[String]] == Self.rows(try g.jacobian(at: a, engine: e)))
        if e != .forward {
            let hvp = try Self.json(["hvp", "x^2*y + sin(x)/y", "--dir", "2,-1/3"] + at)
            #expect(hvp["exact"] as? [String] == Self.strings(try f.hvp(at: a, direction: v, engine: e)))
        }
        let taylor = try Self.json(["taylor", "x^2*y + sin(x)/y"] + at)
        let model = try f.taylor(at: a, engine: e)
        #expect(taylor["gradient"] as? [String] == Self.strings(model.gradient))
        #expect(taylor["symbolic"] as? String == model.description)
    }

    /// A rational point first: exact rationals where the value is rational, exact
    /// expressions only where it is not (sin(1/2)), from every engine alike.
    @Test func exactValues_areRationalWhereTheyCanBe() throws {
        let grad = try Self.json(["grad", "x^2*y + sin(x)/y", "--at", "x=0,y=3"])
        #expect(grad["exact"] as? [String] == ["1/3", "0"])
        let mixed = try Self.json(["grad", "x^2*y + sin(x)/y", "--at", "x=1/2,y=3", "--no-symbolic"])
        #expect(mixed["exact"] as? [String] == ["cos(1/2)/3 + 3", "1/4 - sin(1/2)/9"])
        #expect(mixed["symbolic"] == nil && mixed["latex"] == nil)
    }

    /// Every symbolic result carries its LaTeX, in the same shape.
    @Test func symbolicResults_carryTheirLatex_inTheSameShape() throws {
        let j = try Self.json(["jacobian", "x*y", "sin(x)"])
        #expect(j["latex"] as? [[String]] == [["y", "x"], ["\\cos\\left(x\\right)", "0"]])
        let g = try Self.json(["grad", "x/y"])
        #expect(g["latex"] as? [String] == ["\\frac{1}{y}", "-\\frac{x}{y^{2}}"])
    }

    /// The tape commands' symbolic results are simplified like diff's.
    @Test func tapeCommands_printSimplifiedSymbolicResults() throws {
        let vjp = try Self.json(["vjp", "x/(x + y)", "y/(x + y)", "--weights", "1,1", "--at", "x=1,y=2"])
        #expect(vjp["symbolic"] as? [String] == ["0", "0"], "\(vjp)")  // x/(x+y) + y/(x+y) = 1
        let jvp = try Self.json(["jvp", "sin(x)^2 + cos(x)^2 + x*y", "--dir", "1,0", "--at", "x=1,y=2"])
        #expect(jvp["symbolic"] as? [String] == ["y"], "\(jvp)")
    }
}
