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
    /// Writes them into `values`; false where the plan declines.
    func planCompressedHessian(
        _ point: [Double], _ compression: SparseCompression, _ sources: [UInt32], _ workspace: Workspace,
        into values: inout [Double]
    ) -> Bool {
        let n = inputCount
        let coloring = compression.coloring
        let count = coloring.count
        guard n > 0, count > 0 else {
            values = []
            return sources.isEmpty
        }
        // The products H·d_c as planes c·n ..< (c+1)·n of one buffer: the gradient's lanes
        // when one sweep does them all, else copied there batch by batch.
        let direct = count <= 4
        let products = direct ? nil : workspace.memory(4, Double.self, count: count * n)
        var base: UnsafeMutablePointer<Double>?
        var c0 = 0
        while c0 < count {
            let lanes = Swift.min(4, count - c0)
            let first = c0
            let fill = { (planes: [UnsafeMutablePointer<Double>]) in
                // one pass over the colours for all lanes (lanes past the count write nothing)
                let k = planes.count
                let (p0, p1, p2, p3) = (planes[0], planes[Swift.min(1, k - 1)], planes[Swift.min(2, k - 1)], planes[k - 1])
                coloring.colors.withUnsafeBufferPointer { colors in
                    for v in 0..<n {
                        let c = colors[v] &- first
                        p0[v] = c == 0 ? 1 : 0
                        if k > 1 { p1[v] = c == 1 ? 1 : 0 }
                        if k > 2 { p2[v] = c == 2 ? 1 : 0 }
                        if k > 3 { p3[v] = c == 3 ? 1 : 0 }
                    }
                }
            }
            let seeds = compression.seedPlanes.map { $0.base + first * n }
            let gradient: UnsafeMutablePointer<Double>?
            switch lanes {
            case 4: gradient = planHVPBundle(FourLanes.self, point, fill, workspace, seeds: seeds)
            case 3: gradient = planHVPBundle(ThreeLanes.self, point, fill, workspace, seeds: seeds)
            case 2: gradient = planHVPBundle(TwoLanes.self, point, fill, workspace, seeds: seeds)
            default: gradient = planHVPBundle(OneLane.self, point, fill, workspace, seeds: seeds)
            }
            guard let gradient else { return false }
            if let products {
                (products + c0 * n).update(from: gradient + n, count: lanes * n)
                base = products
            } else {
                base = gradient + n
            }
            c0 += lanes
        }
        guard let base else { return false }
        if values.count != sources.count { values = [Double](repeating: 0, count: sources.count) }
        values.withUnsafeMutableBufferPointer { out in
            sources.withUnsafeBufferPointer { s in
                for k in 0..<s.count { out[k] = base[Int(s[k])] }
            }
        }
        return true
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
            let fill = { (planes: [UnsafeMutablePointer<Double>]) in
                for (l, plane) in planes.enumerated() {
                    batch[l].withUnsafeBufferPointer { plane.update(from: $0.baseAddress!, count: n) }  // n > 0
                }
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
    /// `fill(planes)` writes dₗ into planes[l]. Returns the gradient planes (workspace block 3:
    /// primal parts, then lane l's H·dₗ at (1 + l)·n), or nil where the plan declines.
    /// With `seeds`, the directions are read in place from there (L planes of n) and `fill`
    /// is not called.
    func planHVPBundle<L: BundleLanes>(
        _ lanes: L.Type, _ point: [Double], _ fill: ([UnsafeMutablePointer<Double>]) -> Void, _ workspace: Workspace,
        seeds: UnsafeMutablePointer<Double>? = nil
    ) -> UnsafeMutablePointer<Double>? {
        let n = inputCount
        let lanes: BundlePlanes<L>
        if let seeds {
            let k = L.count  // t_l = seeds + l·n (lanes past the count alias the last); p is not used
            lanes = BundlePlanes<L>(
                seeds, seeds, seeds + Swift.min(1, k - 1) * n, seeds + Swift.min(2, k - 1) * n,
                seeds + (k - 1) * n)
        } else {
            lanes = BundlePlanes<L>(base: workspace.memory(2, Double.self, count: (1 + L.count) * n), stride: n)
            fill(Array([lanes.t0, lanes.t1, lanes.t2, lanes.t3].prefix(L.count)))
        }
        let g = workspace.memory(3, Double.self, count: (1 + L.count) * n)
        let gradient = BundlePlanes<L>(base: g, stride: n)
        gradient.update(repeating: .zero, count: n)
        let plan = planCache.plan(for: self)
        // The point is read in place (the plan only reads its inputs).
        let ran = point.withUnsafeBufferPointer { x in
            let inputs = BundlePlanes<L>(UnsafeMutablePointer(mutating: x.baseAddress!), lanes.t0, lanes.t1, lanes.t2, lanes.t3)
            return plan.run(
                self, inputs: inputs, weights: [DualBundle<L>.one], gradient: gradient, workspace: workspace,
                value: false) != nil
        }
        guard ran, DualBundle<L>.allFinite(gradient, n) else { return nil }
        return g
    }
}
