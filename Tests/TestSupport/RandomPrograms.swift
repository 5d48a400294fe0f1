import AutoDiff
import Exact

/// Random straight-line programs, recorded onto tapes, and random small rational points:
/// the one program builder of the tests (exact properties of the sweeps, the sweep plan,
/// and the cross-check of recorded programs).
public enum RandomPrograms {
    /// Which operations a program draws from.
    public enum Operations: Sendable {
        /// + − × ÷, integer powers and constants: a rational function, exact at rational points.
        case rational
        /// Those and rational powers, sqrt and the elementary functions (sin, exp, log, atan,
        /// tanh, cosh, abs): every operation the recorder offers.
        case elementary
    }

    /// A random program of `n` inputs with `m` outputs (the last `m` values), about `steps`
    /// operations, each reading two earlier values.
    public static func tape(
        inputs n: Int, outputs m: Int, steps: Int, operations: Operations = .rational,
        using g: inout SeededGenerator
    ) -> Tape {
        var choices: [UInt64] = (0..<(steps * 4 + m)).map { _ in g.next() }
        var cursor = 0
        func next(_ bound: Int) -> Int {
            defer { cursor += 1 }
            return Int(choices[cursor % choices.count] % UInt64(bound))
        }
        let tape = try! Tape.record(inputs: n) { (x: [Traced]) -> [Traced] in
            var pool = x
            for _ in 0..<steps {
                let a = pool[next(pool.count)]
                let b = pool[next(pool.count)]
                let c = Rational(next(7) - 3, next(3) + 1)
                switch operations {
                case .rational: pool.append(rationalStep(a, b, c, next))
                case .elementary: pool.append(elementaryStep(a, b, c, next))
                }
            }
            return (0..<m).map { pool[pool.count - 1 - $0] }
        }
        choices.removeAll()
        return tape
    }

    static func rationalStep(_ a: Traced, _ b: Traced, _ c: Rational, _ next: (Int) -> Int) -> Traced {
        switch next(13) {
        case 0, 1: return a + b
        case 2: return a - b
        case 3, 4: return a * b
        case 5: return a / b
        case 6: return -a
        case 7: return a * a
        case 8: return pow(a, next(5) - 2)
        case 9: return a + c
        case 10: return c.isZero ? a * 2 : a * c
        case 11: return c - a
        default: return 1 / a
        }
    }

    static func elementaryStep(_ a: Traced, _ b: Traced, _ c: Rational, _ next: (Int) -> Int) -> Traced {
        switch next(16) {
        case 0, 1: return a + b
        case 2: return a - b
        case 3, 4: return a * b
        case 5: return a / b
        case 6: return pow(a, next(5) - 2)
        case 7: return a * c + 1
        case 8: return sqrt(a * a + 1)
        case 9: return pow(a * a + 2, Rational(3, 2))
        case 10: return sin(a)
        case 11: return exp(a / 4)
        case 12: return log(a * a + 1)
        case 13: return atan(a) * b
        case 14: return tanh(a) - cosh(b / 3)
        default: return abs(a) + c
        }
    }

    /// A random small rational (|p| ≤ 9, 1 ≤ q ≤ 5), so that exact values stay small.
    public static func rational(using g: inout SeededGenerator) -> Rational {
        Rational(Int(g.next() % 19) - 9, Int(g.next() % 5) + 1)
    }

    public static func vector(_ n: Int, using g: inout SeededGenerator) -> [Rational] {
        (0..<n).map { _ in rational(using: &g) }
    }

    /// Runs `check` on `count` random (tape, point) pairs at which the tape is defined
    /// (points with a division by zero are skipped); returns how many were checked.
    @discardableResult
    public static func forEach(
        count: Int, seed: UInt64, inputs n: Int = 3, outputs m: Int = 2, steps: Int = 10,
        _ check: (Tape, [Rational], inout SeededGenerator) throws -> Void
    ) rethrows -> Int {
        var g = SeededGenerator(seed: seed)
        var checked = 0
        for _ in 0..<count {
            let tape = tape(inputs: n, outputs: m, steps: steps, using: &g)
            let x = vector(n, using: &g)
            guard (try? tape.isTwiceDefined(at: x)) != nil else { continue }
            try check(tape, x, &g)
            checked += 1
        }
        return checked
    }
}

extension Tape {
    /// Whether every second-order sweep is defined at x (a helper for skipping points).
    public func isTwiceDefined(at x: [Rational]) throws -> Bool {
        let w = [Rational](repeating: 1, count: outputCount)
        _ = try hvp(at: x, direction: x, weights: w)
        return true
    }
}

public func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
    zip(a, b).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
}
