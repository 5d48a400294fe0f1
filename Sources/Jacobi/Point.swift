import Exact
import Symbolic

/// An exact point: a value for each named variable, in the order given. A value is an
/// exact constant: a rational number (the usual case) or a constant expression such as
/// `pi/4` or `sqrt(2)` (DESIGN: `--at x=pi/4,y=sqrt(2)`).
///
///     let a = try Point([(Symbol("x"), Rational(1, 2)), (Symbol("y"), 3)])
///     try a.coordinates(for: [Symbol("y"), Symbol("x")])   // [3, 1/2]
///
/// A `Function` reads its coordinates in its own variable order, so a point may be written
/// in any order; it must give each variable exactly one value and name no other. Where
/// every value is rational the engines run over `Rational`; otherwise over exact
/// expressions (`Expr`), whose results stay exact (`sin(x)` at pi/4 is `sqrt(2)/2`).
public struct Point: Sendable, Equatable {
    /// The variables, in the order given.
    public let symbols: [Symbol]
    /// The values as rationals, when every one of them is rational (else `nil`).
    public let rationalValues: [Rational]?
    /// The values when one of them is not rational (a rational point keeps only its
    /// rationals: a program's point may have 10⁶ of them, and an `Expr` each would cost).
    private let constants: [Expr]?

    /// Their values, exact constants, in the same order.
    public var values: [Expr] {
        if let constants { return constants }
        return (rationalValues ?? []).map { Expr($0) }
    }

    /// The point with these (variable, value) pairs.
    ///
    /// - Throws: ``FunctionError/duplicateCoordinate(_:)`` when a variable is given twice.
    public init(_ pairs: [(Symbol, Rational)]) throws {
        try Point.checkDistinct(pairs.map(\.0))
        symbols = pairs.map(\.0)
        rationalValues = pairs.map(\.1)
        constants = nil
    }

    /// The point with these (variable, exact constant) pairs; a value that is a number is
    /// kept as a rational.
    ///
    ///     try Point(exactly: [(Symbol("x"), Expr.pi / 4)]).rationalValues   // nil
    ///
    /// - Throws: ``FunctionError/duplicateCoordinate(_:)`` when a variable is given twice;
    ///   `NotAConstant` when a value has a variable; `UndefinedConstant` when a value has no
    ///   real value (`tan(pi/2)`).
    public init(exactly pairs: [(Symbol, Expr)]) throws {
        try Point.checkDistinct(pairs.map(\.0))
        for (_, v) in pairs where v.rationalValue == nil {
            if let s = v.freeSymbols.first { throw NotAConstant(text: v.description, variable: s) }
            try v.checkDefined()
        }
        symbols = pairs.map(\.0)
        var rational: [Rational] = []
        rational.reserveCapacity(pairs.count)
        for (_, v) in pairs {
            guard let r = v.rationalValue else { break }
            rational.append(r)
        }
        rationalValues = rational.count == pairs.count ? rational : nil
        constants = rationalValues == nil ? pairs.map(\.1) : nil
    }

    /// The point whose i-th variable has the i-th value.
    ///
    ///     Point(variables: [Symbol("x")], values: [2]).values   // [2]
    ///
    /// - Precondition: as many values as variables, no variable twice.
    public init(variables: [Symbol], values: [Rational]) {
        precondition(
            variables.count == values.count && (try? Point.checkDistinct(variables)) != nil,
            "a point needs one value per distinct variable")
        symbols = variables
        rationalValues = values
        constants = nil
    }

    static func checkDistinct(_ symbols: [Symbol]) throws {
        if symbols.count <= 16 {  // the usual point: a quadratic check beats hashing
            for i in symbols.indices where symbols[..<i].contains(symbols[i]) {
                throw FunctionError.duplicateCoordinate(symbols[i])
            }
        } else {
            var seen = Set<Symbol>()
            for s in symbols where !seen.insert(s).inserted { throw FunctionError.duplicateCoordinate(s) }
        }
    }

    /// Whether every value is rational.
    public var isRational: Bool { rationalValues != nil }

    /// The values as printed (`1/2`, `pi/4`), without building an `Expr` per rational.
    ///
    ///     try Point([(Symbol("x"), Rational(1, 2))]).valueTexts   // ["1/2"]
    public var valueTexts: [String] {
        if let rationalValues { return rationalValues.map(\.description) }
        return values.map(\.description)
    }

    /// The (variable, value) pairs, in order.
    public var pairs: [(Symbol, Expr)] { Array(zip(symbols, values)) }

    /// The rational values of `variables`, in that order.
    ///
    /// - Throws: ``FunctionError/missingCoordinate(_:)`` when a variable has no value;
    ///   ``FunctionError/unknownCoordinate(_:variables:)`` when the point names a symbol that
    ///   is not one of `variables`; ``FunctionError/notRationalCoordinate(_:value:)`` when a
    ///   value is not rational (use ``exactCoordinates(for:)``).
    public func coordinates(for variables: [Symbol]) throws -> [Rational] {
        guard let rationalValues else {
            let exact = values
            let i = exact.firstIndex { $0.rationalValue == nil } ?? 0
            throw FunctionError.notRationalCoordinate(symbols[i], value: exact[i])
        }
        return try Point.select(variables, from: symbols, rationalValues)
    }

    /// The exact values of `variables`, in that order.
    ///
    ///     try Point(exactly: [(Symbol("x"), Expr.pi)]).exactCoordinates(for: [Symbol("x")])   // [pi]
    ///
    /// - Throws: as ``coordinates(for:)``, apart from the rational requirement.
    public func exactCoordinates(for variables: [Symbol]) throws -> [Expr] {
        try Point.select(variables, from: symbols, values)
    }

    static func select<V>(_ variables: [Symbol], from symbols: [Symbol], _ values: [V]) throws -> [V] {
        if symbols == variables { return values }  // the usual case: given in the function's order
        let known = Set(variables)
        for s in symbols where !known.contains(s) { throw FunctionError.unknownCoordinate(s, variables: variables) }
        let index = Dictionary(uniqueKeysWithValues: zip(symbols, values.indices))
        return try variables.map { s in
            guard let i = index[s] else { throw FunctionError.missingCoordinate(s) }
            return values[i]
        }
    }
}
