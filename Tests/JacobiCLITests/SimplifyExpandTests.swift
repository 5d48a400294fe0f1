import Testing

@Suite struct SimplifyExpandTests {
    @Test func simplifyCanonical_printsTheCanonicalFormOnly() throws {
        let r = try CLI.run(["simplify", "y*x*2 + cos(x) + x*y", "--canonical"])
        #expect(r.status == 0)
        #expect(r.stdout == "3*x*y + cos(x)\n")
        #expect(r.stderr.isEmpty)
        let trig = try CLI.run(["simplify", "sin(x)^2 + cos(x)^2", "--canonical"])
        #expect(trig.stdout == "cos(x)^2 + sin(x)^2\n", "\(trig.stdout)")
    }

    @Test func expand_multipliesOut() throws {
        let r = try CLI.run(["expand", "(x+1)^2*(x-1)"])
        #expect(r.status == 0)
        #expect(r.stdout == "x^3 + x^2 - x - 1\n")
    }

    @Test func expressionsStartingWithMinus_goAfterDoubleDash() throws {
        let r = try CLI.run(["simplify", "--", "-x^2 + x"])
        #expect(r.status == 0)
        #expect(r.stdout == "-x^2 + x\n")
    }

    @Test func json_hasTheContractKeysInOrder() throws {
        let r = try CLI.run(["simplify", "(x+1)^2 - 1", "--at=x=1/2", "--format=json"])
        #expect(r.status == 0)
        #expect(
            r.stdout == """
                {"command": "simplify", "vars": ["x"], "functions": ["(x + 1)^2 - 1"], "symbolic": "x*(x + 2)", \
                "latex": "x \\\\left(x + 2\\\\right)", "at": {"x": "1/2"}, "exact": "5/4", "numeric": 1.25}

                """)
        let exact = try CLI.run(["simplify", "x*cos(y)", "--vars=y,x", "--at=x=2,y=0.5", "--format=json"])
        #expect(exact.stdout.contains(#""vars": ["y", "x"]"#))
        #expect(exact.stdout.contains(#""exact": "2*cos(1/2)""#))
    }

    @Test func text_andLatex_withAPoint() throws {
        let text = try CLI.run(["simplify", "x/3 + y", "--at=x=1,y=0.25"])
        #expect(text.stdout == "x/3 + y\nat x = 1, y = 1/4:\nf(a) = 7/12 ≈ 0.5833333333333334\n")
        let latex = try CLI.run(["expand", "(x+y)^2", "--format=latex"])
        #expect(latex.stdout == "x^{2} + 2 x y + y^{2}\n")
    }

    @Test func syntaxErrors_printTheMessageAndACaret() throws {
        let r = try CLI.run(["simplify", "x^^2"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3 && lines[2].isEmpty)
        #expect(lines[0] == "jacobi: expected an expression, found '^' at column 3: x^^2")
        #expect(lines[1] == String(repeating: " ", count: lines[0].count - 2) + "^")
    }

    /// (arguments, the one line on stderr)
    static let errors: [([String], String)] = [
        (["simplify", "foo(x)"], "jacobi: unknown function 'foo' at column 1: foo(x)"),
        (["simplify", "1/(x-1)", "--at=x=1"], "jacobi: division by zero in 1/(x - 1)"),
        (["simplify", "log(x)", "--at=x=-1"], "jacobi: log of a non-positive number in log(x) (the argument is -1)"),
        (["simplify", "x*y", "--at=x=1"], "jacobi: no value given for the variable y"),
        (
            ["simplify", "x", "--at=x=1/0"],
            "jacobi: The value 'x=1/0' is invalid for '--at <x=1/2,y=-3>': invalid value for x: invalid number \"1/0\": zero denominator at column 3"
        ),
        (["simplify", "x", "--vars=x,2y"], "jacobi: The value 'x,2y' is invalid for '--vars <x,y>': '2y' is not a variable name"),
        (["expand", "x", "--at=x=1"], "jacobi: Unknown option '--at'. Did you mean '--vars'?"),
        (["simplify", "x", "--engine=forward"], "jacobi: Unknown option '--engine'"),
        (["expand", "(x+y)^3000", "--term-limit=100"], "jacobi: expanding (x + y)^3000 needs more than 100 terms"),
    ]

    @Test func badInput_exitsTwoWithOneLine() throws {
        for (arguments, message) in Self.errors {
            let r = try CLI.run(arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stdout.isEmpty, "\(arguments)")
            #expect(r.stderr.split(separator: "\n").first.map(String.init) == message, "\(arguments)")
        }
    }

    /// Nesting is bounded by the input's length only (Docs/Limits.md): 10 000 parentheses are x.
    @Test func deepNesting_isReadWithoutALimit() throws {
        let r = try CLI.run(["simplify", String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000)])
        #expect(r.status == 0)
        #expect(r.stdout == "x\n")
    }
}
