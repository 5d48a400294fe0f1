import Exact
import Symbolic

/// The Taylor model of order k of a scalar function f around a point a:
///
///     T_k(x) = Σ_{|α| ≤ k} c_α (x − a)^α,   c_α = ∂^α f(a) / α!
///
/// with one exact coefficient per multi-index α (``terms``, every α of total degree ≤ k,
/// zeros included, in graded lexicographic order: by degree, then by variable order). For
/// k = 2 this is f(a) + ∇f(a)·(x − a) + ½ (x − a)ᵀ H(a) (x − a). Coefficients are
/// rationals when f is rational, exact expressions such as `cos(1/2)` otherwise.
///
///     // f = x^3 at a = 1, order 2:
///     model.description   // 1 + 3*(x - 1) + 3*(x - 1)^2
///     model.expression    // 3*x^2 - 3*x + 1
///
/// Laws: T agrees with f at a to order k (every partial of order ≤ k); for a polynomial of
/// degree ≤ k, T = f exactly; the remainder f − T_k is exactly the part of f of degree > k
/// in (x − a).
public struct TaylorModel: Sendable {
    /// The variables, in order (the point's coordinates follow the same order).
    public let variables: [Symbol]
    /// The expansion point a (exact numbers, or exact constants such as `pi/4`).
    public let center: [Expr]
    /// The order k ≥ 1.
    public let order: Int
    /// Every coefficient c_α = ∂^α f(a)/α! with |α| ≤ k, in graded lexicographic order of α.
    public let terms: [(powers: [Int], coefficient: Expr)]
    /// The engine that computed the coefficients.
    public let engine: DifferentialEngine

    /// A model from its coefficients, given in graded lexicographic order of the multi-indices
    /// of total degree ≤ `order` (C(n + k, k) of them).
    ///
    /// - Precondition: order ≥ 1; the count and order of `coefficients` are those of the
    ///   multi-indices; `center` has one entry per variable.
    public init(variables: [Symbol], center: [Expr], order: Int, coefficients: [Expr], engine: DifferentialEngine) {
        precondition(order >= 1 && center.count == variables.count, "Taylor model dimensions disagree")
        let powers = TaylorModel.multiIndices(variables: variables.count, order: order)
        precondition(powers.count == coefficients.count, "\(coefficients.count) coefficients for \(powers.count) multi-indices")
        self.variables = variables
        self.center = center
        self.order = order
        self.terms = Array(zip(powers, coefficients)).map { (powers: $0.0, coefficient: $0.1) }
        self.engine = engine
    }

    /// The multi-indices α ∈ ℕⁿ with |α| ≤ k in graded lexicographic order: by total degree,
    /// then descending in α₁, then α₂, ….
    ///
    ///     TaylorModel.multiIndices(variables: 2, order: 2)   // [[0,0], [1,0], [0,1], [2,0], [1,1], [0,2]]
    public static func multiIndices(variables n: Int, order k: Int) -> [[Int]] {
        var all: [[Int]] = []
        func homogeneous(_ d: Int, _ prefix: [Int]) {
            if prefix.count == n - 1 {
                all.append(prefix + [d])
                return
            }
            for first in stride(from: d, through: 0, by: -1) { homogeneous(d - first, prefix + [first]) }
        }
        for d in stride(from: 0, through: k, by: 1) {
            if n == 0 {
                if d == 0 { all.append([]) }
            } else {
                homogeneous(d, [])
            }
        }
        return all
    }

    /// The expansion point as rationals, where every coordinate is one.
    public var point: [Rational]? {
        let r = center.compactMap(\.rationalValue)
        return r.count == center.count ? r : nil
    }

    /// The coefficient of (x − a)^α (zero past the model's order).
    ///
    /// - Precondition: `powers` has one entry per variable.
    public func coefficient(_ powers: [Int]) -> Expr {
        precondition(powers.count == variables.count, "one exponent per variable")
        return terms.first { $0.powers == powers }?.coefficient ?? .zero
    }

    /// f(a).
    public var value: Expr { terms[0].coefficient }

    /// ∇f(a), one entry per variable (the coefficients of degree 1).
    public var gradient: [Expr] { Array(terms[1...variables.count].map(\.coefficient)) }

    /// H(a) for order ≥ 2 (Hᵢᵢ = 2·c_{2eᵢ}, Hᵢⱼ = c_{eᵢ+eⱼ}); nil for order 1.
    public var hessian: Matrix<Expr>? {
        guard order >= 2 else { return nil }
        let n = variables.count
        var h = Array(repeating: Array(repeating: Expr.zero, count: n), count: n)
        for (powers, c) in terms where powers.reduce(0, +) == 2 {
            let nonzero = powers.indices.filter { powers[$0] > 0 }
            if nonzero.count == 1 {
                h[nonzero[0]][nonzero[0]] = Expr(2) * c
            } else {
                h[nonzero[0]][nonzero[1]] = c
                h[nonzero[1]][nonzero[0]] = c
            }
        }
        return Matrix(h)
    }

    /// The displacements hᵢ = xᵢ − aᵢ as expressions.
    private var displacements: [Expr] {
        zip(variables, center).map { Expr($0) - $1 }
    }

    /// T at displacements h: Σ c_α h^α (exact arithmetic on the coefficients).
    private func model(_ h: [Expr]) -> Expr {
        Expr.sum(
            terms.compactMap { (powers, c) in
                if c.isZero { return nil }
                return Expr.product([c] + zip(h, powers).compactMap { $1 == 0 ? nil : Expr.power($0, Expr($1)) })
            })
    }

    /// The model as one expression in ``variables``, multiplied out (a polynomial of degree
    /// ≤ k in the variables, with exact coefficients); the model as written is
    /// ``description``.
    ///
    ///     // x^3 at 1, order 2:  3*x^2 - 3*x + 1
    public var expression: Expr {
        let t = model(displacements)
        // The model has C(n + k, k) monomials at most; if expansion hits a size limit, the
        // unexpanded model is still correct.
        return (try? t.expanded()) ?? t
    }

    /// T(x) exactly, as an expression (`cos(1/2) + …` when coefficients are not rational).
    ///
    /// - Precondition: `x.count == variables.count`.
    public func evaluatedExactly(at x: [Rational]) -> Expr {
        evaluatedExactly(at: x.map { Expr($0) })
    }

    /// T(x) exactly at a point of exact constants.
    ///
    /// - Precondition: `x.count == variables.count`.
    public func evaluatedExactly(at x: [Expr]) -> Expr {
        precondition(x.count == variables.count, "point of dimension \(x.count) for \(variables.count) variables")
        return model(zip(x, center).map { $0 - $1 })
    }

    /// T(x) as an exact rational.
    ///
    /// - Throws: `EvaluationError` when a coefficient is not rational (e.g. `cos(1/2)`).
    public func evaluated(at x: [Rational]) throws(EvaluationError) -> Rational {
        try evaluatedExactly(at: x).evaluated(at: [:])
    }

    /// The remainder f(x) − T(x), exactly (an expression; a rational when everything is).
    ///
    /// - Throws: `EvaluationError` from evaluating f at x (÷0, log of a non-positive number).
    public func remainder(of f: Expr, at x: [Rational]) throws(EvaluationError) -> Expr {
        let values = Dictionary(uniqueKeysWithValues: zip(variables, x))
        return try f.evaluatedExactly(at: values) - evaluatedExactly(at: x)
    }
}

/// Why a Taylor model of the requested order is not computed.
public enum TaylorModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The order is outside 1…``TaylorModelError/maximumOrder``.
    case orderOutOfRange(Int)
    /// The model would have more coefficients than the budget allows.
    case tooManyCoefficients(variables: Int, order: Int, limit: Int)

    /// The largest order a model may have.
    public static let maximumOrder = 12
    /// The most coefficients a model may have.
    public static let coefficientBudget = 20_000

    public var description: String {
        switch self {
        case .orderOutOfRange(let k): "the order of a Taylor model must be 1 to \(Self.maximumOrder), not \(k)"
        case .tooManyCoefficients(let n, let k, let limit):
            "a Taylor model of order \(k) in \(n) variables has more than \(limit) coefficients"
        }
    }
}
