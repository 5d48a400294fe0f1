// Compressed evaluation: a sparse Jacobian from (colours) sweeps, a sparse Hessian from
// (colours) Hessian-vector products, then every entry read back from the compressed
// products (Gebremedhin, Manne & Pothen 2005, §3–4: direct recovery).
//
//     columns  B = J·D (D: n × p, column c = Σ_{colour(j) = c} eⱼ)   Jᵢⱼ = B[i][colour(j)]
//     rows     C = Dᵀ·J (one VJP per colour of the rows)              Jᵢⱼ = C[colour(i)][j]
//     star     B = H·D (one HVP per colour)                          Hᵢⱼ = B[i][colour(j)] if no other
//              entry of row i has colour(j); else B[j][colour(i)] (a star colouring
//              guarantees one of the two: otherwise a path on four vertices has two colours)
//
// Every recovered value is one entry of one product, never a difference or a solve, so over
// exact scalars the sparse result equals the dense one exactly.

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
        try checkPattern(pattern, rows: outputCount, columns: inputCount)
        switch coloring.kind {
        case .columns:
            try checkColoring(coloring, of: pattern.columns, separating: pattern)
            let seeds: [[S]] = coloring.seeds()
            let b = coloring.count == 0 ? [] : try jvp(at: point, directions: seeds).tangents
            var values = [S]()
            values.reserveCapacity(pattern.nonzeroCount)
            for i in 0..<pattern.rows {
                for j in pattern.columns(inRow: i) { values.append(b[coloring.colors[j]][i]) }
            }
            return values
        case .rows:
            let layout = pattern.transposeLayout()
            let t = SparsityPattern(unchecked: pattern.columns, pattern.rows, layout.starts, layout.indices)
            try checkColoring(coloring, of: pattern.rows, separating: t)
            try checkDimension("point", point.count, inputCount)
            var c = [[S]]()
            for w in coloring.seeds() as [[S]] { c.append(try vjp(at: point, weights: w).cotangent) }
            var values = [S](repeating: .zero, count: pattern.nonzeroCount)
            for j in 0..<t.rows {
                for k in t.rowStarts[j]..<t.rowStarts[j + 1] {
                    let i = t.columnIndices[k]
                    values[layout.source[k]] = c[coloring.colors[i]][j]
                }
            }
            return values
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
    /// Cost: `coloring.count` HVPs (forward-over-reverse) instead of n; for Double tapes they
    /// run as one sweep over the plan carrying up to four directions at once.
    ///
    /// - Throws: ``SparsityError`` when the pattern is not n × n or the colouring is not a
    ///   star colouring of it; `TapeError` (``TapeError/notScalarValued(outputs:)``, domain errors).
    public func sparseHessian<S: TapeScalar>(
        at point: [S], pattern: SparsityPattern, coloring: Coloring
    ) throws -> [S] {
        if outputCount != 1 { throw TapeError.notScalarValued(outputs: outputCount) }
        try checkPattern(pattern, rows: inputCount, columns: inputCount)
        guard coloring.kind == .star else {
            throw SparsityError.coloringMismatch("a Hessian needs a star colouring, not a \(coloring.kind.rawValue) colouring")
        }
        try checkColoring(coloring, of: inputCount, separating: pattern)
        try checkDimension("point", point.count, inputCount)
        let b = try hvps(at: point, directions: coloring.seeds())
        return try StarRecovery(pattern: pattern, colors: coloring.colors, colorCount: coloring.count)
            .values { c, i in b[c][i] }
    }

    /// H·vₖ for several directions (scalar-valued tape): for Double through the sweep plan,
    /// up to four directions per sweep; otherwise one forward-over-reverse sweep each.
    func hvps<S: TapeScalar>(at point: [S], directions: [[S]]) throws(TapeError) -> [[S]] {
        if S.self == Double.self,
            let r = planHVPs(unsafeBitCast(point, to: [Double].self), unsafeBitCast(directions, to: [[Double]].self))
        {
            return unsafeBitCast(r, to: [[S]].self)
        }
        var out = [[S]]()
        for d in directions { out.append(try hvp(at: point, direction: d)) }
        return out
    }

    func checkPattern(_ p: SparsityPattern, rows: Int, columns: Int) throws(SparsityError) {
        if p.rows != rows { throw .dimensionMismatch(what: "pattern rows", expected: rows, actual: p.rows) }
        if p.columns != columns { throw .dimensionMismatch(what: "pattern columns", expected: columns, actual: p.columns) }
    }

    /// Checks that `coloring` has one colour per index and that no row of `p` has two
    /// columns of the same colour (the condition for reading entries off the products).
    /// For a star colouring only distance-1 is checked here; recovery checks the rest.
    func checkColoring(_ coloring: Coloring, of count: Int, separating p: SparsityPattern) throws(SparsityError) {
        if coloring.colors.count != count {
            throw .dimensionMismatch(what: "colours", expected: count, actual: coloring.colors.count)
        }
        if coloring.kind == .star {
            for i in 0..<p.rows {
                for j in p.columns(inRow: i) where j != i && coloring.colors[j] == coloring.colors[i] {
                    throw .coloringMismatch("variables \(i) and \(j) interact but have the same colour")
                }
            }
            return
        }
        var seen = [Int](repeating: -1, count: coloring.count)
        for i in 0..<p.rows {
            for j in p.columns(inRow: i) {
                let c = coloring.colors[j]
                if seen[c] == i { throw .coloringMismatch("two entries of line \(i) have colour \(c)") }
                seen[c] = i
            }
        }
    }
}

/// Direct recovery of a symmetric matrix's entries from B = H·D under a star colouring.
struct StarRecovery {
    let pattern: SparsityPattern
    let colors: [Int]
    let colorCount: Int

    /// The entries in pattern order; `product(c, i)` is (H·d_c)ᵢ.
    func values<S>(_ product: (Int, Int) -> S) throws(SparsityError) -> [S] {
        let p = pattern
        var tally = [Int](repeating: 0, count: colorCount)
        var stamp = [Int](repeating: -1, count: colorCount)
        var out = [S]()
        out.reserveCapacity(p.nonzeroCount)
        for i in 0..<p.rows {
            for j in p.columns(inRow: i) {
                let c = colors[j]
                if stamp[c] != i {
                    stamp[c] = i
                    tally[c] = 0
                }
                tally[c] += 1
            }
            for j in p.columns(inRow: i) {
                let cj = colors[j]
                if tally[cj] == 1 {
                    out.append(product(cj, i))
                    continue
                }
                let ci = colors[i]
                var sameInRowJ = 0
                for k in p.columns(inRow: j) where colors[k] == ci { sameInRowJ += 1 }
                guard sameInRowJ == 1 else {
                    throw .coloringMismatch("entry (\(i), \(j)) cannot be recovered: not a star colouring of this pattern")
                }
                out.append(product(ci, j))
            }
        }
        return out
    }
}

extension Tape {
    /// ``sparseJacobian(at:pattern:coloring:)`` with a precomputed compression.
    public func sparseJacobian<S: TapeScalar>(at point: [S], compression c: SparseCompression) throws -> [S] {
        try sparseJacobian(at: point, pattern: c.pattern, coloring: c.coloring)
    }

    /// ``sparseHessian(at:pattern:coloring:)`` with a precomputed compression.
    public func sparseHessian<S: TapeScalar>(at point: [S], compression c: SparseCompression) throws -> [S] {
        try sparseHessian(at: point, pattern: c.pattern, coloring: c.coloring)
    }
}
