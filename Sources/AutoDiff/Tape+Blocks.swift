// What the floating-point sweeps run as loops (see SweepPlan): exposed so that a compiler
// emitting tapes (the program language) can check that its loops stay loops.

extension Tape {
    /// The repeated blocks the sweep plan found: `period` instructions repeated
    /// `repetitions` times from slot `start`, every operand moving by a fixed stride.
    ///
    ///     // Σᵢ xᵢ² over 1000 inputs, recorded as s = s + x[i]*x[i]:
    ///     tape.repeatedBlocks   // [(start: 1001, period: 2, repetitions: 1000)]
    ///
    /// Builds (and keeps) the plan on first use, as the first Double sweep would.
    public var repeatedBlocks: [(start: Int, period: Int, repetitions: Int)] {
        planCache.plan(for: self).segments.compactMap { segment in
            switch segment {
            case .block(let b): (b.start, b.period, b.reps)
            case .straight: nil
            }
        }
    }
}
