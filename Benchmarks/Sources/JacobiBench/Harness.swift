// Timing and reporting shared by every workload: the same protocol as the peers'
// C floors (Benchmarks/peers/c/floors.h): up to 7 repetitions while the total stays under
// 20 s, median wall time and median process CPU time, one JSON line per measurement.
import Foundation
import Jacobi

#if canImport(Glibc)
import Glibc
#endif

enum Clock {
    static func wall() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

struct Measurement<Result> {
    var medianWall: Double
    var medianCPU: Double
    var reps: Int
    var result: Result
}

/// `true` when `name` is among the cases listed in `JACOBI_BENCH_CASES` (comma-separated), or
/// when that variable is unset: `JACOBI_BENCH_CASES=rosenbrock jacobi-bench W2` runs one case.
func caseSelected(_ name: String) -> Bool {
    guard let list = ProcessInfo.processInfo.environment["JACOBI_BENCH_CASES"] else { return true }
    return list.split(separator: ",").contains { $0 == name }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    let k = s.count
    return k % 2 == 1 ? s[k / 2] : 0.5 * (s[k / 2 - 1] + s[k / 2])
}

/// Runs `body` up to `maxReps` times (at least once), stopping when the total passes `budget` seconds.
/// The previous repetition's result is freed before the clocks start, as the peers' `repeat`
/// (Benchmarks/peers/harness.py) frees it after they stop: only building the result is timed.
func measure<Result>(maxReps: Int = 7, budget: Double = 20, _ body: () -> Result) -> Measurement<Result> {
    var walls: [Double] = []
    var cpus: [Double] = []
    var total = 0.0
    var result: Result?
    // JACOBI_BENCH_REPS=k: exactly k repetitions, whatever the budget (for callgrind A/B counts).
    let fixed = ProcessInfo.processInfo.environment["JACOBI_BENCH_REPS"].flatMap { Int($0) }
    let (maxReps, budget) = fixed.map { ($0, Double.infinity) } ?? (maxReps, budget)
    while walls.count < maxReps && (walls.isEmpty || total < budget) {
        result = nil
        let c0 = Clock.cpu()
        let t0 = Clock.wall()
        result = body()
        let t = Clock.wall() - t0
        walls.append(t)
        cpus.append(Clock.cpu() - c0)
        total += t
    }
    return Measurement(medianWall: median(walls), medianCPU: median(cpus), reps: walls.count, result: result!)
}

/// One JSON line: `{"workload": …, "system": …, "n": …, "median_s": …, "extra": {…}}`.
func emit(workload: String, system: String = "jacobi", n: Int, medianSeconds: Double, extra: [(String, Any)]) {
    func encode(_ v: Any) -> String {
        switch v {
        case let s as String: return "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case let d as Double: return d.isFinite ? "\(d)" : "null"
        case let i as Int: return "\(i)"
        case let b as Bool: return b ? "true" : "false"
        default: return "\"\(v)\""
        }
    }
    let extras = extra.map { "\"\($0.0)\": \(encode($0.1))" }.joined(separator: ", ")
    let line = "{\"workload\": \"\(workload)\", \"system\": \"\(system)\", \"n\": \(n), \"median_s\": \(medianSeconds), \"extra\": {\(extras)}}\n"
    FileHandle.standardOutput.write(Data(line.utf8))  // unbuffered: a killed run keeps its lines
}

/// The peers' exact-result hash (Benchmarks/peers/harness.py `qhash`, c/floors.h `hash_step`):
/// h ← (h·1000003 + (p mod M61)) mod M61, then the same for q, over every rational in order.
struct QHash {
    static let m61: UInt64 = (1 << 61) - 1
    private(set) var value: UInt64 = 0

    mutating func step(_ r: UInt64) {
        let (high, low) = value.multipliedFullWidth(by: 1_000_003)
        let (sumLow, carry) = low.addingReportingOverflow(r)
        let (_, remainder) = QHash.m61.dividingFullWidth((high + (carry ? 1 : 0), sumLow))
        value = remainder
    }

    mutating func combine(_ x: Rational) {
        step(QHash.residue(x.numerator))
        step(QHash.residue(x.denominator))
    }

    static func residue(_ z: BigInt) -> UInt64 {
        let m = z.flooredQuotientAndModulo(dividingBy: BigInt(Int(m61))).modulo
        return UInt64(Int(exactly: m) ?? 0)
    }

    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - s.count)) + s
    }
}
