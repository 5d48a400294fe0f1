// W13: no cliffs in simplification. The symbolic gradient, simplified, of a sum of k
// squared residuals Σᵢ₌₁ᵏ rᵢ², for four least-squares shapes of the Moré–Garbow–Hillstrom
// set, k = 8, 16, 32, 64, 128, all in one run (the peers: `Benchmarks/w13_peers.py`, which
// builds the same text):
//   meyer       rᵢ = y*exp(x/(cᵢ + z)) − Yᵢ, cᵢ = 45 + 5i, Yᵢ = MGH's 16 values, cycled
//   osborne2    rᵢ = x1*exp(−tᵢ*x5) + x2*exp(−(tᵢ − x9)^2*x6) + x3*exp(−(tᵢ − x10)^2*x7)
//                    + x4*exp(−(tᵢ − x11)^2*x8) − yᵢ, tᵢ = (i − 1)/10
//   biggs_exp6  rᵢ = x3*exp(−tᵢ*x1) − x4*exp(−tᵢ*x2) + x6*exp(−tᵢ*x5) − yᵢ, tᵢ = i/10
//   rosenbrock  (extended) r₂ⱼ₋₁ = 10*(x(2j) − x(2j−1)^2), r₂ⱼ = 1 − x(2j−1), j = 1…k/2
// with yᵢ = ((7i mod 50) + 1)/25 (exact rationals). Timed: every partial of f, each
// simplified (`derivative(withRespectTo:)`), from the parsed f. Reported beside the time:
// the printed size of the gradient (characters and Σ operationCount), which should grow
// linearly in k, and `extra.growth` (`growth_cpu`), wall (CPU) time(k)/time(k/2), which
// should stay ≤ 4.5.
import Jacobi

enum W13 {
    static let meyerY = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]
    static let shapes = ["meyer", "osborne2", "biggs_exp6", "rosenbrock"]

    static func y(_ i: Int) -> String { "\((7 * i) % 50 + 1)/25" }

    /// The residual rᵢ (1-based i) of a shape, as text.
    static func residual(_ shape: String, _ i: Int) -> String {
        switch shape {
        case "meyer":
            return "y*exp(x/(\(45 + 5 * i) + z)) - \(meyerY[(i - 1) % 16])"
        case "osborne2":
            let t = "\(i - 1)/10"
            return "x1*exp(-(\(t))*x5) + x2*exp(-((\(t)) - x9)^2*x6) + x3*exp(-((\(t)) - x10)^2*x7)"
                + " + x4*exp(-((\(t)) - x11)^2*x8) - \(y(i))"
        case "biggs_exp6":
            let t = "\(i)/10"
            return "x3*exp(-(\(t))*x1) - x4*exp(-(\(t))*x2) + x6*exp(-(\(t))*x5) - \(y(i))"
        default:  // rosenbrock
            let j = (i + 1) / 2
            return i % 2 == 1 ? "10*(x\(2 * j) - x\(2 * j - 1)^2)" : "1 - x\(2 * j - 1)"
        }
    }

    static func text(_ shape: String, _ k: Int) -> String {
        (1...k).map { "(\(residual(shape, $0)))^2" }.joined(separator: " + ")
    }

    static func run(sizes: [Int]?) {
        for shape in shapes {
            var previous: (wall: Double, cpu: Double)?
            for k in sizes ?? [8, 16, 32, 64, 128] {
                guard let f = try? Expr.parse(text(shape, k)) else { continue }
                let variables = f.freeSymbols.sorted()
                let m = measure(maxReps: 7, budget: 10) { variables.map { f.derivative(withRespectTo: $0) } }
                let chars = m.result.reduce(0) { $0 + $1.description.count }
                let ops = m.result.reduce(0) { $0 + $1.operationCount }
                var extra: [(String, Any)] = [("median_cpu_s", m.medianCPU), ("task", "\(shape)-\(k)"), ("shape", shape),
                                              ("partials", variables.count), ("chars", chars), ("count_ops", ops), ("reps", m.reps)]
                if let p = previous { extra += [("growth", m.medianWall / p.wall), ("growth_cpu", m.medianCPU / p.cpu)] }
                emit(workload: "W13", system: "jacobi-simplify", n: k, medianSeconds: m.medianWall, extra: extra)
                previous = (m.medianWall, m.medianCPU)
            }
        }
    }
}
