import Exact
import TestSupport
import Testing

@testable import AutoDiff

// The sweep plan (SweepPlan / PlanSweeps) against the generic one-slot-per-instruction
// sweeps, which stay the reference.
//
// What must agree, and how exactly:
// * values (f, and the primal parts of dual numbers): bitwise. Every instruction computes
//   the same expression in the same order; accumulation chains stay sequential.
// * gradients of tapes without blocks: bitwise (the straight segments are the generic
//   loop bodies).
// * gradients through blocks: each adjoint receives the same products, but within a block
//   they are added column by column instead of in strictly descending slot order. Floating
//   point addition is not associative, so an entry may differ in its last bits; the bound
//   used is normwise, |fast − generic| ≤ 1e-12 · max(1, maxⱼ |genericⱼ|): a reassociated sum
//   of k terms differs by at most ~k·ε·Σ|terms|, and the programs here have k ≤ 10 terms
//   per slot whose sizes are those of the gradient itself.
// * errors: the same error (the plan hands every unusual case back to the generic sweeps).
@Suite struct PlanAgreementTests {
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

    static func close(_ fast: [Double], _ generic: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast.count == generic.count, sourceLocation: sourceLocation)
        let scale = Swift.max(1, generic.map { Swift.abs($0) }.max() ?? 0)
        for (a, b) in zip(fast, generic) where !(Swift.abs(a - b) <= 1e-12 * scale) {
            Issue.record("fast \(a) vs generic \(b) (scale \(scale))", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func rosenbrock_isOneLoop_andAgreesWithTheGenericSweeps() throws {
        let n = 3000
        let tape = Self.rosenbrock(n)
        let plan = SweepPlan.build(tape)
        let blocks = plan.segments.compactMap { if case .block(let b) = $0 { b } else { nil } }
        #expect(blocks.map(\.period) == [1, 8])
        #expect(blocks.map(\.reps) == [n, n - 1])
        let x = (0..<n).map { Double(($0 % 13) - 6) / 7.0 }
        let fast = try #require(tape.planVJPDouble(x, [1.0], Workspace()))
        let generic = try tape.genericVJP(at: x, weights: [1.0])
        #expect(fast.value == generic.value)
        Self.close(fast.cotangent, generic.cotangent)
        #expect(try tape.evaluate(at: x) == tape.genericEvaluate(at: x))
        // Through the public API, with and without a workspace, and again (the plan is cached).
        let workspace = Workspace()
        for _ in 0..<2 {
            Self.close(try tape.gradient(at: x, workspace: workspace), generic.cotangent)
            Self.close(try tape.gradient(at: x), generic.cotangent)
        }
        // Forward-over-reverse over Dual<Double> goes through the plan too.
        let v = (0..<n).map { Double(($0 % 5) - 2) / 3.0 }
        let duals = (0..<n).map { Dual(x[$0], v[$0]) }
        let fastDual = try #require(tape.planVJPDual(duals, [Dual(1.0, 0.0)], nil))
        let genericDual = try tape.genericVJP(at: duals, weights: [Dual(1.0, 0.0)])
        Self.close(fastDual.cotangent.map(\.tangent), genericDual.cotangent.map(\.tangent))
        Self.close(try tape.hvp(at: x, direction: v), genericDual.cotangent.map(\.tangent))
        // H·v takes the plan's own entry (primal parts and tangents in separate arrays, no
        // dual array built): the same numbers as the plan over an array of dual numbers,
        // bit for bit, with a workspace that a Double sweep used before.
        let planned = try #require(tape.planHVPDouble(x, v, workspace))
        #expect(planned.map(\.bitPattern) == fastDual.cotangent.map(\.tangent.bitPattern))
        #expect(try tape.hvp(at: x, direction: v, workspace: workspace).map(\.bitPattern) == planned.map(\.bitPattern))
    }

    /// A random loop: `reps` iterations of a random body over x[i], x[i+1], x[0] (the same
    /// slot every time), the previous two iterations' results and a running sum, difference
    /// or product (which the body may read too), using every
    /// opcode (with domain-safe arguments most of the time). Recorded at `point`, so guards
    /// are recorded too.
    static func loopTape(
        reps: Int, body: Int, readsSum: Bool, chain: Int, at point: [Double], using g: inout SeededGenerator
    ) -> Tape {
        var choices: [UInt64] = (0..<(body * 3)).map { _ in g.next() }
        var cursor = 0
        func next(_ bound: Int) -> Int {
            defer { cursor += 1 }
            return Int(choices[cursor % choices.count] % UInt64(bound))
        }
        let tape = try! Tape.record(at: point) { (x: [Traced]) -> Traced in
            var acc = x[0] * 0 + 1
            var prev1 = x[1]
            var prev2 = x[2]
            for i in 0..<reps {
                cursor = 0
                var pool = [x[i], x[i + 1], x[0], prev1, prev2] + (readsSum ? [tanh(acc)] : [])
                for _ in 0..<body {
                    let a = pool[next(pool.count)]
                    let b = pool[next(pool.count)]
                    let y: Traced
                    switch next(30) {
                    case 0: y = a + b
                    case 1: y = a - b
                    case 2: y = a * b
                    case 3: y = a / (b * b + 1)
                    case 4: y = -a
                    case 5: y = a + Rational(3, 2)
                    case 6: y = Rational(-2, 3) - a
                    case 7: y = Rational(5, 4) * a
                    case 8: y = a * a
                    case 9: y = 1 / (a * a + 1)
                    case 10: y = pow(a, 3)
                    case 11: y = pow(a * a + 1, Rational(1, 3))
                    case 12: y = pow(a * a + 1, tanh(b))
                    case 13: y = sin(a)
                    case 14: y = cos(a)
                    case 15: y = tan(tanh(a))
                    case 16: y = exp(tanh(a))
                    case 17: y = log(a * a + 1)
                    case 18: y = sqrt(a * a + 1)
                    case 19: y = atan(a)
                    case 20: y = asin(tanh(a) / 2)
                    case 21: y = acos(tanh(a) / 2)
                    case 22: y = sinh(tanh(a))
                    case 23: y = cosh(tanh(a))
                    case 24: y = tanh(a)
                    case 25: y = abs(a * a + 1)
                    case 26: y = a * b > -1 ? a : b  // a guard that holds, mostly, every iteration
                    case 27: y = sqrt(a * a)  // not differentiable where a = 0: both sweeps must throw the same error
                    case 28: y = pow(a * a + 1, -2)
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
        choices.removeAll()
        return tape
    }

    @Test func randomLoops_agreeWithTheGenericSweeps_forEveryOpcode() throws {
        var g = SeededGenerator(seed: 0x5EED_1001)
        var opcodesInBlocks = Set<Opcode>()
        var blocked = 0
        var compared = 0
        var throughPlan = 0
        var maxHalo = 0
        for trial in 0..<120 {
            let reps = 4 + Int(g.next() % 40)
            let n = reps + 2
            let point = (0..<n).map { _ in Double(Int(g.next() % 17) - 8) / 5 }
            let tape = Self.loopTape(
                reps: reps, body: 3 + Int(g.next() % 8), readsSum: trial % 3 == 0, chain: trial % 4, at: point, using: &g)
            let plan = SweepPlan.build(tape)
            for case .block(let b) in plan.segments {
                blocked += 1
                maxHalo = Swift.max(maxHalo, b.halo)
                for c in b.columns { opcodesInBlocks.insert(c.ins.opcode) }
            }
            // At the recording point and at two others (guards may then fail: same error expected).
            for k in 0..<3 {
                let x = k == 0 ? point : point.map { $0 + Double(Int(g.next() % 9) - 4) / 16 }
                let generic = Result { () throws(TapeError) in try tape.genericVJP(at: x, weights: [1.0]) }
                let fast = Result { () throws(TapeError) in try tape.vjp(at: x, weights: [1.0], workspace: Workspace()) }
                switch (fast, generic) {
                case (.success(let f), .success(let r)):
                    #expect(f.value == r.value, "trial \(trial)")
                    Self.close(f.cotangent, r.cotangent)
                    #expect(try tape.evaluate(at: x) == r.value)
                    // gradient(at:) skips the columns only the value needs: the same gradient.
                    #expect(try tape.gradient(at: x).map(\.bitPattern) == f.cotangent.map(\.bitPattern))
                    compared += 1
                    if tape.planVJPDouble(x, [1.0], nil) != nil { throughPlan += 1 }
                    // Second order through Dual<Double>.
                    let v = x.indices.map { Double(($0 % 5) - 2) / 3 }
                    let duals = x.indices.map { Dual(x[$0], v[$0]) }
                    let gd = Result { () throws(TapeError) in try tape.genericVJP(at: duals, weights: [Dual(1.0, 0.0)]) }
                    let fd = Result { () throws(TapeError) in try tape.vjp(at: duals, weights: [Dual(1.0, 0.0)]) }
                    switch (fd, gd) {
                    case (.success(let a), .success(let b)):
                        #expect(a.value.map(\.primal) == b.value.map(\.primal))
                        Self.close(a.cotangent.map(\.primal), b.cotangent.map(\.primal))
                        Self.close(a.cotangent.map(\.tangent), b.cotangent.map(\.tangent))
                        #expect(try tape.hvp(at: x, direction: v).map(\.bitPattern) == a.cotangent.map(\.tangent.bitPattern))
                    case (.failure(let a), .failure(let b)): #expect(a == b)
                    default: Issue.record("trial \(trial): dual plan \(fd) vs generic \(gd)")
                    }
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "trial \(trial)")
                    #expect(throws: b) { try tape.gradient(at: x) }
                default:
                    Issue.record("trial \(trial): plan \(fast) vs generic \(generic)")
                }
            }
        }
        #expect(blocked >= 100)
        #expect(compared >= 150)
        #expect(throughPlan * 10 >= compared * 9, "the plan declined too often: \(throughPlan) of \(compared)")
        #expect(maxHalo == 2)
        print("random loops: \(blocked) blocks, \(compared) compared, \(throughPlan) through the plan")
        let missing = Set(Opcode.allCases).subtracting(opcodesInBlocks).subtracting([.input, .constant])
        #expect(missing.isEmpty, "opcodes never seen in a block: \(missing)")
    }

    @Test func tapesWithoutLoops_agreeBitwise() throws {
        var g = SeededGenerator(seed: 77)
        var checked = 0
        for _ in 0..<200 {
            let tape = RandomPrograms.tape(inputs: 3, outputs: 2, steps: 12, using: &g)
            let x = (0..<3).map { _ in Double(Int(g.next() % 19) - 9) / 4 }
            let w = [1.5, -0.25]
            let generic = Result { () throws(TapeError) in try tape.genericVJP(at: x, weights: w) }
            let fast = Result { () throws(TapeError) in try tape.vjp(at: x, weights: w) }
            switch (fast, generic) {
            case (.success(let f), .success(let r)):
                #expect(f.value.map(\.bitPattern) == r.value.map(\.bitPattern))
                #expect(f.cotangent.map(\.bitPattern) == r.cotangent.map(\.bitPattern))
                checked += 1
            case (.failure(let a), .failure(let b)): #expect(a == b)
            default: Issue.record("plan \(fast) vs generic \(generic)")
            }
        }
        #expect(checked > 100)
    }

    @Test func domainErrorsAndNonFiniteValues_inALoop_matchTheGenericSweeps() throws {
        let n = 40
        let tape = try Tape.record(inputs: n) { x in
            var s = x[0] * 0
            for i in 0..<(n - 1) { s = s + log(x[i]) * x[i + 1] }
            return s
        }
        #expect(SweepPlan.build(tape).hasBlocks)
        var x = (0..<n).map { Double($0 + 1) }
        Self.close(try tape.gradient(at: x), try tape.genericVJP(at: x, weights: [1.0]).cotangent)
        x[17] = -1
        let expected = Result { () throws(TapeError) in try tape.genericVJP(at: x, weights: [1.0]) }
        guard case .failure(let error) = expected else {
            Issue.record("log(−1) did not throw")
            return
        }
        #expect(throws: error) { try tape.gradient(at: x) }
        #expect(throws: error) { try tape.evaluate(at: x) }
        // Overflow to ∞ inside the loop: the plan declines and the generic sweep decides.
        x[17] = 1e308
        let big = try tape.genericVJP(at: x.map { $0 * 1e300 }, weights: [1.0])
        let fast = try tape.vjp(at: x.map { $0 * 1e300 }, weights: [1.0])
        #expect(fast.value.map(\.bitPattern) == big.value.map(\.bitPattern))
        #expect(fast.cotangent.map(\.bitPattern) == big.cotangent.map(\.bitPattern))
        // H·v: the plan declines on the domain error and on the overflow, as for the gradient.
        let v = (0..<n).map { Double($0 % 3) - 1 }
        x[17] = -1
        #expect(tape.planHVPDouble(x, v, nil) == nil)
        #expect(throws: TapeError.self) { try tape.hvp(at: x, direction: v) }
        x[17] = 1e308
        let huge = x.map { $0 * 1e300 }  // x₁₇ = ∞
        #expect(tape.planHVPDouble(huge, v, nil) == nil)
        let generic = try tape.genericVJP(at: huge.indices.map { Dual(huge[$0], v[$0]) }, weights: [Dual(1.0, 0.0)])
        #expect(try tape.hvp(at: huge, direction: v).map(\.bitPattern) == generic.cotangent.map(\.tangent.bitPattern))
    }

    @Test func exactScalars_neverTakeThePlan() throws {
        let tape = Self.rosenbrock(50)
        let x = (0..<50).map { Rational(($0 % 13) - 6, 7) }
        #expect(tape.planVJP(x, weights: [1], workspace: nil) == nil)
        #expect(try tape.gradient(at: x) == tape.genericVJP(at: x, weights: [1]).cotangent)
    }
}
