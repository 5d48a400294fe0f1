// H·vₖ for several directions of a Double tape through the sweep plan, up to four
// directions per sweep (`DualBundle`): the entry point the compressed Hessian uses. Each
// result is bitwise the one `hvp(at:direction:)` gives; nil where the plan declines (the
// caller then runs the generic sweeps, which decide).

extension Tape {
    func planHVPs(_ point: [Double], _ directions: [[Double]]) -> [[Double]]? {
        var out = [[Double]]()
        out.reserveCapacity(directions.count)
        let workspace = Workspace()
        var k = 0
        while k < directions.count {
            let batch = Array(directions[k..<Swift.min(k + 4, directions.count)])
            let r: [[Double]]?
            switch batch.count {
            case 4: r = planHVPBundle(FourLanes.self, point, batch, workspace)
            case 3: r = planHVPBundle(ThreeLanes.self, point, batch, workspace)
            case 2: r = planHVPBundle(TwoLanes.self, point, batch, workspace)
            default: r = planHVPDouble(point, batch[0], workspace).map { [$0] }
            }
            guard let r else { return nil }
            out += r
            k += batch.count
        }
        return out
    }

    /// One forward-over-reverse sweep over `DualBundle<L>`: x + Σₗ dₗ·εₗ, weight 1; the
    /// tangent lanes of the input adjoints are H·dₗ.
    func planHVPBundle<L: BundleLanes>(
        _ lanes: L.Type, _ point: [Double], _ directions: [[Double]], _ workspace: Workspace
    ) -> [[Double]]? {
        let n = inputCount
        guard directions.count == L.count, directions.allSatisfy({ $0.count == n }), point.count == n else { return nil }
        if n == 0 { return directions.map { _ in [] } }
        // The inputs as planes: the point, then the directions, copied side by side.
        let inputs = BundlePlanes<L>.allocate(capacity: n)
        defer { inputs.deallocate() }
        point.withUnsafeBufferPointer { inputs.p.update(from: $0.baseAddress!, count: n) }
        let lanePlanes = [inputs.t0, inputs.t1, inputs.t2, inputs.t3]
        for (l, d) in directions.enumerated() { d.withUnsafeBufferPointer { lanePlanes[l].update(from: $0.baseAddress!, count: n) } }
        let gradient = BundlePlanes<L>.allocate(capacity: n)
        defer { gradient.deallocate() }
        gradient.update(repeating: .zero, count: n)
        let plan = planCache.plan(for: self)
        guard plan.run(self, inputs: inputs, weights: [DualBundle<L>.one], gradient: gradient, workspace: workspace, value: false)
            != nil, DualBundle<L>.allFinite(gradient, n)
        else { return nil }
        let out = [gradient.t0, gradient.t1, gradient.t2, gradient.t3]
        return (0..<L.count).map { Array(UnsafeBufferPointer(start: out[$0], count: n)) }
    }
}
