import AutoDiff
@testable import CodeGen
import Exact
import Symbolic
import Testing

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

    @Test func corpus_compiledAgreesWithTheInterpreter() throws {
        for f in Corpus.functions {
            let tape = try Tape(compiling: [f], inputs: Corpus.variables)
            let fast = tape.compiled(options: Self.options())
            #expect(fast.isCompiled)
            let x = Corpus.point
            #expect(try fast.evaluate(at: x) == tape.evaluate(at: x), "\(f)")
            #expect(agree(try fast.gradient(at: x), try tape.gradient(at: x)), "\(f)")
            #expect(agree(try fast.hvp(at: x, direction: Corpus.direction), try tape.hvp(at: x, direction: Corpus.direction)), "\(f)")
        }
    }

    @Test func domainErrors_areTheInterpretersTypedErrors() throws {
        let f = try Expr.parse("x*y + log(x - y) + sqrt(y)")
        let tape = try Tape(compiling: [f], inputs: [Symbol("x"), Symbol("y")])
        let fast = tape.compiled(options: Self.options())
        #expect(fast.isCompiled)
        for point in [[1.0, 2.0], [3.0, -1.0], [2.0, 2.0]] {
            let interpreted = Result { () throws(TapeError) in try tape.gradient(at: point) }
            let compiled = Result { () throws(TapeError) in try fast.gradient(at: point) }
            #expect(throws: TapeError.self) { try fast.gradient(at: point) }
            switch (interpreted, compiled) {
            case (.failure(let a), .failure(let b)): #expect(a == b)
            case (.success, _), (_, .success): Issue.record("expected both to fail at \(point)")
            }
            #expect(throws: TapeError.self) { try fast.evaluate(at: point) }
        }
        // the generated code names the failing instruction: log's, whose operand is x − y
        let status = try #require(fast.valueStatus(at: [1.0, 2.0]))
        #expect(status > 0)
        #expect(tape.instructions[Int(status) - 1].opcode == .log)
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
