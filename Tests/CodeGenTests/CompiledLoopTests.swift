import AutoDiff
import Exact
import TestSupport
import Testing

@testable import CodeGen

/// Compiled tapes of programs with loops (the repeated blocks the generator keeps as
/// loops): carried values one and two repetitions back, running sums and products, values
/// read after the loop at every repetition or at a few, strided reads by a later loop, and
/// every opcode, against the interpreter at several points.
@Suite(.serialized) struct CompiledLoopTests {
    static let cache = scratchDirectory("loops")

    /// A recorded loop over x[i], x[i+1] with a random body (every opcode), carried values
    /// and an accumulation chain (as the sweep plan's own agreement tests build them).
    static func loopTape(reps: Int, body: Int, chain: Int, at point: [Double], using g: inout SeededGenerator) -> Tape {
        let choices: [UInt64] = (0..<(body * 3)).map { _ in g.next() }
        var cursor = 0
        func next(_ bound: Int) -> Int {
            defer { cursor += 1 }
            return Int(choices[cursor % choices.count] % UInt64(bound))
        }
        return try! Tape.record(at: point) { (x: [Traced]) -> Traced in
            var acc = x[0] * 0 + 1
            var prev1 = x[1]
            var prev2 = x[2]
            for i in 0..<reps {
                cursor = 0
                var pool = [x[i], x[i + 1], x[0], prev1, prev2, tanh(acc)]
                for _ in 0..<body {
                    let a = pool[next(pool.count)]
                    let b = pool[next(pool.count)]
                    let y: Traced
                    switch next(26) {
                    case 0: y = a + b
                    case 1: y = a - b
                    case 2: y = a * b
                    case 3: y = a / (b * b + 1)
                    case 4: y = -a
                    case 5: y = Rational(-2, 3) - a
                    case 6: y = Rational(5, 4) * a
                    case 7: y = a * a
                    case 8: y = 1 / (a * a + 1)
                    case 9: y = pow(a, 3)
                    case 10: y = pow(a * a + 1, Rational(1, 3))
                    case 11: y = pow(a * a + 1, tanh(b))
                    case 12: y = sin(a)
                    case 13: y = cos(a)
                    case 14: y = tan(tanh(a))
                    case 15: y = exp(tanh(a))
                    case 16: y = log(a * a + 1)
                    case 17: y = sqrt(a * a + 1)
                    case 18: y = atan(a)
                    case 19: y = asin(tanh(a) / 2)
                    case 20: y = acos(tanh(a) / 2)
                    case 21: y = sinh(tanh(a)) + cosh(tanh(b))
                    case 22: y = abs(a * a + 1)
                    case 23: y = a * b > -1 ? a : b
                    case 24: y = pow(a * a + 1, -2)
                    default: y = a * b + a
                    }
                    pool.append(y)
                }
                let t = pool[pool.count - 1]
                switch chain {
                case 0: acc = acc - t
                case 1: acc = acc * cos(t)
                default: acc = acc + t
                }
                prev2 = prev1
                prev1 = tanh(t)
            }
            return acc + prev1 * prev2
        }
    }

    static func same(_ a: Result<[Double], TapeError>, _ b: Result<[Double], TapeError>) -> Bool {
        switch (a, b) {
        case (.success(let u), .success(let v)): agree(u, v)
        case (.failure(let e), .failure(let f)): e == f
        case (.success, .failure), (.failure, .success): false
        }
    }

    @Test func randomLoops_compiledAgreeWithTheInterpreter() throws {
        var g = SeededGenerator(seed: 2026)
        var compiledLoops = 0
        for trial in 0..<12 {
            let reps = 12 + trial
            let n = reps + 1
            let point = (0..<n).map { _ in Double(Int(g.next() % 2001) - 1000) / 700 }
            let tape = Self.loopTape(reps: reps, body: 2 + trial % 4, chain: trial % 3, at: point, using: &g)
            if tape.segments.contains(where: { if case .loop = $0 { true } else { false } }) { compiledLoops += 1 }
            let fast = tape.compiled(options: CompileOptions(cacheDirectory: Self.cache, hvpBatch: 2))
            #expect(fast.isCompiled, "\(fast.fallbackReason ?? "")")
            let others = [point, point.map { $0 * -1.3 }, point.map { $0 / 3 + 0.25 }]
            let v = (0..<n).map { Double(($0 % 5) - 2) / 3 }
            for x in others {
                #expect(
                    Self.same(
                        Result { () throws(TapeError) in try fast.evaluate(at: x) }, Result { () throws(TapeError) in try tape.evaluate(at: x) }),
                    "trial \(trial) f")
                #expect(
                    Self.same(
                        Result { () throws(TapeError) in try fast.gradient(at: x) }, Result { () throws(TapeError) in try tape.gradient(at: x) }),
                    "trial \(trial) grad")
                #expect(
                    Self.same(
                        Result { () throws(TapeError) in try fast.hvp(at: x, direction: v) },
                        Result { () throws(TapeError) in try tape.hvp(at: x, direction: v) }), "trial \(trial) hvp")
                #expect(
                    Self.same(
                        Result { () throws(TapeError) in try fast.jvp(at: x, direction: v) },
                        Result { () throws(TapeError) in try tape.jvp(at: x, direction: v).tangent }), "trial \(trial) jvp")
                var out: [Double] = []
                let batch = Result { () throws(TapeError) -> [Double] in
                    try fast.hvp(at: x, directions: v + v.reversed(), into: &out)
                    return out
                }
                let separate = Result { () throws(TapeError) -> [Double] in
                    try tape.hvp(at: x, direction: v) + tape.hvp(at: x, direction: v.reversed())
                }
                #expect(Self.same(batch, separate), "trial \(trial) batched hvp")
            }
        }
        #expect(compiledLoops >= 10)
    }

    /// Values a loop leaves behind at every repetition, read one at a time and by a later
    /// loop with stride 2, and several outputs, among them values from inside a loop.
    @Test func escapingValues_andStridedReads_agreeWithTheInterpreter() throws {
        let n = 40
        let tape = try Tape.record(inputs: n) { x -> [Traced] in
            var ys: [Traced] = []
            var s = x[0] * 0
            for i in 0..<(n - 1) {
                let y = sin(x[i]) * x[i + 1] + s * 0.01
                ys.append(y)
                s = s + 0.1 * (y * y)
            }
            var t = x[0] * 0 + 1
            for k in 0..<((n - 1) / 2) { t = t + ys[2 * k] * ys[2 * k + 1] }
            return [s, t, ys[3], ys[17] * ys[30]]
        }
        #expect(tape.segments.filter { if case .loop = $0 { true } else { false } }.count >= 2)
        let fast = tape.compiled(options: CompileOptions(cacheDirectory: Self.cache))
        #expect(fast.isCompiled)
        let x = (0..<n).map { Double(($0 % 7) - 3) / 5 }
        let v = (0..<n).map { Double(($0 % 3) - 1) }
        let w = [1.0, -0.5, 2.0, 0.25]
        #expect(fast.statuses(at: x, direction: v)[0] == 0)
        #expect(try tape.evaluate(at: x).allSatisfy(\.isFinite))
        #expect(agree(try fast.evaluate(at: x), try tape.evaluate(at: x)))
        #expect(agree(try fast.jvp(at: x, direction: v), try tape.jvp(at: x, direction: v).tangent))
        let fv = try fast.vjp(at: x, weights: w)
        let tv = try tape.vjp(at: x, weights: w).cotangent
        #expect(agree(fv, tv), "\(zip(fv, tv).enumerated().filter { $0.element.0 != $0.element.1 }.map { "\($0.offset): \($0.element)" })")
    }
}
