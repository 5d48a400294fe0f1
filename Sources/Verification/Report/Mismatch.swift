import Exact
import Symbolic

extension CrossCheck {
    /// The source of a value in a cross-check.
    public enum Engine: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Symbolic differentiation (the `Derivatives` module), evaluated at the point.
        case symbolic
        /// The tape's forward mode (JVPs).
        case forward
        /// The tape's reverse mode (VJPs, gradients).
        case reverse
        /// The tape's forward-over-reverse mode (HVPs, Hessians).
        case forwardOverReverse = "forward-over-reverse"
        /// The rule-free oracle: exact difference quotients of f(a + h·v).
        case differenceQuotient = "difference-quotient"

        /// The one-line printed form.
        public var description: String { rawValue }
    }
}

/// One engine's value of one entry: an exact rational, an exact expression that is not
/// rational (`2*cos(1/2)`), or a floating-point number.
public enum EntryValue: Hashable, Sendable, CustomStringConvertible {
    /// An exact rational value.
    case exact(Rational)
    /// An exact value written as an expression (at a point where it is not rational).
    case expression(Expr)
    /// A `Double` value.
    case approximate(Double)

    /// The one-line printed form.
    public var description: String {
        switch self {
        case .exact(let r): r.description
        case .expression(let e): e.description
        case .approximate(let d): "\(d)"
        }
    }
}

/// An engine and the value it gave.
public struct Reading: Hashable, Sendable, CustomStringConvertible {
    /// Who computed it.
    public let engine: CrossCheck.Engine
    /// What it computed.
    public let value: EntryValue

    /// `engine`'s `value`.
    public init(_ engine: CrossCheck.Engine, _ value: EntryValue) {
        self.engine = engine
        self.value = value
    }

    /// The one-line printed form.
    public var description: String { "\(engine) \(value)" }
}

/// A disagreement found by ``CrossCheck``: which object, which entry, at which point, what
/// each engine said, and the smallest subexpression where the engines first differ.
///
///     mismatch.description
///     // jacobian[0][0] at x = 1/2: symbolic 3/4, forward 3/4, reverse -3/4;
///     //   first differs at 1/x: symbolic -4, reverse 4
public struct Mismatch: Hashable, Sendable, CustomStringConvertible {
    /// The objects a cross-check compares.
    public enum Object: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// f(a) itself.
        case value
        /// ∇f(a) (scalar functions).
        case gradient
        /// J(a), entry [i][j] = ∂fᵢ/∂xⱼ.
        case jacobian
        /// J(a)·v, entry [i].
        case jvp
        /// wᵀJ(a), entry [j].
        case vjp
        /// ⟨w, J·v⟩ = ⟨Jᵀ·w, v⟩ between the forward and the reverse sweep.
        case adjointIdentity = "adjoint-identity"
        /// ∇²(wᵀf)(a), entry [i][j].
        case hessian
        /// Hᵢⱼ = Hⱼᵢ within one engine.
        case hessianSymmetry = "hessian-symmetry"
        /// ∇²(wᵀf)(a)·v, entry [k]; also the law HVP = H·v.
        case hvp
        /// vᵀ∇²fᵢ(a)v, entry [i]: the second directional derivative, against the oracle.
        case secondDirectionalDerivative = "second-directional-derivative"

        /// The one-line printed form.
        public var description: String { rawValue }
    }

    /// How the values were compared.
    public enum Comparison: String, Sendable, Hashable, CustomStringConvertible {
        /// Exact rationals, for equality.
        case exact
        /// Exact expressions (for entries that are not rational at the point): equal when
        /// their difference cancels to zero, else by their values at random points.
        case expression
        /// Doubles, within a tolerance scaled by the magnitudes involved.
        case floatingPoint = "floating-point"

        /// The one-line printed form.
        public var description: String { rawValue }
    }

    /// The object that differs.
    public let object: Object
    /// The entry's indices ([i] or [i, j]; [] for a scalar such as the adjoint identity).
    public let entry: [Int]
    /// The variables, in order.
    public let variables: [Symbol]
    /// The point a.
    public let point: [Rational]
    /// The direction v, where the object uses one.
    public let direction: [Rational]?
    /// The output weights w, where the object uses them.
    public let weights: [Rational]?
    /// How the values were compared.
    public let comparison: Comparison
    /// Each engine's value, the reference (usually the symbolic engine) first.
    public let readings: [Reading]
    /// The smallest subexpression of the function where the disagreeing engines already
    /// differ, with their values there (`nil` when not searched or not found).
    public internal(set) var culprit: Culprit?

    /// The subexpression where two engines first disagree, and their values there.
    public struct Culprit: Hashable, Sendable, CustomStringConvertible {
        /// The smallest subexpression whose children agree but which does not.
        public let subexpression: Expr
        /// The two engines' values of the same object on that subexpression.
        public let readings: [Reading]

        /// The one-line printed form.
        public var description: String {
            "\(subexpression): " + readings.map(\.description).joined(separator: ", ")
        }
    }

    /// The entry written as in `jacobian[0][1]`.
    public var entryDescription: String {
        object.rawValue + entry.map { "[\($0)]" }.joined()
    }

    /// The point written as `x = 1/2, y = 3`.
    public var pointDescription: String {
        zip(variables, point).map { "\($0) = \($1)" }.joined(separator: ", ")
    }

    /// The one-line printed form.
    public var description: String {
        var text = "\(entryDescription) at \(pointDescription.isEmpty ? "()" : pointDescription)"
        if let v = direction { text += ", v = (\(v.map(\.description).joined(separator: ", ")))" }
        if let w = weights { text += ", w = (\(w.map(\.description).joined(separator: ", ")))" }
        text += ": " + readings.map(\.description).joined(separator: ", ")
        if let c = culprit { text += "; first differs at \(c)" }
        return text
    }
}
