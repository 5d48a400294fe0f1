import ArgumentParser
import Jacobi

/// `jacobi taylor EXPR --at … [--order k]`: the Taylor model of order k (1…12) around a.
struct Taylor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The Taylor model of order k of f around a, centred, with exact coefficients.",
        usage: "jacobi taylor <expression> --at <x=1/2,y=-3> [--order <k>] [<options>]",
        discussion:
            "T(x) = Σ_{|α| ≤ k} ∂^α f(a)/α! · (x − a)^α, printed in powers of (xᵢ − aᵢ), grouped by degree; k from 1 to 12. Example: jacobi taylor \"exp(x)*y\" --at x=0,y=1 --order 3"
    )

    @OptionGroup var common: CommonOptions
    // `.unconditional`: "-1" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "The order k of the model, 1 to 12.") var order: Int = 2
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the coefficients.") var engine: DifferentialEngine = .reverse

    func validate() throws {
        let k = TaylorModelError.maximumOrder
        guard (1...k).contains(order) else { throw ValidationError("--order must be 1 to \(k), not \(order)") }
    }

    func run() async throws {
        let f = try common.function(for: "taylor", arity: .one)
        try await point.run(
            Computation(
                "taylor", f, inputs: [.integer(key: "order", order)], needsPoint: true, symbolic: { [] },
                atPoint: { a in TaylorReport.fields(try f.taylor(at: a, order: order, engine: engine), at: a) }),
            common)
    }
}

/// The fields of a Taylor model (DESIGN.md: `symbolic` is the model, `exact` its value at
/// a, then `value`, `gradient`, `hessian` — null at order 1 — and every coefficient in `terms`).
enum TaylorReport {
    static func fields(_ model: TaylorModel, at a: Point) -> [Field] {
        let terms: [JSONValue] = model.terms.map { term in
            .object([
                ("powers", .array(term.powers.map { .integer($0) })), ("exact", .string(term.coefficient.description)),
                ("numeric", PointValues.double(term.coefficient).map(JSONValue.number) ?? .null),
            ])
        }
        var fields: [Field] = [
            .symbolic(.written(.taylor(order: model.order, model.variables), text: model.description, latex: model.latex)),
            .point(a, engine: model.engine),
            .values(key: "exact", .scalar(.valueAtPoint, .expression(model.value)), numeric: "numeric", shown: false),
            .values(key: "value", .scalar(.valueAtPoint, .expression(model.value)), numeric: nil),
            .values(key: "gradient", Quantity.vector(.gradientAtPoint, model.gradient).exactNumbers, numeric: nil),
        ]
        if let h = model.hessian {
            fields.append(.values(key: "hessian", Quantity.matrix(.hessianAtPoint, h).exactNumbers, numeric: nil))
        } else {
            fields.append(.custom(json: [("hessian", .null)], text: [], latex: []))
        }
        fields.append(.custom(json: [("terms", .array(terms))], text: [], latex: []))
        return fields
    }
}
