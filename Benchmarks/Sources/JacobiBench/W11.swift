// W11 (BENCHMARKS.md): a batch of exact gradients through the CLI. g = (x²y + x/(1+y²) − z³)
// / (1 + x² + z²) at xₖ = (k mod 97 − 48)/7, yₖ = (k mod 89)/5, zₖ = (k mod 83 − 41)/3
// (k = 0…), n = 10⁴ and 10⁵ points, as JSON lines in and out:
//
//   jacobi-library   the library's own in-process loop on one thread: one `Function`, then
//                    `f.gradient(at: [x, y, z])` over Rational per point (the floor)
//   jacobi-library-point  the same loop through the call the CLI makes per point,
//                    `f.gradient(at: Point)` (exact values as expressions), no I/O
//   jacobi-cli-j1/j2 `jacobi grad G --points F --no-symbolic --jobs 1|2`, whole process,
//                    the two alternating; jacobi-cli-threads compares them (wall, CPU) and
//                    gives the load average seen and the niceness the runs had (on a shared
//                    Linux machine with autogroups, only the session group's niceness gives
//                    the runs the cores they ask for: see `autogroup()`)
//   jacobi-process   one `jacobi grad G --at … --no-symbolic --format json` process per point:
//                    a sample of 100 processes, timed and extrapolated to n (said in extra)
//   jacobi-rss       peak resident memory (/usr/bin/time -v) of the batch at n and at 10³
//
// The CLI is `$JACOBI_BIN`, else ../.build/release/jacobi (build it first:
// `swift build -c release --product jacobi`). extra.hash is the peers' qhash of every
// gradient in order; the CLI's output must hash the same as the library's loop.
import Foundation
import Jacobi

enum W11 {
    static let g = "(x^2*y + x/(1 + y^2) - z^3)/(1 + x^2 + z^2)"

    static func point(_ k: Int) -> [Rational] {
        [Rational(k % 97 - 48, 7), Rational(k % 89, 5), Rational(k % 83 - 41, 3)]
    }

    static func binary() -> String? {
        if let path = ProcessInfo.processInfo.environment["JACOBI_BIN"] { return path }
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Benchmarks/Sources/JacobiBench
        let path = here.appendingPathComponent("../../../.build/release/jacobi").standardized.path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// CPU time (user + system) of the finished child processes so far.
    static func childrenCPU() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Runs a process; its stdout and stderr, its wall time and its CPU time.
    static func run(_ executable: String, _ arguments: [String]) -> (stdout: Data, stderr: Data, seconds: Double, cpu: Double) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let c0 = childrenCPU()
        let t0 = Clock.wall()
        try! p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let t = Clock.wall() - t0
        return (o, e, t, childrenCPU() - c0)
    }

    /// The qhash of the `exact` lists of a batch's JSON lines.
    static func hash(ofLines data: Data) -> String {
        var h = QHash()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            let object = try! JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
            for s in object["exact"] as! [String] { h.combine(try! Rational(parsing: s)) }
        }
        return h.hex
    }

    /// The 1-minute load average: the machine is shared, and wall-time ratios mean little
    /// when it is far above the core count.
    static func loadAverage() -> Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? loads[0] : .nan
    }

    /// The scheduler group and its niceness (Linux: `/proc/self/autogroup`, e.g.
    /// "/autogroup-12 nice -19"). With autogroups on, a process competes with each other
    /// session as a group, so only the group's niceness gives a run its cores on a shared
    /// machine: `echo -19 > /proc/self/autogroup` in a fresh session (`setsid`) before the run.
    static func autogroup() -> String {
        let text = (try? String(contentsOfFile: "/proc/self/autogroup", encoding: .utf8)) ?? "none"
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func writePoints(_ n: Int, to url: URL) {
        var text = ""
        text.reserveCapacity(n * 40)
        for k in 0..<n {
            let p = point(k)
            text += "{\"x\": \"\(p[0])\", \"y\": \"\(p[1])\", \"z\": \"\(p[2])\"}\n"
        }
        try! text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func run(sizes: [Int]?) {
        guard let jacobi = binary() else {
            FileHandle.standardError.write(Data("W11: no jacobi binary: swift build -c release --product jacobi, or set JACOBI_BIN\n".utf8))
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jacobi-w11-\(ProcessInfo.processInfo.processIdentifier)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try! Function(try! Expr.parse(g))
        for n in sizes ?? [10_000, 100_000] {
            let file = dir.appendingPathComponent("points-\(n).jsonl")
            writePoints(n, to: file)
            let points = (0..<n).map(point)
            // One untimed pass first: the first loop of a process pays for warming the
            // allocator and caches, which would make it look slower than the second loop.
            for p in points { _ = try! f.gradient(at: p) as [Rational] }
            let library = measure(maxReps: 5) { () -> QHash in
                var h = QHash()
                for p in points { for v in try! f.gradient(at: p) as [Rational] { h.combine(v) } }
                return h
            }
            emit(workload: "W11", system: "jacobi-library", n: n, medianSeconds: library.medianWall, extra: [
                ("median_cpu_s", library.medianCPU), ("reps", library.reps), ("hash", library.result.hex),
                ("per_point_s", library.medianWall / Double(n)), ("threads", 1),
            ])
            let named = points.map { Point(variables: f.variables, values: $0) }
            let viaPoint = measure(maxReps: 5) { () -> QHash in
                var h = QHash()
                for p in named { for v in try! f.gradient(at: p) { h.combine(v.rationalValue!) } }
                return h
            }
            emit(workload: "W11", system: "jacobi-library-point", n: n, medianSeconds: viaPoint.medianWall, extra: [
                ("median_cpu_s", viaPoint.medianCPU), ("reps", viaPoint.reps), ("hash", viaPoint.result.hex),
                ("per_point_s", viaPoint.medianWall / Double(n)), ("threads", 1),
            ])
            // --jobs 1 and --jobs 2 alternate (j1, j2, j1, j2, …), so that both see the same
            // load; each run's wall and CPU time (user + system) and the load average at the
            // time are kept. Under load a thread gets a share of a core, so utilisation
            // (CPU / wall: 1 at best for one thread, 2 for two) says how parallel the run was.
            var walls: [Int: [Double]] = [1: [], 2: []], cpus: [Int: [Double]] = [1: [], 2: []]
            var outputs: [Int: Data] = [:]
            var loads: [Double] = []
            let reps = n >= 100_000 ? 5 : 7
            for _ in 0..<reps {
                for jobs in [1, 2] {
                    loads.append(loadAverage())
                    let r = run(jacobi, ["grad", g, "--points", file.path, "--no-symbolic", "--jobs", String(jobs)])
                    outputs[jobs] = r.stdout
                    walls[jobs, default: []].append(r.seconds)
                    cpus[jobs, default: []].append(r.cpu)
                }
            }
            var cli: [Int: Double] = [:]
            for jobs in [1, 2] {
                let wall = median(walls[jobs] ?? []), cpu = median(cpus[jobs] ?? [])
                cli[jobs] = wall
                emit(workload: "W11", system: "jacobi-cli-j\(jobs)", n: n, medianSeconds: wall, extra: [
                    ("median_cpu_s", cpu), ("reps", reps), ("hash", hash(ofLines: outputs[jobs] ?? Data())),
                    ("per_point_s", wall / Double(n)), ("per_point_cpu_s", cpu / Double(n)), ("threads", jobs),
                    ("min_wall_s", (walls[jobs] ?? []).min() ?? .nan), ("utilisation", cpu / wall),
                    ("vs_library_wall", wall / library.medianWall), ("vs_library_cpu", cpu / library.medianCPU),
                    ("vs_library_point_cpu", cpu / viaPoint.medianCPU),
                ])
            }
            emit(workload: "W11", system: "jacobi-cli-threads", n: n, medianSeconds: .nan, extra: [
                ("wall_j1_over_j2", (cli[1] ?? .nan) / (cli[2] ?? .nan)),
                ("min_wall_j1_over_j2", ((walls[1] ?? []).min() ?? .nan) / ((walls[2] ?? []).min() ?? .nan)),
                ("cpu_j2_over_j1", median(cpus[2] ?? []) / median(cpus[1] ?? [])),
                ("load_average_1min_min", loads.min() ?? .nan), ("load_average_1min_max", loads.max() ?? .nan),
                ("nice", Int(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0))), ("autogroup", autogroup()),
                ("cores", ProcessInfo.processInfo.activeProcessorCount),
            ])
            let sample = 100
            var sampled = 0.0, sampledCPU = 0.0
            for k in stride(from: 0, to: n, by: max(1, n / sample)).prefix(sample) {
                let p = point(k)
                let r = run(jacobi, ["grad", g, "--at", "x=\(p[0]),y=\(p[1]),z=\(p[2])", "--no-symbolic", "--format", "json"])
                sampled += r.seconds
                sampledCPU += r.cpu
            }
            let perProcess = sampled / Double(sample)
            emit(workload: "W11", system: "jacobi-process", n: n, medianSeconds: perProcess * Double(n), extra: [
                ("per_point_s", perProcess), ("per_point_cpu_s", sampledCPU / Double(sample)), ("extrapolated_from", sample),
                ("batch_j2_speedup", perProcess * Double(n) / (cli[2] ?? .nan)),
                ("batch_j1_speedup", perProcess * Double(n) / (cli[1] ?? .nan)),
                ("threads_2_vs_1", (cli[1] ?? .nan) / (cli[2] ?? .nan)),
                ("load_average_1min", loadAverage()),
            ])
            let small = dir.appendingPathComponent("points-1000.jsonl")
            writePoints(1000, to: small)
            func peakKB(_ path: String) -> Int {
                let r = run("/usr/bin/time", ["-v", jacobi, "grad", g, "--points", path, "--no-symbolic"])
                let text = String(decoding: r.stderr, as: UTF8.self)
                let line = text.split(separator: "\n").first { $0.contains("Maximum resident set size") } ?? ""
                return Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
            }
            let big = peakKB(file.path), base = peakKB(small.path)
            emit(workload: "W11", system: "jacobi-rss", n: n, medianSeconds: .nan, extra: [
                ("peak_rss_kb", big), ("peak_rss_kb_1000", base), ("ratio", Double(big) / Double(base)),
            ])
        }
    }
}
