import AutoDiff
import Exact
import Foundation
import Programs
import Symbolic
import TestSupport

/// The example programs in Docs/Examples/programs, read by path.
enum Examples {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Docs/Examples/programs")

    static func program(_ name: String) throws -> Program {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try Program(parsing: text)
    }
}

/// A seeded random rational point, away from 0, in (−3, 3).
func randomPoint(_ n: Int, _ g: inout SeededGenerator) -> [Rational] {
    (0..<n).map { _ in
        var r = Rational.zero
        while r.isZero {
            let d = Int.random(in: 1...5, using: &g)
            r = Rational(Int.random(in: (-2 * d)...(2 * d), using: &g), d)
        }
        return r
    }
}

func program(_ text: String) throws -> Program { try Program(parsing: text) }
