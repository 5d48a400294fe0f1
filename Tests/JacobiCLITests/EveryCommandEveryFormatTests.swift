import Foundation
import Testing

/// Every command in every format, on one representative input each: the exit status, the
/// JSON keys of DESIGN.md, a LaTeX rendering, and the text naming the values.
@Suite struct EveryCommandEveryFormatTests {
    static let cases: [(arguments: [String], jsonKeys: [String], textContains: String)] = [
        (["diff", "x^2*y + sin(x)", "--at", "x=1/2,y=3"], ["symbolic", "at", "engine", "exact", "numeric"], "∂f/∂x = 2*x*y + cos(x)"),
        (["grad", "x*y^2", "--at", "x=2,y=1"], ["symbolic", "exact", "numeric"], "∂f/∂y = 2*x*y"),
        (["dir", "x*y", "--dir", "1,2", "--at", "x=1,y=1"], ["direction", "symbolic", "exact"], "D_v f(a) = 3"),
        (["jacobian", "x*y", "x+y^2", "--at", "x=1/2,y=3"], ["symbolic", "exact", "numeric"], "[y    x]"),
        (["hessian", "x^3*y", "--at", "x=1,y=2"], ["symbolic", "exact", "numeric"], "[12  3]"),
        (["jvp", "x*y", "x+y", "--dir", "1,0", "--at", "x=2,y=3"], ["symbolic", "exact", "direction", "value"], "J(a)·v = [3, 1]"),
        (["vjp", "x*y", "x+y", "--weights", "1,1", "--at", "x=2,y=3"], ["symbolic", "exact", "weights", "value"], "wᵀJ(a) = [4, 3]"),
        (["hvp", "x^2*y", "--dir", "1,0", "--at", "x=1,y=2"], ["symbolic", "exact", "direction", "value"], "H(a)·v = [4, 2]"),
        (["linearize", "x*y", "--at", "x=2,y=3"], ["symbolic", "exact", "numeric", "value"], "f(a) = [6]"),
        (["taylor", "x^2*y", "--at", "x=1,y=2", "--order", "2"], ["symbolic", "order", "value", "gradient", "hessian"], "f(a) = 2"),
        (["simplify", "x + x*y/y"], ["symbolic", "latex"], "2*x"),
        (["expand", "(x + 1)^2"], ["symbolic"], "x^2 + 2*x + 1"),
        (["check", "x^2*y/(1 + y^2)", "--points", "5"], ["passed", "points", "mismatches"], "passed"),
    ]

    @Test(arguments: cases.indices)
    func command_inTextLatexAndJSON(index: Int) throws {
        let c = Self.cases[index]
        let text = try CLI.run(c.arguments)
        #expect(text.status == 0, "\(c.arguments): \(text.stderr)")
        #expect(text.stderr.isEmpty)
        #expect(text.stdout.contains(c.textContains), "\(c.arguments): \(text.stdout)")

        let latex = try CLI.run(c.arguments + ["--format", "latex"])
        if c.arguments[0] == "check" {
            #expect(latex.status == 0)  // the report has no formula to render
        } else {
            #expect(latex.status == 0, "\(c.arguments): \(latex.stderr)")
            #expect(
                latex.stdout.contains("\\") || latex.stdout.contains("^") || latex.stdout.contains("x"),
                "\(c.arguments): \(latex.stdout)")
        }

        let json = try CLI.run(c.arguments + ["--format", "json"])
        #expect(json.status == 0, "\(c.arguments): \(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["command"] as? String == c.arguments[0])
        #expect(object["vars"] is [String])
        #expect(object["functions"] is [String])
        for key in c.jsonKeys { #expect(object[key] != nil, "\(c.arguments[0]) lacks \(key)") }
        #expect(!json.stdout.contains("NaN") && !json.stdout.contains("Infinity"))
    }

    @Test(arguments: [
        ["diff", "x^"], ["grad", "foo(x)"], ["jacobian", "x*y", "--at", "x=1"], ["hessian", "1/x", "--at", "x=0"],
        ["taylor", "log(x)", "--at", "x=0"], ["dir", "x*y", "--dir", "1"], ["expand", "(x+1)^1000000"],
        ["simplify", "x^^2"], ["jvp", "sqrt(x)", "--dir", "1", "--at", "x=-1"], ["check", "x", "--points", "-3"],
        ["diff", "x", "--at", "x=1/0"], ["grad", "x", "--vars", "2x"],
        // A constant has no variables unless --vars names some: nothing to differentiate.
        ["diff", "5"], ["grad", "2^(2^30)"], ["hessian", "7/3"], ["taylor", "1", "--at", "x=1"],
        ["hvp", "5", "--dir", "1", "--at", "x=1"],
        ["check", "x", "--seed", "-1"], ["taylor", "x", "--at", "x=1", "--order", "-1"],
        ["expand", "(x+1)^3", "--term-limit", "-5"], ["expand", "(x+1)^3", "--term-limit", "0"],
    ])
    func badInput_exitsTwoWithoutOutput(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2, "\(arguments): \(r.stdout) \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(arguments)")
        #expect(r.stderr.hasPrefix("jacobi: "), "\(arguments): \(r.stderr)")
    }

    /// Text output needs no float: values beyond Double's range print exactly, with their
    /// leading digits computed from the exact value (never an error, never "inf").
    @Test func valuesBeyondDoublesRange_printExactlyInText() throws {
        let grad = try CLI.run(["grad", "x^400", "--at", "x=10"])  // 400·10³⁹⁹ = 4·10⁴⁰¹
        #expect(grad.status == 0, "\(grad.stderr)")
        #expect(grad.stdout.contains("∇f(a) = [4" + String(repeating: "0", count: 401) + " ≈ 4.0000000000000000e+401]"), "\(grad.stdout)")
        let hessian = try CLI.run(["hessian", "x^400*y", "--at", "x=10,y=1/3"])  // ∂²f/∂x² = 400·399·10³⁹⁸/3 = 5.32·10⁴⁰²
        #expect(hessian.status == 0, "\(hessian.stderr)")
        #expect(hessian.stdout.contains("532" + String(repeating: "0", count: 400) + " ≈ 5.3200000000000000e+402"), "\(hessian.stdout)")
        let hvp = try CLI.run(["hvp", "x^400", "--dir", "1", "--at", "x=10"])  // 400·399·10³⁹⁸
        #expect(
            hvp.stdout.contains("H(a)·v = [1596" + String(repeating: "0", count: 400) + " ≈ 1.5960000000000000e+403]"), "\(hvp.stdout)\(hvp.stderr)")
        let simplify = try CLI.run(["simplify", "exp(x)", "--at", "x=1000"])
        #expect(simplify.stdout == "exp(x)\nat x = 1000:\nf(a) = exp(1000)\n", "\(simplify.stdout)\(simplify.stderr)")
        let linearize = try CLI.run(["linearize", "exp(x^2)", "--at", "x=40"])
        #expect(linearize.stdout.hasSuffix("J(a) =\n[80*exp(1600)]\n"), "\(linearize.stdout)\(linearize.stderr)")
    }

    /// JSON never throws an answer away: beyond Double's range, `numeric` is null beside the
    /// exact value.
    @Test func valuesBeyondDoublesRange_areNullBesideTheExactValueInJSON() throws {
        let jvp = try CLI.run(["jvp", "x^400", "--dir", "1", "--at", "x=10", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(jvp.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["exact"] as? [String] == ["4" + String(repeating: "0", count: 401)], "\(jvp.stdout)\(jvp.stderr)")
        #expect((object["numeric"] as? [Any])?.first is NSNull)
        let diff = try CLI.run(["diff", "exp(x)", "--at", "x=1000", "--format", "json"])
        #expect(diff.stdout.hasSuffix(#""exact": ["exp(1000)"], "numeric": [null]}"# + "\n"), "\(diff.stdout)")
    }

    @Test func aConstant_isDifferentiated_withRespectToTheVariablesNamed() throws {
        let r = try CLI.run(["grad", "5", "--vars", "x,y"])
        #expect(r.stdout == "∂f/∂x = 0\n∂f/∂y = 0\n", "\(r.stdout)\(r.stderr)")
        let none = try CLI.run(["diff", "5"])
        #expect(none.stderr.contains("has no variables"), "\(none.stderr)")
    }

    @Test func taylorOfOrderOne_hasANullHessian() throws {
        let r = try CLI.run(["taylor", "x*y", "--at", "x=1,y=2", "--order", "1", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["hessian"] is NSNull, "\(r.stdout)")
        #expect(object["gradient"] as? [String] == ["2", "1"])
    }

    @Test func vectorsStartingWithMinus_areValues() throws {
        let hvp = try CLI.run(["hvp", "x^2*y", "--dir", "-1,2", "--at", "x=1,y=1"])
        #expect(hvp.status == 0, "\(hvp.stderr)")
        #expect(hvp.stdout.contains("H(a)·v = [2, -2]"))
        let vjp = try CLI.run(["vjp", "x*y", "--weights", "-3", "--at", "x=1,y=2"])
        #expect(vjp.stdout.contains("wᵀJ(a) = [-6, -3]"), "\(vjp.stdout)\(vjp.stderr)")
        let dir = try CLI.run(["dir", "x*y", "--dir", "-1,2", "--at", "x=1,y=1"])
        #expect(dir.stdout.contains("D_v f(a) = 1"), "\(dir.stdout)\(dir.stderr)")
    }
}
