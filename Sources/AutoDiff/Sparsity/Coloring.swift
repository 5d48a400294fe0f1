// Graph colourings that compress a sparse derivative into a few products (Curtis, Powell &
// Reid 1974; Coleman & Moré 1983; Gebremedhin, Manne & Pothen, "What color is your
// Jacobian? Graph coloring for computing derivatives", SIAM Review 47 (2005), §3–4).
//
// Columns of the same colour share no row, so one forward sweep with the direction
// Σ_{colour(j) = c} eⱼ gives every entry of those columns at once (J·d_c, entry i is Jᵢⱼ
// for the one column j of colour c in row i). That is a distance-1 colouring of the column
// intersection graph (columns adjacent when they share a row; "distance-2" in the
// bipartite graph). Rows the same for reverse sweeps. For a symmetric Hessian a star
// colouring (distance-1, and every path on four vertices uses at least three colours) is
// enough: each entry Hᵢⱼ is then read directly from H·d_{colour(j)} in row i, or from
// H·d_{colour(i)} in row j (see `Tape+CompressedDerivatives.swift`).
//
// All colourings here are greedy (smallest free colour) over a vertex order; the order
// decides how many colours are used.

/// The vertex order a greedy colouring visits.
public enum ColoringOrder: String, Sendable, CaseIterable {
    /// 0, 1, 2, …
    case natural
    /// By degree, largest first (Welsh & Powell); ties in natural order.
    case largestFirst
    /// Smallest-last (Matula & Beck): repeatedly set aside a vertex of smallest degree in
    /// what remains; colour in the reverse of that order. Never needs more than one colour
    /// more than the graph's degeneracy.
    case smallestLast
}

/// A partition of a pattern's columns (or rows) into colour classes, from which a
/// compressed evaluation recovers every entry.
///
///     let c = SparsityPattern.diagonal(3).columnColoring()
///     c.count    // 1: a diagonal Jacobian takes one forward sweep
///     c.colors   // [0, 0, 0]
public struct Coloring: Hashable, Sendable {
    /// What is coloured, and so which sweeps a compressed evaluation runs.
    public enum Kind: String, Sendable {
        /// Columns, distance-2 (structurally orthogonal): one forward sweep (JVP) per colour.
        case columns
        /// Rows, distance-2: one reverse sweep (VJP) per colour.
        case rows
        /// The variables of a symmetric Hessian, star colouring: one Hessian-vector product per colour.
        case star
    }

    /// The kind of colouring.
    public let kind: Kind
    /// The colour (0-based) of each column, row or variable.
    public let colors: [Int]
    /// The number of colours: the number of sweeps (or HVPs) a compressed evaluation costs.
    public let count: Int

    /// A colouring from its colours, checked only for range (use a pattern's colouring
    /// methods to get a valid one).
    ///
    /// - Throws: ``SparsityError/coloringMismatch(_:)`` for a negative colour.
    public init(kind: Kind, colors: [Int]) throws(SparsityError) {
        if let bad = colors.first(where: { $0 < 0 }) { throw .coloringMismatch("negative colour \(bad)") }
        self.init(unchecked: kind, colors)
    }

    init(unchecked kind: Kind, _ colors: [Int]) {
        self.kind = kind
        self.colors = colors
        self.count = (colors.max() ?? -1) + 1
    }

    /// The members of each colour class, ascending.
    public var classes: [[Int]] {
        var c = [[Int]](repeating: [], count: count)
        for (v, k) in colors.enumerated() { c[k].append(v) }
        return c
    }

    /// The seed vectors of the compressed evaluation: for colour c, the vector with 1 at
    /// every member of class c and 0 elsewhere.
    ///
    ///     try Coloring(kind: .columns, colors: [0, 1, 0]).seeds() as [Rational]   // [[1, 0, 1], [0, 1, 0]]
    public func seeds<S: ScalarField>() -> [[S]] {
        if S.self == Double.self { return unsafeBitCast(doubleSeeds(), to: [[S]].self) }  // no generic code on the W9 path
        return (0..<count).map { c in colors.map { $0 == c ? S.one : S.zero } }
    }

    private func doubleSeeds() -> [[Double]] {
        var seeds = [[Double]](repeating: [Double](repeating: 0, count: colors.count), count: count)
        for (v, c) in colors.enumerated() { seeds[c][v] = 1 }
        return seeds
    }
}

/// An undirected graph without self-loops, as neighbour lists (CSR), for colouring.
struct AdjacencyGraph {
    let starts: [Int]
    let neighbors: [Int]
    var vertexCount: Int { starts.count - 1 }

    @inline(__always) func degree(_ v: Int) -> Int { starts[v + 1] - starts[v] }
    @inline(__always) func neighbors(of v: Int) -> ArraySlice<Int> { neighbors[starts[v]..<starts[v + 1]] }

    /// The column intersection graph of a pattern: columns j ≠ k adjacent when some row has both.
    init(columnIntersectionOf p: SparsityPattern) {
        let t = p.transposed  // column j's rows
        var starts = [0]
        starts.reserveCapacity(p.columns + 1)
        var nbrs: [Int] = []
        var mark = [Int](repeating: -1, count: p.columns)
        for j in 0..<p.columns {
            mark[j] = j
            for i in t.columns(inRow: j) {
                for k in p.columns(inRow: i) where mark[k] != j {
                    mark[k] = j
                    nbrs.append(k)
                }
            }
            starts.append(nbrs.count)
        }
        self.starts = starts
        self.neighbors = nbrs
    }

    /// The adjacency graph of a symmetric pattern: i ≠ j adjacent when (i, j) is an entry.
    init(symmetric p: SparsityPattern) {
        var starts = [0]
        starts.reserveCapacity(p.rows + 1)
        var nbrs: [Int] = []
        nbrs.reserveCapacity(p.nonzeroCount)
        for i in 0..<p.rows {
            for j in p.columns(inRow: i) where j != i { nbrs.append(j) }
            starts.append(nbrs.count)
        }
        self.starts = starts
        self.neighbors = nbrs
    }

    /// The vertices in the order `order` visits them.
    func ordering(_ order: ColoringOrder) -> [Int] {
        let n = vertexCount
        switch order {
        case .natural:
            return Array(0..<n)
        case .largestFirst:
            return (0..<n).sorted { degree($0) != degree($1) ? degree($0) > degree($1) : $0 < $1 }
        case .smallestLast:
            return smallestLastOrder()
        }
    }

    /// Matula–Beck with a bucket queue: O(V + E).
    private func smallestLastOrder() -> [Int] {
        let n = vertexCount
        guard n > 0 else { return [] }
        var deg = (0..<n).map(degree)
        let maxDegree = deg.max() ?? 0
        // Doubly linked buckets by current degree.
        var head = [Int](repeating: -1, count: maxDegree + 1)
        var next = [Int](repeating: -1, count: n)
        var prev = [Int](repeating: -1, count: n)
        func insert(_ v: Int) {
            let d = deg[v]
            next[v] = head[d]
            prev[v] = -1
            if head[d] >= 0 { prev[head[d]] = v }
            head[d] = v
        }
        func remove(_ v: Int) {
            if prev[v] >= 0 { next[prev[v]] = next[v] } else { head[deg[v]] = next[v] }
            if next[v] >= 0 { prev[next[v]] = prev[v] }
        }
        for v in (0..<n).reversed() { insert(v) }
        var removed = [Bool](repeating: false, count: n)
        var removal: [Int] = []
        removal.reserveCapacity(n)
        var low = 0
        for _ in 0..<n {
            low = Swift.max(low - 1, 0)
            while head[low] < 0 { low += 1 }
            let v = head[low]
            remove(v)
            removed[v] = true
            removal.append(v)
            for w in neighbors(of: v) where !removed[w] {
                remove(w)
                deg[w] -= 1
                insert(w)
            }
        }
        return removal.reversed()
    }

    /// Greedy distance-1 colouring: each vertex gets the smallest colour none of its
    /// coloured neighbours has.
    func distance1Coloring(_ order: [Int]) -> [Int] {
        let n = vertexCount
        var color = [Int](repeating: -1, count: n)
        var forbidden = [Int](repeating: -1, count: n + 1)
        for v in order {
            for w in neighbors(of: v) where color[w] >= 0 { forbidden[color[w]] = v }
            var c = 0
            while forbidden[c] == v { c += 1 }
            color[v] = c
        }
        return color
    }

    /// Greedy star colouring (Gebremedhin, Manne & Pothen 2005, Algorithm 4.1): v may not
    /// take the colour of a neighbour; nor of a vertex two steps away through an uncoloured
    /// middle vertex; nor that of x two steps away through a coloured w when x already has
    /// another neighbour coloured like w (that would close a two-coloured path on four vertices).
    func starColoring(_ order: [Int]) -> [Int] {
        let n = vertexCount
        var color = [Int](repeating: -1, count: n)
        var forbidden = [Int](repeating: -1, count: n + 1)
        for v in order {
            for w in neighbors(of: v) where color[w] >= 0 { forbidden[color[w]] = v }
            for w in neighbors(of: v) {
                let cw = color[w]
                for x in neighbors(of: w) where x != v {
                    let cx = color[x]
                    if cx < 0 || forbidden[cx] == v { continue }
                    if cw < 0 {
                        forbidden[cx] = v
                    } else {
                        for y in neighbors(of: x) where y != w && color[y] == cw {
                            forbidden[cx] = v
                            break
                        }
                    }
                }
            }
            var c = 0
            while forbidden[c] == v { c += 1 }
            color[v] = c
        }
        return color
    }
}

extension SparsityPattern {
    /// A distance-2 colouring of the columns (Curtis–Powell–Reid): two columns that share
    /// a row get different colours, so J is recovered from one forward sweep (JVP) per colour.
    ///
    ///     tridiagonal(5).columnColoring().count   // 3
    ///
    /// Lower bound: the largest number of entries in a row. O(Σ over rows of (row length)²).
    public func columnColoring(order: ColoringOrder = .largestFirst) -> Coloring {
        let g = AdjacencyGraph(columnIntersectionOf: self)
        return Coloring(unchecked: .columns, g.distance1Coloring(g.ordering(order)))
    }

    /// A distance-2 colouring of the rows: two rows that share a column get different
    /// colours, so J is recovered from one reverse sweep (VJP) per colour. Pays when it
    /// needs fewer colours than ``columnColoring(order:)`` (typically m < n).
    ///
    ///     try SparsityPattern(rows: 1, columns: 3, rowLists: [[0, 1, 2]]).rowColoring().count   // 1
    public func rowColoring(order: ColoringOrder = .largestFirst) -> Coloring {
        let g = AdjacencyGraph(columnIntersectionOf: transposed)
        return Coloring(unchecked: .rows, g.distance1Coloring(g.ordering(order)))
    }

    /// A star colouring of a symmetric (Hessian) pattern: adjacent variables differ, and
    /// every path on four variables uses at least three colours, so H is recovered directly
    /// from one Hessian-vector product per colour. Tridiagonal: 3; arrow (one dense row and
    /// column plus the diagonal): 2.
    ///
    ///     try tridiagonal(5).starColoring().count   // 3
    ///
    /// - Throws: ``SparsityError/notSymmetric``.
    public func starColoring(order: ColoringOrder = .largestFirst) throws(SparsityError) -> Coloring {
        guard isSymmetric else { throw .notSymmetric }
        let g = AdjacencyGraph(symmetric: self)
        return Coloring(unchecked: .star, g.starColoring(g.ordering(order)))
    }

    /// The cheapest colouring for a Jacobian with this pattern: columns (forward sweeps)
    /// unless colouring the rows (reverse sweeps) needs fewer colours.
    ///
    ///     try SparsityPattern(rows: 1, columns: 3, rowLists: [[0, 1, 2]]).jacobianColoring().kind   // .rows
    public func jacobianColoring(order: ColoringOrder = .largestFirst) -> Coloring {
        let columns = columnColoring(order: order)
        if columns.count <= 1 { return columns }
        let rows = rowColoring(order: order)
        return rows.count < columns.count ? rows : columns
    }
}
