import Foundation
import Testing

/// Conventions a new user meets: usage lines, option errors, variable order, aligned output.
@Suite struct ConventionTests {
    @Test func usageLines_showRequiredArgumentsAsRequired() throws {
        let hvp = try CLI.run(["hvp", "--help"])
        #expect(hvp.stdout.contains("USAGE: jacobi hvp <expression> --dir <v1,v2> --at <x=1/2,y=-3>"), "\(hvp.stdout)")
        let jacobian = try CLI.run(["jacobian", "--help"])
        #expect(jacobian.stdout.contains("USAGE: jacobi jacobian <expression>..."), "\(jacobian.stdout)")
    }

    /// Help paragraphs are wrapped by argument-parser only: no hard line break mid-sentence.
    @Test func helpText_wrapsCleanly() throws {
        for command in ["diff", "grad", "dir", "jacobian", "hessian", "jvp", "vjp", "hvp", "linearize", "taylor", "simplify", "expand", "check"] {
            let r = try CLI.run([command, "--help"])
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(command)")
            #expect(!r.stdout.contains("\n\n\n"), "\(command)")
        }
    }

    @Test func anOptionACommandDoesNotUse_isAnError() throws {
        for arguments in [["simplify", "x", "--engine", "forward"], ["expand", "x", "--engine", "reverse"], ["expand", "x", "--at", "x=1"]] {
            let r = try CLI.run(arguments)
            #expect(r.status == 2, "\(arguments)")
            #expect(r.stderr.hasPrefix("jacobi: Unknown option"), "\(arguments): \(r.stderr)")
        }
    }

    @Test func aRepeatedVariable_namesTheOption() throws {
        let wrt = try CLI.run(["diff", "x*y", "--wrt", "y,y"])
        #expect(wrt.stderr == "jacobi: The value 'y,y' is invalid for '--wrt <x,y>': the variable y appears twice\n", "\(wrt.stderr)")
        let vars = try CLI.run(["grad", "x*y", "--vars", "x,x,y"])
        #expect(vars.stderr.contains("'--vars <x,y>'"), "\(vars.stderr)")
        let at = try CLI.run(["grad", "x*y", "--at", "x=1,x=2,y=1"])
        #expect(at.stderr.contains("'--at <x=1/2,y=-3>': the variable x appears twice"), "\(at.stderr)")
    }

    @Test func variables_defaultToNaturalOrder() throws {
        let r = try CLI.run(["grad", "x10*x2 + x1", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(object["vars"] as? [String] == ["x1", "x2", "x10"])
        #expect(object["symbolic"] as? [String] == ["1", "x10", "x2"])
    }

    /// Every matrix is aligned the same way (columns right-aligned), in every command.
    @Test func matrices_alignTheSameEverywhere() throws {
        let jacobian = try CLI.run(["jacobian", "x*y", "x + y^2"])
        let linearize = try CLI.run(["linearize", "x*y", "x + y^2", "--at", "x=1,y=2"])
        let matrix = "[y    x]\n[1  2*y]"
        #expect(jacobian.stdout == "J =\n\(matrix)\n", "\(jacobian.stdout)")
        #expect(linearize.stdout.hasPrefix("J =\n\(matrix)\n"), "\(linearize.stdout)")
    }

    /// LaTeX names every object, inside one aligned block.
    @Test func latex_labelsEveryObjectInAnAlignedBlock() throws {
        let r = try CLI.run(["linearize", "x*y", "--at", "x=1,y=2", "--format", "latex"])
        #expect(
            r.stdout == """
                \\begin{aligned}
                J &= \\begin{bmatrix} y & x \\end{bmatrix} \\\\
                &\\text{at } x = 1,\\ y = 2 \\\\
                f(a) &= \\begin{bmatrix} 2 \\end{bmatrix} \\\\
                J(a) &= \\begin{bmatrix} 2 & 1 \\end{bmatrix}
                \\end{aligned}

                """, "\(r.stdout)")
        let grad = try CLI.run(["grad", "x^2*y", "--at", "x=1,y=2", "--format", "latex"])
        #expect(grad.stdout.contains("\\nabla f(a) &= \\begin{bmatrix} 4 \\\\ 1 \\end{bmatrix}"), "\(grad.stdout)")
    }
}
