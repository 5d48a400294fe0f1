// H·vₖ for several directions of a Double tape through the sweep plan, up to four
// directions per sweep (`DualBundle`): the compressed Hessian's fast path. Each product is
// bitwise the one `hvp(at:direction:)` gives; nil where the plan declines (the caller then
// runs the generic sweeps, which decide).
//
// The memory is the workspace's: block 2 holds the seed planes, block 3 the gradient planes
// (primal, then one plane per lane), block 4 the products when there are more than four
// colours; so repeated calls allocate only their result.

extension Tape {
    /// The compressed Hessian's entries: for each k, the product entry `sources[k]`
    /// (c·n + i: entry i of H·d_c, d_c the indicator of colour c).
    func planCompressedHessian(
        _ point: [Double], _ coloring: Coloring, _ sources: [Int], _ workspace: Workspace
    ) -> [Double]? {
        let n = inputCount
        let count = coloring.count
        guard n > 0, count > 0 else { return sources.isEmpty ? [] : nil }
        // The products H·d_c as planes c·n ..< (c+1)·n of one buffer: the gradient's lanes
        // when one sweep does them all, else copied there batch by batch.
        let direct = count <= 4
        let products = direct ? nil : workspace.memory(4, Double.self, count: count * n)
        var base: UnsafeMutablePointer<Double>?
        var c0 = 0
        while c0 < count {
            let lanes = Swift.min(4, count - c0)
            let fill = { (l: Int, plane: UnsafeMutablePointer<Double>) in
                let colour = c0 + l
                coloring.colors.withUnsafeBufferPointer { colors in
                    for v in 0..<n { plane[v] = colors[v] == colour ? 1 : 0 }
                }
            }
            let gradient: UnsafeMutablePointer<Double>?
            switch lanes {
            case 4: gradient = planHVPBundle(FourLanes.self, point, fill, workspace)
            case 3: gradient = planHVPBundle(ThreeLanes.self, point, fill, workspace)
            case 2: gradient = planHVPBundle(TwoLanes.self, point, fill, workspace)
            default: gradient = planHVPBundle(OneLane.self, point, fill, workspace)
            }
            guard let gradient else { return nil }
            if let products {
                (products + c0 * n).update(from: gradient + n, count: lanes * n)
                base = products
            } else {
                base = gradient + n
            }
            c0 += lanes
        }
        guard let base else { return nil }
        return [Double](unsafeUninitializedCapacity: sources.count) { out, initialized in
            sources.withUnsafeBufferPointer { s in
                for k in 0..<s.count { out[k] = base[s[k]] }
            }
            initialized = sources.count
        }
    }

    /// H·d for each of `directions` (a test and benchmark entry: the products as arrays).
    func planHVPs(_ point: [Double], _ directions: [[Double]]) -> [[Double]]? {
        let n = inputCount
        guard point.count == n, directions.allSatisfy({ $0.count == n }) else { return nil }
        if n == 0 { return directions.map { _ in [] } }
        let workspace = Workspace()
        var out = [[Double]]()
        var k = 0
        while k < directions.count {
            let batch = Array(directions[k..<Swift.min(k + 4, directions.count)])
            let fill = { (l: Int, plane: UnsafeMutablePointer<Double>) in
                batch[l].withUnsafeBufferPointer { plane.update(from: $0.baseAddress!, count: n) }  // n > 0
            }
            let gradient: UnsafeMutablePointer<Double>?
            switch batch.count {
            case 4: gradient = planHVPBundle(FourLanes.self, point, fill, workspace)
            case 3: gradient = planHVPBundle(ThreeLanes.self, point, fill, workspace)
            case 2: gradient = planHVPBundle(TwoLanes.self, point, fill, workspace)
            default: gradient = planHVPBundle(OneLane.self, point, fill, workspace)
            }
            guard let gradient else { return nil }
            for l in 0..<batch.count { out.append(Array(UnsafeBufferPointer(start: gradient + (1 + l) * n, count: n))) }
            k += batch.count
        }
        return out
    }

    /// One forward-over-reverse sweep over `DualBundle<L>`: x + Σₗ dₗ·εₗ with weight 1, where
    /// `fill(l, plane)` writes dₗ. Returns the gradient planes (workspace block 3: primal
    /// parts, then lane l's H·dₗ at (1 + l)·n), or nil where the plan declines.
    func planHVPBundle<L: BundleLanes>(
        _ lanes: L.Type, _ point: [Double], _ fill: (Int, UnsafeMutablePointer<Double>) -> Void, _ workspace: Workspace
    ) -> UnsafeMutablePointer<Double>? {
        let n = inputCount
        let seeds = workspace.memory(2, Double.self, count: (1 + L.count) * n)
        let inputs = BundlePlanes<L>(base: seeds, stride: n)
        point.withUnsafeBufferPointer { inputs.p.update(from: $0.baseAddress!, count: n) }  // n > 0: callers check
        let planes = [inputs.t0, inputs.t1, inputs.t2, inputs.t3]
        for l in 0..<L.count { fill(l, planes[l]) }
        let g = workspace.memory(3, Double.self, count: (1 + L.count) * n)
        let gradient = BundlePlanes<L>(base: g, stride: n)
        gradient.update(repeating: .zero, count: n)
        let plan = planCache.plan(for: self)
        guard plan.run(self, inputs: inputs, weights: [DualBundle<L>.one], gradient: gradient, workspace: workspace, value: false)
            != nil, DualBundle<L>.allFinite(gradient, n)
        else { return nil }
        return g
    }
}
