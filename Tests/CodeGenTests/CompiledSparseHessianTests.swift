import AutoDiff
import Exact
import Symbolic
import Testing

@testable import CodeGen

/// The compiled compressed Hessian (`jacobi_hvp_coloured`: the colours' H·d in one sweep,
/// seeded from colour bytes, products interleaved) against the exact sparse Hessian.
@Suite(.serialized) struct CompiledSparseHessianTests {
    static let cache = scratchDirectory("cache-coloured")

    /// f = Σᵢ Σ_{0 < d ≤ k} xᵢ·xᵢ₊d·xᵢ₊d + xᵢ³: a Hessian of half-bandwidth k.
    static func banded(_ n: Int, halfBandwidth k: Int) -> Tape {
        try! Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<n {
                s = s + x[i] * x[i] * x[i]
                for d in 1...k where i + d < n { s = s + x[i] * x[i + d] * x[i + d] }
            }
            return s
        }
    }

    /// An arrow: x₀ interacts with every variable.
    static func arrow(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { x in
            var s = x[0] * x[0] * x[0]
            for i in 1..<n { s = s + x[0] * x[i] + x[i] * x[i] / (x[0] * x[0] + 1) }
            return s
        }
    }

    /// Every entry equals the exact sparse Hessian (Rational sweeps) rounded, to a few ulps,
    /// for all colours in one sweep and for several sweeps (fewer lanes than colours, the
    /// last sweep partly empty); the colour counts are the theory's (tridiagonal 3, half-bandwidth 2: 5, half-bandwidth 4: 9, arrow 2).
    @Test func colouredSweeps_equalTheExactSparseHessian() throws {
        let n = 30
        let cases: [(Tape, Int)] = [
            (CompiledTapeTests.rosenbrock(n), 3), (Self.banded(n, halfBandwidth: 2), 5), (Self.banded(n, halfBandwidth: 4), 9),
            (Self.arrow(n), 2),
        ]
        for (tape, colours) in cases {
            let c = try SparseCompression.hessian(of: tape)
            #expect(c.coloring.count == colours)
            let xq = (0..<n).map { Rational(($0 % 13) - 6, 7) }
            let exact = try tape.sparseHessian(at: xq, compression: c).map { Double($0) }
            let x = xq.map { Double($0) }
            // 9 colours take two sweeps of at most eight; 2 lanes: several sweeps, the last partly empty
            for lanes in Set([c.coloring.count, 2]) {
                let fast = tape.compiled(options: CompileOptions(cacheDirectory: Self.cache, hessianColours: lanes))
                #expect(fast.isCompiled, "\(fast.fallbackReason ?? "")")
                #expect(fast.hessianColours == Swift.min(lanes, CompileOptions.maximumColoursPerSweep))
                let sparse = try CompiledSparseHessian(fast, compression: c)
                var values: [Double] = []
                var products: [Double] = []
                for _ in 0..<2 {  // the second call reuses both buffers
                    try sparse.evaluate(at: x, into: &values, products: &products)
                    #expect(agree(values, exact), "colours \(colours), lanes \(lanes)")
                }
                #expect(agree(try fast.sparseHessian(at: x, compression: c), exact))
            }
        }
    }

    /// The generated sweep reads the colours, not direction vectors, and writes each
    /// input's products side by side.
    @Test func theColouredSweep_isSeededFromColourBytes() throws {
        let source = CompiledTape.source(for: CompiledTapeTests.rosenbrock(10), hessianColours: 3)
        #expect(source.contains("int jacobi_hvp_coloured(const double *restrict x, const unsigned char *restrict c, double *restrict out)"))
        #expect(source.contains("(c[r] == 2 ? 1.0 : 0.0)"))
        #expect(source.contains("out[3 * r + 2] +="))
        #expect(!CompiledTape.source(for: CompiledTapeTests.rosenbrock(10)).contains("jacobi_hvp_coloured"))
    }

    /// Where the compiled code declines (a domain check fails), the interpreter decides and
    /// reports its typed error; without a compiler the interpreter gives the entries.
    @Test func domainErrors_andNoCompiler_takeTheInterpreter() throws {
        let tape = try Tape(compiling: [try Expr.parse("x*y^2 + log(x - y)")], inputs: [Symbol("x"), Symbol("y")])
        let c = try SparseCompression.hessian(of: tape)
        let fast = tape.compiled(options: CompileOptions(cacheDirectory: Self.cache, hessianColours: c.coloring.count))
        let sparse = try CompiledSparseHessian(fast, compression: c)
        #expect(throws: TapeError.self) { try sparse.evaluate(at: [1.0, 2.0]) }
        #expect(throws: TapeError.self) { try sparse.evaluate(at: [1.0]) }
        #expect(agree(try sparse.evaluate(at: [3.0, 1.0]), try tape.sparseHessian(at: [3.0, 1.0], compression: c)))
        let none = tape.compiled(
            options: CompileOptions(compiler: "no-such-compiler-jacobi", cacheDirectory: Self.cache, hessianColours: 2, onFallback: { _ in }))
        #expect(!none.isCompiled && none.hessianColours == 0)
        #expect(try CompiledSparseHessian(none, compression: c).evaluate(at: [3.0, 1.0]) == tape.sparseHessian(at: [3.0, 1.0], compression: c))
        let jacobian = SparseCompression.jacobian(of: tape)
        #expect(throws: SparsityError.self) { try CompiledSparseHessian(fast, compression: jacobian) }
    }
}
