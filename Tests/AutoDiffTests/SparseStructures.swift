import AutoDiff
import Exact
import TestSupport

/// Tapes whose Jacobians and Hessians have known structures (banded, arrow, block
/// diagonal), and random sparse programs, for the sparsity tests.
enum SparseStructures {
    /// Fᵢ = xᵢ·(xᵢ₋ₖ + … + xᵢ₊ₖ) for |offset| ≤ k in range: a Jacobian of half-bandwidth k.
    static func bandedSystem(_ n: Int, halfBandwidth k: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> [Traced] in
            (0..<n).map { i in
                var s = x[i] * 3
                for j in Swift.max(0, i - k)...Swift.min(n - 1, i + k) where j != i { s = s + x[j] * x[j] }
                return x[i] * s
            }
        }
    }

    /// f = Σᵢ Σ_{0 < d ≤ k} xᵢ·xᵢ₊d + xᵢ³: a Hessian of half-bandwidth k (k = 1: tridiagonal).
    static func bandedObjective(_ n: Int, halfBandwidth k: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> Traced in
            var s = x[0].constant(0)
            for i in 0..<n {
                s = s + x[i] * x[i] * x[i]
                for d in 1...k where i + d < n { s = s + x[i] * x[i + d] }
            }
            return s
        }
    }

    /// Extended Rosenbrock Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²: a tridiagonal Hessian.
    static func rosenbrock(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> Traced in
            var s = x[0].constant(0)
            for i in 0..<(n - 1) {
                let t = x[i + 1] - x[i] * x[i]
                let u = 1 - x[i]
                s = s + (100 * (t * t) + u * u)
            }
            return s
        }
    }

    /// Arrow system: F₀ = Σ xⱼ², Fᵢ = x₀·xᵢ: a dense first row and column plus the diagonal.
    static func arrowSystem(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> [Traced] in
            var s = x[0] * x[0]
            for j in 1..<n { s = s + x[j] * x[j] }
            return [s] + (1..<n).map { x[0] * x[$0] }
        }
    }

    /// Arrow objective: f = Σᵢ x₀·xᵢ + xᵢ²·xᵢ (the hub is x₀): an arrow Hessian.
    static func arrowObjective(_ n: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> Traced in
            var s = x[0] * x[0] * x[0]
            for i in 1..<n { s = s + x[0] * x[i] + x[i] * x[i] * x[i] }
            return s
        }
    }

    /// Blocks of size b: Fᵢ = (product of i's block)·xᵢ, f = Σ over blocks (Σ block)³.
    static func blockSystem(_ n: Int, block b: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> [Traced] in
            (0..<n).map { i in
                let start = i / b * b
                var p = x[start]
                for j in (start + 1)..<Swift.min(n, start + b) { p = p * x[j] }
                return p * x[i]
            }
        }
    }

    static func blockObjective(_ n: Int, block b: Int) -> Tape {
        try! Tape.record(inputs: n) { (x: [Traced]) -> Traced in
            var s = x[0].constant(0)
            for start in stride(from: 0, to: n, by: b) {
                var t = x[start]
                for j in (start + 1)..<Swift.min(n, start + b) { t = t + x[j] }
                s = s + t * t * t
            }
            return s
        }
    }

    /// A random sparse program: m outputs, each a random rational expression in 1–3 of the
    /// n inputs (sums, products, quotients, squares).
    static func randomSparse(inputs n: Int, outputs m: Int, using g: inout SeededGenerator) -> Tape {
        let body = randomBody(inputs: n, outputs: m, using: &g)
        return try! Tape.record(inputs: n, body)
    }

    /// The sum of the outputs of a random sparse program, as one objective.
    static func randomSparseObjective(inputs n: Int, terms m: Int, using g: inout SeededGenerator) -> Tape {
        let body = randomBody(inputs: n, outputs: m, using: &g)
        return try! Tape.record(inputs: n) { (x: [Traced]) -> Traced in
            let ys = body(x)
            var s = ys[0]
            for y in ys.dropFirst() { s = s + y }
            return s
        }
    }

    static func randomBody(inputs n: Int, outputs m: Int, using g: inout SeededGenerator) -> ([Traced]) -> [Traced] {
        let picks: [[Int]] = (0..<m).map { _ in (0..<Int.random(in: 1...3, using: &g)).map { _ in Int.random(in: 0..<n, using: &g) } }
        let ops: [[Int]] = (0..<m).map { _ in (0..<4).map { _ in Int.random(in: 0..<6, using: &g) } }
        let constants: [Rational] = (0..<m).map { _ in Rational(Int.random(in: 1...5, using: &g), Int.random(in: 1...3, using: &g)) }
        return { (x: [Traced]) -> [Traced] in
            (0..<m).map { r in
                var y = x[picks[r][0]] + constants[r]
                for (k, op) in ops[r].enumerated() {
                    let z = x[picks[r][k % picks[r].count]]
                    switch op {
                    case 0: y = y + z
                    case 1: y = y * z
                    case 2: y = y / (z * z + 1)
                    case 3: y = y * y - z
                    case 4: y = y * constants[r] + z * z
                    default: y = y - z * constants[r]
                    }
                }
                return y
            }
        }
    }

    /// The positions of the nonzero entries of a dense matrix.
    static func nonzeros(_ m: [[Rational]]) -> Set<[Int]> {
        var s = Set<[Int]>()
        for (i, row) in m.enumerated() { for (j, v) in row.enumerated() where !v.isZero { s.insert([i, j]) } }
        return s
    }

    /// The dense matrix's entries at the pattern's positions, in pattern order.
    static func gather<S>(_ m: [[S]], _ p: SparsityPattern) -> [S] { p.entries.map { m[$0.row][$0.column] } }
}
