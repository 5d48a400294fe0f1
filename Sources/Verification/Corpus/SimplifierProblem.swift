import Derivatives
import Exact
import Symbolic

// The simplifier corpus (Docs/Simplification.md, "Against SymPy"): problems whose answer is
// an expression that a command prints — a simplified function, a partial, a Hessian entry,
// an entry of H·v, J·v or wᵀJ, a Taylor coefficient — each compared by size (SymPy's
// `count_ops` of the printed form) with SymPy's `simplify` of the same object.
// Tests/Fixtures/make_simplify_corpus.py computes SymPy's side once; the Swift side here
// needs no Python. One line of the fixture is one problem:
//
//     kind <TAB> functions (";"-separated) <TAB> variables <TAB> parameter <TAB> SymPy count
//
// kind and parameter: `simplify` (-), `diff` (the variable), `hessian` (`i,j`, 0-based),
// `hvp` (`i:v1,v2,…`), `jvp` (`i:v1,…`), `vjp` (`j:w1,…`), `taylor` (`α1,α2,…@a1,a2,…`: the
// coefficient ∂^α f(a)/α! at a rational point a).

/// One problem of the simplifier corpus: which object of which functions.
///
///     try SimplifierProblem(line: "diff\tx^2*y\tx,y\tx\t4").answer().description   // 2*x*y
public struct SimplifierProblem: Sendable, Equatable {
    /// What is computed.
    public enum Kind: String, Sendable, CaseIterable {
        case simplify, diff, hessian, hvp, jvp, vjp, taylor
    }

    /// What is computed.
    public let kind: Kind
    /// The functions, as text.
    public let functions: [String]
    /// The variables, in order.
    public let variables: [String]
    /// The kind's parameter (see the file header), `-` when none.
    public let parameter: String
    /// The family it was drawn from or the fixture it comes from (`rational`, `w7`, …).
    public let family: String

    /// A problem.
    public init(kind: Kind, functions: [String], variables: [String], parameter: String = "-", family: String) {
        self.kind = kind
        self.functions = functions
        self.variables = variables
        self.parameter = parameter
        self.family = family
    }

    /// Why a corpus line cannot be read.
    public struct LineError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The problem of one fixture line (`family` is the line's sixth column when present).
    ///
    /// - Throws: ``LineError`` for a malformed line.
    public init(line: String) throws {
        let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard cells.count >= 4, let kind = Kind(rawValue: cells[0]) else { throw LineError(description: "not a problem line: \(line)") }
        self.init(
            kind: kind, functions: cells[1].split(separator: ";").map(String.init),
            variables: cells[2].split(separator: ",").map(String.init), parameter: cells[3],
            family: cells.count > 5 ? cells[5] : "-")
    }

    /// The line's first four columns (the problem, without SymPy's count).
    public var line: String {
        [kind.rawValue, functions.joined(separator: ";"), variables.joined(separator: ","), parameter].joined(separator: "\t")
    }

    /// The expression Jacobi prints for this problem: the same computation as the command
    /// (`simplify`, `diff`, `hessian`, `hvp`, `jvp`, `vjp`, `taylor --engine symbolic`).
    ///
    /// - Throws: `ParseError` for a function that does not parse; ``LineError`` for a bad
    ///   parameter; `EvaluationError` for a Taylor coefficient undefined at its point.
    public func answer() throws -> Expr {
        let fs = try functions.map { try Expr.parse($0) }
        let xs = variables.map { Symbol($0) }
        func numbers(_ text: Substring) throws -> [Rational] {
            try text.split(separator: ",").map { try Rational(parsing: String($0)) }
        }
        func indexed() throws -> (Int, [Rational]) {
            let parts = parameter.split(separator: ":")
            guard parts.count == 2, let i = Int(parts[0]) else { throw LineError(description: "bad parameter \(parameter)") }
            return (i, try numbers(parts[1]))
        }
        switch kind {
        case .simplify:
            return fs[0].simplified()
        case .diff:
            return fs[0].derivative(withRespectTo: Symbol(parameter))
        case .hessian:
            let ij = parameter.split(separator: ",").compactMap { Int($0) }
            guard ij.count == 2 else { throw LineError(description: "bad parameter \(parameter)") }
            return fs[0].hessian(withRespectTo: xs)[ij[0]][ij[1]]
        case .hvp:
            let (i, v) = try indexed()
            let h = fs[0].hessian(withRespectTo: xs)
            return Expr.sum(zip(h[i], v).map { $0 * Expr($1) }).simplified()
        case .jvp:
            let (i, v) = try indexed()
            let j = fs.jacobian(withRespectTo: xs)
            return Expr.sum(zip(j[i], v).map { $0 * Expr($1) }).simplified()
        case .vjp:
            let (k, w) = try indexed()
            let j = fs.jacobian(withRespectTo: xs)
            return Expr.sum(zip(j, w).map { $0[k] * Expr($1) }).simplified()
        case .taylor:
            let parts = parameter.split(separator: "@")
            guard parts.count == 2 else { throw LineError(description: "bad parameter \(parameter)") }
            let alpha = parts[0].split(separator: ",").compactMap { Int($0) }
            let a = try numbers(parts[1])
            let order = alpha.reduce(0, +)
            let partial = fs[0].partialDerivatives(withRespectTo: xs, upToOrder: order)[alpha] ?? .zero
            let value = try partial.evaluatedExactly(at: Dictionary(uniqueKeysWithValues: zip(xs, a)))
            let factorial = alpha.reduce(Rational.one) { f, e in (0..<e).reduce(f) { $0 * Rational($1 + 1) } }
            let c = value / Expr(factorial)
            return c.rationalValue == nil ? c.simplified() : c
        }
    }
}
