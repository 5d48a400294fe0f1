import Exact
import TestSupport
import Testing

@testable import AutoDiff

// The Double Taylor plan (TaylorPlan.swift) against the generic Taylor sweep over Double,
// which stays the reference (and the generic sweep over Rational/Expr stays the exact
// engine). The plan runs the same recurrences with the same terms in the same order, so
// the coefficients must agree entrywise to a few ulps: the generic sweep skips products
// with a zero factor (which may flip the sign of a zero) and nothing else differs. Where
// the plan declines, the public API must give the generic sweep's result or error.
@Suite struct TaylorPlanTests {
    /// Entrywise: equal, or within 4 ulps of the larger magnitude.
    static func agree(_ fast: [[Double]], _ generic: [[Double]], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(fast.count == generic.count, sourceLocation: sourceLocation)
        for (f, r) in zip(fast, generic) {
            #expect(f.count == r.count, sourceLocation: sourceLocation)
            for (d, (a, b)) in zip(f, r).enumerated() where !(a == b || Swift.abs(a - b) <= 4 * Swift.max(a.ulp, b.ulp)) {
                Issue.record("\(what): c_\(d) plan \(a) vs generic \(b)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    static func generic(_ tape: Tape, _ x: [Double], _ v: [Double], _ k: Int) -> Result<[[Double]], TapeError> {
        Result { () throws(TapeError) in try tape.taylorCoefficients(at: x, flatSeeds: v, columns: 1, order: k, plan: false).coefficients }
    }

    /// The same tape built from pieces: every block of its sweep plan becomes a
    /// `RepeatedBlock` (stored once), the rest instructions.
    static func pieces(of tape: Tape) throws -> Tape {
        let code = tape.instructions
        var pieces: [TapePiece] = []
        for segment in tape.segments {
            switch segment {
            case .straight(let r): pieces.append(.instructions(Array(code[r])))
            case .loop(let loop):
                let p = loop.period
                let first = Array(code[loop.start..<loop.start + p])
                let second = code[loop.start + p..<loop.start + 2 * p]
                pieces.append(
                    .repeated(
                        RepeatedBlock(
                            template: first, strideA: zip(first, second).map { Int($1.a) - Int($0.a) },
                            strideB: zip(first, second).map { Int($1.b) - Int($0.b) },
                            payloadStride: zip(first, second).map { $0.opcode == .input ? Int($1.payload) - Int($0.payload) : 0 },
                            count: loop.count)))
            }
        }
        return try Tape(inputCount: tape.inputCount, pieces: pieces, constants: tape.constants, outputs: tape.outputs)
    }

    @Test func rosenbrock_planEqualsTheGenericSweep_flatAndFromPieces_uptoOrder12() throws {
        let n = 700  // more repetitions than a chunk: halos cross chunk boundaries
        let flat = PlanAgreementTests.rosenbrock(n)
        let built = try Self.pieces(of: flat)
        #expect(built.pieces?.contains { if case .repeated(let b) = $0.piece { b.count == n - 1 } else { false } } == true)
        let x = (0..<n).map { Double(($0 % 13) - 6) / 7.0 }
        let v = (0..<n).map { Double(($0 % 5) - 2) / 3.0 }
        for k in 0...12 {
            let reference = try Self.generic(flat, x, v, k).get()
            for tape in [flat, built] {
                let fast = try #require(tape.planTaylorDouble(x, v, order: k), "k = \(k): the plan declined")
                Self.agree(fast, reference, "rosenbrock k = \(k)")
            }
        }
        // c₁ = ∇f·v, and the public API takes the plan.
        let gradient = try flat.gradient(at: x)
        let c = try built.taylorCoefficients(at: x, direction: v, order: 4)[0]
        let dot = zip(gradient, v).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(Swift.abs(c[1] - dot) <= 1e-9 * Swift.abs(dot))
        Self.agree([c], try #require(flat.planTaylorDouble(x, v, order: 4)), "public API")
    }

    @Test func randomLoops_agreeWithTheGenericSweep_forEveryOpcode_uptoOrder12() throws {
        var g = SeededGenerator(seed: 0x7A71_0012)
        var compared = 0
        var throughPlan = 0
        var failures = 0
        var opcodesInBlocks = Set<Opcode>()
        for trial in 0..<60 {
            let reps = 4 + Int(g.next() % 40)
            let n = reps + 2
            let point = (0..<n).map { _ in Double(Int(g.next() % 17) - 8) / 5 }
            let tape = PlanAgreementTests.loopTape(
                reps: reps, body: 3 + Int(g.next() % 8), readsSum: trial % 3 == 0, chain: trial % 4, at: point, using: &g)
            for case .block(let b) in SweepPlan.build(tape).segments {
                for c in b.columns { opcodesInBlocks.insert(c.ins.opcode) }
            }
            let k = trial % 13
            for round in 0..<2 {
                let x = round == 0 ? point : point.map { $0 + Double(Int(g.next() % 9) - 4) / 16 }
                let v = (0..<n).map { _ in Double(Int(g.next() % 9) - 4) / 4 }
                let reference = Self.generic(tape, x, v, k)
                let public_ = Result { () throws(TapeError) in try tape.taylorCoefficients(at: x, direction: v, order: k) }
                switch (public_, reference) {
                case (.success(let f), .success(let r)):
                    Self.agree(f, r, "trial \(trial), k = \(k)")
                    compared += 1
                    if let fast = tape.planTaylorDouble(x, v, order: k) {
                        throughPlan += 1
                        Self.agree(fast, r, "trial \(trial), k = \(k), plan")
                    }
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "trial \(trial)")
                    #expect(tape.planTaylorDouble(x, v, order: k) == nil)
                    failures += 1
                default:
                    Issue.record("trial \(trial): public \(public_) vs generic \(reference)")
                }
            }
        }
        #expect(compared >= 80)
        let missing = Set(Opcode.allCases).subtracting(opcodesInBlocks).subtracting([.input, .constant])
        #expect(missing.isEmpty, "opcodes never seen in a block: \(missing)")
        #expect(throughPlan * 10 >= compared * 8, "the plan declined too often: \(throughPlan) of \(compared)")
        print("taylor plan, random loops: \(compared) compared, \(throughPlan) through the plan, \(failures) errors")
    }

    @Test func randomTapesWithoutLoops_agreeWithTheGenericSweep() throws {
        var g = SeededGenerator(seed: 4242)
        var compared = 0
        for trial in 0..<150 {
            let operations: RandomPrograms.Operations = trial % 2 == 0 ? .rational : .elementary
            let tape = RandomPrograms.tape(inputs: 3, outputs: 2, steps: 14, operations: operations, using: &g)
            let x = (0..<3).map { _ in Double(Int(g.next() % 19) - 9) / 4 }
            let v = (0..<3).map { _ in Double(Int(g.next() % 7) - 3) / 2 }
            let k = trial % 13
            let reference = Self.generic(tape, x, v, k)
            let public_ = Result { () throws(TapeError) in try tape.taylorCoefficients(at: x, direction: v, order: k) }
            switch (public_, reference) {
            case (.success(let f), .success(let r)):
                Self.agree(f, r, "trial \(trial), k = \(k)")
                if let fast = tape.planTaylorDouble(x, v, order: k) { Self.agree(fast, r, "trial \(trial), plan") }
                compared += 1
            case (.failure(let a), .failure(let b)): #expect(a == b, "trial \(trial)")
            default: Issue.record("trial \(trial): public \(public_) vs generic \(reference)")
            }
        }
        #expect(compared >= 100)
    }

    @Test func declinedPoints_giveTheGenericResultOrError() throws {
        // sqrt(x²) at x = 0 is not differentiable: the plan declines, the generic sweep throws.
        let n = 20
        let tape = try Tape.record(inputs: n) { x in
            var s = x[0] * 0
            for i in 0..<(n - 1) { s = s + sqrt(x[i] * x[i]) * log(x[i + 1] * x[i + 1] + 1) }
            return s
        }
        var x = (0..<n).map { Double($0 + 1) / 4 }
        let v = (0..<n).map { Double(($0 % 3) + 1) / 2 }
        #expect(tape.planTaylorDouble(x, v, order: 3) != nil)
        x[7] = 0
        #expect(tape.planTaylorDouble(x, v, order: 3) == nil)
        let expected = Self.generic(tape, x, v, 3)
        guard case .failure(let error) = expected else {
            Issue.record("sqrt(0²) did not throw")
            return
        }
        #expect(throws: error) { try tape.taylorCoefficients(at: x, direction: v, order: 3) }
        #expect(throws: error) { try tape.directionalDerivative(at: x, along: v, order: 3) }
        // A fractional power at 0 of a constant series is fine for the generic sweep.
        let cube = try Tape.record(inputs: 1) { x in pow(x[0] * 0, Rational(1, 3)) + x[0] }
        #expect(cube.planTaylorDouble([1.0], [1.0], order: 2) == nil)
        #expect(try cube.taylorCoefficients(at: [1.0], direction: [1.0], order: 2) == [[1, 1, 0]])
    }
}
