import Foundation
import Jacobi
import Testing

@Suite struct DifferentialCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func linearize_matchesTheLibrarysDifferential() throws {
        let j = try Self.json(["linearize", "x*y", "sin(x) + y^2", "--at", "x=1/2,y=3"])
        #expect(j["command"] as? String == "linearize")
        #expect(j["vars"] as? [String] == ["x", "y"])
        #expect(j["symbolic"] as? [[String]] == [["y", "x"], ["cos(x)", "2*y"]])
        #expect(j["exact"] as? [[String]] == [["3", "1/2"], ["cos(1/2)", "6"]])
        #expect(j["value"] as? [String] == ["3/2", "sin(1/2) + 9"])
        let numeric = j["numeric"] as? [[Double]] ?? []
        // Foundation's JSONSerialization reads numbers through Decimal, which can be off by an
        // ulp; the printed digits themselves are the shortest round-tripping form.
        #expect(numeric.count == 2 && Swift.abs(numeric[1][0] - Foundation.cos(0.5)) <= 1e-15)
        // The same matrix from the library, by every engine.
        let f = try Function(["x*y", "sin(x) + y^2"].map { try Expr.parse($0) })
        for engine in DifferentialEngine.allCases {
            let m: Matrix<Expr> = try f.jacobian(at: [Expr(Rational(1, 2)), Expr(3)], engine: engine)
            #expect(m.rowList.map { $0.map(\.description) } == j["exact"] as? [[String]])
            let r = try Self.json(["linearize", "x*y", "sin(x) + y^2", "--at", "x=1/2,y=3", "--engine", engine.rawValue])
            #expect(r["engine"] as? String == engine.rawValue)
            #expect(r["exact"] as? [[String]] == j["exact"] as? [[String]])
        }
    }

    @Test func taylor_ofHigherOrder_listsEveryCoefficient() throws {
        // exp(x)*y at (0, 1), order 3: c_(i,0) = 1/i!, c_(i,1) = 1/i!, c_(i,j≥2) = 0.
        let t = try Self.json(["taylor", "exp(x)*y", "--at", "x=0,y=1", "--order", "3"])
        let terms = t["terms"] as? [[String: Any]] ?? []
        #expect(
            terms.map { $0["powers"] as? [Int] ?? [] } == [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1], [0, 2], [3, 0], [2, 1], [1, 2], [0, 3]])
        #expect(terms.map { $0["exact"] as? String ?? "" } == ["1", "1", "1", "1/2", "1", "0", "1/6", "1/2", "0", "0"])
        #expect(t["symbolic"] as? String == "1 + x + (y - 1) + 1/2*x^2 + x*(y - 1) + 1/6*x^3 + 1/2*x^2*(y - 1)")
        // dir --order k: d³/dt³ of sin(t)·2t at 0 is 0; symbolically (∂x + 2∂y)³(y sin x).
        let d = try Self.json(["dir", "sin(x)*y", "--dir", "1,2", "--order", "3", "--at", "x=1/2,y=0"])
        #expect(d["symbolic"] as? String == "-y*cos(x) - 6*sin(x)")
        #expect(d["exact"] as? String == "-6*sin(1/2)")
        #expect(d["order"] as? Int == 3)
    }

    @Test func taylor_ofACubicHasTheExpectedCoefficients() throws {
        let t = try Self.json(["taylor", "x^3", "--at", "x=1", "--order", "2"])
        #expect(t["symbolic"] as? String == "1 + 3*(x - 1) + 3*(x - 1)^2")  // centred at a = 1
        #expect(t["order"] as? Int == 2)
        #expect(t["value"] as? String == "1")
        #expect(t["gradient"] as? [String] == ["3"])
        #expect(t["hessian"] as? [[String]] == [["6"]])
        let first = try Self.json(["taylor", "x^3", "--at", "x=1", "--order", "1"])
        #expect(first["symbolic"] as? String == "1 + 3*(x - 1)")
        #expect(first["hessian"] is NSNull)  // the key is there (DESIGN.md), with no value at order 1
    }

    @Test func taylor_keepsTranscendentalCoefficientsExact() throws {
        let t = try Self.json(["taylor", "exp(x)*y", "--at", "x=1/2,y=2", "--order", "1"])
        #expect(t["value"] as? String == "2*exp(1/2)")
        #expect(t["gradient"] as? [String] == ["2*exp(1/2)", "exp(1/2)"])
        #expect(Swift.abs((t["numeric"] as? Double ?? 0) - 2 * Foundation.exp(0.5)) <= 1e-15 * 4)
    }

    @Test(arguments: [
        (["taylor", "x^3", "--at", "x=1", "--order", "13"], "--order must be 1 to 12"),
        (["dir", "x^3", "--dir", "1", "--order", "0"], "--order must be 1 to 12"),
        (["linearize", "1/x", "--at", "x=0"], "division by zero"),
        (["taylor", "x*y", "--at", "x=1"], "no value given for the variable y"),
        (["linearize", "log(x)", "--at", "x=-1"], "log"),
        (["taylor", "x", "y", "--at", "x=1"], "taylor takes one function, got 2"),
    ])
    func badInput_exitsTwoWithOneLine(arguments: [String], message: String) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2, "\(arguments)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("jacobi: ") && r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
