import AutoDiff
import Exact
import TestSupport

/// Random rational programs (+ − × ÷, integer powers, constants), recorded onto tapes, and
/// random small rational points: the inputs of the exact property tests.
enum RandomPrograms {
    /// A random rational function of `n` inputs with `m` outputs, about `steps` operations.
    static func tape(inputs n: Int, outputs m: Int, steps: Int, using g: inout SeededGenerator) -> Tape {
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
                let y: Traced
                switch next(13) {
                case 0, 1: y = a + b
                case 2: y = a - b
                case 3, 4: y = a * b
                case 5: y = a / b
                case 6: y = -a
                case 7: y = a * a
                case 8: y = pow(a, next(5) - 2)
                case 9: y = a + c
                case 10: y = c.isZero ? a * 2 : a * c
                case 11: y = c - a
                default: y = 1 / a
                }
                pool.append(y)
            }
            return (0..<m).map { pool[pool.count - 1 - $0] }
        }
        choices.removeAll()
        return tape
    }

    /// A random small rational (|p| ≤ 9, 1 ≤ q ≤ 5), so that exact values stay small.
    static func rational(using g: inout SeededGenerator) -> Rational {
        Rational(Int(g.next() % 19) - 9, Int(g.next() % 5) + 1)
    }

    static func vector(_ n: Int, using g: inout SeededGenerator) -> [Rational] {
        (0..<n).map { _ in rational(using: &g) }
    }

    /// Runs `check` on `count` random (tape, point) pairs at which the tape is defined
    /// (points with a division by zero are skipped); returns how many were checked.
    @discardableResult
    static func forEach(
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
    func isTwiceDefined(at x: [Rational]) throws -> Bool {
        let w = [Rational](repeating: 1, count: outputCount)
        _ = try hvp(at: x, direction: x, weights: w)
        return true
    }
}

func dot(_ a: [Rational], _ b: [Rational]) -> Rational {
    zip(a, b).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
}
