import AutoDiff
import Differentials
import Exact
import TestSupport
import Testing

/// SparseMatrix against Matrix: the same matrices, the same laws.
@Suite struct SparseMatrixTests {
    /// A random m×n rational matrix with about `density` of its entries nonzero, plus a few stored zeros.
    static func random(_ g: inout SeededGenerator, rows m: Int, columns n: Int, density: Double = 0.3) -> SparseMatrix<Rational> {
        var triplets: [(row: Int, column: Int, value: Rational)] = []
        for i in 0..<m {
            for j in 0..<n {
                let u = Double(g.next() % 1000) / 1000
                if u < density {
                    triplets.append((i, j, Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...4, using: &g))))
                } else if u < density + 0.05 {
                    triplets.append((i, j, .zero))  // a stored zero
                }
            }
        }
        return try! SparseMatrix(rows: m, columns: n, triplets: triplets)
    }

    static func vector(_ g: inout SeededGenerator, _ n: Int) -> [Rational] {
        (0..<n).map { _ in Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...3, using: &g)) }
    }

    @Test func transposeOfTranspose_isTheMatrix_andMatchesDense() {
        var g = SeededGenerator(seed: 1)
        for _ in 0..<40 {
            let a = Self.random(&g, rows: Int.random(in: 0...7, using: &g), columns: Int.random(in: 0...7, using: &g))
            #expect(a.transposed.transposed == a)
            #expect(a.transposed.pattern == a.pattern.transposed)
            #expect(a.transposed.dense == a.dense.transposed)
        }
    }

    @Test func productTranspose_isReversedProductOfTransposes_againstDense() {
        var g = SeededGenerator(seed: 2)
        for _ in 0..<40 {
            let (m, k, n) = (Int.random(in: 1...6, using: &g), Int.random(in: 1...6, using: &g), Int.random(in: 1...6, using: &g))
            let a = Self.random(&g, rows: m, columns: k)
            let b = Self.random(&g, rows: k, columns: n)
            #expect((a * b).transposed == b.transposed * a.transposed)
            #expect((a * b).dense == a.dense * b.dense)
            #expect((a * b.dense) == a.dense * b.dense)
        }
    }

    @Test func matrixVectorProducts_equalDense() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<40 {
            let a = Self.random(&g, rows: Int.random(in: 1...8, using: &g), columns: Int.random(in: 1...8, using: &g))
            let v = Self.vector(&g, a.columns)
            let w = Self.vector(&g, a.rows)
            #expect(a.applied(to: v) == a.dense.applied(to: v))
            #expect(a.transposeApplied(to: w) == a.dense.transposeApplied(to: w))
            #expect(dot(w, a.applied(to: v)) == dot(a.transposeApplied(to: w), v))
        }
    }

    @Test func conversions_roundTrip_andEqualityIgnoresStoredZeros() throws {
        var g = SeededGenerator(seed: 4)
        for _ in 0..<30 {
            let a = Self.random(&g, rows: 5, columns: 4)
            #expect(SparseMatrix(a.dense) == a)
            #expect(Matrix(SparseMatrix(a.dense)) == a.dense)
            #expect(SparseMatrix(a.dense).nonzeroCount == a.values.filter { !$0.isZero }.count)
            #expect(a.droppingZeros == a)
            for (i, j, v) in a.triplets { #expect(a[i, j] == v && a.dense[i, j] == v) }
        }
        let withZero = try SparseMatrix(pattern: .diagonal(2), values: [Rational(1), 0])
        let without = try SparseMatrix(rows: 2, columns: 2, triplets: [(0, 0, Rational(1))])
        #expect(withZero == without)
        #expect(withZero.nonzeroCount == 2 && without.nonzeroCount == 1)
        #expect(withZero != (try SparseMatrix(rows: 2, columns: 2, triplets: [(0, 0, Rational(2))])))
        #expect(withZero != SparseMatrix<Rational>.zero(rows: 2, columns: 3))
    }

    @Test func triplets_addRepeats_andRejectOutOfRange() throws {
        let a = try SparseMatrix(rows: 2, columns: 2, triplets: [(0, 1, Rational(1)), (0, 1, Rational(1, 2)), (1, 0, Rational(3))])
        #expect(a[0, 1] == Rational(3, 2))
        #expect(a.nonzeroCount == 2)
        #expect(throws: SparsityError.entryOutOfRange(row: 0, column: 2, rows: 2, columns: 2)) {
            try SparseMatrix(rows: 2, columns: 2, triplets: [(0, 2, Rational(1))])
        }
        #expect(throws: SparsityError.dimensionMismatch(what: "values", expected: 2, actual: 1)) {
            try SparseMatrix(pattern: .diagonal(2), values: [Rational(1)])
        }
    }

    @Test func linearMap_holdingASparseMatrix_actsLikeItsDenseMatrix() throws {
        var g = SeededGenerator(seed: 5)
        let a = Self.random(&g, rows: 4, columns: 6)
        let b = Self.random(&g, rows: 6, columns: 3)
        let f = LinearMap(sparse: b, engine: .forward)
        let h = LinearMap(sparse: a, engine: .forward)
        let v = Self.vector(&g, 3)
        let w = Self.vector(&g, 4)
        #expect(!f.isLazy)
        #expect(try f.matrix() == b.dense)
        #expect(try f.apply(v) == b.dense.applied(to: v))
        #expect(try h.composed(with: f).matrix() == a.dense * b.dense)
        #expect(h.composed(with: f).sparseMatrix == a * b)
        #expect(try h.composed(with: f).applyTransposed(w) == (a.dense * b.dense).transposeApplied(to: w))
        #expect(try f.transposed.matrix() == b.dense.transposed)
    }
}
