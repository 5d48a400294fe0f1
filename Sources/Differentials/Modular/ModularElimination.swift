// Gauss–Jordan elimination modulo one word prime: the O(n³) part of the multi-modular
// solver. Entries are residues in row-major word arrays. The inner step is a row update
// t ← t − f·r: with w = p − f and Shoup's precomputed quotient w' = ⌊w·2⁶⁴/p⌋ it is
// t + w·r − ⌊w'·r/2⁶⁴⌋·p, three multiplications and no division. The entries are kept
// lazily in [0, 2p) (Harvey's trick): the Shoup product is then in [0, 2p) for any word r,
// the sum is below 4p < 2⁶⁴, and one conditional subtraction of 2p brings it back. Values
// that are read as factors (pivots, row multipliers) are reduced to [0, p) first, and the
// results at the end.

enum ModularElimination {
    /// Solves A·X = B modulo p in place: A is n×n, B is n×m, both row-major residues. On
    /// success B holds X and the result is `true`; `false` when A is singular modulo p
    /// (A is destroyed either way).
    static func solve(_ a: inout [UInt64], _ b: inout [UInt64], n: Int, m: Int, field: WordPrime) -> Bool {
        a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                guard let a = a.baseAddress, let b = b.baseAddress else { return true }  // n = 0 or m = 0
                return solve(a, b, n: n, m: m, field: field)
            }
        }
    }

    /// t[j] ← t[j] − f·r[j] (mod p, lazily in [0, 2p)) for j in 0..<count, f in [0, p).
    @inline(__always)
    static func subtractMultiple(
        _ t: UnsafeMutablePointer<UInt64>, _ r: UnsafePointer<UInt64>, count: Int, f: UInt64, field: WordPrime
    ) {
        let p = field.p
        let twoP = p &<< 1
        let w = p &- f
        let wq = field.shoup(w)
        for j in 0..<count {
            let x = r[j]
            let q = wq.multipliedFullWidth(by: x).high
            let s = t[j] &+ (w &* x &- q &* p)
            t[j] = s >= twoP ? s &- twoP : s
        }
    }

    /// r[j] ← v·r[j] (mod p, lazily in [0, 2p)) for j in 0..<count, v in [0, p).
    @inline(__always)
    static func scale(_ r: UnsafeMutablePointer<UInt64>, count: Int, by v: UInt64, field: WordPrime) {
        let p = field.p
        let vq = field.shoup(v)
        for j in 0..<count {
            let x = r[j]
            let q = vq.multipliedFullWidth(by: x).high
            r[j] = v &* x &- q &* p
        }
    }

    /// x mod p for a lazy residue x in [0, 2p).
    @inline(__always)
    static func reduced(_ x: UInt64, _ p: UInt64) -> UInt64 { x >= p ? x &- p : x }

    private static func reduceAll(_ a: UnsafeMutablePointer<UInt64>, count: Int, p: UInt64) {
        for i in 0..<count { a[i] = reduced(a[i], p) }
    }

    /// The first row r ≥ c whose entry in column c is nonzero modulo p (reduced in place), or nil.
    @inline(__always)
    private static func pivotRow(_ a: UnsafeMutablePointer<UInt64>, column c: Int, n: Int, p: UInt64) -> Int? {
        for r in c..<n {
            let x = reduced(a[r * n + c], p)
            a[r * n + c] = x
            if x != 0 { return r }
        }
        return nil
    }

    private static func solve(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, n: Int, m: Int, field: WordPrime
    ) -> Bool {
        let p = field.p
        for c in 0..<n {
            guard let pivot = pivotRow(a, column: c, n: n, p: p) else { return false }
            if pivot != c {
                for j in c..<n { swap(&a[pivot * n + j], &a[c * n + j]) }
                for j in 0..<m { swap(&b[pivot * m + j], &b[c * m + j]) }
            }
            guard let inverse = field.inverse(a[c * n + c]) else { return false }
            let rowA = a + c * n
            let rowB = b + c * m
            rowA[c] = 1
            scale(rowA + c + 1, count: n - c - 1, by: inverse, field: field)
            scale(rowB, count: m, by: inverse, field: field)
            for r in 0..<n where r != c {
                let f = reduced(a[r * n + c], p)
                a[r * n + c] = 0
                if f == 0 { continue }
                subtractMultiple(a + r * n + c + 1, rowA + c + 1, count: n - c - 1, f: f, field: field)
                subtractMultiple(b + r * m, rowB, count: m, f: f, field: field)
            }
        }
        reduceAll(b, count: n * m, p: p)
        return true
    }

    /// A⁻¹ modulo p in place (n×n, row-major): Gauss–Jordan with the inverse built in the
    /// columns that elimination frees, n³ products instead of the 1.5n³ of [A | I]; the row
    /// exchanges are undone as column exchanges at the end. `false` when A is singular mod p.
    static func invert(_ a: inout [UInt64], n: Int, field: WordPrime) -> Bool {
        let p = field.p
        return a.withUnsafeMutableBufferPointer { buffer in
            guard let a = buffer.baseAddress else { return true }  // n = 0
            var exchanges = [Int](repeating: 0, count: n)
            for c in 0..<n {
                guard let pivot = pivotRow(a, column: c, n: n, p: p) else { return false }
                exchanges[c] = pivot
                if pivot != c {
                    for j in 0..<n { swap(&a[pivot * n + j], &a[c * n + j]) }
                }
                guard let inverse = field.inverse(a[c * n + c]) else { return false }
                let row = a + c * n
                row[c] = 1
                scale(row, count: n, by: inverse, field: field)
                for r in 0..<n where r != c {
                    let target = a + r * n
                    let f = reduced(target[c], p)
                    target[c] = 0
                    if f == 0 { continue }
                    subtractMultiple(target, row, count: n, f: f, field: field)
                }
            }
            reduceAll(a, count: n * n, p: p)
            for c in stride(from: n - 1, through: 0, by: -1) where exchanges[c] != c {
                let q = exchanges[c]
                for i in 0..<n { swap(&a[i * n + c], &a[i * n + q]) }
            }
            return true
        }
    }
}
