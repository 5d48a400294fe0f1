import Exact

// Taylor-mode AD: one pass in slot order that carries, for every slot, its truncated Taylor
// series in the seed variables s (a TaylorLayout's coefficients), instead of a value and a
// tangent. Inputs are xᵢ = aᵢ + Σⱼ Vᵢⱼ sⱼ; each instruction maps its operands' series to its
// own by the standard recurrences (Griewank & Walther, "Evaluating Derivatives", 2nd ed.,
// §13.2, Table 13.1–13.2), written on homogeneous blocks: the degree-d block of a series
// is the d-th Taylor coefficient of t ↦ f(a + t·V·s), a homogeneous polynomial in s, and
// every univariate recurrence holds verbatim with products of blocks in place of products
// of numbers. With one seed variable (a direction v) each block is one number and this is
// the classical univariate propagation; with V = I it gives every mixed coefficient
// ∂^α f(a)/α! directly (fine for small n; the layout's size C(n + k, k) is budgeted).
//
// The recurrences, for w = φ(u), with u_d, w_d the degree-d blocks and ⊗ the block product:
//
//     u·v       w_d = Σ_{j=0}^{d} u_j ⊗ v_{d−j}
//     u/v       w_d = (u_d − Σ_{j=0}^{d−1} w_j ⊗ v_{d−j}) / v₀
//     exp       w_d = (1/d) Σ_{j=1}^{d} j·u_j ⊗ w_{d−j}                     (w′ = w·u′)
//     sin, cos  s_d = (1/d) Σ j·u_j ⊗ c_{d−j},  c_d = −(1/d) Σ j·u_j ⊗ s_{d−j}
//     sinh,cosh the same with + in both
//     tan, tanh w_d = (1/d) Σ j·u_j ⊗ q_{d−j},  q = 1 ± w²                 (w′ = q·u′)
//     log, atan, asin, acos: D·w′ = ±u′ with D = u, 1 + u², √(1 − u²):
//               w_d = (±u_d − (1/d) Σ_{j=1}^{d−1} j·w_j ⊗ D_{d−j}) / D₀
//     sqrt      w_d = (u_d − Σ_{j=1}^{d−1} w_j ⊗ w_{d−j}) / (2w₀)
//     u^r       w_d = (1/(d·u₀)) Σ_{i=1}^{d} ((r + 1)·i − d)·u_i ⊗ w_{d−i}   (u·w′ = r·w·u′)
//     u^n       by repeated squaring of series (also at u₀ = 0); n < 0: its reciprocal
//     u^v       exp(v·log u)
//
// Each step costs O(k²) block products, so order-k coefficients along one direction cost
// O(k²) times a forward sweep. The values w₀ come from the tape's own table
// (LocalPartials.value), so domain errors and exact special values are the other sweeps'.

/// The state of one Taylor sweep: a series per slot plus three scratch series.
@usableFromInline
struct TaylorSweep<S: TapeScalar>: ~Copyable {
    @usableFromInline let layout: TaylorLayout
    @usableFromInline let width: Int
    @usableFromInline let order: Int
    @usableFromInline let slots: Int
    @usableFromInline let base: UnsafeMutablePointer<S>
    /// S(j) for j = 0…k and S(1/j) for j = 1…k (index 0 holds 0).
    @usableFromInline let integers: [S]
    @usableFromInline let inverses: [S]

    /// Slots 0..<initializedSlots hold initialized series: each slot is zeroed when its
    /// instruction runs (one short, cache-hot fill per instruction, instead of zeroing the
    /// whole table up front, which cost as much as the sweep itself at small k).
    @usableFromInline var initializedSlots = 0

    @usableFromInline static var scratchCount: Int { 3 }

    @inlinable
    init(layout: TaylorLayout, slots: Int) {
        self.layout = layout
        width = layout.width
        order = layout.order
        self.slots = slots
        let total = (slots + Self.scratchCount) * layout.width
        base = .allocate(capacity: Swift.max(total, 1))
        (base + slots * layout.width).initialize(repeating: .zero, count: Self.scratchCount * layout.width)
        integers = (0...layout.order).map { S(Rational($0)) }
        inverses = (0...layout.order).map { $0 == 0 ? .zero : S(Rational(1, $0)) }
    }

    @inlinable
    deinit {
        base.deinitialize(count: initializedSlots * width)
        (base + slots * width).deinitialize(count: Self.scratchCount * width)
        base.deallocate()
    }

    /// Zeroes the series of the next slot, `slot` (slots are written once, in order).
    @inlinable @inline(__always)
    mutating func start(_ slot: Int) {
        precondition(slot == initializedSlots, "Taylor sweep slots are written in order")
        series(slot).initialize(repeating: .zero, count: width)
        initializedSlots = slot + 1
    }

    @inlinable func series(_ slot: Int) -> UnsafeMutablePointer<S> { base + slot * width }
    @inlinable func scratch(_ i: Int) -> UnsafeMutablePointer<S> { base + (slots + i) * width }

    /// dst_d += Σ_{j=lo}^{hi} weight_j · (a_j ⊗ b_{d−j}); `weights` nil means weight 1.
    @inlinable
    func convolve(
        into dst: UnsafeMutablePointer<S>, degree d: Int, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
        from lo: Int, through hi: Int, weights: [S]? = nil
    ) {
        guard lo <= hi else { return }
        if layout.variables == 1 {
            // One seed variable: block d is the single coefficient at offset d.
            var sum = S.zero
            if let weights {
                for j in lo...hi {
                    let x = a[j]
                    if x.isZero { continue }
                    sum = sum + weights[j] * (x * b[d - j])
                }
            } else {
                for j in lo...hi {
                    let x = a[j]
                    if x.isZero { continue }
                    sum = sum + x * b[d - j]
                }
            }
            dst[d] = dst[d] + sum
            return
        }
        layout.triples.withUnsafeBufferPointer { t in
            for j in lo...hi {
                let pair = j * (order + 1) + (d - j)
                var idx = layout.pairStart[pair]
                let end = layout.pairStart[pair + 1]
                if let weights {
                    let wj = weights[j]
                    if wj.isZero { continue }
                    while idx < end {
                        let x = a[Int(t[idx])]
                        if !x.isZero {
                            let c = Int(t[idx + 2])
                            dst[c] = dst[c] + wj * (x * b[Int(t[idx + 1])])
                        }
                        idx += 3
                    }
                } else {
                    while idx < end {
                        let x = a[Int(t[idx])]
                        if !x.isZero {
                            let c = Int(t[idx + 2])
                            dst[c] = dst[c] + x * b[Int(t[idx + 1])]
                        }
                        idx += 3
                    }
                }
            }
        }
    }

    /// Whether a series is constant (every coefficient past the value is zero).
    @inlinable
    func isConstant(_ u: UnsafePointer<S>) -> Bool {
        for t in 1..<width where !u[t].isZero { return false }
        return true
    }

    /// dst = a ⊗ b, all degrees (dst must not alias a or b).
    @inlinable
    func multiply(into dst: UnsafeMutablePointer<S>, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>) {
        dst.update(repeating: .zero, count: width)
        for d in 0...order { convolve(into: dst, degree: d, a, b, from: 0, through: d) }
    }

    /// dst = uⁿ for n ≥ 1 by repeated squaring, using scratch series 0–2 (u must not be one).
    @inlinable
    func power(into dst: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>, _ n: Int) {
        var result = scratch(0)
        var square = scratch(1)
        var spare = scratch(2)
        square.update(from: u, count: width)
        var haveResult = false
        var e = n
        while e > 0 {
            if e & 1 == 1 {
                if haveResult {
                    multiply(into: spare, result, square)
                    swap(&result, &spare)
                } else {
                    result.update(from: square, count: width)
                    haveResult = true
                }
            }
            e >>= 1
            if e > 0 {
                multiply(into: spare, square, square)
                swap(&square, &spare)
            }
        }
        dst.update(from: result, count: width)
    }

    /// The exp-like recurrence w_d = (1/d) Σ_{j=1}^{d} j·u_j ⊗ g_{d−j} for one degree,
    /// with `sign` −1 for cos's companion.
    @inlinable
    func derivation(into w: UnsafeMutablePointer<S>, degree d: Int, _ u: UnsafePointer<S>, _ g: UnsafePointer<S>, negated: Bool = false) {
        convolve(into: w, degree: d, u, g, from: 1, through: d, weights: integers)
        let f = negated ? -inverses[d] : inverses[d]
        for t in layout.block(d) { w[t] = f * w[t] }
    }

    /// Solves D·w′ = N′ degree by degree (w₀ already set): w_d = (N_d − (1/d) Σ_{j=1}^{d−1}
    /// j·w_j ⊗ D_{d−j}) · r with r = 1/D₀.
    @inlinable
    func quotientDerivation(
        into w: UnsafeMutablePointer<S>, numerator n: UnsafePointer<S>, negated: Bool, denominator dd: UnsafePointer<S>, reciprocal r: S
    ) {
        for d in stride(from: 1, through: order, by: 1) {
            convolve(into: w, degree: d, w, dd, from: 1, through: d - 1, weights: integers)
            let f = inverses[d]
            for t in layout.block(d) {
                let numerator = negated ? -n[t] : n[t]
                w[t] = r * (numerator - f * w[t])
            }
        }
    }

    /// The square-root recurrence: w = √u with w₀ ≠ 0 given.
    @inlinable
    func squareRoot(into w: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>, reciprocalOfTwiceValue r: S) {
        for d in stride(from: 1, through: order, by: 1) {
            convolve(into: w, degree: d, w, w, from: 1, through: d - 1)
            for t in layout.block(d) { w[t] = r * (u[t] - w[t]) }
        }
    }

    /// The division recurrence w = u/v (u nil: 1/v), w₀ given, r = 1/v₀.
    @inlinable
    func quotient(into w: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>?, _ v: UnsafePointer<S>, reciprocal r: S) {
        for d in stride(from: 1, through: order, by: 1) {
            convolve(into: w, degree: d, w, v, from: 0, through: d - 1)
            for t in layout.block(d) { w[t] = r * ((u?[t] ?? .zero) - w[t]) }
        }
    }

    /// The power recurrence w = u^r (u₀ ≠ 0), w₀ given, with exponent r as a scalar.
    @inlinable
    func realPower(into w: UnsafeMutablePointer<S>, _ u: UnsafePointer<S>, exponent r: S) throws(ScalarError) {
        let inverse = try S.one.divided(by: u[0])
        let rPlusOne = r + .one
        for d in stride(from: 1, through: order, by: 1) {
            let weights = integers.map { rPlusOne * $0 - integers[d] }
            convolve(into: w, degree: d, u, w, from: 1, through: d, weights: weights)
            let f = inverses[d] * inverse
            for t in layout.block(d) { w[t] = f * w[t] }
        }
    }
}
