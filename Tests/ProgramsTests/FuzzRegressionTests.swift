import AutoDiff
import Exact
import Programs
import Testing

/// Findings of the program fuzzer (Fuzz/Sources/ProgramFuzzer), each with the input that
/// showed it; the inputs are in Fuzz/Corpus/programs too.
@Suite struct ProgramFuzzRegressionTests {
    /// The n × n Jacobian with `entries[(i, j)]` and zeros elsewhere.
    func matrix(_ rows: Int, _ cols: Int, _ entries: [(Int, Int, Rational)]) -> [[Rational]] {
        var m = Array(repeating: Array(repeating: Rational.zero, count: cols), count: rows)
        for (i, j, v) in entries { m[i][j] = v }
        return m
    }

    func jacobian(_ text: String, _ n: Int) throws -> [[Rational]] {
        try Program(parsing: text).compile().tape.jacobian(at: (1...n).map { Rational($0) })
    }

    /// A loop body that emits no instruction (`x[k]^1` is the input's slot) made a repeated
    /// block without a template, which the tape refused as malformed ("internal error");
    /// with a vector input before it, the empty repetition could also join the input block.
    @Test(arguments: [6, 10])
    func aBodyWithoutInstructions_compilesToItsWrites(n: Int) throws {
        let text = "param n = \(n)\ninput x[n]\nfor k = 2..n\n  y[k] = x[k]^1\nend\noutput y"
        #expect(try jacobian(text, n) == matrix(n - 1, n, (0..<(n - 1)).map { ($0, $0 + 1, Rational.one) }))
    }

    /// An entry or scalar holding an input slot (`y[k] = x[k]`) kept repetition 2's slot in
    /// every repeated repetition: y[4] … y[7] were all x[3] (a wrong Jacobian, no error).
    @Test func inputSlotsWrittenInALoop_moveWithTheIndex() throws {
        let text = "param n = 8\ninput x[n]\nfor k = 1..n\n  y[k] = x[k]\n  z = x[k]*2\nend\noutput y"
        #expect(try jacobian(text, 8) == matrix(8, 8, (0..<8).map { ($0, $0, Rational.one) }))
        // A scalar holding x[k], read in the next repetition: y[k] = 2·x[k−1] + 1.
        let carried = "param n = 9\ninput x[n]\nz = 0\nw = 0\nfor k = 1..n\n  w = z*2\n  z = x[k]\n  y[k] = w + 1\nend\noutput y"
        #expect(try jacobian(carried, 9) == matrix(9, 9, (1..<9).map { ($0, $0 - 1, Rational(2)) }))
    }
}
