import Exact
import Symbolic

/// An exact point: a rational value for each named variable, in the order given.
///
///     let a = try Point([(Symbol("x"), Rational(1, 2)), (Symbol("y"), 3)])
///     try a.coordinates(for: [Symbol("y"), Symbol("x")])   // [3, 1/2]
///
/// A `Function` reads its coordinates in its own variable order, so a point may be written
/// in any order; it must give each variable exactly one value and name no other.
public struct Point: Sendable, Equatable {
    /// The variables, in the order given.
    public let symbols: [Symbol]
    /// Their values, in the same order.
    public let values: [Rational]

    /// The point with these (variable, value) pairs.
    ///
    /// - Throws: ``FunctionError/duplicateCoordinate(_:)`` when a variable is given twice.
    public init(_ pairs: [(Symbol, Rational)]) throws {
        if pairs.count <= 16 {  // the usual point: a quadratic check beats hashing
            for i in pairs.indices where pairs[..<i].contains(where: { $0.0 == pairs[i].0 }) {
                throw FunctionError.duplicateCoordinate(pairs[i].0)
            }
        } else {
            var seen = Set<Symbol>()
            for (s, _) in pairs where !seen.insert(s).inserted { throw FunctionError.duplicateCoordinate(s) }
        }
        symbols = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    /// The point whose i-th variable has the i-th value.
    ///
    ///     Point(variables: [Symbol("x")], values: [2]).values   // [2]
    ///
    /// - Precondition: as many values as variables, no variable twice.
    public init(variables: [Symbol], values: [Rational]) {
        precondition(variables.count == values.count && Set(variables).count == variables.count,
                     "a point needs one value per distinct variable")
        symbols = variables
        self.values = values
    }

    /// The (variable, value) pairs, in order.
    public var pairs: [(Symbol, Rational)] { Array(zip(symbols, values)) }

    /// The values of `variables`, in that order.
    ///
    /// - Throws: ``FunctionError/missingCoordinate(_:)`` when a variable has no value;
    ///   ``FunctionError/unknownCoordinate(_:variables:)`` when the point names a symbol that
    ///   is not one of `variables`.
    public func coordinates(for variables: [Symbol]) throws -> [Rational] {
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
