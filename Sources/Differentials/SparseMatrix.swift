import AutoDiff
import Exact

/// An m×n matrix that stores only the entries of a `SparsityPattern` (compressed sparse
/// rows): `values[k]` is the entry at row `pattern.rowIndices[k]`, column
/// `pattern.columnIndices[k]`. Every other entry is zero.
///
///     let a = try SparseMatrix(rows: 2, columns: 3, triplets: [(0, 0, Rational(2)), (1, 2, Rational(5))])
///     a[1, 2]                 // 5
///     a[0, 1]                 // 0 (not stored)
///     a.applied(to: [1, 1, 1]) // [2, 5]
///
/// A stored entry may be zero: a sparse Jacobian or Hessian keeps every entry of its
/// structural pattern, also those that vanish at the point, so that the pattern does not
/// depend on the point. Equality (`==`) compares the matrices, not the storage: stored
/// zeros and absent entries are the same.
///
/// Invariant: `values.count == pattern.nonzeroCount`.
public struct SparseMatrix<Element> {
    /// Where the stored entries are.
    public let pattern: SparsityPattern
    /// The stored entries, in the pattern's row-major order.
    public internal(set) var values: [Element]

    /// The matrix with `values` at the entries of `pattern` (row-major order).
    ///
    ///     try SparseMatrix(pattern: .diagonal(2), values: [Rational(1), 3])   // diag(1, 3)
    ///
    /// - Throws: `SparsityError.dimensionMismatch(what:expected:actual:)` when there is not
    ///   one value per entry.
    public init(pattern: SparsityPattern, values: [Element]) throws(SparsityError) {
        guard values.count == pattern.nonzeroCount else {
            throw .dimensionMismatch(what: "values", expected: pattern.nonzeroCount, actual: values.count)
        }
        self.pattern = pattern
        self.values = values
    }

    init(unchecked pattern: SparsityPattern, _ values: [Element]) {
        self.pattern = pattern
        self.values = values
    }

    /// Number of rows m.
    public var rows: Int { pattern.rows }
    /// Number of columns n.
    public var columns: Int { pattern.columns }
    /// Number of stored entries.
    public var nonzeroCount: Int { pattern.nonzeroCount }

    /// The stored entry at (i, j), or nil when (i, j) is not in the pattern.
    public func storedValue(row i: Int, column j: Int) -> Element? {
        guard (0..<rows).contains(i), let k = pattern.position(row: i, column: j) else { return nil }
        return values[k]
    }

    /// Every stored entry as (row, column, value), row by row.
    public var triplets: [(row: Int, column: Int, value: Element)] {
        zip(pattern.rowIndices, zip(pattern.columnIndices, values)).map { ($0, $1.0, $1.1) }
    }

    /// Aᵀ, with the same stored entries moved: (Aᵀ)ⱼᵢ = Aᵢⱼ.
    ///
    ///     a.transposed.transposed == a   // true
    public var transposed: SparseMatrix {
        let (starts, indices, source) = pattern.transposeLayout()
        let p = SparsityPattern(unchecked: columns, rows, starts, indices)
        return SparseMatrix(unchecked: p, source.map { values[$0] })
    }

    /// The matrix with `transform` applied to every stored entry (same pattern).
    public func map<T>(_ transform: (Element) throws -> T) rethrows -> SparseMatrix<T> {
        SparseMatrix<T>(unchecked: pattern, try values.map(transform))
    }
}

extension SparseMatrix: Sendable where Element: Sendable {}
