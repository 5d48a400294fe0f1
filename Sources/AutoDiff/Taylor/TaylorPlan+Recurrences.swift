// The recurrences of Taylor-mode AD over Double, as loops over planes: the building blocks
// the per-opcode kernels (TaylorPlan+Kernels.swift) are written with.
//
// A `TaylorColumn` is the series of `cnt` consecutive slots (the repetitions of a block's
// column in a chunk, or one slot of straight code): coefficient d of repetition r is at
// `column[d][r]`, each degree a plane of unit stride in r. Every recurrence below is the
// generic sweep's (TaylorSweep.swift) for one seed variable, with the same terms added in
// the same order, run degree by degree with the repetitions as the inner loop, so that
// the loops vectorise and dispatch is paid once per column and chunk.

/// The series of `cnt` consecutive slots: coefficient d of repetition r at `base[d·stride + r]`.
struct TaylorColumn {
    let base: UnsafeMutablePointer<Double>
    /// The distance between degree planes.
    let stride: Int

    @inline(__always)
    init(_ base: UnsafeMutablePointer<Double>, _ stride: Int) {
        self.base = base
        self.stride = stride
    }

    /// The plane of degree d (index it by repetition).
    @inline(__always)
    subscript(_ d: Int) -> UnsafeMutablePointer<Double> { base + d &* stride }

    /// The same column from repetition r on.
    @inline(__always)
    func from(_ r: Int) -> TaylorColumn { TaylorColumn(base + r, stride) }
}

/// The order, the per-degree constants and the scratch series of one Taylor plan run.
struct TaylorRecurrences {
    /// k, the truncation order.
    let order: Int
    /// Double(j) and Double(1/j) for j = 0…k, built as the generic sweep builds them.
    let integers: UnsafeMutablePointer<Double>
    let inverses: UnsafeMutablePointer<Double>
    /// Per-degree weights for the power recurrence (k + 1 values).
    let weights: UnsafeMutablePointer<Double>
    /// Scratch series, each k + 1 planes of `planeStride`, and two single planes.
    let series: [TaylorColumn]
    let planeA: UnsafeMutablePointer<Double>
    let planeB: UnsafeMutablePointer<Double>
    private let memory: UnsafeMutablePointer<Double>

    static let scratchSeries = 4

    /// Scratch for columns of up to `planeStride` repetitions.
    init(order k: Int, planeStride: Int) {
        order = k
        let K = k + 1
        let total = 3 * K + (Self.scratchSeries * K + 2) * planeStride
        memory = .allocate(capacity: total)
        memory.initialize(repeating: 0, count: total)
        integers = memory
        inverses = memory + K
        weights = memory + 2 * K
        for j in 0...k {
            integers[j] = Double(j)
            inverses[j] = j == 0 ? 0 : Double(1) / Double(j)
        }
        let scratch = memory + 3 * K
        series = (0..<Self.scratchSeries).map { TaylorColumn(scratch + $0 * K * planeStride, planeStride) }
        planeA = scratch + Self.scratchSeries * K * planeStride
        planeB = planeA + planeStride
    }

    func deallocate() { memory.deallocate() }

    /// w_d = Σ_{j=lo}^{hi} a_j·b_{d−j} (with `weights`: Σ weights_j·(a_j·b_{d−j})), j ascending;
    /// 0 when lo > hi. w_d must not be one of the planes read at the same repetition.
    @inline(__always)
    func convolve(
        _ w: TaylorColumn, _ d: Int, _ a: TaylorColumn, _ b: TaylorColumn, from lo: Int, through hi: Int, _ cnt: Int,
        weights: UnsafeMutablePointer<Double>? = nil
    ) {
        let out = w[d]
        guard lo <= hi else {
            for r in 0..<cnt { out[r] = 0 }
            return
        }
        if let weights {
            let (x, y, f) = (a[lo], b[d - lo], weights[lo])
            for r in 0..<cnt { out[r] = f * (x[r] * y[r]) }
            var j = lo + 1
            while j <= hi {
                let (x, y, f) = (a[j], b[d - j], weights[j])
                for r in 0..<cnt { out[r] = out[r] + f * (x[r] * y[r]) }
                j += 1
            }
        } else {
            let (x, y) = (a[lo], b[d - lo])
            for r in 0..<cnt { out[r] = x[r] * y[r] }
            var j = lo + 1
            while j <= hi {
                let (x, y) = (a[j], b[d - j])
                for r in 0..<cnt { out[r] = out[r] + x[r] * y[r] }
                j += 1
            }
        }
    }

    /// w = a ⊗ b, every degree (w must not be a or b).
    @inline(__always)
    func multiply(into w: TaylorColumn, _ a: TaylorColumn, _ b: TaylorColumn, _ cnt: Int) {
        for d in 0...order { convolve(w, d, a, b, from: 0, through: d, cnt) }
    }

    /// w = a, every degree.
    @inline(__always)
    func copy(into w: TaylorColumn, _ a: TaylorColumn, _ cnt: Int) {
        for d in 0...order { w[d].update(from: a[d], count: cnt) }
    }

    /// The exp-like recurrence w_d = ±(1/d)·Σ_{j=1}^{d} j·u_j·g_{d−j}, one degree.
    @inline(__always)
    func derivation(_ w: TaylorColumn, _ d: Int, _ u: TaylorColumn, _ g: TaylorColumn, _ cnt: Int, negated: Bool = false) {
        convolve(w, d, u, g, from: 1, through: d, cnt, weights: integers)
        let f = negated ? -inverses[d] : inverses[d]
        let out = w[d]
        for r in 0..<cnt { out[r] = f * out[r] }
    }

    /// D·w′ = ±N′ degree by degree (w₀ set): w_d = rcp·(±N_d − (1/d)·Σ_{j=1}^{d−1} j·w_j·D_{d−j}),
    /// with rcp = 1/D₀ per repetition.
    @inline(__always)
    func quotientDerivation(
        _ w: TaylorColumn, numerator n: TaylorColumn, negated: Bool, denominator dd: TaylorColumn,
        reciprocal rcp: UnsafeMutablePointer<Double>, _ cnt: Int
    ) {
        for d in stride(from: 1, through: order, by: 1) {
            convolve(w, d, w, dd, from: 1, through: d - 1, cnt, weights: integers)
            let f = inverses[d]
            let (out, nd) = (w[d], n[d])
            if negated {
                for r in 0..<cnt { out[r] = rcp[r] * (-nd[r] - f * out[r]) }
            } else {
                for r in 0..<cnt { out[r] = rcp[r] * (nd[r] - f * out[r]) }
            }
        }
    }

    /// w = √u with w₀ set: w_d = rcp·(u_d − Σ_{j=1}^{d−1} w_j·w_{d−j}), rcp = 1/(2w₀) per repetition.
    @inline(__always)
    func squareRoot(_ w: TaylorColumn, _ u: TaylorColumn, reciprocal rcp: UnsafeMutablePointer<Double>, _ cnt: Int) {
        for d in stride(from: 1, through: order, by: 1) {
            convolve(w, d, w, w, from: 1, through: d - 1, cnt)
            let (out, ud) = (w[d], u[d])
            for r in 0..<cnt { out[r] = rcp[r] * (ud[r] - out[r]) }
        }
    }

    /// w = u/v (u nil: 1/v) with w₀ set: w_d = rcp·(u_d − Σ_{j=0}^{d−1} w_j·v_{d−j}).
    @inline(__always)
    func quotient(_ w: TaylorColumn, _ u: TaylorColumn?, _ v: TaylorColumn, reciprocal rcp: UnsafeMutablePointer<Double>, _ cnt: Int) {
        for d in stride(from: 1, through: order, by: 1) {
            convolve(w, d, w, v, from: 0, through: d - 1, cnt)
            let out = w[d]
            if let u {
                let ud = u[d]
                for r in 0..<cnt { out[r] = rcp[r] * (ud[r] - out[r]) }
            } else {
                for r in 0..<cnt { out[r] = rcp[r] * (0 - out[r]) }
            }
        }
    }

    /// w = u^e (u₀ ≠ 0, w₀ set), one exponent for every repetition:
    /// w_d = (1/(d·u₀))·Σ_{i=1}^{d} ((e + 1)·i − d)·u_i·w_{d−i}; `inverse` holds 1/u₀ per repetition.
    @inline(__always)
    func realPower(_ w: TaylorColumn, _ u: TaylorColumn, exponent e: Double, inverse: UnsafeMutablePointer<Double>, _ cnt: Int) {
        let plusOne = e + 1
        for d in stride(from: 1, through: order, by: 1) {
            for j in 0...order { weights[j] = plusOne * integers[j] - integers[d] }
            convolve(w, d, u, w, from: 1, through: d, cnt, weights: weights)
            let f = inverses[d]
            let out = w[d]
            for r in 0..<cnt { out[r] = (f * inverse[r]) * out[r] }
        }
    }

    /// w = uⁿ for n ≥ 1 by repeated squaring (as the generic sweep), in scratch series 0–2;
    /// every degree of w is written (w₀ is then overwritten by the caller's value).
    @inline(__always)
    func power(into w: TaylorColumn, _ u: TaylorColumn, _ n: Int, _ cnt: Int) {
        var result = series[0]
        var square = series[1]
        var spare = series[2]
        copy(into: square, u, cnt)
        var haveResult = false
        var e = n
        while e > 0 {
            if e & 1 == 1 {
                if haveResult {
                    multiply(into: spare, result, square, cnt)
                    swap(&result, &spare)
                } else {
                    copy(into: result, square, cnt)
                    haveResult = true
                }
            }
            e >>= 1
            if e > 0 {
                multiply(into: spare, square, square, cnt)
                swap(&square, &spare)
            }
        }
        copy(into: w, result, cnt)
    }
}
