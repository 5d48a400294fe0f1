import AutoDiff
import Exact

// The program's syntax tree, as parsed. Every node keeps where it starts, so that the
// checker and the compilers can name `line:column` in their errors.

enum BinaryOperator: Equatable, Sendable {
    case add, subtract, multiply, divide, power

    var symbol: String {
        switch self {
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .power: "^"
        }
    }
}

enum ReductionKind: Equatable, Sendable {
    case sum, product

    var name: String {
        switch self {
        case .sum: "sum"
        case .product: "prod"
        }
    }
}

/// An expression of the program language.
indirect enum Node: Sendable {
    case number(Rational, SourceLocation)
    case name(String, SourceLocation)
    /// `v[index]`: an entry of a vector input or of an intermediate vector.
    case element(String, Node, SourceLocation)
    case negate(Node, SourceLocation)
    case binary(BinaryOperator, Node, Node, SourceLocation)
    case call(UnaryFunction, Node, SourceLocation)
    /// `sum(i = from..to, body)` / `prod(…)`.
    case reduction(ReductionKind, index: String, from: Node, to: Node, body: Node, SourceLocation)

    /// Where the node's text starts (a binary node: its left operand).
    var start: SourceLocation {
        if case .binary(_, let a, _, _) = self { return a.start }
        return location
    }

    /// The node's own place: an operator's for a binary node.
    var location: SourceLocation {
        switch self {
        case .number(_, let l), .name(_, let l), .element(_, _, let l), .negate(_, let l), .binary(_, _, _, let l),
            .call(_, _, let l), .reduction(_, _, _, _, _, let l):
            l
        }
    }
}

/// An input declaration: a scalar (`input a`) or a vector (`input x[n]`).
struct InputDeclaration: Sendable {
    let name: String
    /// The length, for a vector (an index expression over parameters).
    let length: Node?
    let location: SourceLocation
}

/// A statement of the program language.
indirect enum Statement: Sendable {
    case param(name: String, value: Node, SourceLocation)
    case input([InputDeclaration])
    /// `name = value` or `name[index] = value`.
    case assign(name: String, index: Node?, value: Node, SourceLocation)
    case loop(index: String, from: Node, to: Node, body: [Statement], SourceLocation)
    case output([(name: String, location: SourceLocation)])
}
