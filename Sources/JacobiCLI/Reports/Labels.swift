import Jacobi

/// The names of the objects the commands print, in text and LaTeX; `(a)` marks a value at
/// the point.
extension Label {
    /// ∂f/∂x (∂fᵢ/∂x for the i-th of several functions).
    static func partial(_ x: Symbol, atPoint: Bool = false) -> Label {
        let a = atPoint ? "(a)" : ""
        return Label("∂f/∂\(x)" + a, latex: "\\frac{\\partial f}{\\partial \(Expr(x).latex)}" + a)
    }

    static func partials(_ xs: [Symbol], atPoint: Bool = false) -> [Label] {
        xs.map { partial($0, atPoint: atPoint) }
    }

    static let gradientAtPoint = Label("∇f(a)", latex: "\\nabla f(a)")
    static let directional = Label("D_v f", latex: "D_v f")
    static let directionalAtPoint = Label("D_v f(a)", latex: "D_v f(a)")

    /// D_v^k f (k ≥ 2), or D_v f for k = 1; `atPoint` adds (a).
    static func directional(order k: Int, atPoint: Bool) -> Label {
        if k == 1 { return atPoint ? directionalAtPoint : directional }
        let a = atPoint ? "(a)" : ""
        return Label("D_v^\(k) f\(a)", latex: "D_v^{\(k)} f\(a)")
    }
    static let jacobian = Label("J", latex: "J")
    static let jacobianAtPoint = Label("J(a)", latex: "J(a)")
    static let hessian = Label("H", latex: "H")
    static let hessianAtPoint = Label("H(a)", latex: "H(a)")
    static let valueAtPoint = Label("f(a)", latex: "f(a)")
    static let direction = Label("v", latex: "v")
    static let weights = Label("w", latex: "w")
    static let jvp = Label("J·v", latex: "J\\,v")
    static let jvpAtPoint = Label("J(a)·v", latex: "J(a)\\,v")
    static let vjp = Label("wᵀJ", latex: "w^{\\top} J")
    static let vjpAtPoint = Label("wᵀJ(a)", latex: "w^{\\top} J(a)")
    static let hvp = Label("H·v", latex: "H\\,v")
    static let hvpAtPoint = Label("H(a)·v", latex: "H(a)\\,v")

    /// T₁ or T₂ of the variables.
    static func taylor(order: Int, _ xs: [Symbol]) -> Label {
        Label(
            "T\(order)(\(xs.map(\.name).joined(separator: ", ")))",
            latex: "T_{\(order)}(\(xs.map { Expr($0).latex }.joined(separator: ", ")))")
    }
}

extension Field {
    /// f(a) under `value`, one entry per function.
    static func value(_ values: [Expr]) -> Field {
        .values(key: "value", Quantity.vector(.valueAtPoint, values).exactNumbers, numeric: nil)
    }

    /// f(a) under `value`, rational where the library computed over `Rational`.
    static func value(_ values: AtPoint<[Rational], [Expr]>) -> Field {
        .values(key: "value", .vector(.valueAtPoint, values.numbers), numeric: nil)
    }

    /// The result at the point under `exact`, with its floats under `numeric`.
    static func exact(_ q: Quantity) -> Field {
        .values(key: "exact", q.exactNumbers, numeric: "numeric")
    }

    /// The same for values that may be rationals (`Function.atPoint`'s results).
    static func exact(_ q: ExactQuantity) -> Field {
        .values(key: "exact", q, numeric: "numeric")
    }

    /// `at` and `engine`, f(a) under `value`, and a product at the point (J·v, wᵀJ, H·v) under
    /// `exact`, each over `Rational` where the library can (`Function.atPoint`): `rational`
    /// and `exact` are the same library call, over the coordinates and over the point.
    static func product(
        _ label: Label, of f: Function, at a: Point, engine: DifferentialEngine,
        rational: ([Rational]) throws -> [Rational], exact: (Point) throws -> [Expr]
    ) throws -> [Field] {
        let value = try f.atPoint(a, engine: .reverse, rational: { try f.value(at: $0) }, exact: { try f.value(at: $0) })
        let product = try f.atPoint(a, engine: engine, rational: rational, exact: exact)
        return [.point(a, engine: engine), .value(value), .exact(.vector(label, product.numbers))]
    }
}

extension AtPoint where Rationals == [Rational], Expressions == [Expr] {
    /// The values, rational or exact expressions.
    var numbers: [ExactNumber] {
        switch self {
        case .rational(let r): return r.map(ExactNumber.rational)
        case .exact(let e): return e.map(ExactNumber.expression)
        }
    }
}

extension AtPoint where Rationals == Matrix<Rational>, Expressions == Matrix<Expr> {
    /// The entries, rational or exact expressions.
    var numbers: Matrix<ExactNumber> {
        switch self {
        case .rational(let r): return r.map(ExactNumber.rational)
        case .exact(let e): return e.map(ExactNumber.expression)
        }
    }
}
