import AutoDiff
import Exact
import Foundation
import Symbolic

@testable import CodeGen

/// The W7 corpus (Tests/Fixtures/corpus_w7.txt, copied from the benchmark peers): 62 scalar
/// functions of x, y, z, and a point where all of them and their derivatives are defined.
enum Corpus {
    static let variables = [Symbol("x"), Symbol("y"), Symbol("z")]
    static let exactPoint = [Rational(7, 10), Rational(2, 5), Rational(13, 10)]
    static let point = exactPoint.map { Double($0) }
    static let direction = [0.3, -1.1, 0.7]

    static let functions: [Expr] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/corpus_w7.txt").standardized
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix("#") || line.isEmpty ? nil : try? Expr.parse(String(line))
        }
    }()
}

/// Runs a program and returns its exit status and standard output.
func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String, error: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: arguments[0])
    p.arguments = Array(arguments.dropFirst())
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// A fresh directory under the system's temporary directory.
func scratchDirectory(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "jacobi-codegen-tests-\(getpid())/\(name)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Whether a and b agree within 4 ulps entrywise, or within 1e-13 relative to the
/// largest entry of the object (normwise, at least 1), which is what rounding in a
/// different order can move: a symbolic formula and the tape compute the same value by
/// different operations (the tape's sin²(xy) + cos²(xy) − 1 is 1e-15, the formula's is 0).
func agree(_ a: [Double], _ b: [Double]) -> Bool {
    guard a.count == b.count else { return false }
    let scale = Swift.max(1, b.map(\.magnitude).max() ?? 0, a.map(\.magnitude).max() ?? 0)
    return zip(a, b).allSatisfy { u, v in
        u == v || (u - v).magnitude <= 4 * Swift.max(u.ulp, v.ulp) || (u - v).magnitude <= 1e-13 * scale
    }
}

/// Double values from a line of numbers separated by spaces.
func numbers(_ line: Substring) -> [Double] { line.split(separator: " ").compactMap { Double($0) } }

/// A mutex for test helpers.
final class NSLockish: @unchecked Sendable {
    private let lock = NSLock()
    func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
