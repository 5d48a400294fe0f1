// Timing for sub-second tape sweeps, the protocol of the C floor c/w4_rosen.c (and of the
// Python peers' measure_fast): one untimed call, an inner loop calibrated so that one
// sample takes ≥ 0.05 s, 7 samples, medians of wall and process CPU time per call.

struct FastMeasurement {
    var medianWall: Double
    var medianCPU: Double
    var inner: Int
}

func measureFast(samples: Int = 7, target: Double = 0.05, _ body: () -> Void) -> FastMeasurement {
    let t0 = Clock.wall()
    body()
    let first = Clock.wall() - t0
    let inner = max(1, Int(target / max(first, 1e-9)))
    var walls: [Double] = []
    var cpus: [Double] = []
    for _ in 0..<samples {
        let c0 = Clock.cpu()
        let w0 = Clock.wall()
        for _ in 0..<inner { body() }
        walls.append((Clock.wall() - w0) / Double(inner))
        cpus.append((Clock.cpu() - c0) / Double(inner))
    }
    return FastMeasurement(medianWall: median(walls), medianCPU: median(cpus), inner: inner)
}

/// check1 = Σ gᵢ, check2 = Σ gᵢ·(i mod 7), as the peers compute them.
func checks(_ g: [Double]) -> (Double, Double) {
    var c1 = 0.0
    var c2 = 0.0
    for (i, v) in g.enumerated() {
        c1 += v
        c2 += v * Double(i % 7)
    }
    return (c1, c2)
}

/// Keeps a result alive so the optimiser cannot drop the call that made it.
@inline(never)
func blackHole<T>(_ x: T) {}
