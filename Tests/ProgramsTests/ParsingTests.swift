import AutoDiff
import Exact
import Programs
import Testing

@Suite struct ParsingTests {
    /// (program, expected `line:column`, a fragment of the message).
    static let badPrograms: [(String, String, String)] = [
        ("input x\nf = y + 1\noutput f", "2:5", "unknown name 'y'"),
        ("input x\nx = 1\noutput x", "2:1", "cannot assign to the input 'x'"),
        ("param n = 3\ninput x[n]\nf = x[n+1]\noutput f", "3:7", "index 4 out of range for 'x' (1..3)"),
        ("param n = 3\ninput x[n]\nf = x[0]\noutput f", "3:7", "index 0 out of range"),
        ("input x[3]\nf = sum(i = 3..1, x[i])\noutput f", "2:13", "reversed range 3..1"),
        ("input x[3]\nfor k = 5..2\n  h = x[1]\nend\noutput x", "2:9", "reversed range 5..2"),
        ("input x[3]\nf = x[0.5]\noutput f", "2:7", "non-integer 1/2 in an index position"),
        ("input x[3], a\nf = x[a]\noutput f", "2:7", "non-integer in an index position"),
        ("input x[3]\nf = x[2/2]\noutput f", "2:8", "'/' in an index position"),
        ("input x\nf = x +* 2\noutput f", "2:8", "expected an expression, found '*'"),
        ("input x\nf = (x + 1\noutput f", "2:11", "expected ')'"),
        ("input x\nf = foo(x)\noutput f", "2:5", "unknown function 'foo'"),
        ("input x[2]\nf = x + 1\noutput f", "2:5", "'x' is a vector"),
        ("input x\nfor k = 1..2\n  h = x\n", "2:1", "'for' without 'end'"),
        ("input x\nf = x\n", "", "the program has no 'output' line"),
        ("param n = 2\ninput x\nn = 3\noutput x", "3:1", "cannot assign to the parameter 'n'"),
        ("input x\nf = x $ 2\noutput f", "2:7", "unexpected '$'"),
        ("input x\nf = x\noutput f, g", "3:11", "unknown name 'g'"),
        ("input x\nh = h + x\noutput h", "2:5", "unknown name 'h'"),
        ("input x\nf = 1/0 + x\noutput f", "2:6", "division by zero"),
        ("input x\ny[1] = x\nf = y[2]\noutput f", "3:5", "'y[2]' has not been assigned"),
    ]

    @Test func badPrograms_nameLineAndColumn() throws {
        for (text, location, fragment) in Self.badPrograms {
            do {
                _ = try Program(parsing: text).compile()
                Issue.record("no error for \(text.debugDescription)")
            } catch {
                #expect(error.location?.description ?? "" == location, "\(text.debugDescription): \(error)")
                #expect(error.message.contains(fragment), "\(text.debugDescription): \(error.message)")
            }
        }
    }

    @Test func errorDescription_quotesTheLineWithACaret() throws {
        do {
            _ = try Program(parsing: "input x\nf = y + 1\noutput f")
            Issue.record("no error")
        } catch {
            #expect(error.description == "2:5: unknown name 'y'\nf = y + 1\n    ^")
        }
    }

    @Test func emptyRanges_giveTheIdentityAndSkipLoops() throws {
        let p = try Program(
            parsing: """
                param n = 1
                input x[n]
                s = sum(i = 1..n-1, x[i]) + 2
                q = prod(i = 1..0, x[i])
                h = x[1]
                for k = 2..n
                  h = h*x[k]
                end
                output s, q, h
                """)
        let c = try p.compile()
        #expect(try c.tape.evaluate(at: [Rational(5)]) == [2, 1, 5])
    }

    @Test func parameters_overrideDefaults_andUnknownOnesAreRefused() throws {
        let p = try Program(parsing: "param n = 3\ninput x[n]\nf = sum(i = 1..n, x[i])\noutput f")
        #expect(try p.compile(parameters: ["n": 5]).variables == ["x[1]", "x[2]", "x[3]", "x[4]", "x[5]"])
        #expect(throws: ProgramError.self) { try p.compile(parameters: ["m": 5]) }
    }

    @Test func looksLikeProgram_tellsProgramsFromExpressionLists() {
        #expect(Program.looksLikeProgram("input x\nf = x^2\noutput f"))
        #expect(Program.looksLikeProgram("# a comment\nparam n = 2"))
        #expect(!Program.looksLikeProgram("x^2 + y\n# comment = 3\nsin(x)"))
    }

    @Test func loopIndexAsValue_isAnExactInteger() throws {
        let p = try Program(parsing: "param n = 6\ninput x[n]\nf = sum(i = 1..n, i*x[i]^2)\noutput f")
        let c = try p.compile()
        let x = (1...6).map { Rational($0, 3) }
        var expected = Rational.zero
        var gradient: [Rational] = []
        for i in 1...6 {
            let xi = x[i - 1]
            expected += Rational(i) * xi * xi
            gradient.append(Rational(2 * i) * xi)
        }
        #expect(try c.tape.evaluate(at: x) == [expected])
        #expect(try c.tape.gradient(at: x) == gradient)
    }
}

@Suite struct ProgramLimitTests {
    /// A program too large to compile stops with an error, neither exhausting memory nor
    /// running for minutes.
    @Test func hugeParameters_areRefusedNotAttempted() throws {
        let sum = try Program(parsing: "param n = 3\ninput x[n]\nf = sum(i = 1..n, x[i]^2)\noutput f")
        #expect(throws: ProgramError.self) { try sum.compile(parameters: ["n": 1_000_000_000]) }
        let idle = try Program(parsing: "input x\nfor i = 1..1000000000\n  for j = 1..1000000000\n    c = 1\n  end\nend\noutput x")
        #expect(throws: ProgramError.self) { try idle.compile() }
    }
}
