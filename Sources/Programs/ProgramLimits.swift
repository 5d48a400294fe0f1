/// The bounds a program is parsed and compiled within, in one place (siblings of
/// `ExactLimits` and `ParseLimits`; Docs/Limits.md lists every limit of the project).
///
/// A program is small text that can ask for a great deal: `param n = 1000000000` with a
/// nested loop, a line of ten thousand parentheses, a vector output of a hundred million
/// entries. Each of these stops early with a ``ProgramError`` that names the limit it hit,
/// instead of running for minutes, exhausting memory or overflowing the stack.
///
///     let text = "param n = 100000\ninput x\nh = x\nfor i = 1..n\nfor j = 1..n\nh = h*x\nend\nend\noutput h"
///     try Program(parsing: text).compile()
///     // throws: …: compiling the program takes more than 10000000 steps, … (ProgramLimits.maximumSteps; …)
///
/// The program parser, checker and compiler recurse on nesting and on the syntax tree's
/// height; at the default ``ProgramLimits/maximumNesting`` and
/// ``ProgramLimits/maximumDepth`` they need at most about 2 MiB of stack in a debug build
/// (far less optimised), inside the usual 8 MiB.
///
/// The limits are task-local, so a caller can change them for one computation:
///
///     try ProgramLimits.$maximumSteps.withValue(1_000) { try program.compile() }
public enum ProgramLimits {
    /// The most tape slots (instructions, counting each repetition of a repeated block) a
    /// program may compile to: 2²⁶ (67 108 864, about 1 GiB of 16-byte instructions if
    /// written out) unless set.
    @TaskLocal public static var maximumInstructions: Int = 1 << 26

    /// The most steps compiling may take: loop and sum iterations (a repeated block counts
    /// all of its repetitions) plus expression nodes compiled (a nested loop compiles its
    /// body's nodes once per iteration): 10⁷ unless set, about a second of compiling.
    @TaskLocal public static var maximumSteps: Int = 10_000_000

    /// The most outputs a program may have (a vector name counts its entries), and the most
    /// entries all its intermediate vectors may hold together: 2²² (4 194 304) unless set.
    @TaskLocal public static var maximumEntries: Int = 1 << 22

    /// The deepest nesting in one statement: parentheses, calls, indices, signs, `^` and
    /// `sum`/`prod` inside each other, plus the `for` loops around it: 200 levels unless set
    /// (like SymPy's parser; the program parser is recursive descent).
    @TaskLocal public static var maximumNesting: Int = 200

    /// The highest syntax tree of one statement, plus the `for` loops around it: 500 levels
    /// unless set. A chain `a + b + … + z` is a tree as high as it has operands, and checking
    /// and compiling walk the tree recursively; a longer sum is `sum(i = 1..n, …)`.
    @TaskLocal public static var maximumDepth: Int = 500

    /// The largest expression tree a program's outputs may have for the symbolic engine,
    /// unless the tree is at most 16 nodes per tape instruction: 10 000 nodes unless set. A
    /// program shares a value among its later uses (`x[k+1] = sin(x[k]) + a*x[k]` reads x[k]
    /// twice), so written out as a tree its outputs can double with every step; the symbolic
    /// engine works on trees, and such a program is for the tape engines (`--engine reverse`).
    @TaskLocal public static var maximumSymbolicTreeSize: Int = 10_000
}
