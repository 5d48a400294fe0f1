import AutoDiff

// The sparse Hessian through a compiled tape, at C speed and with little memory traffic:
// one compiled sweep carries up to eight colours (`jacobi_hvp_coloured`), its seeds read
// from one colour byte per input rather than from stored direction vectors, its products
// interleaved (every colour's product of input i side by side), and the entries then read
// straight into the pattern's order. Everything that depends only on the pattern (the
// colour bytes of each sweep, where each entry is read) is prepared once, here.

/// A compiled tape's sparse Hessian for one compression, evaluated at many points.
///
/// For the compression's colours c = 0 … p−1, the compiled sweep computes H·d_c (d_c the
/// indicator of the inputs of colour c), up to ``CompileOptions/maximumColoursPerSweep``
/// colours per sweep, and every entry Hᵢⱼ is one number of one product (direct recovery),
/// so the entries are those of `Tape.sparseHessian(at:compression:workspace:)` to rounding.
///
///     let c = try SparseCompression.hessian(of: tape)
///     let h = try CompiledSparseHessian(tape.compiled(options: CompileOptions(hessianColours: c.coloring.count)), compression: c)
///     try h.evaluate(at: x)   // the 3n − 2 entries for extended Rosenbrock
///
/// Without the compiled sweep (no C compiler, or compiled without `hessianColours`), and at
/// any point where the compiled code declines (a domain check fails), the interpreter
/// computes the entries and reports any error.
public final class CompiledSparseHessian: Sendable {
    /// The compiled tape.
    public let compiled: CompiledTape
    /// The pattern, its star colouring and the recovery.
    public let compression: SparseCompression
    /// Colours per compiled sweep.
    let lanes: Int
    /// Per sweep, one byte per input: c − (first colour of the sweep) for the sweep's
    /// colours, 255 (no direction) for the others.
    let sweeps: [[UInt8]]
    /// Per entry, where it is read in the stacked interleaved products: sweep s at s·lanes·n,
    /// colour l of the sweep for input i at lanes·i + l.
    let sources: [UInt32]

    /// Prepares the compressed Hessian of `compiled`'s tape for `compression`.
    ///
    ///     try CompiledSparseHessian(fast, compression: c).evaluate(at: x)
    ///
    /// - Throws: `TapeError.notScalarValued` for a tape with more than one output;
    ///   `SparsityError` when the compression is not a star colouring of an n × n pattern
    ///   (or does not separate it), or its products would not fit 32-bit indices.
    public init(_ compiled: CompiledTape, compression c: SparseCompression) throws {
        let tape = compiled.tape
        let n = tape.inputCount
        try CompiledTape.checkHessianCompression(c, of: tape)
        let indices = try c.productIndices()
        let lanes = Swift.max(1, compiled.hessianColours)
        let count = c.coloring.count
        let sweepCount = (count + lanes - 1) / lanes
        guard sweepCount * lanes * n < Int(UInt32.max) else {
            throw SparsityError.dimensionMismatch(
                what: "colours × dimension (products to store)", expected: Int(UInt32.max), actual: sweepCount * lanes * n)
        }
        let colors = c.coloring.colors
        sweeps = (0..<sweepCount).map { s in
            colors.map { k in k >= s * lanes && k < (s + 1) * lanes ? UInt8(k - s * lanes) : 255 }
        }
        sources = indices.map { q in
            let (color, i) = (Int(q) / Swift.max(n, 1), Int(q) % Swift.max(n, 1))
            let (s, l) = (color / lanes, color % lanes)
            return UInt32(s * lanes * n + i * lanes + l)
        }
        self.lanes = lanes
        self.compiled = compiled
        compression = c
    }

    /// The entries of the pattern at x (row-major order).
    ///
    /// - Throws: as the interpreter (`TapeError`: dimension, domain errors).
    public func evaluate(at x: [Double]) throws -> [Double] {
        var values: [Double] = []
        var products: [Double] = []
        try evaluate(at: x, into: &values, products: &products)
        return values
    }

    /// The entries at x written into `values`, with `products` as the compressed products'
    /// storage (colours · n numbers, interleaved); both are reused when large enough, so
    /// repeated evaluations allocate nothing.
    ///
    ///     var (h, p): ([Double], [Double]) = ([], [])
    ///     for x in points { try sparse.evaluate(at: x, into: &h, products: &p) }
    ///
    /// - Throws: as the interpreter (`TapeError`: dimension, domain errors).
    public func evaluate(at x: [Double], into values: inout [Double], products: inout [Double]) throws {
        let n = compiled.tape.inputCount
        guard x.count == n else { throw TapeError.dimensionMismatch(what: "point", expected: n, actual: x.count) }
        if n > 0, let f = compiled.fHVPColoured, lanes == compiled.hessianColours {
            let size = sweeps.count * lanes * n
            if products.count < size { products = [Double](repeating: 0, count: size) }
            let ok = x.withUnsafeBufferPointer { xp in
                products.withUnsafeMutableBufferPointer { pp in
                    guard let base = pp.baseAddress else { return false }
                    var ok = true
                    for (s, bytes) in sweeps.enumerated() where ok {
                        ok = bytes.withUnsafeBufferPointer { f(xp.baseAddress, $0.baseAddress, base + s * lanes * n) } == 0
                    }
                    return ok
                }
            }
            if ok {
                if values.count != sources.count { values = [Double](repeating: 0, count: sources.count) }
                values.withUnsafeMutableBufferPointer { out in
                    products.withUnsafeBufferPointer { p in
                        sources.withUnsafeBufferPointer { src in
                            for k in 0..<src.count { out[k] = p[Int(src[k])] }
                        }
                    }
                }
                return
            }
        }
        values = try compiled.tape.sparseHessian(at: x, compression: compression)
    }
}
