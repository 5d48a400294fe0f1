import AutoDiff
import Exact
import Programs
import Testing

@Suite struct TapeShapeTests {
    /// An n-term sum is one block of O(1) instructions repeated n times (the accumulation
    /// s = s + t included), whatever n is.
    @Test(arguments: [10, 1000, 20000])
    func nTermSum_isOneBlockRepeatedNTimes(n: Int) throws {
        let p = try Program(parsing: "param n = 3\ninput x[n]\nf = sum(i = 1..n-1, 100*(x[i+1] - x[i]^2)^2 + (1 - x[i])^2)\noutput f")
        let tape = try p.compile(parameters: ["n": n]).tape
        // The inputs are a block of their own (period 1); the sum's block follows them.
        let blocks = tape.repeatedBlocks.filter { $0.start >= n }
        // n inputs, the constant 0, then 8 instructions per term: sq, sub, sq, mulc, rsubc,
        // sq, add (the term), add (the running sum).
        #expect(tape.count == n + 1 + 8 * (n - 1))
        #expect(blocks.count == 1)
        #expect(blocks.first?.start == n + 1)
        #expect(blocks.first?.period == 8)
        #expect(blocks.first?.repetitions == n - 1)
    }

    /// A loop whose only recurrence is an accumulation (s = s + t) is one block too. (A
    /// recurrence through the whole body, h = tanh(h*x[k] + a), is inherently sequential: the
    /// sweep plan runs it one instruction at a time.)
    @Test func loopWithAccumulation_isOneBlock() throws {
        let p = try Program(
            parsing: """
                param n = 500
                input x[n], a
                s = 0
                for k = 1..n
                  t = tanh(x[k]*a + 1)
                  s = s + t*x[k]
                end
                output s
                """)
        let c = try p.compile()
        let blocks = c.tape.repeatedBlocks.filter { $0.start > 501 }
        #expect(blocks.count == 1)
        #expect((blocks.first?.repetitions ?? 0) >= 499)
        #expect(blocks.first?.period == 5)
    }

    /// Stamped repetitions are the repetitions a walk would emit: the program's values and
    /// gradient equal those computed from the formula, exactly.
    @Test func stampedLoop_computesTheFormula() throws {
        let n = 40
        let p = try Program(
            parsing: """
                param n = 3
                input x[n]
                h = 1
                for k = 2..n
                  h = h*x[k] + x[k-1]
                end
                output h
                """)
        let tape = try p.compile(parameters: ["n": n]).tape
        let x = (1...n).map { Rational($0 % 5 - 2, 3) }
        var h = Rational.one
        var dh = [Rational](repeating: .zero, count: n)
        for k in 2...n {
            // h = h*x[k] + x[k-1]: dh = dh*x[k] + h*e_k + e_{k-1}
            dh = dh.map { $0 * x[k - 1] }
            dh[k - 1] += h
            dh[k - 2] += 1
            h = h * x[k - 1] + x[k - 2]
        }
        #expect(try tape.evaluate(at: x) == [h])
        #expect(try tape.gradient(at: x) == dh)
    }

    /// W4's function as a program and as a recorded Swift loop give the same Double gradient.
    @Test func rosenbrockProgram_matchesTheRecordedTape() throws {
        let n = 1000
        let compiled = try Examples.program("rosenbrock.jac").compile(parameters: ["n": n])
        let recorded = try Tape.record(inputs: n) { x in
            var s = x[0].constant(0)
            for i in 0..<(n - 1) {
                let t = x[i + 1] - x[i] * x[i]
                let u = 1 - x[i]
                s = s + (100 * (t * t) + u * u)
            }
            return s
        }
        let x = (0..<n).map { Double(($0 % 13) - 6) / 7 }
        #expect(try compiled.tape.evaluate(at: x) == recorded.evaluate(at: x))
        #expect(try compiled.tape.gradient(at: x) == recorded.gradient(at: x))
        #expect(compiled.tape.count == recorded.count)
    }
}
