import Exact

// Exact linear algebra over ℚ. Elimination uses the compound assignments of `Rational`,
// which update a uniquely referenced GMP value in place (like `mpq_sub(a, a, t)` in C),
// and small entries never leave machine words. The determinant is fraction-free
// (Bareiss, 1968: every division is exact, so intermediate integers stay bounded by
// Hadamard's bound instead of growing like the naive cofactor products).

/// Why an exact linear-algebra operation has no answer.
public enum MatrixError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix is singular (determinant 0): no inverse, no unique solution.
    case singular
    /// The operation needs a square matrix.
    case notSquare(rows: Int, columns: Int)
    /// The shapes of the operands do not fit.
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .singular: return "the matrix is singular"
        case .notSquare(let r, let c): return "the matrix is \(r)×\(c), not square"
        case .shapeMismatch(let what): return "shape mismatch: \(what)"
        }
    }
}

extension Matrix where Element == Rational {
    /// det A, by fraction-free Bareiss elimination on the row-scaled integer matrix.
    ///
    ///     Matrix([[1, 2], [3, 4]].map { $0.map { Rational($0) } }).determinant()   // -2
    ///
    /// Law: det(AB) = det A · det B.
    /// - Throws: ``MatrixError/notSquare(rows:columns:)``.
    public func determinant() throws(MatrixError) -> Rational {
        guard isSquare else { throw .notSquare(rows: rows, columns: columns) }
        let n = rows
        if n == 0 { return .one }
        // Row i scaled by the lcm of its denominators becomes integral; det scales by their product.
        var scale = BigInt.one
        var m: [BigInt] = []
        m.reserveCapacity(n * n)
        for i in 0..<n {
            let l = row(i).reduce(BigInt.one) { BigInt.lcm($0, $1.denominator) }
            scale *= l
            for x in row(i) { m.append(x.numerator * (l / x.denominator)) }
        }
        var sign = 1
        var previous = BigInt.one
        for k in 0..<(n - 1) {
            if m[k * n + k].isZero {
                guard let p = ((k + 1)..<n).first(where: { !m[$0 * n + k].isZero }) else { return .zero }
                for j in 0..<n { m.swapAt(k * n + j, p * n + j) }
                sign = -sign
            }
            let pivot = m[k * n + k]
            for i in (k + 1)..<n {
                let a = m[i * n + k]
                for j in (k + 1)..<n {
                    m[i * n + j] = (m[i * n + j] * pivot - a * m[k * n + j]) / previous  // exact
                }
            }
            previous = pivot
        }
        let det = m[n * n - 1]
        return Rational(sign < 0 ? -det : det, scale)
    }

    /// The rank: the number of pivots of a row echelon form over ℚ.
    ///
    ///     Matrix([[1, 2], [2, 4]].map { $0.map { Rational($0) } }).rank   // 1
    public var rank: Int {
        var a = self
        var r = 0
        for c in 0..<columns where r < rows {
            guard let p = (r..<rows).first(where: { !a[$0, c].isZero }) else { continue }
            a.swapRows(p, r)
            let inverse = a[r, c].reciprocal
            for i in (r + 1)..<rows where !a[i, c].isZero {
                let f = a[i, c] * inverse
                for j in c..<columns { a.elements[i * columns + j] -= f * a[r, j] }
            }
            r += 1
        }
        return r
    }

    mutating func swapRows(_ p: Int, _ q: Int) {
        if p == q { return }
        for j in 0..<columns { elements.swapAt(p * columns + j, q * columns + j) }
    }

    /// Gauss–Jordan on the augmented matrix [A | B], in place; returns X with AX = B (the
    /// reference the multi-modular solver is tested against).
    static func gaussJordan(_ a: Matrix, _ b: Matrix) throws(MatrixError) -> Matrix {
        guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
        guard b.rows == a.rows else { throw .shapeMismatch("\(a.rows)×\(a.columns) matrix with \(b.rows) right-hand rows") }
        let n = a.rows
        let m = n + b.columns
        var e = [Rational]()
        e.reserveCapacity(n * m)
        for i in 0..<n {
            e.append(contentsOf: a.row(i))
            e.append(contentsOf: b.row(i))
        }
        for c in 0..<n {
            guard let p = (c..<n).first(where: { !e[$0 * m + c].isZero }) else { throw .singular }
            if p != c {
                for j in 0..<m { e.swapAt(p * m + j, c * m + j) }
            }
            let f = e[c * m + c].reciprocal
            for j in c..<m { e[c * m + j] *= f }
            for r in 0..<n where r != c && !e[r * m + c].isZero {
                let g = e[r * m + c]
                for j in c..<m { e[r * m + j] -= g * e[c * m + j] }
            }
        }
        return Matrix(rows: n, columns: b.columns) { i, j in e[i * m + n + j] }
    }

    /// X with AX = B: multi-modular elimination (Modular/README.md) from 4×4 up, Gauss–Jordan
    /// over ℚ below that and whenever A is singular modulo the first prime.
    static func exactSolution(_ a: Matrix, _ b: Matrix) throws(MatrixError) -> Matrix {
        guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
        guard b.rows == a.rows else { throw .shapeMismatch("\(a.rows)×\(a.columns) matrix with \(b.rows) right-hand rows") }
        if a.rows >= MultiModularSolver.minimumSize, let x = MultiModularSolver.solve(a, b) { return x }
        return try gaussJordan(a, b)
    }

    /// A⁻¹, exactly: A·X = I solved modulo word primes and rebuilt by CRT and rational
    /// reconstruction, proven exact by a size bound (Gauss–Jordan over ℚ for n < 4).
    ///
    ///     hilbert(3).inverse()[0, 0]   // 9
    ///
    /// Law: A·A⁻¹ = A⁻¹·A = I.
    /// - Throws: ``MatrixError/singular``, ``MatrixError/notSquare(rows:columns:)``.
    public func inverse() throws(MatrixError) -> Matrix {
        try Matrix.exactSolution(self, .identity(rows))
    }

    /// The unique x with A·x = b.
    ///
    ///     Matrix([[2, 0], [0, 4]].map { $0.map { Rational($0) } }).solve([1, 1])   // [1/2, 1/4]
    ///
    /// - Throws: ``MatrixError/singular`` when A is singular (no or infinitely many solutions),
    ///   ``MatrixError/notSquare(rows:columns:)``, ``MatrixError/shapeMismatch(_:)``.
    public func solve(_ b: [Rational]) throws(MatrixError) -> [Rational] {
        guard b.count == rows else { throw .shapeMismatch("right-hand side of length \(b.count) for \(rows) rows") }
        return try Matrix.exactSolution(self, Matrix(rows: b.count, columns: 1, elements: b)).elements
    }

    /// The n×n Hilbert matrix Hᵢⱼ = 1/(i + j + 1) (zero-based), a classic ill-conditioned test.
    public static func hilbert(_ n: Int) -> Matrix {
        Matrix(rows: n, columns: n) { i, j in Rational(1, i + j + 1) }
    }
}
