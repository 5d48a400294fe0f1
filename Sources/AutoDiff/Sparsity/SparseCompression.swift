// A sparse derivative's compression, computed once per tape: the pattern, the colouring,
// and where each entry is read from the compressed products (direct recovery; Gebremedhin,
// Manne & Pothen 2005, §3–4):
//
//     columns  B = J·D (D: n × p, column c = Σ_{colour(j) = c} eⱼ)   Jᵢⱼ = B[i][colour(j)]
//     rows     C = Dᵀ·J (one VJP per colour of the rows)              Jᵢⱼ = C[colour(i)][j]
//     star     B = H·D (one HVP per colour)                          Hᵢⱼ = B[i][colour(j)] if no other
//              entry of row i has colour(j); else B[j][colour(i)] (a star colouring
//              guarantees one of the two: otherwise a path on four vertices has two colours)
//
// Every recovered value is one entry of one product, never a difference or a solve, so over
// exact scalars the sparse result equals the dense one exactly.

/// How a sparse derivative is compressed: the structural pattern of a tape's Jacobian or
/// Hessian, the colouring that recovers it, and where each entry is read from the
/// compressed products; computed once and reused at every point.
///
///     let c = try SparseCompression.hessian(of: tape)
///     c.coloring.count                              // 3 for extended Rosenbrock, any n
///     try tape.sparseHessian(at: x, compression: c) // the 3n − 2 entries
public struct SparseCompression: Hashable, Sendable {
    /// The structural pattern (rows m, columns n; n × n and symmetric for a Hessian).
    public let pattern: SparsityPattern
    /// The colouring: columns (forward sweeps), rows (reverse sweeps) or star (HVPs).
    public let coloring: Coloring
    /// Per entry, c·stride + i for entry i of the product of colour c (stride m for columns,
    /// n for rows and star), 32 bits each (the recovery reads 3n of them per Hessian of
    /// extended Rosenbrock); empty when the colouring does not separate the pattern.
    let sources: [UInt32]
    /// Why the colouring does not fit the pattern, if it does not.
    let mismatch: SparsityError?
    /// For a star colouring, the seed vectors d_c as Double planes, made once (the Double
    /// fast path reads them in place instead of writing n·colours values per call).
    let seedPlanes: SeedPlanes?

    /// A pattern and a colouring of it. A colouring that does not fit the pattern is kept,
    /// and evaluating with it throws ``SparsityError/coloringMismatch(_:)``.
    public init(pattern: SparsityPattern, coloring: Coloring) {
        self.pattern = pattern
        self.coloring = coloring
        seedPlanes = coloring.kind == .star && !coloring.colors.isEmpty ? SeedPlanes(coloring) : nil
        do throws(SparsityError) {
            let stride = coloring.kind == .columns ? pattern.rows : pattern.columns
            guard coloring.count * stride < Int(UInt32.max) else {
                throw .dimensionMismatch(what: "colours × dimension (products to store)", expected: Int(UInt32.max), actual: coloring.count * stride)
            }
            sources = try Self.sources(pattern, coloring).map { UInt32($0) }
            mismatch = nil
        } catch {
            sources = []
            mismatch = error
        }
    }

    /// Equal when the patterns and colourings are (everything else is derived from them).
    public static func == (a: SparseCompression, b: SparseCompression) -> Bool {
        a.pattern == b.pattern && a.coloring == b.coloring
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(coloring)
    }

    /// The entries of the pattern (row-major order) read from compressed products computed
    /// elsewhere (a compiled tape, another process): `products` holds them stacked, the
    /// product of colour c at c·m (columns: J·d_c, m rows) or c·n (rows: d_cᵀ·J; star: H·d_c).
    ///
    ///     let c = try SparseCompression.hessian(of: tape)   // tridiagonal: 3 colours
    ///     try c.entries(fromProducts: h0 + h1 + h2)        // the 3n − 2 entries of H
    ///
    /// Each entry is one number of one product, so exact products give exact entries.
    ///
    /// - Throws: ``SparsityError/coloringMismatch(_:)`` when the colouring does not fit the
    ///   pattern; ``SparsityError/dimensionMismatch(what:expected:actual:)`` when `products`
    ///   has not colours × stride numbers.
    public func entries<S>(fromProducts products: [S]) throws(SparsityError) -> [S] {
        let sources = try recovery()
        let stride = coloring.kind == .columns ? pattern.rows : pattern.columns
        guard products.count == coloring.count * stride else {
            throw .dimensionMismatch(what: "compressed products", expected: coloring.count * stride, actual: products.count)
        }
        return sources.map { products[Int($0)] }
    }

    /// Where each entry of the pattern (row-major order) is read from the compressed
    /// products: c·stride + i for entry i of the product of colour c (stride m for a column
    /// colouring, n for rows and star), as ``entries(fromProducts:)`` reads them; for code
    /// that computes the products in its own layout (a compiled tape).
    ///
    ///     try SparseCompression.hessian(of: tape).productIndices()   // tridiagonal, i mod 3: [0, n + 0, …]
    ///
    /// - Throws: ``SparsityError/coloringMismatch(_:)`` when the colouring does not fit the pattern.
    public func productIndices() throws(SparsityError) -> [UInt32] { try recovery() }

    /// The recovery's sources, or the mismatch.
    func recovery() throws(SparsityError) -> [UInt32] {
        if let mismatch { throw mismatch }
        return sources
    }

    /// The Jacobian's structural pattern (``Tape/jacobianPattern()``) and a distance-2
    /// colouring: of the columns for `.forward`, of the rows for `.reverse`, and for
    /// `.automatic` whichever needs fewer colours (columns on a tie).
    ///
    ///     SparseCompression.jacobian(of: tape).coloring.count   // 3 for a tridiagonal system
    public static func jacobian(of tape: Tape, mode: JacobianMode = .automatic, order: ColoringOrder = .largestFirst)
        -> SparseCompression
    {
        let p = tape.jacobianPattern()
        switch mode {
        case .automatic: return SparseCompression(pattern: p, coloring: p.jacobianColoring(order: order))
        case .forward: return SparseCompression(pattern: p, coloring: p.columnColoring(order: order))
        case .reverse: return SparseCompression(pattern: p, coloring: p.rowColoring(order: order))
        }
    }

    /// The Hessian's structural pattern (``Tape/hessianPattern()``) and a star colouring.
    ///
    ///     try SparseCompression.hessian(of: tape).coloring.count   // 2 for an arrow Hessian
    ///
    /// - Throws: ``TapeError/notScalarValued(outputs:)``.
    public static func hessian(of tape: Tape, order: ColoringOrder = .largestFirst) throws -> SparseCompression {
        let p = try tape.hessianPattern()
        return SparseCompression(pattern: p, coloring: try p.starColoring(order: order))
    }

    /// Where each entry is read, checking that the colouring separates what it must.
    static func sources(_ p: SparsityPattern, _ coloring: Coloring) throws(SparsityError) -> [Int] {
        let colors = coloring.colors
        let rowList = p.rowIndices
        switch coloring.kind {
        case .columns:
            guard colors.count == p.columns else { throw .dimensionMismatch(what: "colours", expected: p.columns, actual: colors.count) }
            var seen = [Int](repeating: -1, count: coloring.count)
            for (k, j) in p.columnIndices.enumerated() {
                let (i, c) = (rowList[k], colors[j])
                if seen[c] == i { throw .coloringMismatch("two entries of row \(i) have colour \(c)") }
                seen[c] = i
            }
            return zip(rowList, p.columnIndices).map { colors[$1] * p.rows + $0 }
        case .rows:
            guard colors.count == p.rows else { throw .dimensionMismatch(what: "colours", expected: p.rows, actual: colors.count) }
            let t = p.transposed
            var seen = [Int](repeating: -1, count: coloring.count)
            for (k, i) in t.columnIndices.enumerated() {
                let (j, c) = (t.rowIndices[k], colors[i])
                if seen[c] == j { throw .coloringMismatch("two entries of column \(j) have colour \(c)") }
                seen[c] = j
            }
            return zip(rowList, p.columnIndices).map { colors[$0] * p.columns + $1 }
        case .star:
            guard p.rows == p.columns else { throw .notSymmetric }
            guard colors.count == p.rows else { throw .dimensionMismatch(what: "colours", expected: p.rows, actual: colors.count) }
            for (k, j) in p.columnIndices.enumerated() where j != rowList[k] && colors[j] == colors[rowList[k]] {
                throw .coloringMismatch("variables \(rowList[k]) and \(j) interact but have the same colour")
            }
            return try starSources(p, colors, coloring.count)
        }
    }

    /// Direct recovery under a star colouring: (H·d_{colour(j)})ᵢ when colour(j) occurs once
    /// in row i, else (H·d_{colour(i)})ⱼ, which must then be unique in row j.
    static func starSources(_ p: SparsityPattern, _ colors: [Int], _ colorCount: Int) throws(SparsityError) -> [Int] {
        let n = p.rows
        let starts = p.rowStarts
        let cols = p.columnIndices
        var tally = [Int](repeating: 0, count: colorCount)
        var out = [Int]()
        out.reserveCapacity(p.nonzeroCount)
        for i in 0..<n {
            for k in starts[i]..<starts[i + 1] { tally[colors[cols[k]]] += 1 }
            for k in starts[i]..<starts[i + 1] {
                let j = cols[k]
                let cj = colors[j]
                if tally[cj] == 1 {
                    out.append(cj * n + i)
                    continue
                }
                let ci = colors[i]
                var sameInRowJ = 0
                for l in starts[j]..<starts[j + 1] where colors[cols[l]] == ci { sameInRowJ += 1 }
                guard sameInRowJ == 1 else {
                    throw .coloringMismatch("entry (\(i), \(j)) cannot be recovered: not a star colouring of this pattern")
                }
                out.append(ci * n + j)
            }
            for k in starts[i]..<starts[i + 1] { tally[colors[cols[k]]] = 0 }
        }
        return out
    }
}

/// The seed vectors of a colouring as Double planes: plane c (at c·n) is 1 at every variable
/// of colour c and 0 elsewhere. Immutable after `init`.
final class SeedPlanes: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    init(_ coloring: Coloring) {
        let n = coloring.colors.count
        count = coloring.count * n
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: 0, count: count)
        for (v, c) in coloring.colors.enumerated() { base[c * n + v] = 1 }
    }

    deinit { base.deallocate() }
}
