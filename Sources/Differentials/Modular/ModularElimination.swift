// Gauss–Jordan elimination modulo one word prime: the O(n³) part of the multi-modular
// solver. Entries are residues in row-major word arrays; the row updates multiply by the
// row's factor with Shoup's precomputed quotient (WordPrime.swift), so the inner loop has no
// division.

enum ModularElimination {
    /// Solves A·X = B modulo p in place: A is n×n, B is n×m, both row-major residues. On
    /// success B holds X and the result is `true`; `false` when A is singular modulo p
    /// (A is destroyed either way).
    static func solve(_ a: inout [UInt64], _ b: inout [UInt64], n: Int, m: Int, field: WordPrime) -> Bool {
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                solve(a, b, n: n, m: m, field: field)
            }
        }
    }

    private static func solve(
        _ a: UnsafeMutableBufferPointer<UInt64>, _ b: UnsafeMutableBufferPointer<UInt64>,
        n: Int, m: Int, field: WordPrime
    ) -> Bool {
        for c in 0..<n {
            var pivot = c
            while pivot < n && a[pivot * n + c] == 0 { pivot += 1 }
            if pivot == n { return false }
            if pivot != c {
                for j in c..<n { a.swapAt(pivot * n + j, c * n + j) }
                for j in 0..<m { b.swapAt(pivot * m + j, c * m + j) }
            }
            guard let inverse = field.inverse(a[c * n + c]) else { return false }
            let inverseQ = field.shoup(inverse)
            let rowA = c * n
            let rowB = c * m
            for j in (c + 1)..<n { a[rowA + j] = field.multiply(inverse, shoup: inverseQ, a[rowA + j]) }
            for j in 0..<m { b[rowB + j] = field.multiply(inverse, shoup: inverseQ, b[rowB + j]) }
            for r in 0..<n where r != c {
                let f = a[r * n + c]
                if f == 0 { continue }
                let fq = field.shoup(f)
                let targetA = r * n
                let targetB = r * m
                for j in (c + 1)..<n {
                    a[targetA + j] = field.subtract(a[targetA + j], field.multiply(f, shoup: fq, a[rowA + j]))
                }
                for j in 0..<m {
                    b[targetB + j] = field.subtract(b[targetB + j], field.multiply(f, shoup: fq, b[rowB + j]))
                }
            }
        }
        return true
    }

    /// A⁻¹ modulo p in place (n×n, row-major): Gauss–Jordan with the inverse built in the
    /// columns that elimination frees, n³ products instead of the 1.5n³ of [A | I]; the row
    /// exchanges are undone as column exchanges at the end. `false` when A is singular mod p.
    static func invert(_ a: inout [UInt64], n: Int, field: WordPrime) -> Bool {
        a.withUnsafeMutableBufferPointer { a in
            var exchanges = [Int](repeating: 0, count: n)
            for c in 0..<n {
                var pivot = c
                while pivot < n && a[pivot * n + c] == 0 { pivot += 1 }
                if pivot == n { return false }
                exchanges[c] = pivot
                if pivot != c {
                    for j in 0..<n { a.swapAt(pivot * n + j, c * n + j) }
                }
                guard let inverse = field.inverse(a[c * n + c]) else { return false }
                let inverseQ = field.shoup(inverse)
                let row = c * n
                a[row + c] = 1
                for j in 0..<n { a[row + j] = field.multiply(inverse, shoup: inverseQ, a[row + j]) }
                for r in 0..<n where r != c {
                    let target = r * n
                    let f = a[target + c]
                    if f == 0 { continue }
                    let fq = field.shoup(f)
                    a[target + c] = 0
                    for j in 0..<n {
                        a[target + j] = field.subtract(a[target + j], field.multiply(f, shoup: fq, a[row + j]))
                    }
                }
            }
            for c in stride(from: n - 1, through: 0, by: -1) where exchanges[c] != c {
                let q = exchanges[c]
                for i in 0..<n { a.swapAt(i * n + c, i * n + q) }
            }
            return true
        }
    }
}
