// Compressed evaluation: a sparse Jacobian from (colours) sweeps, a sparse Hessian from
// (colours) Hessian-vector products, then every entry read back from the products
// (`SparseCompression.swift` says where from).

extension Tape {
    /// The values of J(a) at the entries of `pattern` (in its row-major order), from one
    /// forward sweep carrying `coloring.count` tangents (column colouring) or one reverse
    /// sweep per colour (row colouring).
    ///
    ///     let p = tape.jacobianPattern()
    ///     try tape.sparseJacobian(at: [Rational(1), 2], pattern: p, coloring: p.jacobianColoring())
    ///
    /// Cost: about `coloring.count` JVPs (or VJPs) instead of n (or m).
    ///
    /// - Throws: ``SparsityError`` when the pattern does not have this tape's shape or the
    ///   colouring does not separate its columns (rows); `TapeError` from the sweeps.
    public func sparseJacobian<S: TapeScalar>(
        at point: [S], pattern: SparsityPattern, coloring: Coloring
    ) throws -> [S] {
        try sparseJacobian(at: point, compression: SparseCompression(pattern: pattern, coloring: coloring))
    }

    /// ``sparseJacobian(at:pattern:coloring:)`` with a compression computed once.
    ///
    ///     let c = SparseCompression.jacobian(of: tape)
    ///     for x in points { values = try tape.sparseJacobian(at: x, compression: c) }
    ///
    /// - Throws: as ``sparseJacobian(at:pattern:coloring:)``.
    public func sparseJacobian<S: TapeScalar>(at point: [S], compression c: SparseCompression) throws -> [S] {
        try checkPattern(c.pattern, rows: outputCount, columns: inputCount)
        let sources = try c.recovery()
        try checkDimension("point", point.count, inputCount)
        switch c.coloring.kind {
        case .columns:
            let b = c.coloring.count == 0 ? [] : try jvp(at: point, directions: c.coloring.seeds()).tangents
            return Self.gather(b, sources, stride: outputCount)
        case .rows:
            var products = [[S]]()
            for w in c.coloring.seeds() as [[S]] { products.append(try vjp(at: point, weights: w).cotangent) }
            return Self.gather(products, sources, stride: inputCount)
        case .star:
            throw SparsityError.coloringMismatch("a star colouring is for Hessians; a Jacobian needs a column or row colouring")
        }
    }

    /// The values of the Hessian H(a) of a scalar-valued tape at the entries of `pattern`
    /// (row-major order), from `coloring.count` Hessian-vector products and direct recovery.
    ///
    ///     let p = try tape.hessianPattern()
    ///     try tape.sparseHessian(at: x, pattern: p, coloring: p.starColoring())
    ///
    /// Cost: `coloring.count` HVPs (forward-over-reverse) instead of n; over Double they run
    /// through the sweep plan, up to four directions in one sweep.
    ///
    /// - Throws: ``SparsityError`` when the pattern is not n × n or the colouring is not a
    ///   star colouring of it; `TapeError` (``TapeError/notScalarValued(outputs:)``, domain errors).
    public func sparseHessian<S: TapeScalar>(
        at point: [S], pattern: SparsityPattern, coloring: Coloring
    ) throws -> [S] {
        try sparseHessian(at: point, compression: SparseCompression(pattern: pattern, coloring: coloring))
    }

    /// ``sparseHessian(at:pattern:coloring:)`` with a compression computed once; a
    /// `workspace` keeps the sweep's memory between calls (one per thread).
    ///
    ///     let c = try SparseCompression.hessian(of: tape)
    ///     let h = try tape.sparseHessian(at: x, compression: c)   // c.pattern.nonzeroCount values
    ///
    /// - Throws: as ``sparseHessian(at:pattern:coloring:)``.
    public func sparseHessian<S: TapeScalar>(
        at point: [S], compression c: SparseCompression, workspace: Workspace? = nil
    ) throws -> [S] {
        var values = [S]()
        try sparseHessian(at: point, compression: c, workspace: workspace, into: &values)
        return values
    }

    /// ``sparseHessian(at:compression:workspace:)`` writing the entries into `values`
    /// (replacing its contents; its storage is reused when it is large enough), so that
    /// repeated evaluations allocate nothing.
    ///
    ///     var h: [Double] = []
    ///     for x in points { try tape.sparseHessian(at: x, compression: c, workspace: w, into: &h) }
    ///
    /// - Throws: as ``sparseHessian(at:pattern:coloring:)``.
    public func sparseHessian<S: TapeScalar>(
        at point: [S], compression c: SparseCompression, workspace: Workspace? = nil, into values: inout [S]
    ) throws {
        if outputCount != 1 { throw TapeError.notScalarValued(outputs: outputCount) }
        try checkPattern(c.pattern, rows: inputCount, columns: inputCount)
        guard c.coloring.kind == .star else {
            throw SparsityError.coloringMismatch("a Hessian needs a star colouring, not a \(c.coloring.kind.rawValue) colouring")
        }
        let sources = try c.recovery()
        try checkDimension("point", point.count, inputCount)
        if S.self == Double.self {
            let done = withUnsafeMutablePointer(to: &values) { v in
                v.withMemoryRebound(to: [Double].self, capacity: 1) { doubles in
                    planCompressedHessian(
                        unsafeBitCast(point, to: [Double].self), c, sources, workspace ?? Workspace(),
                        into: &doubles.pointee)
                }
            }
            if done { return }
        }
        var products = [[S]]()
        for d in c.coloring.seeds() as [[S]] { products.append(try hvp(at: point, direction: d)) }
        values = Self.gather(products, sources, stride: inputCount)
    }

    /// The entries `products[k / stride][k % stride]` for each k of `sources`.
    static func gather<S>(_ products: [[S]], _ sources: [UInt32], stride: Int) -> [S] {
        sources.map { products[Int($0) / stride][Int($0) % stride] }
    }

    func checkPattern(_ p: SparsityPattern, rows: Int, columns: Int) throws(SparsityError) {
        if p.rows != rows { throw .dimensionMismatch(what: "pattern rows", expected: rows, actual: p.rows) }
        if p.columns != columns { throw .dimensionMismatch(what: "pattern columns", expected: columns, actual: p.columns) }
    }
}
