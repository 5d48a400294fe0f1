import Differentials
import Symbolic

extension TaylorModel {
    /// Every coefficient of the centred model T(x) = Σ c_α (x − a)^α, one per multi-index α
    /// of total degree ≤ ``order``, zeros included, in graded lexicographic order (degree,
    /// then variable order): c_0 = f(a), c_{eᵢ} = ∂ᵢf(a), c_{2eᵢ} = ½ Hᵢᵢ, c_{eᵢ+eⱼ} = Hᵢⱼ (i < j).
    ///
    ///     // f = x*y at (1, 2), order 2:
    ///     model.terms.map(\.powers)   // [[0,0], [1,0], [0,1], [2,0], [1,1], [0,2]]
    public var terms: [(powers: [Int], coefficient: Expr)] {
        let n = variables.count
        func unit(_ i: Int, _ k: Int = 1) -> [Int] { (0..<n).map { $0 == i ? k : 0 } }
        var out: [(powers: [Int], coefficient: Expr)] = [(Array(repeating: 0, count: n), value)]
        for i in 0..<n { out.append((unit(i), gradient[i])) }
        if let h = hessian {
            for i in 0..<n {
                out.append((unit(i, 2), Expr.half * h[i, i]))
                for j in (i + 1)..<n {
                    var p = unit(i)
                    p[j] = 1
                    out.append((p, h[i, j]))
                }
            }
        }
        return out
    }
}
