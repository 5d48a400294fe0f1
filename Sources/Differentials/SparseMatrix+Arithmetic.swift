import AutoDiff
import Exact

// Construction from triplets, conversion to and from `Matrix`, products and equality: the
// operations that need zero, sums and products of entries.

extension SparseMatrix where Element: ScalarField {
    /// The m×n matrix with the given entries; entries at the same position are added (the
    /// usual convention of triplet, or coordinate, formats).
    ///
    ///     try SparseMatrix(rows: 1, columns: 2, triplets: [(0, 1, Rational(1)), (0, 1, Rational(2))])[0, 1]   // 3
    ///
    /// - Throws: `SparsityError.entryOutOfRange(row:column:rows:columns:)`, `SparsityError.negativeDimension`.
    public init(rows: Int, columns: Int, triplets: [(row: Int, column: Int, value: Element)]) throws(SparsityError) {
        let pattern = try SparsityPattern(rows: rows, columns: columns, entries: triplets.map { ($0.row, $0.column) })
        var values = [Element](repeating: .zero, count: pattern.nonzeroCount)
        for t in triplets {
            // in range: the pattern's init checked every position
            guard let k = pattern.position(row: t.row, column: t.column) else { continue }
            values[k] = values[k] + t.value
        }
        self.init(unchecked: pattern, values)
    }

    /// The sparse form of a dense matrix: its nonzero entries.
    ///
    ///     SparseMatrix(Matrix([[Rational(0), 1], [2, 0]])).nonzeroCount   // 2
    public init(_ dense: Matrix<Element>) {
        var starts = [0]
        var indices: [Int] = []
        var values: [Element] = []
        for i in 0..<dense.rows {
            for j in 0..<dense.columns where !dense[i, j].isZero {
                indices.append(j)
                values.append(dense[i, j])
            }
            starts.append(indices.count)
        }
        self.init(unchecked: SparsityPattern(unchecked: dense.rows, dense.columns, starts, indices), values)
    }

    /// The m×n zero matrix (nothing stored).
    public static func zero(rows: Int, columns: Int) -> SparseMatrix {
        SparseMatrix(unchecked: SparsityPattern(unchecked: rows, columns, [Int](repeating: 0, count: rows + 1), []), [])
    }

    /// The entry (i, j): the stored value, or zero.
    ///
    /// - Precondition: 0 ≤ i < rows, 0 ≤ j < columns.
    public subscript(i: Int, j: Int) -> Element {
        precondition((0..<rows).contains(i) && (0..<columns).contains(j), "entry (\(i), \(j)) outside a \(rows)×\(columns) matrix")
        return pattern.position(row: i, column: j).map { values[$0] } ?? .zero
    }

    /// The dense matrix with the same entries.
    public var dense: Matrix<Element> {
        var m = Matrix<Element>.zero(rows: rows, columns: columns)
        for i in 0..<rows {
            for k in pattern.rowStarts[i]..<pattern.rowStarts[i + 1] { m[i, pattern.columnIndices[k]] = values[k] }
        }
        return m
    }

    /// A·v, touching only the stored entries. - Precondition: v.count == columns.
    ///
    ///     a.applied(to: v) == a.dense.applied(to: v)   // true
    public func applied(to v: [Element]) -> [Element] {
        precondition(v.count == columns, "vector of length \(v.count) for a matrix with \(columns) columns")
        return (0..<rows).map { i in
            var s = Element.zero
            for k in pattern.rowStarts[i]..<pattern.rowStarts[i + 1] { s = s + values[k] * v[pattern.columnIndices[k]] }
            return s
        }
    }

    /// wᵀ·A (= Aᵀ·w). - Precondition: w.count == rows.
    public func transposeApplied(to w: [Element]) -> [Element] {
        precondition(w.count == rows, "vector of length \(w.count) for a matrix with \(rows) rows")
        var out = [Element](repeating: .zero, count: columns)
        for i in 0..<rows where !w[i].isZero {
            for k in pattern.rowStarts[i]..<pattern.rowStarts[i + 1] {
                let j = pattern.columnIndices[k]
                out[j] = out[j] + w[i] * values[k]
            }
        }
        return out
    }

    /// The product AB of sparse matrices (Gustavson's row-by-row algorithm): the result
    /// stores the structural product pattern, (i, j) wherever some k has (i, k) in A and
    /// (k, j) in B. - Precondition: A.columns == B.rows.
    ///
    ///     (a * b).dense == a.dense * b.dense   // true
    public static func * (a: SparseMatrix, b: SparseMatrix) -> SparseMatrix {
        precondition(a.columns == b.rows, "Matrix product of incompatible shapes \(a.rows)×\(a.columns) · \(b.rows)×\(b.columns)")
        var starts = [0]
        var indices: [Int] = []
        var values: [Element] = []
        var accumulator = [Element](repeating: .zero, count: b.columns)
        var mark = [Int](repeating: -1, count: b.columns)
        for i in 0..<a.rows {
            var row: [Int] = []
            for ka in a.pattern.rowStarts[i]..<a.pattern.rowStarts[i + 1] {
                let k = a.pattern.columnIndices[ka]
                let aik = a.values[ka]
                for kb in b.pattern.rowStarts[k]..<b.pattern.rowStarts[k + 1] {
                    let j = b.pattern.columnIndices[kb]
                    if mark[j] != i {
                        mark[j] = i
                        accumulator[j] = .zero
                        row.append(j)
                    }
                    accumulator[j] = accumulator[j] + aik * b.values[kb]
                }
            }
            row.sort()
            indices.append(contentsOf: row)
            values.append(contentsOf: row.map { accumulator[$0] })
            starts.append(indices.count)
        }
        return SparseMatrix(unchecked: SparsityPattern(unchecked: a.rows, b.columns, starts, indices), values)
    }

    /// A·B with B dense. - Precondition: A.columns == B.rows.
    public static func * (a: SparseMatrix, b: Matrix<Element>) -> Matrix<Element> {
        precondition(a.columns == b.rows, "Matrix product of incompatible shapes \(a.rows)×\(a.columns) · \(b.rows)×\(b.columns)")
        var out = Matrix<Element>.zero(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for k in a.pattern.rowStarts[i]..<a.pattern.rowStarts[i + 1] {
                let aik = a.values[k]
                let r = a.pattern.columnIndices[k]
                for j in 0..<b.columns { out[i, j] = out[i, j] + aik * b[r, j] }
            }
        }
        return out
    }

    /// The same matrix without the stored entries that are zero.
    public var droppingZeros: SparseMatrix {
        let keep = values.map { !$0.isZero }
        let p = pattern.filterPositions { keep[$0] }
        return SparseMatrix(unchecked: p, values.filter { !$0.isZero })
    }
}

extension SparsityPattern {
    /// The pattern keeping the entries whose position k satisfies `keep(k)`.
    func filterPositions(_ keep: (Int) -> Bool) -> SparsityPattern {
        var starts = [0]
        var indices: [Int] = []
        for i in 0..<rows {
            for k in rowStarts[i]..<rowStarts[i + 1] where keep(k) { indices.append(columnIndices[k]) }
            starts.append(indices.count)
        }
        return SparsityPattern(unchecked: rows, columns, starts, indices)
    }
}

extension SparseMatrix: Equatable where Element: ScalarField & Equatable {
    /// Equal as matrices: the same shape and the same entries, a stored zero counting as
    /// an absent entry.
    ///
    ///     SparseMatrix(a.dense) == a   // true, whatever zeros a stores
    public static func == (a: SparseMatrix, b: SparseMatrix) -> Bool {
        guard a.rows == b.rows && a.columns == b.columns else { return false }
        for i in 0..<a.rows {
            var ka = a.pattern.rowStarts[i]
            var kb = b.pattern.rowStarts[i]
            let ea = a.pattern.rowStarts[i + 1]
            let eb = b.pattern.rowStarts[i + 1]
            while ka < ea || kb < eb {
                let ja = ka < ea ? a.pattern.columnIndices[ka] : Int.max
                let jb = kb < eb ? b.pattern.columnIndices[kb] : Int.max
                if ja == jb {
                    if a.values[ka] != b.values[kb] { return false }
                    ka += 1
                    kb += 1
                } else if ja < jb {
                    if !a.values[ka].isZero { return false }
                    ka += 1
                } else {
                    if !b.values[kb].isZero { return false }
                    kb += 1
                }
            }
        }
        return true
    }
}

extension Matrix where Element: ScalarField {
    /// The dense form of a sparse matrix (absent entries are zero).
    ///
    ///     Matrix(SparseMatrix(m)) == m   // true
    public init(_ sparse: SparseMatrix<Element>) {
        self = sparse.dense
    }
}
