import ArgumentParser
import Jacobi

/// `jacobi taylor EXPR --at … [--order 1|2]`: the Taylor model around a.
struct Taylor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The first- or second-order Taylor model of f around a, with exact coefficients.",
        usage: "jacobi taylor <expression> --at <x=1/2,y=-3> [--order <1|2>] [<options>]",
        discussion: "T(x) = f(a) + ∇f(a)·(x − a) [+ ½ (x − a)ᵀ H(a) (x − a) for order 2]. Example: jacobi taylor \"exp(x)*y\" --at x=0,y=1 --order 2")

    @OptionGroup var common: CommonOptions
    // `.unconditional`: "-1" is read as the (invalid) value, not as a missing one.
    @Option(parsing: .unconditional, help: "The order of the model: 1 or 2.") var order: Int = 2
    @OptionGroup var point: PointOptions
    @Option(help: "The engine that gives the coefficients.") var engine: DifferentialEngine = .reverse

    func validate() throws {
        guard order == 1 || order == 2 else { throw ValidationError("--order must be 1 or 2, not \(order)") }
    }

    func run() throws {
        let f = try common.function(for: "taylor", arity: .one)
        try point.run(Computation("taylor", f, inputs: [.integer(key: "order", order)], needsPoint: true, symbolic: { [] },
                                  atPoint: { a in TaylorReport.fields(try f.taylor(at: a, order: order, engine: engine), at: a) }),
                      common)
    }
}

/// The fields of a Taylor model (DESIGN.md: `symbolic` is the model, `exact` its value at
/// a, then `value`, `gradient`, `hessian` — null at order 1 — and every coefficient in `terms`).
enum TaylorReport {
    static func fields(_ model: TaylorModel, at a: Point) -> [Field] {
        let terms: [JSONValue] = model.terms.map { term in
            .object([("powers", .array(term.powers.map { .integer($0) })), ("exact", .string(term.coefficient.description)),
                     ("numeric", PointValues.double(term.coefficient).map(JSONValue.number) ?? .null)])
        }
        var fields: [Field] = [
            .symbolic(.scalar(.taylor(order: model.order, model.variables), model.expression.simplified())),
            .point(a, engine: model.engine),
            .values(key: "exact", .scalar(.valueAtPoint, model.value), numeric: "numeric", shown: false),
            .values(key: "value", .scalar(.valueAtPoint, model.value), numeric: nil),
            .values(key: "gradient", .vector(.gradientAtPoint, model.gradient), numeric: nil),
        ]
        if let h = model.hessian {
            fields.append(.values(key: "hessian", .matrix(.hessianAtPoint, h), numeric: nil))
        } else {
            fields.append(.custom(json: [("hessian", .null)], text: [], latex: []))
        }
        fields.append(.custom(json: [("terms", .array(terms))], text: [], latex: []))
        return fields
    }
}
