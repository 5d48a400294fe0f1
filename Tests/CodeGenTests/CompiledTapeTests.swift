import AutoDiff
import Exact
import Symbolic
import Testing

@testable import CodeGen

/// Compiled tapes against the interpreter: the same numbers, the same typed errors, and
/// a fallback that says so once.
@Suite(.serialized) struct CompiledTapeTests {
    static let cache = scratchDirectory("cache")

    /// Extended Rosenbrock as a recorded program (W4's shape: its loop is a repeated block).
    static func rosenbrock(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<(n - 1) {
                let t = x[i + 1] - x[i] * x[i]
                let u = 1 - x[i]
                s = s + (100 * (t * t) + u * u)
            }
            return s
        }
    }

    static func options(_ calls: Counter? = nil) -> CompileOptions {
        CompileOptions(cacheDirectory: cache, onFallback: { _ in calls?.increment() })
    }

    @Test func rosenbrock_compiledAgreesWithTheInterpreter() throws {
        let n = 1000
        let tape = Self.rosenbrock(n)
        let fast = tape.compiled(options: Self.options())
        #expect(fast.isCompiled, "\(fast.fallbackReason ?? "")")
        #expect(fast.statuses(at: (0..<n).map { Double($0) / 100 }, direction: [Double](repeating: 1, count: n)) == [0, 0, 0, 0])
        let x = (0..<n).map { Double(($0 % 13) - 6) / 7 }
        let v = (0..<n).map { Double(($0 % 5) - 2) / 3 }
        #expect(try fast.evaluate(at: x) == tape.evaluate(at: x))
        #expect(agree(try fast.gradient(at: x), try tape.gradient(at: x)))
        #expect(agree(try fast.hvp(at: x, direction: v), try tape.hvp(at: x, direction: v)))
        #expect(agree(try fast.jvp(at: x, direction: v), try tape.jvp(at: x, direction: v).tangent))
        #expect(agree(try fast.vjp(at: x, weights: [2.5]), try tape.vjp(at: x, weights: [2.5]).cotangent))
        // the tape keeps its loop: the source is small whatever n is
        #expect(CompiledTape.source(for: tape).split(separator: "\n").count < 300)
    }

    /// H·v for three directions in one compiled sweep = three H·v (the tridiagonal
    /// Hessian's colours for W9), also where the compiled code declines (log of ≤ 0).
    @Test func batchedHVP_equalsOneHVPPerDirection() throws {
        let n = 300
        let tape = Self.rosenbrock(n)
        let fast = tape.compiled(options: CompileOptions(cacheDirectory: Self.cache, hvpBatch: 3))
        #expect(fast.isCompiled && fast.hvpBatch == 3)
        let x = (0..<n).map { Double(($0 % 13) - 6) / 7 }
        let colours = (0..<3).flatMap { c in (0..<n).map { $0 % 3 == c ? 1.0 : 0.0 } }
        var out: [Double] = []
        try fast.hvp(at: x, directions: colours, into: &out)
        #expect(out.count == 3 * n)
        for c in 0..<3 {
            let expected = try tape.hvp(at: x, direction: Array(colours[(c * n)..<((c + 1) * n)]))
            #expect(agree(Array(out[(c * n)..<((c + 1) * n)]), expected))
        }
        let g = try Tape(compiling: [try Expr.parse("x*log(y) + y^2")], inputs: [Symbol("x"), Symbol("y")])
        let gf = g.compiled(options: CompileOptions(cacheDirectory: Self.cache, hvpBatch: 2))
        try gf.hvp(at: [1.5, 2.0], directions: [1, 0, 0, 1], into: &out)
        #expect(agree(out, try g.hvp(at: [1.5, 2.0], direction: [1, 0]) + g.hvp(at: [1.5, 2.0], direction: [0, 1])))
        #expect(throws: TapeError.self) { try gf.hvp(at: [1.5, -2.0], directions: [1, 0, 0, 1], into: &out) }
        #expect(throws: TapeError.self) { try gf.hvp(at: [1.5, 2.0], directions: [1, 0, 0], into: &out) }
    }

    /// The sparse Hessian from compiled H·v (all colours in one sweep, or one sweep per
    /// colour) equals the exact sparse Hessian rounded, entry by entry (Rosenbrock: 3
    /// colours; an arrow: 2; a banded objective with a wider star colouring).
    @Test func compiledSparseHessian_equalsTheExactOne() throws {
        let n = 40
        let arrow = try Tape.record(inputs: n) { x in
            var s = x[0] * x[0] * x[0]
            for i in 1..<n { s = s + x[0] * x[i] + x[i] * x[i] / (x[0] * x[0] + 1) }
            return s
        }
        let banded = try Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<n { for d in 0...2 where i + d < n { s = s + x[i] * x[i + d] * x[i] } }
            return s
        }
        for tape in [Self.rosenbrock(n), arrow, banded] {
            let c = try SparseCompression.hessian(of: tape)
            let xq = (0..<n).map { Rational(($0 % 13) - 6, 7) }
            let exact = try tape.sparseHessian(at: xq, compression: c).map { Double($0) }
            let x = xq.map { Double($0) }
            for batch in [c.coloring.count, 1] {
                let fast = tape.compiled(options: CompileOptions(cacheDirectory: Self.cache, hvpBatch: batch))
                #expect(fast.isCompiled, "\(fast.fallbackReason ?? "")")
                let values = try fast.sparseHessian(at: x, compression: c)
                #expect(agree(values, exact), "colours \(c.coloring.count), batch \(batch)")
            }
        }
        let fast = Self.rosenbrock(n).compiled(options: Self.options())
        let jacobian = SparseCompression.jacobian(of: Self.rosenbrock(n))
        #expect(throws: SparsityError.self) { try fast.sparseHessian(at: [Double](repeating: 0, count: n), compression: jacobian) }
        let c = try SparseCompression.hessian(of: Self.rosenbrock(n))
        #expect(throws: TapeError.self) { try fast.sparseHessian(at: [0, 1], compression: c) }
    }

    @Test func corpus_compiledAgreesWithTheInterpreter() throws {
        for f in Corpus.functions {
            let tape = try Tape(compiling: [f], inputs: Corpus.variables)
            let fast = tape.compiled(options: Self.options())
            #expect(fast.isCompiled)
            let x = Corpus.point
            #expect(fast.statuses(at: x, direction: Corpus.direction) == [0, 0, 0, 0], "\(f)")
            #expect(try fast.evaluate(at: x) == tape.evaluate(at: x), "\(f)")
            #expect(agree(try fast.gradient(at: x), try tape.gradient(at: x)), "\(f)")
            #expect(agree(try fast.hvp(at: x, direction: Corpus.direction), try tape.hvp(at: x, direction: Corpus.direction)), "\(f)")
        }
    }

    /// Both succeed with agreeing numbers, or both throw the same error.
    static func same(_ a: Result<[Double], TapeError>, _ b: Result<[Double], TapeError>) -> Bool {
        switch (a, b) {
        case (.success(let u), .success(let v)): agree(u, v)
        case (.failure(let e), .failure(let f)): e == f
        case (.success, .failure), (.failure, .success): false
        }
    }

    @Test(arguments: [
        ("x*y + log(x - y) + sqrt(y)", [[1.0, 2.0], [3.0, -1.0], [2.0, 2.0], [3.0, 0.0], [3.0, 1.0]]),
        ("abs(x) + asin(y) + x/y", [[0.0, 0.5], [1.0, 1.0], [1.0, 0.0], [-2.0, 2.0], [0.5, -0.5]]),
        ("x^y + (x - 1)^(1/3) + 1/x^2", [[0.0, 2.0], [-1.0, 2.0], [2.0, 0.5], [1.0, 3.0], [4.0, -1.0]]),
    ])
    func domainErrors_areTheInterpretersTypedErrors(_ text: String, _ points: [[Double]]) throws {
        let tape = try Tape(compiling: [try Expr.parse(text)], inputs: [Symbol("x"), Symbol("y")])
        let fast = tape.compiled(options: Self.options())
        #expect(fast.isCompiled)
        let v = [0.5, -2.0]
        for x in points {
            #expect(
                Self.same(Result { () throws(TapeError) in try fast.evaluate(at: x) }, Result { () throws(TapeError) in try tape.evaluate(at: x) }),
                "f \(x)")
            #expect(
                Self.same(Result { () throws(TapeError) in try fast.gradient(at: x) }, Result { () throws(TapeError) in try tape.gradient(at: x) }),
                "grad \(x)")
            #expect(
                Self.same(
                    Result { () throws(TapeError) in try fast.hvp(at: x, direction: v) },
                    Result { () throws(TapeError) in try tape.hvp(at: x, direction: v) }), "hvp \(x)")
            #expect(
                Self.same(
                    Result { () throws(TapeError) in try fast.jvp(at: x, direction: v) },
                    Result { () throws(TapeError) in try tape.jvp(at: x, direction: v).tangent }), "jvp \(x)")
        }
    }

    @Test func theGeneratedCode_namesTheFailingInstruction() throws {
        let tape = try Tape(compiling: [try Expr.parse("x*y + log(x - y)")], inputs: [Symbol("x"), Symbol("y")])
        let fast = tape.compiled(options: Self.options())
        let status = try #require(fast.valueStatus(at: [1.0, 2.0]))
        #expect(status > 0)
        #expect(tape.instructions[Int(status) - 1].opcode == .log)
        #expect(fast.valueStatus(at: [2.0, 1.0]) == 0)
        #expect(throws: TapeError.self) { try fast.evaluate(at: [1.0, 2.0]) }
    }

    @Test func withoutACompiler_theInterpreterRuns_andSaysSoOnce() throws {
        let calls = Counter()
        let tape = Self.rosenbrock(50)
        let slow = tape.compiled(
            options: CompileOptions(compiler: "no-such-compiler-jacobi", cacheDirectory: Self.cache, onFallback: { _ in calls.increment() }))
        #expect(!slow.isCompiled)
        #expect(slow.fallbackReason?.contains("no C compiler") == true)
        let x = (0..<50).map { Double($0) / 10 }
        for _ in 0..<3 { #expect(try slow.gradient(at: x) == tape.gradient(at: x)) }
        #expect(calls.value == 1)
        // the default notice writes one line per process, however many fallbacks
        let lines = Counter()
        let notice = FallbackNotice { _ in lines.increment() }
        notice.report("first")
        notice.report("second")
        #expect(lines.value == 1)
    }

    @Test func aSecondCompile_comesFromTheCache() throws {
        let tape = Self.rosenbrock(64)
        let first = tape.compiled(options: Self.options())
        let second = Self.rosenbrock(64).compiled(options: Self.options())
        #expect(first.isCompiled && second.isCompiled)
        #expect(second.cached)
        #expect(first.libraryPath == second.libraryPath)
    }
}

/// A thread-safe counter for callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLockish()
    private var count = 0
    func increment() { lock.locked { count += 1 } }
    var value: Int { lock.locked { count } }
}
