import Foundation
import Jacobi
import Testing

/// `sparsity`, `jacobian --sparse`, `hessian --sparse` and `--format mtx`: the library's
/// patterns, colourings and exact values, printed; every structural entry listed.
@Suite struct SparseCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLI.run(arguments + ["--format", "json"])
        #expect(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static let rosenbrock = (0..<5).map { "100*(x\($0 + 1) - x\($0)^2)^2 + (1 - x\($0))^2" }.joined(separator: " + ")

    @Test func sparseHessian_listsTheTridiagonalPattern_withExactValuesEqualToTheDenseHessian() throws {
        let vars = (0...5).map { "x\($0)" }
        let at = vars.enumerated().map { "\($1)=\($0 - 2)/3" }.joined(separator: ",")
        let sparse = try Self.json(["hessian", "--sparse", Self.rosenbrock, "--at", at, "--no-symbolic"])
        let dense = try Self.json(["hessian", Self.rosenbrock, "--at", at, "--no-symbolic"])
        let rows = try #require(sparse["rows"] as? [Int])
        let cols = try #require(sparse["cols"] as? [Int])
        let exact = try #require(sparse["exact"] as? [String])
        let matrix = try #require(dense["exact"] as? [[String]])
        #expect(sparse["shape"] as? [Int] == [6, 6])
        #expect(sparse["nnz"] as? Int == 3 * 6 - 2)
        #expect(sparse["colors"] as? Int == 3)
        #expect(rows.count == 16 && cols.count == 16 && exact.count == 16)
        #expect(zip(rows, cols).allSatisfy { abs($0 - $1) <= 1 })
        #expect(zip(rows, cols).map { [$0, $1] } == zip(rows, cols).map { [$0, $1] }.sorted { $0.lexicographicallyPrecedes($1) })
        for k in 0..<16 { #expect(matrix[rows[k]][cols[k]] == exact[k]) }
        // Every other entry of the dense Hessian is 0.
        let listed = Set(zip(rows, cols).map { [$0, $1] })
        for i in 0..<6 { for j in 0..<6 where !listed.contains([i, j]) { #expect(matrix[i][j] == "0") } }
    }

    /// `hessian --sparse --compile`: the same pattern and colouring, the entries in Double
    /// from compiled H·v, equal to the exact entries rounded; also for a program.
    @Test func compiledSparseHessian_givesTheExactEntriesRounded() throws {
        let at = (0...5).map { "x\($0)=\($0 - 2)/3" }.joined(separator: ",")
        let exact = try Self.json(["hessian", "--sparse", Self.rosenbrock, "--at", at])
        let compiled = try Self.json(["hessian", "--sparse", "--compile", Self.rosenbrock, "--at", at])
        #expect(compiled["rows"] as? [Int] == exact["rows"] as? [Int])
        #expect(compiled["cols"] as? [Int] == exact["cols"] as? [Int])
        #expect(compiled["colors"] as? Int == 3)
        #expect(compiled["exact"] == nil)
        let values = try #require(compiled["numeric"] as? [Double])
        let expected = try #require(exact["exact"] as? [String]).map { Double(try Rational(parsing: $0)) }
        #expect(values.count == expected.count)
        for (u, v) in zip(values, expected) { #expect(abs(u - v) <= 1e-12 * Swift.max(1, abs(v))) }
        #expect(["compiled", "interpreted"].contains(compiled["engine"] as? String))
        let source = "param n = 6\ninput x[n]\nf = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)\noutput f\n"
        let run = try CLI.run(["hessian", "--sparse", "--compile", "--file", "-", "--at", "x=1/2", "--format", "json"], stdin: source)
        #expect(run.status == 0, "\(run.stderr)")
        let program = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(
            program["numeric"] as? [Double] == [
                102, -200, -200, 302, -200, -200, 302, -200, -200, 302, -200, -200, 302, -200,
                -200, 200,
            ])
        let dense = try CLI.run(["hessian", "--compile", "x*y", "--at", "x=1,y=2"])
        #expect(dense.status == 2 && dense.stderr.contains("--sparse"))
        let noPoint = try CLI.run(["hessian", "--sparse", "--compile", "x*y"])
        #expect(noPoint.status == 2 && noPoint.stderr.contains("point"))
    }

    @Test func zerosAtThePoint_areListed_andTheSymbolicEntriesWithoutAPoint() throws {
        let r = try Self.json(["hessian", "--sparse", "x*y + y^3", "--at", "x=5,y=0"])
        #expect(r["rows"] as? [Int] == [0, 1, 1])
        #expect(r["cols"] as? [Int] == [1, 0, 1])
        #expect(r["exact"] as? [String] == ["1", "1", "0"])
        #expect(r["numeric"] as? [Double] == [1, 1, 0])
        #expect(r["symbolic"] == nil)  // DESIGN: no symbolic column with --sparse at a point
        let symbolic = try Self.json(["hessian", "--sparse", "x*y + y^3"])
        #expect(symbolic["symbolic"] as? [String] == ["1", "1", "6*y"])
        #expect(symbolic["rows"] as? [Int] == [0, 1, 1])
    }

    @Test func sparseHessian_atManyPoints_isOneLinePerPoint_eachAsForOnePoint() throws {
        let points = "{\"x\": \"1\", \"y\": \"2\"}\n{\"x\": \"0\", \"y\": \"1/2\"}\n"
        let r = try CLI.run(["hessian", "--sparse", "x*y + y^3", "--points", "-", "--no-symbolic"], stdin: points)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        for (line, at) in zip(lines, ["x=1,y=2", "x=0,y=1/2"]) {
            let single = try CLI.run(["hessian", "--sparse", "x*y + y^3", "--at", at, "--no-symbolic", "--format", "json"])
            #expect(line == single.stdout.trimmingCharacters(in: .newlines))
        }
    }

    @Test func sparseJacobian_everyEngine_equalsTheDenseJacobian() throws {
        let fs = ["x^2*y", "y*z + sin(z)", "z/(1 + x^2)"]
        for engine in ["forward", "reverse", "symbolic"] {
            let sparse = try Self.json(["jacobian", "--sparse"] + fs + ["--at", "x=1/2,y=3,z=0", "--engine", engine])
            let dense = try Self.json(["jacobian"] + fs + ["--at", "x=1/2,y=3,z=0", "--engine", engine])
            let rows = try #require(sparse["rows"] as? [Int])
            let cols = try #require(sparse["cols"] as? [Int])
            let exact = try #require(sparse["exact"] as? [String])
            let matrix = try #require(dense["exact"] as? [[String]])
            #expect(exact.count == 6)
            for k in exact.indices { #expect(matrix[rows[k]][cols[k]] == exact[k], "\(engine)") }
        }
        let reverse = try Self.json(["jacobian", "--sparse", "x*y*z*w", "x+y+z+w", "--at", "x=1,y=2,z=3,w=4"])
        #expect(reverse["mode"] as? String == "reverse")
        #expect(reverse["colors"] as? Int == 2)
    }

    @Test func sparsity_exactPattern_dropsCancellations_structuralKeepsThem() throws {
        let f = "sin(x)^2*y + cos(x)^2*y + z^3"
        let exact = try Self.json(["sparsity", "--hessian", f])
        #expect(exact["rows"] as? [Int] == [2] && exact["cols"] as? [Int] == [2])
        #expect(exact["nnz"] as? Int == 1 && exact["pattern"] as? String == "exact")
        let structural = try Self.json(["sparsity", "--hessian", f, "--structural"])
        #expect(structural["nnz"] as? Int == 4)
        let arrow = try Self.json(["sparsity", "--hessian", "x0*(x1 + x2 + x3 + x4) + x1^3 + x2^3 + x3^3 + x4^3 + x0^3"])
        #expect(arrow["colors"] as? Int == 2)
        #expect(arrow["mode"] as? String == "hessian")
        let text = try CLI.run(["sparsity", "x*y", "y*z", "z^2"])
        #expect(text.stdout == "J: 3×3, 5 entries (exact pattern)\ncolours: 2 (forward: 2 forward sweeps instead of 3)\nx x .\n. x x\n. . x\n")
    }

    @Test func matrixMarket_isCoordinateFormat_oneBased() throws {
        let r = try CLI.run(["hessian", "--sparse", "x*y + y^3", "--at", "x=5,y=1/2", "--format", "mtx"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "%%MatrixMarket matrix coordinate real general")
        #expect(lines.filter { !$0.hasPrefix("%") } == ["2 2 3", "1 2 1.0", "2 1 1.0", "2 2 3.0"])
        let pattern = try CLI.run(["sparsity", "x*y", "--format", "mtx"])
        #expect(pattern.stdout.split(separator: "\n").filter { !$0.hasPrefix("%") } == ["1 2 2", "1 1", "1 2"])
        // Without a point, --sparse writes the pattern; a dense result has no Matrix Market form here.
        let noPoint = try CLI.run(["hessian", "--sparse", "x*y", "--format", "mtx"])
        #expect(noPoint.stdout.split(separator: "\n").filter { !$0.hasPrefix("%") } == ["2 2 2", "1 2", "2 1"])
        let e = try CLI.run(["grad", "x*y", "--format", "mtx"])
        #expect(e.status == 2 && e.stdout.isEmpty && e.stderr.split(separator: "\n").count == 1)
        // Matrix Market holds doubles: a value beyond Double's range is a short one-line error.
        let huge = try CLI.run(["hessian", "--sparse", "x^400", "--at", "x=10", "--format", "mtx"])
        #expect(huge.status == 2 && huge.stdout.isEmpty && huge.stderr.split(separator: "\n").count == 1)
        #expect(huge.stderr.count < 200)
    }
}
