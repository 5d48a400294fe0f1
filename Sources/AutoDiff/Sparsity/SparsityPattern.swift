/// The positions of the structural nonzeros of an m×n matrix, row by row (compressed sparse
/// rows): the columns of row i are `columnIndices[rowStarts[i] ..< rowStarts[i + 1]]`,
/// ascending, without repeats.
///
///     let p = try SparsityPattern(rows: 2, columns: 3, entries: [(0, 2), (1, 0), (0, 0)])
///     p.rowStarts                   // [0, 2, 3]
///     p.columnIndices               // [0, 2, 0]
///     p.contains(row: 0, column: 2) // true
///
/// A pattern says where a matrix *may* be nonzero: a Jacobian's pattern from a tape
/// (``Tape/jacobianPattern()``) is structural, so an entry that happens to be zero at a point,
/// or cancels for every point, can still be in it. Invariants: `rowStarts.count == rows + 1`,
/// `rowStarts` non-decreasing from 0 to `columnIndices.count`, each row's columns strictly
/// ascending and in `0 ..< columns`.
public struct SparsityPattern: Hashable, Sendable {
    /// Number of rows m.
    public let rows: Int
    /// Number of columns n.
    public let columns: Int
    /// Where each row's entries start in ``columnIndices`` (m + 1 offsets).
    public let rowStarts: [Int]
    /// The column of each entry, row by row, ascending within a row.
    public let columnIndices: [Int]

    /// A pattern whose invariants the caller has established (modules of this package only).
    package init(unchecked rows: Int, _ columns: Int, _ rowStarts: [Int], _ columnIndices: [Int]) {
        self.rows = rows
        self.columns = columns
        self.rowStarts = rowStarts
        self.columnIndices = columnIndices
    }

    /// A pattern from its compressed-row arrays, checked.
    ///
    ///     try SparsityPattern(rows: 2, columns: 2, rowStarts: [0, 1, 2], columnIndices: [1, 0])   // the anti-diagonal
    ///
    /// - Throws: ``SparsityError/negativeDimension``, ``SparsityError/dimensionMismatch(what:expected:actual:)``
    ///   for `rowStarts` of the wrong length or not running from 0 to `columnIndices.count` in order,
    ///   ``SparsityError/entryOutOfRange(row:column:rows:columns:)`` for a column out of range or
    ///   a row whose columns are not strictly ascending.
    public init(rows: Int, columns: Int, rowStarts: [Int], columnIndices: [Int]) throws(SparsityError) {
        guard rows >= 0 && columns >= 0 else { throw .negativeDimension }
        guard rowStarts.count == rows + 1 else { throw .dimensionMismatch(what: "row starts", expected: rows + 1, actual: rowStarts.count) }
        guard rowStarts.first == 0 && rowStarts.last == columnIndices.count else {
            throw .dimensionMismatch(what: "last row start", expected: columnIndices.count, actual: rowStarts.last ?? 0)
        }
        for i in 0..<rows {
            guard rowStarts[i] <= rowStarts[i + 1] else {
                throw .dimensionMismatch(what: "start of row \(i + 1)", expected: rowStarts[i], actual: rowStarts[i + 1])
            }
            var previous = -1
            for k in rowStarts[i]..<rowStarts[i + 1] {
                let j = columnIndices[k]
                guard j > previous && j < columns else { throw .entryOutOfRange(row: i, column: j, rows: rows, columns: columns) }
                previous = j
            }
        }
        self.init(unchecked: rows, columns, rowStarts, columnIndices)
    }

    /// The pattern with the given (row, column) positions, in any order, repeats ignored.
    ///
    ///     try SparsityPattern(rows: 1, columns: 2, entries: [(0, 1), (0, 1)]).nonzeroCount   // 1
    ///
    /// - Throws: ``SparsityError/entryOutOfRange(row:column:rows:columns:)``;
    ///   ``SparsityError/negativeDimension`` for a negative size.
    public init(rows: Int, columns: Int, entries: [(row: Int, column: Int)]) throws(SparsityError) {
        guard rows >= 0 && columns >= 0 else { throw .negativeDimension }
        var lists = [[Int]](repeating: [], count: rows)
        for (i, j) in entries {
            guard (0..<rows).contains(i) && (0..<columns).contains(j) else {
                throw .entryOutOfRange(row: i, column: j, rows: rows, columns: columns)
            }
            lists[i].append(j)
        }
        self = try SparsityPattern(rows: rows, columns: columns, rowLists: lists)
    }

    /// The pattern whose row i holds the columns `rowLists[i]` (any order, repeats ignored).
    ///
    ///     try SparsityPattern(rows: 2, columns: 2, rowLists: [[1, 0], []]).nonzeroCount   // 2
    ///
    /// - Throws: ``SparsityError/entryOutOfRange(row:column:rows:columns:)``;
    ///   ``SparsityError/negativeDimension``; ``SparsityError/dimensionMismatch(what:expected:actual:)``
    ///   when there are not `rows` lists.
    public init(rows: Int, columns: Int, rowLists: [[Int]]) throws(SparsityError) {
        guard rows >= 0 && columns >= 0 else { throw .negativeDimension }
        guard rowLists.count == rows else { throw .dimensionMismatch(what: "row lists", expected: rows, actual: rowLists.count) }
        var starts = [0]
        starts.reserveCapacity(rows + 1)
        var indices: [Int] = []
        for (i, list) in rowLists.enumerated() {
            for j in list where !(0..<columns).contains(j) {
                throw .entryOutOfRange(row: i, column: j, rows: rows, columns: columns)
            }
            var sorted = list.sorted()
            sorted.removeAdjacentDuplicates()
            indices.append(contentsOf: sorted)
            starts.append(indices.count)
        }
        self.init(unchecked: rows, columns, starts, indices)
    }

    /// Every entry of an m×n matrix.
    ///
    ///     SparsityPattern.dense(rows: 2, columns: 2).nonzeroCount   // 4
    public static func dense(rows: Int, columns: Int) -> SparsityPattern {
        let m = Swift.max(rows, 0)
        let n = Swift.max(columns, 0)
        let indices = (0..<m).flatMap { _ in 0..<n }
        return SparsityPattern(unchecked: m, n, (0...m).map { $0 * n }, indices)
    }

    /// The n×n diagonal.
    ///
    ///     SparsityPattern.diagonal(3).columnIndices   // [0, 1, 2]
    public static func diagonal(_ n: Int) -> SparsityPattern {
        let k = Swift.max(n, 0)
        return SparsityPattern(unchecked: k, k, Array(0...k), Array(0..<k))
    }

    /// The number of entries (structural nonzeros).
    public var nonzeroCount: Int { columnIndices.count }

    /// The columns of row i, ascending.
    public func columns(inRow i: Int) -> ArraySlice<Int> { columnIndices[rowStarts[i]..<rowStarts[i + 1]] }

    /// Whether (i, j) is an entry (binary search in row i); false outside the shape.
    public func contains(row i: Int, column j: Int) -> Bool {
        guard (0..<rows).contains(i) else { return false }
        return position(row: i, column: j) != nil
    }

    /// The index of entry (i, j) in ``columnIndices`` (and in a value array laid out like
    /// it), or nil when (i, j) is not an entry.
    public func position(row i: Int, column j: Int) -> Int? {
        var lo = rowStarts[i]
        var hi = rowStarts[i + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = columnIndices[mid]
            if c == j { return mid }
            if c < j { lo = mid + 1 } else { hi = mid }
        }
        return nil
    }

    /// The row of each entry, in entry order (the companion of ``columnIndices``).
    public var rowIndices: [Int] {
        var r = [Int]()
        r.reserveCapacity(nonzeroCount)
        for i in 0..<rows { r.append(contentsOf: repeatElement(i, count: rowStarts[i + 1] - rowStarts[i])) }
        return r
    }

    /// Every entry as (row, column), row by row.
    public var entries: [(row: Int, column: Int)] { Array(zip(rowIndices, columnIndices)) }

    /// The pattern of the transpose: (j, i) for every entry (i, j).
    ///
    ///     p.transposed.transposed == p   // true
    public var transposed: SparsityPattern {
        let (starts, indices, _) = transposeLayout()
        return SparsityPattern(unchecked: columns, rows, starts, indices)
    }

    /// The transpose's row starts and column indices, and for each of its entries the
    /// position of the same entry in this pattern (for moving values along).
    package func transposeLayout() -> (starts: [Int], indices: [Int], source: [Int]) {
        var starts = [Int](repeating: 0, count: columns + 1)
        for j in columnIndices { starts[j + 1] += 1 }
        for j in 0..<columns { starts[j + 1] += starts[j] }
        var next = Array(starts.dropLast())
        var indices = [Int](repeating: 0, count: nonzeroCount)
        var source = [Int](repeating: 0, count: nonzeroCount)
        for i in 0..<rows {
            for k in rowStarts[i]..<rowStarts[i + 1] {
                let j = columnIndices[k]
                indices[next[j]] = i
                source[next[j]] = k
                next[j] += 1
            }
        }
        return (starts, indices, source)
    }

    /// Whether the pattern is square and (i, j) is an entry exactly when (j, i) is.
    public var isSymmetric: Bool { rows == columns && self == transposed }

    /// Whether every entry of this pattern is an entry of `other` (same shape).
    public func isSubset(of other: SparsityPattern) -> Bool {
        guard rows == other.rows && columns == other.columns else { return false }
        for i in 0..<rows {
            let mine = columns(inRow: i)
            let theirs = other.columns(inRow: i)
            var k = theirs.startIndex
            for j in mine {
                while k < theirs.endIndex && theirs[k] < j { k += 1 }
                if k == theirs.endIndex || theirs[k] != j { return false }
            }
        }
        return true
    }

    /// The pattern keeping only the entries for which `keep(row, column)` is true.
    public func filter(_ keep: (Int, Int) throws -> Bool) rethrows -> SparsityPattern {
        var starts = [0]
        var indices: [Int] = []
        for i in 0..<rows {
            for j in columns(inRow: i) where try keep(i, j) { indices.append(j) }
            starts.append(indices.count)
        }
        return SparsityPattern(unchecked: rows, columns, starts, indices)
    }

    /// The pattern as text, one line per row, `x` for an entry and `.` otherwise:
    ///
    ///     SparsityPattern.diagonal(2).drawing   // "x .\n. x"
    public var drawing: String {
        (0..<rows).map { i in
            var line = [String](repeating: ".", count: columns)
            for j in columns(inRow: i) { line[j] = "x" }
            return line.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// Why a pattern, a colouring or a compressed evaluation cannot be made.
public enum SparsityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A position outside the matrix.
    case entryOutOfRange(row: Int, column: Int, rows: Int, columns: Int)
    /// A negative number of rows or columns.
    case negativeDimension
    /// A count that does not fit (pattern against tape, values against pattern, …).
    case dimensionMismatch(what: String, expected: Int, actual: Int)
    /// A symmetric (Hessian) pattern was needed.
    case notSymmetric
    /// The colouring does not separate what it must for this pattern (it was made for
    /// another pattern, or of another kind), so the entries cannot be recovered.
    case coloringMismatch(String)

    public var description: String {
        switch self {
        case .entryOutOfRange(let i, let j, let m, let n): "entry (\(i), \(j)) is outside a \(m)×\(n) matrix"
        case .negativeDimension: "a matrix cannot have a negative number of rows or columns"
        case .dimensionMismatch(let what, let expected, let actual): "\(what): \(actual), expected \(expected)"
        case .notSymmetric: "a Hessian pattern must be square and symmetric"
        case .coloringMismatch(let why): "the colouring does not fit the pattern: \(why)"
        }
    }
}

extension Array where Element: Equatable {
    /// Removes each element equal to its predecessor (on a sorted array: the repeats).
    mutating func removeAdjacentDuplicates() {
        guard count > 1 else { return }
        var w = 1
        for r in 1..<count where self[r] != self[w - 1] {
            self[w] = self[r]
            w += 1
        }
        removeLast(count - w)
    }
}
