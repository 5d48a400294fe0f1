import AutoDiff
import Exact

/// An m×n matrix, stored row-major in one flat array.
///
///     let a = Matrix([[1, 2], [3, 4]].map { $0.map { Rational($0) } })
///     a.transposed[0, 1]   // 3
///
/// Invariant: `elements.count == rows * columns`. Generic over the element, so the same type
/// holds exact (`Rational`), floating-point (`Double`) and symbolic (`Expr`) matrices;
/// arithmetic needs the element to be an `ScalarField`.
public struct Matrix<Element> {
    /// Number of rows m.
    public let rows: Int
    /// Number of columns n.
    public let columns: Int
    /// The entries, row by row.
    public internal(set) var elements: [Element]

    /// A matrix from its entries, row by row.
    ///
    /// - Precondition: `elements.count == rows * columns`.
    public init(rows: Int, columns: Int, elements: [Element]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns, "Matrix shape mismatch")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix with every entry `value`.
    public init(rows: Int, columns: Int, repeating value: Element) {
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// A matrix from a list of rows of equal length (an empty list gives 0×0).
    ///
    /// - Precondition: every row has the same length.
    public init(_ rowList: [[Element]]) {
        let n = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == n }, "Matrix rows of different lengths")
        self.init(rows: rowList.count, columns: n, elements: rowList.flatMap { $0 })
    }

    /// A matrix whose entry (i, j) is `entry(i, j)`.
    public init(rows: Int, columns: Int, _ entry: (Int, Int) throws -> Element) rethrows {
        var e: [Element] = []
        e.reserveCapacity(rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { e.append(try entry(i, j)) }
        }
        self.init(rows: rows, columns: columns, elements: e)
    }

    /// The entry in row i, column j (zero-based).
    public subscript(i: Int, j: Int) -> Element {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// Row i as an array.
    public func row(_ i: Int) -> [Element] { Array(elements[i * columns..<(i + 1) * columns]) }

    /// Column j as an array.
    public func column(_ j: Int) -> [Element] { (0..<rows).map { self[$0, j] } }

    /// The rows as arrays (the JSON and printing shape).
    public var rowList: [[Element]] { (0..<rows).map(row) }

    /// Aᵀ: (Aᵀ)ᵢⱼ = Aⱼᵢ.
    public var transposed: Matrix {
        Matrix(rows: columns, columns: rows) { i, j in self[j, i] }
    }

    /// The matrix with `transform` applied to each entry.
    public func map<T>(_ transform: (Element) throws -> T) rethrows -> Matrix<T> {
        Matrix<T>(rows: rows, columns: columns, elements: try elements.map(transform))
    }

    /// `true` for a square matrix.
    public var isSquare: Bool { rows == columns }
}

extension Matrix: Equatable where Element: Equatable {}
extension Matrix: Hashable where Element: Hashable {}
extension Matrix: Sendable where Element: Sendable {}

extension Matrix where Element: ScalarField {
    /// The n×n identity.
    public static func identity(_ n: Int) -> Matrix {
        Matrix(rows: n, columns: n) { i, j in i == j ? .one : .zero }
    }

    /// The m×n zero matrix.
    public static func zero(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, repeating: .zero)
    }

    /// A + B. - Precondition: equal shapes.
    public static func + (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix + of different shapes")
        return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 + $1 })
    }

    /// A − B. - Precondition: equal shapes.
    public static func - (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.rows == b.rows && a.columns == b.columns, "Matrix - of different shapes")
        return Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 - $1 })
    }

    /// −A.
    public static prefix func - (a: Matrix) -> Matrix { a.map { -$0 } }

    /// The product AB: (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ. - Precondition: A.columns == B.rows.
    ///
    ///     Matrix.identity(2) * a == a   // true
    public static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "Matrix product of incompatible shapes \(a.rows)×\(a.columns) · \(b.rows)×\(b.columns)")
        var out = Matrix.zero(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let aik = a[i, k]
                if aik.isZero { continue }
                for j in 0..<b.columns { out[i, j] = out[i, j] + aik * b[k, j] }
            }
        }
        return out
    }

    /// c·A.
    public static func * (c: Element, a: Matrix) -> Matrix { a.map { c * $0 } }

    /// The matrix-vector product A·v. - Precondition: v.count == columns.
    public func applied(to v: [Element]) -> [Element] {
        precondition(v.count == columns, "vector of length \(v.count) for a matrix with \(columns) columns")
        return (0..<rows).map { i in
            var s = Element.zero
            for j in 0..<columns where !v[j].isZero { s = s + self[i, j] * v[j] }
            return s
        }
    }

    /// The vector-matrix product wᵀ·A (= Aᵀ·w). - Precondition: w.count == rows.
    public func transposeApplied(to w: [Element]) -> [Element] {
        precondition(w.count == rows, "vector of length \(w.count) for a matrix with \(rows) rows")
        var out = Array(repeating: Element.zero, count: columns)
        for i in 0..<rows where !w[i].isZero {
            for j in 0..<columns { out[j] = out[j] + w[i] * self[i, j] }
        }
        return out
    }
}

/// ⟨u, v⟩ = Σᵢ uᵢvᵢ.
///
///     dot([1, 2], [3, 4])   // 11
public func dot<S: ScalarField>(_ u: [S], _ v: [S]) -> S {
    precondition(u.count == v.count, "dot product of vectors of different lengths")
    var s = S.zero
    for (a, b) in zip(u, v) { s = s + a * b }
    return s
}
