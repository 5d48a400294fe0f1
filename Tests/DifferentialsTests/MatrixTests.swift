import AutoDiff
import Differentials
import Exact
import TestSupport
import Testing

@Suite struct MatrixTests {
    static func random(_ g: inout SeededGenerator, rows: Int, columns: Int) -> Matrix<Rational> {
        Matrix(rows: rows, columns: columns) { _, _ in
            Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...5, using: &g))
        }
    }

    @Test func hilbertInverseTimesHilbert_isExactlyTheIdentity() throws {
        for n in 1...12 {
            let h = Matrix<Rational>.hilbert(n)
            let inverse = try h.inverse()
            #expect(inverse * h == .identity(n))
            #expect(h * inverse == .identity(n))
            // Known closed form of a corner entry: (H⁻¹)₀₀ = n².
            #expect(inverse[0, 0] == Rational(n * n))
        }
    }

    @Test func determinant_isMultiplicative() throws {
        var g = SeededGenerator(seed: 21)
        for n in 1...6 {
            let a = Self.random(&g, rows: n, columns: n)
            let b = Self.random(&g, rows: n, columns: n)
            #expect(try (a * b).determinant() == a.determinant() * b.determinant())
        }
        #expect(try Matrix([[1, 2], [3, 4]].map { $0.map { Rational($0) } }).determinant() == -2)
        // det(H₃) = 1/2160.
        #expect(try Matrix<Rational>.hilbert(3).determinant() == Rational(1, 2160))
    }

    @Test func determinant_agreesWithTheProductOfPivots() throws {
        var g = SeededGenerator(seed: 22)
        for n in 1...7 {
            let a = Self.random(&g, rows: n, columns: n)
            // det A = 1/det(A⁻¹) when invertible; and A singular ⟺ det A = 0.
            let det = try a.determinant()
            if det.isZero {
                #expect(throws: MatrixError.singular) { try a.inverse() }
                #expect(a.rank < n)
            } else {
                #expect(try a.inverse().determinant() * det == 1)
                #expect(a.rank == n)
            }
        }
    }

    @Test func singularAndMisshapenMatrices_throwTypedErrors() throws {
        let singular = Matrix([[1, 2], [2, 4]].map { $0.map { Rational($0) } })
        #expect(singular.rank == 1)
        #expect(throws: MatrixError.singular) { try singular.inverse() }
        #expect(throws: MatrixError.singular) { try singular.solve([1, 1]) }
        #expect(try singular.determinant() == 0)
        let wide = Matrix<Rational>(rows: 1, columns: 2, repeating: .one)
        #expect(throws: MatrixError.notSquare(rows: 1, columns: 2)) { try wide.determinant() }
        #expect(throws: MatrixError.self) { try Matrix<Rational>.identity(2).solve([1]) }
    }

    @Test func solve_satisfiesTheSystem() throws {
        var g = SeededGenerator(seed: 23)
        for n in 1...8 {
            let a = Self.random(&g, rows: n, columns: n)
            guard try !a.determinant().isZero else { continue }
            let b = (0..<n).map { _ in Rational(Int.random(in: -20...20, using: &g), 3) }
            let x = try a.solve(b)
            #expect(a.applied(to: x) == b)
        }
    }

    @Test func transposeAndProduct_obeyTheirLaws() {
        var g = SeededGenerator(seed: 24)
        let a = Self.random(&g, rows: 3, columns: 4)
        let b = Self.random(&g, rows: 4, columns: 2)
        #expect((a * b).transposed == b.transposed * a.transposed)
        #expect(a.transposed.transposed == a)
        let v = (0..<4).map { Rational($0 - 1, 2) }
        let w = (0..<3).map { Rational(2 - $0, 3) }
        // ⟨w, A·v⟩ = ⟨Aᵀ·w, v⟩.
        #expect(dot(w, a.applied(to: v)) == dot(a.transposeApplied(to: w), v))
    }

    @Test func printing_alignsColumnsAndWritesBmatrix() {
        let m = Matrix([[Rational(1), Rational(-1, 2)], [Rational(10), Rational(3)]])
        #expect(m.description == "[ 1  -1/2]\n[10     3]")
        #expect(m.latex { $0.description } == "\\begin{bmatrix} 1 & -1/2 \\\\ 10 & 3 \\end{bmatrix}")
    }
}
