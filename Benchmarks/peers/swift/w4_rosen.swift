// W4 peer: extended Rosenbrock's Double gradient with Swift's own automatic
// differentiation (_Differentiation), beside a plain loop and a hand-written gradient.
//   w4_swift MODE N      MODE: f | grad_hand | grad_ad_term | grad_ad_reduce | grad_ad
// f and the point as in rosenbrock.py (x[i] = ((i mod 13) - 6)/7). The modes:
//   f              f as a plain loop (no AD)
//   grad_hand      the gradient written by hand (Swift's own floor)
//   grad_ad_term   AD of one term t(a, b) = 100 (b - a^2)^2 + (1 - a)^2 per pair, the chain
//                  rule over the sum applied by hand
//   grad_ad_reduce AD of the whole f, written as Array.differentiableReduce carrying
//                  (sum, previous element): O(n), one pullback closure per element
//   grad_ad        AD of f written as an index loop over [Double] (the obvious way); each
//                  subscript's pullback makes an n-array, so O(n^2): use small N
// One JSON line: the median seconds per call (7 samples of a loop lasting >= 0.05 s, or
// fewer samples when one call is slow), and check1 = sum(g), check2 = sum(g[i] (i mod 7)).
import _Differentiation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func seconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + 1e-9 * Double(t.tv_nsec)
}

func rosenbrock(_ x: [Double]) -> Double {
    var sum = 0.0
    for i in 0..<(x.count - 1) {
        let t = x[i + 1] - x[i] * x[i], u = 1.0 - x[i]
        sum += 100.0 * t * t + u * u
    }
    return sum
}

func handGradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - 1) {
        let t = x[i + 1] - x[i] * x[i]
        g[i] += -400.0 * x[i] * t - 2.0 * (1.0 - x[i])
        g[i + 1] += 200.0 * t
    }
    return g
}

@differentiable(reverse)
func pairTerm(_ a: Double, _ b: Double) -> Double {
    let t = b - a * a
    let u = 1.0 - a
    return 100.0 * t * t + u * u
}

func termGradient(_ x: [Double]) -> [Double] {
    var g = [Double](repeating: 0, count: x.count)
    for i in 0..<(x.count - 1) {
        let (da, db) = gradient(at: x[i], x[i + 1], of: pairTerm)
        g[i] += da
        g[i + 1] += db
    }
    return g
}

/// The running state of the reduction: the sum so far and the element before this one.
struct Running: Differentiable {
    var sum: Double
    var previous: Double
    @noDerivative var isFirst: Bool
}

@differentiable(reverse)
func absorb(_ state: Running, _ element: Double) -> Running {
    if state.isFirst { return Running(sum: state.sum, previous: element, isFirst: false) }
    return Running(sum: state.sum + pairTerm(state.previous, element), previous: element, isFirst: false)
}

@differentiable(reverse)
func reducedRosenbrock(_ x: [Double]) -> Double {
    x.differentiableReduce(Running(sum: 0, previous: 0, isFirst: true), absorb).sum
}

@differentiable(reverse)
func loopRosenbrock(_ x: [Double]) -> Double {
    var sum = 0.0
    for i in 1..<withoutDerivative(at: x.count) {
        sum = sum + pairTerm(x[i - 1], x[i])
    }
    return sum
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let n = Int(arguments[2]), n >= 2 else {
    print("usage: w4_swift f|grad_hand|grad_ad_term|grad_ad_reduce|grad_ad N (N >= 2)")
    exit(2)
}
let mode = arguments[1]
let x = (0..<n).map { Double(($0 % 13) - 6) / 7.0 }
guard ["f", "grad_hand", "grad_ad_term", "grad_ad_reduce", "grad_ad"].contains(mode) else {
    print("w4_swift: unknown mode \(mode)")
    exit(2)
}
var value = 0.0
var g: [Double] = []
func work() {
    switch mode {
    case "f": value = rosenbrock(x)
    case "grad_hand": g = handGradient(x)
    case "grad_ad_term": g = termGradient(x)
    case "grad_ad_reduce": g = gradient(at: x, of: reducedRosenbrock).base
    default: g = gradient(at: x, of: loopRosenbrock).base
    }
}

var c0 = seconds(CLOCK_PROCESS_CPUTIME_ID), t0 = seconds(CLOCK_MONOTONIC)
work()
let firstWall = seconds(CLOCK_MONOTONIC) - t0, firstCPU = seconds(CLOCK_PROCESS_CPUTIME_ID) - c0
let inner = max(1, Int(0.05 / max(firstWall, 1e-9)))
var walls: [Double] = [], cpus: [Double] = []
if firstWall > 5 {
    walls = [firstWall]
    cpus = [firstCPU]
} else {
    for _ in 0..<(firstWall > 1 ? 3 : 7) {
        c0 = seconds(CLOCK_PROCESS_CPUTIME_ID)
        t0 = seconds(CLOCK_MONOTONIC)
        for _ in 0..<inner { work() }
        walls.append((seconds(CLOCK_MONOTONIC) - t0) / Double(inner))
        cpus.append((seconds(CLOCK_PROCESS_CPUTIME_ID) - c0) / Double(inner))
    }
}
func median(_ values: [Double]) -> Double {
    let s = values.sorted(), k = s.count / 2
    return s.count % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2
}
var check1 = 0.0, check2 = 0.0
if mode == "f" {
    check1 = value
} else {
    for (i, v) in g.enumerated() {
        check1 += v
        check2 += v * Double(i % 7)
    }
}
print("{\"workload\": \"W4\", \"system\": \"swift-\(mode)\", \"n\": \(n), \"median_s\": \(median(walls)), \"extra\": "
    + "{\"median_cpu_s\": \(median(cpus)), \"what\": \"\(mode == "f" ? "f" : "grad")\", \"inner\": \(inner), "
    + "\"samples\": \(walls.count), \"check1\": \(check1), \"check2\": \(check2)}}")
