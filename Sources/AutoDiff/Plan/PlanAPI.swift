// The public sweeps' fast path: for Double (and Dual<Double>, forward-over-reverse) the
// tape is run through its `SweepPlan`; every other scalar, and every case the plan declines
// (errors, guards, non-finite numbers), takes the generic sweeps. Exact scalars never come
// here, so their semantics are untouched.

extension Tape {
    /// f(x) and wᵀJ(x) through the sweep plan, for the scalars it serves; nil otherwise.
    /// With `value` false the value is not computed (it comes back empty): for `gradient`
    /// and `hvp`, which return only the derivative.
    @inlinable
    func planVJP<S: TapeScalar>(
        _ point: [S], weights: [S], workspace: Workspace?, value: Bool = true
    ) -> (value: [S], cotangent: [S])? {
        if S.self == Double.self {
            guard
                let r = planVJPDouble(
                    unsafeBitCast(point, to: [Double].self), unsafeBitCast(weights, to: [Double].self), workspace, value: value)
            else { return nil }
            return (unsafeBitCast(r.value, to: [S].self), unsafeBitCast(r.cotangent, to: [S].self))
        }
        if S.self == Dual<Double>.self {
            guard
                let r = planVJPDual(
                    unsafeBitCast(point, to: [Dual<Double>].self), unsafeBitCast(weights, to: [Dual<Double>].self), workspace,
                    value: value)
            else { return nil }
            return (unsafeBitCast(r.value, to: [S].self), unsafeBitCast(r.cotangent, to: [S].self))
        }
        return nil
    }

    /// f(x) through the sweep plan, for the scalars it serves; nil otherwise.
    @inlinable
    func planEvaluate<S: TapeScalar>(_ point: [S], workspace: Workspace?) -> [S]? {
        guard S.self == Double.self, let r = planEvaluateDouble(unsafeBitCast(point, to: [Double].self), workspace) else {
            return nil
        }
        return unsafeBitCast(r, to: [S].self)
    }

    @usableFromInline
    func planVJPDouble(
        _ point: [Double], _ weights: [Double], _ workspace: Workspace?, value: Bool = true
    ) -> (value: [Double], cotangent: [Double])? {
        guard let r = planCache.plan(for: self).run(self, point: point, weights: weights, workspace: workspace, value: value)
        else { return nil }
        return (r.value, r.cotangent!)
    }

    @usableFromInline
    func planVJPDual(
        _ point: [Dual<Double>], _ weights: [Dual<Double>], _ workspace: Workspace?, value: Bool = true
    ) -> (value: [Dual<Double>], cotangent: [Dual<Double>])? {
        guard let r = planCache.plan(for: self).run(self, point: point, weights: weights, workspace: workspace, value: value)
        else { return nil }
        return (r.value, r.cotangent!)
    }

    /// H·v for a Double tape through the sweep plan: the reverse sweep over dual numbers
    /// x + ε·v, with the primal parts and the tangents in separate arrays (the point and the
    /// direction are used in place); nil where the plan declines.
    @usableFromInline
    func planHVPDouble(_ point: [Double], _ direction: [Double], _ workspace: Workspace?) -> [Double]? {
        let n = inputCount
        let gradient = DualPlanes.allocate(capacity: n)
        defer { gradient.deallocate() }
        gradient.update(repeating: .zero, count: n)
        let plan = planCache.plan(for: self)
        let ran = Double.withMemory(point) { x in
            Double.withMemory(direction) { v in
                plan.run(
                    self, inputs: DualPlanes(x, v), weights: [Dual(1.0, 0.0)], gradient: gradient,
                    workspace: workspace, value: false) != nil
            }
        }
        guard ran, Dual<Double>.allFinite(gradient, n) else { return nil }
        return Array(UnsafeBufferPointer(start: gradient.t, count: n))
    }

    @usableFromInline
    func planEvaluateDouble(_ point: [Double], _ workspace: Workspace?) -> [Double]? {
        planCache.plan(for: self).run(self, point: point, weights: nil, workspace: workspace)?.value
    }
}
