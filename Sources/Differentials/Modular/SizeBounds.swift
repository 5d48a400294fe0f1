import Exact

// How many bits of M = Πpⱼ prove a candidate N/d (MultiModularSolver.swift): M must exceed
// twice every |(A'·N − d·B')ᵢⱼ|, where A' = diag(D)·A and B' = diag(D)·B are the integral
// row-scaled systems. Two bounds on Σₖ |A'ᵢₖ|·|Nₖⱼ| + d·|B'ᵢⱼ|: a crude one from bit widths
// alone (n·2^bits(A')·2^bits(N)), and Hölder's, min(maxₖ|A'ᵢₖ|·Σₖ|Nₖⱼ|, Σₖ|A'ᵢₖ|·maxₖ|Nₖⱼ|),
// evaluated in floating point with its rounding error bounded and added. Hölder's is a few
// bits from the true size of the products and often saves a prime (Hilbert n = 40: 304
// bits against the crude 318).

/// Size bounds on the integer system A'·X = B' (A' = diag(D)·A, B' = diag(D)·B).
struct SizeBounds {
    /// n: the number of terms in each entry of A'·N.
    let size: Int
    /// Every entry of A' is below 2^rowBitsA in absolute value; of B', below 2^rowBitsB.
    let rowBitsA: Int
    let rowBitsB: Int
    /// Dᵢ: the lcm of the denominators of row i of [A | B].
    let rowScales: [BigInt]

    /// nil when a row of A is zero (A is singular).
    init?(_ a: Matrix<Rational>, _ b: Matrix<Rational>) {
        var rowBitsA = 0
        var rowBitsB = 0
        var rowScales: [BigInt] = []
        rowScales.reserveCapacity(a.rows)
        for i in 0..<a.rows {
            var lcm = BigInt.one
            // |D·p/q| < 2^(bits(D) + bits(p) − bits(q) + 1).
            func visit(_ x: Rational, _ excess: inout Int) {
                if x.isZero { return }
                let (p, q) = x.partBitWidths
                excess = max(excess, p - q + 1)
                if let (_, d) = x.inlineParts {
                    if d == 1 { return }
                    let r = lcm.residue(modulo: UInt(d))
                    let g = SizeBounds.gcd(r, UInt(d))
                    if UInt(d) / g > 1 { lcm *= BigInt(UInt(d) / g) }
                } else {
                    lcm = BigInt.lcm(lcm, x.denominator)
                }
            }
            var excessA = Int.min
            var excessB = Int.min
            for j in 0..<a.columns { visit(a[i, j], &excessA) }
            for j in 0..<b.columns { visit(b[i, j], &excessB) }
            if excessA == Int.min { return nil }
            rowBitsA = max(rowBitsA, lcm.bitWidth + excessA)
            if excessB != Int.min { rowBitsB = max(rowBitsB, lcm.bitWidth + excessB) }
            rowScales.append(lcm)
        }
        self.size = a.rows
        self.rowBitsA = rowBitsA
        self.rowBitsB = rowBitsB
        self.rowScales = rowScales
    }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// A k such that M ≥ 2^k implies M > 2·|A'·N − d·B'| entrywise: the smaller of the crude
    /// and the Hölder bound.
    func provingBits(_ a: Matrix<Rational>, _ b: Matrix<Rational>, _ candidate: MultiModularSolver.Candidate) -> Int {
        let crude =
            max(
                size.bitWidth + rowBitsA + candidate.numeratorBits,
                candidate.denominator.bitWidth + rowBitsB) + 3
        guard let bound = holderBound(a, b, candidate) else { return crude }
        // bound < 2^(e+1), so 2·bound < 2^(e+2) ≤ M.
        return min(crude, bound == 0 ? 1 : bound.exponent + 2)
    }

    /// An upper bound on maxᵢⱼ Σₖ |A'ᵢₖ|·|Nₖⱼ| + d·|B'ᵢⱼ| in floating point, or nil when
    /// it does not fit in a Double.
    private func holderBound(_ a: Matrix<Rational>, _ b: Matrix<Rational>, _ candidate: MultiModularSolver.Candidate) -> Double? {
        let n = a.rows
        let m = b.columns
        // Column sums and maxima of |N|.
        var columnSum = [Double](repeating: 0, count: m)
        var columnMax = [Double](repeating: 0, count: m)
        for k in 0..<n {
            for j in 0..<m {
                let v = candidate.numerators[k * m + j].magnitudeUpperBound
                columnSum[j] += v
                columnMax[j] = max(columnMax[j], v)
            }
        }
        let d = candidate.denominator.magnitudeUpperBound
        var bound = 0.0
        for i in 0..<n {
            let scale = rowScales[i].magnitudeUpperBound
            var rowMax = 0.0
            var rowSum = 0.0
            for k in 0..<n {
                let v = Double(a[i, k]).magnitude
                rowMax = max(rowMax, v)
                rowSum += v
            }
            var rightMax = 0.0
            for j in 0..<m { rightMax = max(rightMax, Double(b[i, j]).magnitude) }
            for j in 0..<m {
                let products = min(rowMax * columnSum[j], rowSum * columnMax[j])
                bound = max(bound, scale * (products + d * rightMax))
            }
        }
        // Every quantity above went through at most n + 6 roundings, each of relative size
        // at most 2⁻⁵³ (conversions, products, sums of nonnegative terms).
        bound *= 1 + Double(n + 16) * 0x1p-50
        return bound.isFinite ? bound : nil
    }
}
