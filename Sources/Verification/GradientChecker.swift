import AutoDiff
import Exact

/// Checks a hand-written gradient (or JVP, or VJP) against the tape recorded from the same
/// function, exactly, at random rational points: no tolerance, so an error in the last
/// digit of a coefficient is an error. Usable from a test in one line:
///
///     @Test func myGradient() throws {
///         #expect(try GradientChecker.check(rosenbrock, gradient: rosenbrockGradient, dimension: 4).passed)
///         try GradientChecker.verify(rosenbrock, gradient: rosenbrockGradient, dimension: 4)  // or: throws the first wrong entry
///     }
///
/// `f` is the function written once over `Traced` (the recorder's scalar), `gradient` the
/// derivative as the user wrote it, over exact rationals. At each point the program is
/// recorded there (so branches take their branch at that point) and the tape's reverse
/// sweep gives the reference. Points where f has no rational value or no derivative (a pole,
/// sin(1/2)) are skipped and counted; a check that compared nothing does not pass.
public enum GradientChecker {
    /// Points and seed.
    public struct Configuration: Sendable, Hashable {
        /// The number of random points.
        public var points: Int
        /// The seed: the same seed, the same points.
        public var seed: UInt64
        /// How coordinates, directions and weights are drawn.
        public var sampler: RationalSampler

        /// A configuration; the default checks 10 points with seed 0.
        public init(points: Int = 10, seed: UInt64 = 0, sampler: RationalSampler = RationalSampler()) {
            self.points = points
            self.seed = seed
            self.sampler = sampler
        }
    }

    /// The outcome of a check.
    public struct Result: Sendable, CustomStringConvertible {
        /// Points where the derivative was compared.
        public let checkedPoints: Int
        /// Points skipped because the tape has no exact derivative there.
        public let skippedPoints: Int
        /// The first wrong entry, if any.
        public let failure: GradientCheckFailure?

        /// `true` when at least one point was compared and every entry was right.
        public var passed: Bool { failure == nil && checkedPoints > 0 }

        /// The one-line printed form.
        public var description: String {
            if let failure { return "FAILED: \(failure)" }
            if checkedPoints == 0 { return "FAILED: no point could be checked (\(skippedPoints) skipped)" }
            return "passed: \(checkedPoints) points, \(skippedPoints) skipped"
        }
    }

    /// Checks `gradient` against ∇f at random points.
    ///
    ///     try GradientChecker.check({ x in x[0] * x[0] }, gradient: { x in [2 * x[0]] }, dimension: 1).passed   // true
    ///
    /// - Throws: whatever `gradient` throws.
    public static func check(
        _ f: ([Traced]) -> Traced, gradient: ([Rational]) throws -> [Rational], dimension n: Int,
        configuration: Configuration = Configuration()
    ) rethrows -> Result {
        try run(
            .gradient, n, configuration, { x in [f(x)] },
            reference: { (tape, point, _, _) throws(TapeError) in try tape.gradient(at: point) },
            user: { point, _, _ in try gradient(point) })
    }

    /// Checks a hand-written JVP rule `jvp(x, v)` = J(x)·v against the tape's forward mode.
    ///
    ///     try GradientChecker.check({ x in [x[0] * x[1]] }, jvp: { x, v in [x[1] * v[0] + x[0] * v[1]] }, dimension: 2).passed   // true
    ///
    /// - Throws: whatever `jvp` throws.
    public static func check(
        _ f: ([Traced]) -> [Traced], jvp: ([Rational], [Rational]) throws -> [Rational], dimension n: Int,
        configuration: Configuration = Configuration()
    ) rethrows -> Result {
        try run(
            .jvp, n, configuration, f,
            reference: { (tape, point, v, _) throws(TapeError) in try tape.jvp(at: point, direction: v).tangent },
            user: { point, v, _ in try jvp(point, v) })
    }

    /// Checks a hand-written VJP rule `vjp(x, w)` = wᵀJ(x) against the tape's reverse mode.
    ///
    ///     try GradientChecker.check({ x in [x[0] * x[1]] }, vjp: { x, w in [w[0] * x[1], w[0] * x[0]] }, dimension: 2).passed   // true
    ///
    /// - Throws: whatever `vjp` throws.
    public static func check(
        _ f: ([Traced]) -> [Traced], vjp: ([Rational], [Rational]) throws -> [Rational], dimension n: Int,
        configuration: Configuration = Configuration()
    ) rethrows -> Result {
        try run(
            .vjp, n, configuration, f,
            reference: { (tape, point, _, w) throws(TapeError) in try tape.vjp(at: point, weights: w).cotangent },
            user: { point, _, w in try vjp(point, w) })
    }

    /// Like ``check(_:gradient:dimension:configuration:)``, but throws the first wrong entry.
    ///
    ///     try GradientChecker.verify({ x in x[0] * x[0] }, gradient: { x in [3 * x[0]] }, dimension: 1)
    ///     // throws: gradient[0] is wrong at (-7/5): the tape says -14/5, the hand-written rule -21/5
    ///
    /// - Throws: ``GradientCheckFailure``; whatever `gradient` throws.
    public static func verify(
        _ f: ([Traced]) -> Traced, gradient: ([Rational]) throws -> [Rational], dimension n: Int,
        configuration: Configuration = Configuration()
    ) throws {
        try throwIfFailed(check(f, gradient: gradient, dimension: n, configuration: configuration))
    }

    /// Like ``check(_:jvp:dimension:configuration:)``, but throws the first wrong entry.
    ///
    /// - Throws: ``GradientCheckFailure``; whatever `jvp` throws.
    public static func verify(
        _ f: ([Traced]) -> [Traced], jvp: ([Rational], [Rational]) throws -> [Rational], dimension n: Int,
        configuration: Configuration = Configuration()
    ) throws {
        try throwIfFailed(check(f, jvp: jvp, dimension: n, configuration: configuration))
    }

    /// Like ``check(_:vjp:dimension:configuration:)``, but throws the first wrong entry.
    ///
    /// - Throws: ``GradientCheckFailure``; whatever `vjp` throws.
    public static func verify(
        _ f: ([Traced]) -> [Traced], vjp: ([Rational], [Rational]) throws -> [Rational], dimension n: Int,
        configuration: Configuration = Configuration()
    ) throws {
        try throwIfFailed(check(f, vjp: vjp, dimension: n, configuration: configuration))
    }

    private static func throwIfFailed(_ result: Result) throws {
        if let failure = result.failure { throw failure }
        if !result.passed { throw GradientCheckFailure.nothingChecked(skipped: result.skippedPoints) }
    }

    /// Records f at each point and compares the reference with the user's rule there.
    private static func run(
        _ object: GradientCheckFailure.Object, _ n: Int, _ configuration: Configuration, _ f: ([Traced]) -> [Traced],
        reference: (Tape, [Rational], [Rational], [Rational]) throws(TapeError) -> [Rational],
        user: ([Rational], [Rational], [Rational]) throws -> [Rational]
    ) rethrows -> Result {
        let root = SplitMix64(seed: configuration.seed)
        var checked = 0
        var skipped = 0
        for k in 0..<configuration.points {
            var g = root.split(k)
            let point = configuration.sampler.vector(n, using: &g)
            let v = configuration.sampler.nonzeroVector(n, using: &g)
            guard let tape = try? Tape.record(at: point, f) else {
                skipped += 1
                continue
            }
            let w = configuration.sampler.nonzeroVector(tape.outputCount, using: &g)
            // The reference first: where the tape has no exact derivative, the point is skipped.
            guard let expected = try? reference(tape, point, v, w) else {
                skipped += 1
                continue
            }
            let actual = try user(point, v, w)
            let direction = object == .jvp ? v : (object == .vjp ? w : nil)
            if actual.count != expected.count {
                let failure = GradientCheckFailure.wrongLength(object, point: point, expected: expected.count, actual: actual.count)
                return Result(checkedPoints: checked, skippedPoints: skipped, failure: failure)
            }
            if let i = expected.indices.first(where: { expected[$0] != actual[$0] }) {
                let failure = GradientCheckFailure.wrongEntry(
                    object, index: i, point: point, direction: direction, expected: expected[i], actual: actual[i])
                return Result(checkedPoints: checked, skippedPoints: skipped, failure: failure)
            }
            checked += 1
        }
        return Result(checkedPoints: checked, skippedPoints: skipped, failure: nil)
    }
}

/// Why a hand-written derivative failed ``GradientChecker``.
public enum GradientCheckFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was checked.
    public enum Object: String, Sendable, Hashable {
        case gradient, jvp, vjp
    }

    /// Entry `index` differs from the tape's at `point` (with `direction`, the v of a JVP or
    /// the w of a VJP): `expected` is the tape's value, `actual` the hand-written one.
    case wrongEntry(Object, index: Int, point: [Rational], direction: [Rational]?, expected: Rational, actual: Rational)
    /// The hand-written rule returned `actual` entries where the tape has `expected`.
    case wrongLength(Object, point: [Rational], expected: Int, actual: Int)
    /// No point could be checked: f has no exact derivative at any of them.
    case nothingChecked(skipped: Int)

    /// The one-line printed form.
    public var description: String {
        func list(_ v: [Rational]) -> String { "(" + v.map(\.description).joined(separator: ", ") + ")" }
        switch self {
        case .wrongEntry(let object, let i, let point, let direction, let expected, let actual):
            let along = direction.map { object == .jvp ? " along v = \(list($0))" : " with w = \(list($0))" } ?? ""
            return "\(object.rawValue)[\(i)] is wrong at \(list(point))\(along): the tape says \(expected), the hand-written rule \(actual)"
        case .wrongLength(let object, let point, let expected, let actual):
            return "\(object.rawValue) has \(actual) entries at \(list(point)), expected \(expected)"
        case .nothingChecked(let skipped):
            return "no point could be checked (\(skipped) skipped: no exact derivative there)"
        }
    }
}
