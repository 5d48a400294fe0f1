import AutoDiff
import Derivatives
import Exact
import Symbolic

/// An object a generated file can compute, each one function named after the file's base
/// name: `fn` (f), `fn_grad`, `fn_jac`, `fn_hess`, `fn_hvp`, `fn_jvp`, `fn_vjp`.
///
///     CodeGenObject.hvp.functionName("model")   // "model_hvp"
public enum CodeGenObject: String, Sendable, CaseIterable {
    /// f itself (`fn`).
    case f
    /// ∇f, for a scalar f (`fn_grad`).
    case grad
    /// The Jacobian J, m×n, row-major in C (`fn_jac`).
    case jac
    /// The Hessian H, n×n, for a scalar f (`fn_hess`).
    case hess
    /// H·v, for a scalar f (`fn_hvp`).
    case hvp
    /// J·v (`fn_jvp`).
    case jvp
    /// wᵀJ (`fn_vjp`).
    case vjp

    /// The function's name for base name `name` (`fn_grad`; f is `fn` itself).
    public func functionName(_ name: String) -> String { self == .f ? name : "\(name)_\(rawValue)" }
}

/// Which derivative code a generator writes.
public enum CodeGenEngine: String, Sendable, CaseIterable {
    /// Symbolic for small functions without loops, the tape otherwise.
    case automatic
    /// The simplified symbolic derivatives (Derivatives), common subexpressions computed once.
    case symbolic
    /// Straight-line forward and adjoint code from the tape, its loops kept as loops.
    case tape
}

/// Why code cannot be generated.
public enum CodeGenError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A gradient, Hessian or H·v of a function with m ≠ 1 outputs.
    case notScalarValued(object: String, outputs: Int)
    /// The symbolic engine needs expressions; this generator only has a tape.
    case needsExpressions
    /// The tape records branches, which fixed code cannot re-decide.
    case branchesRecorded
    /// A function name that is not an identifier in every target language.
    case invalidName(String)

    public var description: String {
        switch self {
        case .notScalarValued(let object, let m): "\(object) needs a scalar function; this one has \(m) components"
        case .needsExpressions: "the symbolic engine needs expressions, not a recorded tape"
        case .branchesRecorded: "the tape records branches (guards); generated code cannot re-decide them"
        case .invalidName(let n): "'\(n)' is not a valid function name (letters, digits and _, not starting with a digit)"
        }
    }
}

/// Source code for a function and its derivatives, in C, Swift or Python.
///
///     let g = try CodeGenerator(outputs: [try Expr.parse("x^2*y + sin(x*y)")], variables: [x, y])
///     try g.source(.c, objects: [.f, .grad])
///     // double fn(const double *x) { … }  void fn_grad(const double *x, double *out) { … }
///
/// One self-contained file per call. C: C99 with `<math.h>`, clean under
/// `-std=c99 -Wall -Wextra -Werror`; `double fn(const double *x)` for a scalar f, else
/// `void fn(const double *x, double *out)`; `fn_grad(x, out)`, `fn_jac(x, out)` and
/// `fn_hess(x, out)` (matrices row-major), `fn_hvp(x, v, out)`, `fn_jvp(x, v, out)`,
/// `fn_vjp(x, w, out)`. Swift and Python: the same names taking sequences, returning
/// numbers, arrays, or matrices as rows. Generated code agrees with the tape's Double
/// sweeps to rounding (the same operations in the same order on the tape engine).
public struct CodeGenerator: Sendable {
    /// The component functions (nil for a generator made from a tape alone).
    public let outputs: [Expr]?
    /// The variables, in the order of `x`.
    public let variables: [Symbol]
    /// The tape of the outputs.
    public let tape: Tape

    /// A generator for `outputs` in `variables`.
    ///
    /// - Throws: `TapeError.unknownVariable` when an output uses a variable not listed.
    public init(outputs: [Expr], variables: [Symbol]) throws(TapeError) {
        self.outputs = outputs
        self.variables = variables
        self.tape = try ExprCompiler.compile(outputs, inputs: variables)
    }

    /// A generator for a tape (a recorded or compiled program): the tape engine only.
    /// Its inputs have no names (`variables` is empty); the code reads them as `x[k]`.
    public init(tape: Tape) {
        self.outputs = nil
        self.variables = []
        self.tape = tape
    }

    /// The engine `.automatic` picks: symbolic when there are expressions, the tape has
    /// no loops and at most 400 instructions; the tape otherwise.
    public var automaticEngine: CodeGenEngine {
        guard outputs != nil, tape.count <= 400 else { return .tape }
        let loops = tape.segments.contains { if case .loop = $0 { true } else { false } }
        return loops ? .tape : .symbolic
    }

    /// The source file computing `objects` in `language`.
    ///
    ///     try g.source(.python, objects: [.grad], exact: true)   // def fn_grad(x): … Fraction …
    ///
    /// `exact` (Python only) writes `fractions.Fraction` arithmetic without NumPy.
    ///
    /// - Throws: ``CodeGenError``.
    public func source(
        _ language: TargetLanguage, objects: [CodeGenObject], name: String = "fn", engine: CodeGenEngine = .automatic,
        exact: Bool = false
    ) throws(CodeGenError) -> String {
        guard Self.isIdentifier(name) else { throw .invalidName(name) }
        let chosen = engine == .automatic ? automaticEngine : engine
        if chosen == .symbolic && outputs == nil { throw .needsExpressions }
        if chosen == .tape && tape.instructions.contains(where: { $0.opcode == .branchGuard }) { throw .branchesRecorded }
        let m = tape.outputCount
        for o in objects where [.grad, .hess, .hvp].contains(o) && m != 1 {
            throw .notScalarValued(object: o.rawValue, outputs: m)
        }
        var kernels: [Kernel] = []
        let lowering = chosen == .tape ? TapeLowering(tape) : nil
        for o in objects {
            kernels.append(chosen == .symbolic ? symbolicKernel(o, name: name) : tapeKernel(o, name: name, lowering: lowering))
        }
        let title =
            "\(objects.map { $0.functionName(name) }.joined(separator: ", ")) of "
            + (outputs.map { $0.map(\.description).joined(separator: ", ") } ?? "a tape of \(tape.count) instructions")
            + (variables.isEmpty ? " in x[0..\(tape.inputCount - 1)]" : " in (\(variables.map(\.name).joined(separator: ", ")))")
        let header = String(title.prefix(300)).replacingOccurrences("*/", with: "* /")
        switch language {
        case .c:
            return CSource.prelude(title: header) + kernels.map { "\n" + CSource(checked: false).function($0) }.joined()
        case .swift:
            return SwiftSource.prelude(title: header) + kernels.map { "\n" + SwiftSource().function($0) }.joined()
        case .python:
            let printer = PythonSource(exact: exact)
            return PythonSource.prelude(title: header, exact: exact) + kernels.map { "\n" + printer.function($0) }.joined()
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        func letter(_ c: Unicode.Scalar) -> Bool { c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        guard let first = s.unicodeScalars.first, letter(first) else { return false }
        let keywords: Set<String> = [
            "double", "int", "void", "return", "for", "if", "def", "func", "let", "var", "in", "out", "x",
            "v", "w", "r", "i", "np", "import", "class", "static", "while", "lambda", "None", "True", "False",
        ]
        return !keywords.contains(s) && s.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }

    // MARK: symbolic

    private func fresh(_ letter: String, _ count: Int) -> [Symbol] {
        var prefix = "_" + letter
        let used = Set(variables.map(\.name))
        while (0..<count).contains(where: { used.contains("\(prefix)\($0)") }) { prefix += "_" }
        return (0..<count).map { Symbol("\(prefix)\($0)") }
    }

    private func symbolicKernel(_ o: CodeGenObject, name: String) -> Kernel {
        let fs = outputs ?? []
        let n = variables.count
        let m = fs.count
        let vs = fresh("v", n)
        let ws = fresh("w", m)
        var symbols: [Symbol: Term] = [:]
        for (k, s) in variables.enumerated() where symbols[s] == nil { symbols[s] = .element("x", .at(k)) }
        for (k, s) in vs.enumerated() { symbols[s] = .element("v", .at(k)) }
        for (k, s) in ws.enumerated() { symbols[s] = .element("w", .at(k)) }
        let exprs: [Expr]
        var params: [Kernel.Parameter] = [.x]
        var shape: (Int, Int)?
        switch o {
        case .f: exprs = fs
        case .grad: exprs = fs[0].gradient(withRespectTo: variables)
        case .jac:
            exprs = fs.flatMap { $0.gradient(withRespectTo: variables) }
            shape = (m, n)
        case .hess:
            exprs = fs[0].hessian(withRespectTo: variables).flatMap { $0 }
            shape = (n, n)
        case .hvp:
            params.append(.v)
            let h = fs[0].hessian(withRespectTo: variables)
            exprs = h.map { row in Self.dot(row, vs) }
        case .jvp:
            params.append(.v)
            exprs = fs.map { Self.dot($0.gradient(withRespectTo: variables), vs) }
        case .vjp:
            params.append(.w)
            let j = fs.map { $0.gradient(withRespectTo: variables) }
            exprs = (0..<n).map { c in Self.dot((0..<m).map { j[$0][c] }, ws) }
        }
        let body = DeadCode.eliminate(ExprLowering(symbols: symbols).lower(exprs))
        return Kernel(
            name: o.functionName(name), parameters: params, outputCount: exprs.count, returnsScalar: o == .f && m == 1,
            scratch: [], body: body, shape: shape)
    }

    static func dot(_ a: [Expr], _ b: [Symbol]) -> Expr {
        zip(a, b).reduce(Expr.zero) { $0 + $1.0 * Expr($1.1) }
    }

    // MARK: tape

    func tapeKernel(_ o: CodeGenObject, name: String, checked: Bool = false, lowering shared: TapeLowering? = nil) -> Kernel {
        let lowering = shared ?? TapeLowering(tape)
        let n = tape.inputCount
        let m = tape.outputCount
        var params: [Kernel.Parameter] = [.x]
        var body: [Statement]
        var count = n
        var shape: (Int, Int)?
        switch o {
        case .f:
            body = lowering.primal(checks: checked)
            count = m
        case .grad:
            body = lowering.adjoint(weights: [.one], checks: checked)
        case .vjp:
            params.append(.w)
            body = lowering.adjoint(weights: (0..<m).map { .element("w", .at($0)) }, checks: checked)
        case .jvp:
            params.append(.v)
            var t = TangentTransform(arrays: ["x": "v", "V": "Vd", "y": "out"], dropPrimal: ["y"])
            body = t.transform(lowering.primal(into: "y", checks: checked, derivativeChecks: true))
            count = m
        case .hvp:
            params.append(.v)
            var t = TangentTransform(arrays: ["x": "v", "V": "Vd", "A": "Ad", "g": "out"], dropPrimal: ["g"])
            body = t.transform(lowering.adjoint(weights: [.one], into: "g", checks: checked, derivativeChecks: true))
        case .jac:
            // m reverse sweeps (or n forward ones), one row (column) per unit vector.
            let forward = n <= m
            var t = TangentTransform(arrays: ["x": "v", "V": "Vd", "y": "col"], dropPrimal: ["y"])
            let sweep =
                forward
                ? t.transform(lowering.primal(into: "y", checks: checked))
                : lowering.adjoint(weights: (0..<m).map { .element("w", .at($0)) }, into: "row", checks: checked)
            body = Self.unitSweeps(sweep, units: forward ? n : m, length: forward ? m : n, forward: forward, rows: m, columns: n)
            count = m * n
            shape = (m, n)
        case .hess:
            var t = TangentTransform(arrays: ["x": "v", "V": "Vd", "A": "Ad", "g": "col"], dropPrimal: ["g"])
            let sweep = t.transform(lowering.adjoint(weights: [.one], into: "g", checks: checked))
            body = Self.unitSweeps(sweep, units: n, length: n, forward: true, rows: n, columns: n)
            count = n * n
            shape = (n, n)
        }
        body = DeadCode.eliminate(body)
        let used = arraysUsed(body)
        var scratch: [(String, Int)] = []
        for a in ["V", "A", "Vd", "Ad"] where used.contains(a) { scratch.append((a, tape.count)) }
        if used.contains("col") || used.contains("row") || o == .jac || o == .hess {
            scratch += [("v", n), ("w", m), ("col", Swift.max(m, n)), ("row", n)].filter { used.contains($0.0) }
        }
        return Kernel(
            name: o.functionName(name), parameters: params, outputCount: count, returnsScalar: o == .f && m == 1 && !checked,
            scratch: scratch.map { (name: $0.0, count: $0.1) }, body: body, shape: shape)
    }

    /// H·v for `directions` directions at once (checked, for compiled tapes): one primal and
    /// adjoint pass shared by all of them, each value carrying `directions` tangents.
    /// Direction k is `v[k·n ..< (k+1)·n]`, its product `out[k·n ..< (k+1)·n]`.
    func hvpBatchKernel(directions: Int, name: String, lowering: TapeLowering) -> Kernel {
        let n = tape.inputCount
        var t = TangentTransform(
            arrays: ["x": "v", "V": "Vd", "A": "Ad", "g": "out"], dropPrimal: ["g"], directions: directions,
            blocks: ["x": n, "V": tape.count, "A": tape.count, "g": n])
        let body = DeadCode.eliminate(t.transform(lowering.adjoint(weights: [.one], into: "g", checks: true, derivativeChecks: true)))
        let used = arraysUsed(body)
        let scratch = [("V", tape.count), ("A", tape.count), ("Vd", directions * tape.count), ("Ad", directions * tape.count)]
            .filter { used.contains($0.0) }.map { (name: $0.0, count: $0.1) }
        return Kernel(
            name: name, parameters: [.x, .v], outputCount: directions * n, returnsScalar: false, scratch: scratch,
            body: body, shape: nil)
    }

    /// The compressed Hessian's products for `colours` colours in one sweep (checked, for
    /// compiled tapes): H·d_k for k = 0 ..< colours, d_k the indicator of the inputs whose
    /// colour byte `c[i]` is k (other bytes: no direction). The seeds are read from the
    /// colours, not from stored directions, and the products are interleaved, `out[colours·i + k]`
    /// = (H·d_k)ᵢ, so one cache line holds every product of an input.
    func colouredHVPKernel(colours: Int, name: String, lowering: TapeLowering) -> Kernel {
        let n = tape.inputCount
        var t = TangentTransform(
            arrays: ["x": "v", "V": "Vd", "A": "Ad", "g": "out"], dropPrimal: ["g"], directions: colours,
            blocks: ["V": tape.count, "A": tape.count], seeded: ["x": "c"], interleaved: ["g"])
        let body = DeadCode.eliminate(t.transform(lowering.adjoint(weights: [.one], into: "g", checks: true, derivativeChecks: true)))
        let used = arraysUsed(body)
        let scratch = [("V", tape.count), ("A", tape.count), ("Vd", colours * tape.count), ("Ad", colours * tape.count)]
            .filter { used.contains($0.0) }.map { (name: $0.0, count: $0.1) }
        return Kernel(
            name: name, parameters: [.x, .c], outputCount: colours * n, returnsScalar: false, scratch: scratch,
            body: body, shape: nil)
    }

    /// A Jacobian or Hessian from one sweep per unit vector: the sweep's body (which reads
    /// `v` or `w` and writes `col` or `row`) repeated with each unit vector, its result
    /// copied into row-major `out`. The sweeps are unrolled over the (few) units, so the
    /// loops inside each stay the only loops.
    static func unitSweeps(_ sweep: [Statement], units: Int, length: Int, forward: Bool, rows: Int, columns: Int) -> [Statement] {
        let seed = forward ? "v" : "w"
        let result = forward ? "col" : "row"
        var out: [Statement] = []
        for u in 0..<units {
            var block: [Statement] = [.clear(seed, 0..<units), .assign(.element(seed, .at(u)), .one), .clear(result, 0..<length)]
            block += sweep
            for k in 0..<length {
                let index = forward ? k * columns + u : u * columns + k
                block.append(.assign(.element("out", .at(index)), .element(result, .at(k))))
            }
            // a loop of one pass: its own scope, so each sweep's locals are declared again
            out.append(.loop(count: 1, descending: false, body: block))
        }
        _ = rows
        return out
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
