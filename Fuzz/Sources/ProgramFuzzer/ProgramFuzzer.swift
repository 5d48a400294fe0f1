import Jacobi

// libFuzzer target: the bytes are a program of the program language (`.jac`). Properties:
//
//  1. parsing either succeeds or throws a `ProgramError` naming `line:column` (only a
//     problem of the whole program, such as a missing `output` line or a named limit, has
//     none), with no error line over 200 characters;
//  2. what parses compiles to a tape, or throws such an error, quickly: the fuzzer lowers
//     `ProgramLimits` and `ExactLimits` so that `param n = 1000000000`, huge loop counts and
//     deep nesting reach the named limit errors in milliseconds;
//  3. when the tape is large, the program is compiled again with small parameter values
//     (from the input's hash); at a seeded rational point the sweeps over Rational agree
//     exactly: f from a forward sweep, from the JVPs and from the VJPs; ⟨w, J·v⟩ from
//     forward mode equals ⟨wᵀJ, v⟩ from reverse mode for a few directions v and weights w;
//     or they all throw the same kind of typed error (the tape over exact expressions
//     takes over where an intermediate is not rational, as the library's exact strategy does);
//  4. second order: ⟨u, H_w·v⟩ by forward-over-reverse (`hvp`) equals forward-over-forward
//     (a JVP over dual numbers) and ⟨v, H_w·u⟩ (symmetry), and hvp's gradient is the VJP's;
//  5. a tape with repeated blocks gives, over Double, bit for bit what its flat instruction
//     list gives (the sweep plan runs a block from its template) and the same exact values.
//
// A size-limit error anywhere is not a disagreement. Any violation traps with
// `fuzz: <property> for input …`, which libFuzzer reports as a crash with the input saved.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProgram(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    let seed = ProgramChecks.hash(bytes)
    // Small limits: the fuzzer looks for wrong answers and for limits that do not hold,
    // and each input must finish in milliseconds.
    ExactLimits.$maximumBitWidth.withValue(1 << 14) {
        ProgramLimits.$maximumInstructions.withValue(1 << 16) {
            ProgramLimits.$maximumSteps.withValue(1 << 17) {
                ProgramLimits.$maximumEntries.withValue(1 << 12) {
                    ProgramLimits.$maximumDepth.withValue(200) {
                        ProgramChecks.check(text, seed: seed)
                    }
                }
            }
        }
    }
    return 0
}

enum ProgramChecks {
    static func fail(_ property: String, _ text: String, _ detail: String) -> Never {
        fatalError(
            "fuzz: \(property) for input \(ErrorText.clipped(text, width: 160)): \(ErrorText.clipped(detail, width: 400))")
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// The largest tape the sweeps are compared on (instructions, inputs).
    static let largestTape = 4_000
    static let mostInputs = 12

    static func check(_ text: String, seed: UInt64) {
        let program: Program
        do {
            program = try Program(parsing: text)
        } catch {
            checkError(error, text, "parse")
            return
        }
        var random = SeededRandom(seed)
        var compiled: CompiledProgram
        do {
            compiled = try program.compile()
        } catch {
            checkError(error, text, "compile")
            return
        }
        if compiled.tape.count > largestTape || compiled.tape.inputCount > mostInputs {
            // The same program with small parameters (1 … 3), as a user lowers `--param`.
            guard let declared = try? program.parameters, !declared.isEmpty else { return }
            var small: [String: Int] = [:]
            for (name, _) in declared { small[name] = random.int(in: 1...3) }
            do {
                compiled = try program.compile(parameters: small)
            } catch {
                checkError(error, text, "compile with \(small)")
                return
            }
            guard compiled.tape.count <= largestTape, compiled.tape.inputCount <= mostInputs else { return }
        }
        var sweeps = SweepChecks(tape: compiled.tape, text: text, random: random)
        sweeps.run()
    }

    /// A typed error names `line:column`, unless it is about the whole program, and no line
    /// of it is over 200 characters.
    static func checkError(_ error: ProgramError, _ text: String, _ stage: String) {
        for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) where line.count > 200 {
            fail("\(stage): error line over 200 characters", text, String(line))
        }
        if error.location == nil {
            let wholeProgram = ["the program has no 'output' line", "ProgramLimits.", "ExactLimits."]
            if !wholeProgram.contains(where: { error.message.contains($0) }) {
                fail("\(stage): error without line:column", text, error.message)
            }
        }
        if error.message.contains("internal error") { fail("\(stage): internal error", text, error.description) }
    }
}

/// A small deterministic generator (a 64-bit LCG) seeded from the input.
struct SeededRandom {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// p/q with |p| ≤ 5, 1 ≤ q ≤ 4.
    mutating func rational() -> Rational { Rational(int(in: -5...5), int(in: 1...4)) }

    /// p/q with 1 ≤ |p| ≤ 5, 1 ≤ q ≤ 4 (directions and weights: a zero weight would let
    /// the reverse sweep skip whole outputs).
    mutating func nonzeroRational() -> Rational {
        let p = int(in: 1...5)
        return Rational(next() & 1 == 0 ? p : -p, int(in: 1...4))
    }

    mutating func nonzeroRationals(_ n: Int) -> [Rational] { (0..<n).map { _ in nonzeroRational() } }

    mutating func rationals(_ n: Int) -> [Rational] { (0..<n).map { _ in rational() } }
}
