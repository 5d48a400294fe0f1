import AutoDiff
import Exact

// The code generator's intermediate form: straight-line statements over Double-valued
// terms, with counted loops (a tape's repeated blocks stay loops). Both strategies lower
// into it (the symbolic one from a CSE'd expression DAG, the tape one from the Wengert
// list, as adjoint code in the manner of Tapenade), the tangent transform
// (`Tangent.swift`) turns it into forward-mode code (JVP; over the gradient code, H·v),
// and one printer per language writes it out.

/// An element of an array: `array[base + stride·r]`, r the index of the innermost loop.
struct Index: Hashable, Sendable {
    var base: Int
    var stride: Int = 0

    static func at(_ k: Int) -> Index { Index(base: k, stride: 0) }
}

/// A value in generated code: a number, a local, an array element, or one operation.
indirect enum Term: Hashable, Sendable {
    case number(Rational)
    case local(String)
    case element(String, Index)
    case add(Term, Term)
    case subtract(Term, Term)
    case multiply(Term, Term)
    case divide(Term, Term)
    case negate(Term)
    /// aⁿ for an integer n (C's `pow(a, n)`, as the tape's Double sweeps compute it).
    case powerInteger(Term, Int)
    /// a^c for a rational c that is not an integer.
    case powerRational(Term, Rational)
    /// a^b, both varying.
    case power(Term, Term)
    /// sin, cos, …, sqrt, abs.
    case call(UnaryFunction, Term)
    /// 1 where `array[index]` equals k, else 0: a colour's seed, the tangent of an input in
    /// the direction of colour k, read from the colours (one byte per input) instead of a
    /// stored direction vector. Constant (its derivative is 0).
    case indicator(String, Index, Int)

    static let zero = Term.number(0)
    static let one = Term.number(1)

    var isZero: Bool { if case .number(let r) = self { r.isZero } else { false } }
    var isOne: Bool { if case .number(let r) = self { r == .one } else { false } }

    /// Whether printing it needs no temporary (a leaf).
    var isAtom: Bool {
        switch self {
        case .number, .local, .element, .indicator: true
        case .add, .subtract, .multiply, .divide, .negate, .powerInteger, .powerRational, .power, .call: false
        }
    }

    // Constructors that fold the zeros and ones the tangent transform produces (x·0, 0 + y).

    static func + (a: Term, b: Term) -> Term {
        if a.isZero { return b }
        if b.isZero { return a }
        return .add(a, b)
    }

    static func - (a: Term, b: Term) -> Term {
        if b.isZero { return a }
        if a.isZero { return -b }
        return .subtract(a, b)
    }

    static func * (a: Term, b: Term) -> Term {
        if a.isZero || b.isZero { return .zero }
        if a.isOne { return b }
        if b.isOne { return a }
        return .multiply(a, b)
    }

    static func / (a: Term, b: Term) -> Term {
        if a.isZero { return .zero }
        if b.isOne { return a }
        return .divide(a, b)
    }

    static prefix func - (a: Term) -> Term {
        if a.isZero { return .zero }
        if case .number(let r) = a { return .number(-r) }
        if case .negate(let u) = a { return u }
        return .negate(a)
    }
}

/// What a checked statement requires of a value; a violation returns the instruction's
/// index + 1 from compiled code (the interpreter then names the error).
enum Requirement: Hashable, Sendable {
    case nonzero(Term)
    case positive(Term)
    case nonnegative(Term)
    /// −1 ≤ a ≤ 1 (asin, acos).
    case unitInterval(Term)
    /// aᵇ is real and defined (Double.pow's rule in the tape's scalar).
    case powerDefined(Term, Term)
    /// A recorded branch still goes the same way.
    case branch(GuardRelation, expected: Bool, Term, Term)
    /// The requirement, unless the adjoint `w` is zero (the interpreter's reverse sweep
    /// skips instructions whose adjoint is zero, so their partials cannot fail).
    indirect case unlessZero(Term, Requirement)
}

/// A place a statement writes.
enum Place: Hashable {
    case local(String)
    case element(String, Index)

    var term: Term {
        switch self {
        case .local(let n): .local(n)
        case .element(let a, let i): .element(a, i)
        }
    }
}

/// One statement of generated code.
indirect enum Statement {
    /// A new local, never reassigned.
    case define(String, Term)
    /// A new local that later statements reassign.
    case variable(String, Term)
    /// place = term.
    case assign(Place, Term)
    /// place += term.
    case accumulate(Place, Term)
    /// array[range] = 0.
    case clear(String, Range<Int>)
    /// In checked code: stop unless the requirement holds, returning the failing
    /// instruction's index + 1 (`code.base + code.stride·r` is the index); elsewhere nothing.
    case require(Requirement, code: Index)
    /// for r in 0 ..< count (or count−1 down to 0), the body once per r; `r` names the
    /// innermost loop index for `Index` strides.
    case loop(count: Int, descending: Bool, body: [Statement])
    /// The body only for the listed values of the loop index.
    case when(indices: [Int], body: [Statement])
}

/// One generated function: its name, parameters (arrays of length given), and body. The
/// body writes the results into `out` (or returns `out[0]` for a scalar signature).
struct Kernel {
    enum Parameter: String {
        /// Point, direction, weights (Double arrays).
        case x, v, w
        /// Colours, one byte per input (the seeds of a compressed Hessian's directions).
        case c
    }

    var name: String
    var parameters: [Parameter]
    var outputCount: Int
    /// Whether the signature returns one number (C: `double fn(const double *x)`).
    var returnsScalar: Bool
    /// Arrays the body uses besides parameters and `out`, with their lengths (allocated by
    /// the function, zero-initialised).
    var scratch: [(name: String, count: Int)]
    var body: [Statement]
    /// For matrices: rows and columns of `out` (row-major); nil for vectors.
    var shape: (rows: Int, columns: Int)?
}
