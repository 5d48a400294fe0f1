import AutoDiff
import Derivatives
import Differentials
import Exact
import Symbolic

/// Which sparsity pattern: what the program's structure allows, or what the simplified
/// derivatives actually are.
public enum SparsityKind: String, Sendable, CaseIterable {
    /// From the tape, without a point (index sets; nonlinear interactions): cheap, and
    /// contains every entry that can be nonzero; an entry that cancels (x·y − y·x) stays.
    case structural
    /// The structural entries whose simplified symbolic derivative is not 0: an entry that
    /// cancels to 0 is not a nonzero.
    case exact
}

/// Sparse Jacobians and Hessians: patterns, colourings, compressed evaluation.
///
/// Costs, for m outputs, n variables and a tape of N instructions: a structural pattern is
/// one pass over the tape (O(N) plus the size of the sets); the exact pattern adds one
/// simplified symbolic derivative per structural entry; a colouring is greedy over the
/// pattern's graph; a sparse Jacobian then costs `colors` forward sweeps (or reverse
/// sweeps, when colouring the rows needs fewer colours) instead of n (or m), and a sparse
/// Hessian `colors` Hessian-vector products instead of n. Extended Rosenbrock at any n:
/// 3 HVPs for its 3n − 2 entries.
extension Function {
    /// The sparsity pattern of the Jacobian (m × n).
    ///
    ///     try Function([x*y, sin(z)], variables: [x, y, z]).jacobianSparsity().drawing   // "x x .\n. . x"
    ///     try Function([x*y - y*x + z]).jacobianSparsity(.structural).nonzeroCount       // 3 (exact: 1)
    ///
    /// - Throws: ``FunctionError/engineNotAvailable(object:engine:)`` for `.exact` when the
    ///   function has no symbolic side (outputs as expressions).
    public func jacobianSparsity(_ kind: SparsityKind = .exact) throws -> SparsityPattern {
        let structural = tape.jacobianPattern()
        switch kind {
        case .structural: return structural
        case .exact:
            let fs = try symbolicOutputs("the exact sparsity pattern")
            return structural.filter { i, j in !Self.vanishes(fs[i].derivative(withRespectTo: variables[j])) }
        }
    }

    /// The outputs as expressions (for a program: its Expr DAG, built under the budget, whose
    /// error says to use a tape engine), checked to be there (one per output of the tape).
    func symbolicOutputs(_ object: String) throws -> [Expr] {
        let fs = try expressions()
        guard fs.count == outputDimension else { throw FunctionError.engineNotAvailable(object: object, engine: .symbolic) }
        return fs
    }

    /// The sparsity pattern of the Hessian (n × n, symmetric).
    ///
    ///     try Function(x*y + sin(z)).hessianSparsity().drawing   // ". x .\nx . .\n. . x"
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``.
    public func hessianSparsity(_ kind: SparsityKind = .exact) throws -> SparsityPattern {
        try requireScalar()
        let structural = try tape.hessianPattern()
        switch kind {
        case .structural: return structural
        case .exact:
            let g = try symbolicOutputs("the exact sparsity pattern")[0].gradient(withRespectTo: variables, simplifying: false)
            var zero = Set<Int>()  // i·n + j for i ≤ j whose second derivative vanishes
            let n = inputDimension
            for i in 0..<n {
                for j in structural.columns(inRow: i) where j >= i {
                    if Self.vanishes(g[i].derivative(withRespectTo: variables[j])) { zero.insert(i * n + j) }
                }
            }
            return structural.filter { i, j in !zero.contains(Swift.min(i, j) * n + Swift.max(i, j)) }
        }
    }

    /// Whether a simplified derivative is 0 (also as a rational function of its kernels).
    static func vanishes(_ e: Expr) -> Bool { e.isZero || e.isZeroAsRationalFunction }

    /// The structural Jacobian pattern and the colouring a sparse Jacobian by `engine` uses:
    /// columns for `.forward` (one JVP per colour), rows for `.reverse` (one VJP per
    /// colour), and for nil whichever needs fewer colours.
    public func jacobianCompression(engine: DifferentialEngine? = nil, order: ColoringOrder = .largestFirst)
        -> SparseCompression
    {
        switch engine {
        case .forward?: return .jacobian(of: tape, mode: .forward, order: order)
        case .reverse?: return .jacobian(of: tape, mode: .reverse, order: order)
        case .symbolic?, nil: return .jacobian(of: tape, mode: .automatic, order: order)
        }
    }

    /// The structural Hessian pattern and its star colouring.
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``.
    public func hessianCompression(order: ColoringOrder = .largestFirst) throws -> SparseCompression {
        try requireScalar()
        return try .hessian(of: tape, order: order)
    }

    /// J(a) as a sparse matrix holding every entry of the structural pattern (also those
    /// that are zero at a), from `colors` sweeps (``jacobianCompression(engine:order:)``), or
    /// with `.symbolic` the simplified symbolic entries evaluated at a.
    ///
    ///     try Function([x*y, sin(z)]).sparseJacobian(at: [Expr(1), 2, 0])   // entries [2, 1, 1]
    ///
    /// Equal, entry for entry, to `jacobian(at:engine:)` (exactly, over Rational and Expr).
    ///
    /// - Throws: evaluation errors at a, as `jacobian(at:engine:)`.
    public func sparseJacobian<S: PointScalar>(at a: [S], engine: DifferentialEngine? = nil) throws -> SparseMatrix<S> {
        try sparseJacobian(at: a, compression: jacobianCompression(engine: engine), engine: engine)
    }

    /// ``sparseJacobian(at:engine:)`` with a compression computed once (reuse it across points).
    ///
    /// - Throws: `SparsityError` when the compression is not one of this function's Jacobian; evaluation errors.
    public func sparseJacobian<S: PointScalar>(
        at a: [S], compression c: SparseCompression, engine: DifferentialEngine? = nil
    ) throws -> SparseMatrix<S> {
        try check("point", a.count, inputDimension)
        if engine == .symbolic {
            let p = try pointMap(a)
            return try SparseMatrix(pattern: c.pattern, values: try jacobianEntries(c.pattern).map { try S.evaluate($0, at: p) })
        }
        return try SparseMatrix(pattern: c.pattern, values: tape.sparseJacobian(at: a, compression: c))
    }

    /// H(a) as a sparse matrix holding every entry of the structural pattern, from `colors`
    /// Hessian-vector products (star colouring, ``hessianCompression(order:)``), or with
    /// `.symbolic` the symbolic second derivatives evaluated at a.
    ///
    ///     try Function(x*y + z^3).sparseHessian(at: [Rational(1), 2, 3])   // (0,1) 1, (1,0) 1, (2,2) 18
    ///
    /// Equal to `hessian(at:engine:)` (exactly, over Rational and Expr); exactly symmetric.
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; evaluation errors at a.
    public func sparseHessian<S: PointScalar>(at a: [S], engine: DifferentialEngine = .reverse) throws -> SparseMatrix<S> {
        try sparseHessian(at: a, compression: hessianCompression(), engine: engine)
    }

    /// ``sparseHessian(at:engine:)`` with a compression computed once.
    ///
    /// - Throws: as ``sparseHessian(at:engine:)``, and `SparsityError` for a compression of another function.
    public func sparseHessian<S: PointScalar>(
        at a: [S], compression c: SparseCompression, engine: DifferentialEngine = .reverse
    ) throws -> SparseMatrix<S> {
        try requireScalar()
        try check("point", a.count, inputDimension)
        if engine == .symbolic {
            let p = try pointMap(a)
            return try SparseMatrix(pattern: c.pattern, values: hessianEntries(c.pattern).map { try S.evaluate($0, at: p) })
        }
        return try SparseMatrix(pattern: c.pattern, values: tape.sparseHessian(at: a, compression: c))
    }
}

/// Sparse derivatives at an exact `Point`, as exact values: over Rational first, and where a
/// value is not rational, once more over `Expr` (as ``Function/jacobian(at:engine:)-(Point,_)``).
extension Function {
    /// J(a) as a sparse matrix of exact values at the structural entries of `c`
    /// (``jacobianCompression(engine:order:)``), zeros at the point included.
    ///
    ///     try f.sparseJacobian(at: Point([(x, 1/2), (y, 3)]), compression: f.jacobianCompression())
    ///
    /// - Throws: coordinate errors; evaluation errors at a; `SparsityError` for a compression of another function.
    public func sparseJacobian(at a: Point, compression c: SparseCompression, engine: DifferentialEngine? = nil) throws
        -> SparseMatrix<Expr>
    {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try sparseJacobian(at: $0, compression: c, engine: engine).map { Expr($0) } },
            else: { try sparseJacobian(at: $0, compression: c, engine: engine) })
    }

    /// H(a) as a sparse matrix of exact values at the structural entries of `c`
    /// (``hessianCompression(order:)``), zeros at the point included.
    ///
    ///     try f.sparseHessian(at: Point([(x, 1), (y, 2)]), compression: f.hessianCompression())
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; coordinate and evaluation errors.
    public func sparseHessian(at a: Point, compression c: SparseCompression, engine: DifferentialEngine = .reverse) throws
        -> SparseMatrix<Expr>
    {
        try requireDefined(at: a, engine)
        return try exactly(
            a, { try sparseHessian(at: $0, compression: c, engine: engine).map { Expr($0) } },
            else: { try sparseHessian(at: $0, compression: c, engine: engine) })
    }

    /// The simplified symbolic entries of the Jacobian at the entries of `pattern`, row by row.
    ///
    /// - Throws: ``FunctionError/engineNotAvailable(object:engine:)`` without a symbolic side.
    public func jacobianEntries(_ pattern: SparsityPattern) throws -> [Expr] {
        let fs = try symbolicOutputs("symbolic Jacobian entries")
        return pattern.entries.map { fs[$0.row].derivative(withRespectTo: variables[$0.column]) }
    }

    /// The simplified symbolic second derivatives at the entries of `pattern`, row by row
    /// (one expression for (i, j) and (j, i)).
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``.
    public func hessianEntries(_ pattern: SparsityPattern) throws -> [Expr] {
        try requireScalar()
        let g = try symbolicOutputs("symbolic Hessian entries")[0].gradient(withRespectTo: variables, simplifying: false)
        var memo: [Int: Expr] = [:]
        let n = inputDimension
        return pattern.entries.map { i, j in
            let key = Swift.min(i, j) * n + Swift.max(i, j)
            if let e = memo[key] { return e }
            let e = g[Swift.min(i, j)].derivative(withRespectTo: variables[Swift.max(i, j)])
            memo[key] = e
            return e
        }
    }
}
