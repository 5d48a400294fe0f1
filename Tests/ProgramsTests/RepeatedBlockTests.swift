import Exact
import Programs
import TestSupport
import Testing

@testable import AutoDiff

/// A program's loops are stored once with their repeat count (`RepeatedBlock`), and the
/// floating-point sweeps run them from the template without writing the repetitions out.
/// Each test compiles a program twice: once kept as pieces, once turned into the flat
/// instruction list those pieces stand for, and checks that the two tapes compute the same.
@Suite struct RepeatedBlockTests {
    /// The tape as pieces, and the same tape from its flat list (a second compilation, so
    /// that the first one's repetitions are never written out by the comparison itself).
    static func both(_ p: Program, _ parameters: [String: Int]) throws -> (compact: Tape, flat: Tape) {
        let compact = try p.compile(parameters: parameters).tape
        let t = try p.compile(parameters: parameters).tape
        let flat = try Tape(inputCount: t.inputCount, instructions: t.instructions, constants: t.constants, outputs: t.outputs)
        return (compact, flat)
    }

    /// Normwise agreement to 1e-12: the plan may sum a block's adjoint contributions in
    /// another order when the blocks it finds differ (the values themselves are bitwise equal).
    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        guard a.count == b.count else { return false }
        let scale = max(1, a.map(abs).max() ?? 0, b.map(abs).max() ?? 0)
        return zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * scale }
    }

    /// A dyadic point (k/8): with + − × only and few operations per entry, every Double
    /// operation on it is exact, so the Double sweeps give the exact values with no tolerance.
    static func dyadic(_ n: Int, seed: Int) -> [Rational] {
        (0..<n).map { Rational(((($0 + seed) * 7) % 13) - 6, 8) }
    }

    static let examples: [(file: String, parameters: [String: Int], polynomial: Bool)] = [
        ("rosenbrock.jac", ["n": 60], true),
        ("broyden.jac", ["n": 40], true),
        ("tanh-network.jac", ["h": 12], false),
        ("recurrence.jac", ["n": 20], false),
        ("logistic.jac", ["m": 4], false),
    ]

    @Test(arguments: examples.map(\.file))
    func examplePrograms_compactTapeAgreesWithItsFlatList(file: String) throws {
        let e = Self.examples.first { $0.file == file }!
        let (compact, flat) = try Self.both(try Examples.program(file), e.parameters)
        #expect(compact.count == flat.count)
        try Self.checkAgreement(compact, flat, polynomial: e.polynomial, exactDoubles: e.polynomial, what: file)
    }

    /// Same checks on generated programs: a `sum` and a `for` loop with an accumulation and
    /// a recurrence, over random bodies (polynomial ones are compared exactly).
    @Test func randomPrograms_compactTapeAgreesWithItsFlatList() throws {
        var g = SeededGenerator(seed: 1414)
        for round in 0..<24 {
            let polynomial = round % 2 == 0
            let n = Int.random(in: 9...40, using: &g)
            let body = Self.randomBody(depth: 3, polynomial: polynomial, &g)
            let step = Self.randomBody(depth: 2, polynomial: polynomial, &g)
            let text = """
                param n = 10
                input x[n], a
                f = sum(i = 1..n-2, \(body))
                s = 0
                h = a
                for i = 1..n-2
                  t = \(step)
                  s = s + t*h
                  h = h*a + x[i]
                end
                output f, s
                """
            let p = try Program(parsing: text)
            let (compact, flat) = try Self.both(p, ["n": n])
            #expect(compact.repeatedBlocks.count >= 2, "\(text)")
            try Self.checkAgreement(compact, flat, polynomial: polynomial, exactDoubles: false, what: text)
        }
    }

    /// A random body over x[i], x[i+1], x[i+2] and small constants.
    static func randomBody(depth: Int, polynomial: Bool, _ g: inout SeededGenerator) -> String {
        if depth == 0 || Int.random(in: 0..<4, using: &g) == 0 {
            switch Int.random(in: 0..<5, using: &g) {
            case 0: return "x[i]"
            case 1: return "x[i+1]"
            case 2: return "x[i+2]"
            case 3: return "i"
            default: return "\(Int.random(in: 1...5, using: &g))/\([1, 2, 4].randomElement(using: &g)!)"
            }
        }
        let u = randomBody(depth: depth - 1, polynomial: polynomial, &g)
        let v = randomBody(depth: depth - 1, polynomial: polynomial, &g)
        let choices = polynomial ? 4 : 7
        switch Int.random(in: 0..<choices, using: &g) {
        case 0: return "(\(u) + \(v))"
        case 1: return "(\(u) - \(v))"
        case 2: return "(\(u) * \(v))"
        case 3: return "(\(u))^2"
        case 4: return "sin(\(u))"
        case 5: return "tanh(\(u) * \(v))"
        default: return "exp(\(u)/4)"
        }
    }

    /// Values, gradients (every output's VJP) and H·v of the two tapes: the compact tape's
    /// Double sweeps never write its repetitions out; a polynomial program's Double gradient
    /// is its exact gradient rounded (bitwise when `exactDoubles`: few enough operations per
    /// entry that no rounding happens at a dyadic point); exact sweeps agree exactly.
    static func checkAgreement(_ compact: Tape, _ flat: Tape, polynomial: Bool, exactDoubles: Bool, what: String) throws {
        let n = compact.inputCount
        let m = compact.outputCount
        for seed in 0..<2 {
            let exact = dyadic(n, seed: seed)
            let x = exact.map { Double($0) }
            let direction = dyadic(n, seed: seed + 5).map { Double($0) }
            #expect(try compact.evaluate(at: x) == flat.evaluate(at: x), "\(what)")
            for k in 0..<m {
                var w = [Double](repeating: 0, count: m)
                w[k] = 1
                let c = try compact.vjp(at: x, weights: w).cotangent
                let f = try flat.vjp(at: x, weights: w).cotangent
                #expect(Self.close(c, f), "\(what): output \(k)")
                if polynomial {
                    var wr = [Rational](repeating: .zero, count: m)
                    wr[k] = .one
                    let r = try flat.vjp(at: exact, weights: wr).cotangent.map { Double($0) }
                    #expect(exactDoubles ? c == r : Self.close(c, r), "\(what): output \(k) against the exact gradient")
                }
            }
            if m == 1 {
                #expect(Self.close(try compact.hvp(at: x, direction: direction), try flat.hvp(at: x, direction: direction)), "\(what)")
            }
            #expect(compact.code.isCompact && !compact.code.isWrittenOut, "\(what): the Double sweeps wrote the repetitions out")
        }
        // The exact sweeps read the flat list (written out once): identical results.
        let exact = dyadic(n, seed: 3)
        if polynomial {
            #expect(try compact.evaluate(at: exact) == flat.evaluate(at: exact), "\(what)")
            #expect(try compact.jacobian(at: exact, mode: .reverse) == flat.jacobian(at: exact, mode: .reverse), "\(what)")
        }
        #expect(compact.instructions == flat.instructions, "\(what)")
    }

    /// The doc comment's tape: Σᵢ xᵢ² as an input block, x₁², and a block of two
    /// instructions repeated twice; its gradient is 2x, exactly, by every sweep.
    @Test func documentedTape_hasGradientTwoX() throws {
        let t = try Tape(
            inputCount: 3,
            pieces: [
                .repeated(RepeatedBlock(template: [Instruction(.input)], strideA: [0], strideB: [0], payloadStride: [1], count: 3)),
                .instructions([Instruction(.square, 0)]),
                .repeated(
                    RepeatedBlock(
                        template: [Instruction(.square, 1), Instruction(.add, 3, 4)],
                        strideA: [1, 2], strideB: [1, 2], payloadStride: [0, 0], count: 2)),
            ], outputs: [7])
        #expect(t.count == 8)
        #expect(try t.gradient(at: [Rational(1), 2, 3]) == [2, 4, 6])
        #expect(try t.evaluate(at: [Rational(1), 2, 3]) == [14])
        #expect(t.description == "[x0, x1, x2, sq(0), sq(1), add(3,4), sq(2), add(5,6)]")
    }

    /// A block is checked at both ends: its last repetition may not read a later slot, a
    /// constant index may not move, and an input index must stay in range.
    @Test func malformedBlocks_areRefused() {
        let inputs = TapePiece.repeated(RepeatedBlock(template: [Instruction(.input)], strideA: [0], strideB: [0], payloadStride: [1], count: 2))
        // Repetition 1 reads slot 2 + 3 = 5 at slot 3: a later slot.
        #expect(throws: TapeError.self) {
            try Tape(
                inputCount: 2,
                pieces: [
                    inputs,
                    .repeated(
                        RepeatedBlock(
                            template: [Instruction(.square, 1)], strideA: [3], strideB: [3], payloadStride: [0], count: 2)),
                ], outputs: [3])
        }
        #expect(throws: TapeError.self) {
            try Tape(
                inputCount: 2,
                pieces: [
                    inputs,
                    .repeated(
                        RepeatedBlock(
                            template: [Instruction(.addConstant, 0, payload: 0)], strideA: [1], strideB: [1], payloadStride: [1], count: 2)),
                ],
                constants: [1, 2, 3], outputs: [3])
        }
        #expect(throws: TapeError.self) {
            try Tape(
                inputCount: 2,
                pieces: [
                    .repeated(
                        RepeatedBlock(
                            template: [Instruction(.input)], strideA: [0], strideB: [0], payloadStride: [1], count: 3))
                ], outputs: [0])
        }
    }
}
