// sweep-cost: what a Jacobian costs on Jacobi's tape, by forward and by reverse mode.
//
//     sweep-cost --n 1,2,4,8,16,32 --m 8 [--scalar double|rational]
//
// For every pair (n, m) it builds F: ℝⁿ → ℝᵐ as a shared trunk and a cheap readout, the
// shape of most programs one differentiates (K = 256 trunk terms by default):
//
//     s(x)  = Σₖ sin(xₖ mod n + k/K) · x₍ₖ₊₁₎ mod n        (k = 0 … K−1)
//     Fᵢ(x) = (i + 1) · sin(s(x)) · xᵢ mod n               (i = 0 … m−1)
//
// Every output depends on every input (J is dense) and the tape (about 4K + 2m
// instructions; s and sin(s) are one shared slot each) costs about the same at every n and
// m when m ≪ K. It prints one
// JSON line of process CPU seconds per call: F itself, one JVP (one forward sweep), one
// VJP (one reverse sweep), and the whole Jacobian by n forward sweeps and by m reverse
// sweeps (`Tape.jacobian(at:mode:)`). Theory: the forward Jacobian costs about n times F,
// the reverse one about m times F. `--scalar rational` runs the same sweeps over exact
// rationals, with sin(u) replaced by u/(1 + u²) (sin(1/2) is not rational).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Jacobi

struct Options {
    var ns: [Int] = [1, 2, 4, 8, 16, 32]
    var ms: [Int] = [8]
    var exact = false
    var terms = 256
    var budget = Duration.milliseconds(30)

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func list(_ s: String?) -> [Int] { (s ?? "").split(separator: ",").compactMap { Int($0) } }
        while let a = rest.popFirst() {
            switch a {
            case "--n": ns = list(rest.popFirst())
            case "--m": ms = list(rest.popFirst())
            case "--scalar": exact = rest.popFirst() == "rational"
            case "--terms": terms = Int(rest.popFirst() ?? "") ?? 256
            case "--budget-ms": budget = .milliseconds(Int(rest.popFirst() ?? "") ?? 30)
            default: fatalError("unknown argument \(a); usage: sweep-cost --n 1,2,4 --m 8 [--scalar double|rational]")
            }
        }
    }
}

/// The functions Fᵢ as text, in Jacobi's expression syntax.
func family(n: Int, m: Int, terms: Int, exact: Bool) -> [String] {
    func sine(_ u: String) -> String { exact ? "(\(u))/(1 + (\(u))^2)" : "sin(\(u))" }
    let trunk = (0..<terms).map { k in
        sine("x\(k % n) + \(k)/\(terms)") + "*x\((k + 1) % n)"
    }.joined(separator: " + ")
    return (0..<m).map { i in "\(i + 1)*" + sine(trunk) + "*x\(i % n)" }
}

/// CPU seconds used by this process so far (other work on a shared machine does not count).
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// CPU seconds per call of `body`: calls are batched until a batch takes `budget`, then the
/// fastest of 5 batches counts (interference only ever adds time).
func secondsPerCall(_ budget: Duration, _ body: () throws -> Void) rethrows -> Double {
    let target = Double(budget.components.seconds) + Double(budget.components.attoseconds) * 1e-18
    func batch(_ calls: Int) throws -> Double {
        let start = cpuSeconds()
        for _ in 0..<calls { try body() }
        return cpuSeconds() - start
    }
    var calls = 1
    while try batch(calls) < target, calls < 1 << 20 { calls *= 2 }
    var best = Double.infinity
    for _ in 0..<5 { best = min(best, try batch(calls)) }
    return best / Double(calls)
}

func measure<S: TapeScalar>(
    _ tape: Tape, at point: [S], _ options: Options, agree: (S, S) -> Bool
) throws -> [(String, Double)] {
    let n = tape.inputCount, m = tape.outputCount
    let v = [S](repeating: .one, count: n), w = [S](repeating: .one, count: m)
    // The two Jacobians agree (exactly, over rationals): a check, not only a timing.
    let forward = try tape.jacobian(at: point, mode: .forward).joined()
    let reverse = try tape.jacobian(at: point, mode: .reverse).joined()
    precondition(zip(forward, reverse).allSatisfy(agree), "forward and reverse Jacobians differ")
    return [
        ("f", try secondsPerCall(options.budget) { _ = try tape.evaluate(at: point) }),
        ("jvp", try secondsPerCall(options.budget) { _ = try tape.jvp(at: point, direction: v) }),
        ("vjp", try secondsPerCall(options.budget) { _ = try tape.vjp(at: point, weights: w) }),
        ("jacobian_forward", try secondsPerCall(options.budget) { _ = try tape.jacobian(at: point, mode: .forward) }),
        ("jacobian_reverse", try secondsPerCall(options.budget) { _ = try tape.jacobian(at: point, mode: .reverse) }),
    ]
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
for m in options.ms {
    for n in options.ns {
        let inputs = (0..<n).map { Symbol("x\($0)") }
        let functions = try family(n: n, m: m, terms: options.terms, exact: options.exact).map { try Expr.parse($0) }
        let tape = try Tape(compiling: functions, inputs: inputs)
        let point = (0..<n).map { Rational($0 % 7 + 1, 8) }
        let times = options.exact
            ? try measure(tape, at: point, options, agree: ==)
            : try measure(tape, at: point.map { Double($0) }, options) { abs($0 - $1) <= 1e-12 * (1 + abs($0)) }
        let fields = times.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ")
        print("{\"n\": \(n), \"m\": \(m), \"scalar\": \"\(options.exact ? "rational" : "double")\", \"tape\": \(tape.count), \(fields)}")
    }
}
