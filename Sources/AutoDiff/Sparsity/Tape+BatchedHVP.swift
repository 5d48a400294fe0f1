// H·vₖ for several directions of a Double tape through the sweep plan (the entry point the
// compressed Hessian uses); nil where the plan declines, and the caller runs the generic sweeps.

extension Tape {
    func planHVPs(_ point: [Double], _ directions: [[Double]]) -> [[Double]]? {
        var out = [[Double]]()
        out.reserveCapacity(directions.count)
        let workspace = Workspace()
        for d in directions {
            guard let r = planHVPDouble(point, d, workspace) else { return nil }
            out.append(r)
        }
        return out
    }
}
