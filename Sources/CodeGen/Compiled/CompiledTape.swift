import AutoDiff

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A tape's Double sweeps as machine code: the tape strategy's C (checked: every domain
// condition tested, the failing instruction's index + 1 returned), compiled once with the
// system C compiler into a cache keyed by the source's hash, loaded with dlopen and called
// through C function pointers. Whenever the compiled code does not give an ordinary result
// (a failed check, a non-finite number) the interpreted sweep runs instead and decides:
// the value it gives, or its typed error naming the subexpression. So results and errors
// are the interpreter's, and only the speed differs.

/// A tape whose f, gradient, H·v, JVP and VJP run as compiled C when a C compiler is
/// available, and through the interpreter otherwise (with the same results).
///
///     let fast = tape.compiled()
///     try fast.gradient(at: x)   // as tape.gradient(at: x), at C speed
///     fast.isCompiled            // false when no cc was found (said once on stderr)
public final class CompiledTape: @unchecked Sendable {  // immutable after init; the library stays loaded
    /// The tape.
    public let tape: Tape
    /// Why the interpreter runs instead (nil when compiled).
    public let fallbackReason: String?
    /// Seconds spent generating, compiling and loading (0 for a cache hit's compile).
    public let compileSeconds: Double
    /// Whether the library came from the cache.
    public let cached: Bool
    /// The shared library loaded, when compiled.
    public let libraryPath: String?

    typealias Unary = @convention(c) (UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32
    typealias Binary = @convention(c) (UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32
    typealias Coloured = @convention(c) (UnsafePointer<Double>?, UnsafePointer<UInt8>?, UnsafeMutablePointer<Double>?) -> Int32

    private let handle: UnsafeMutableRawPointer?
    private let fValue: Unary?
    private let fGradient: Unary?
    private let fHVP: Binary?
    private let fJVP: Binary?
    private let fVJP: Binary?
    private let fHVPBatch: Binary?
    let fHVPColoured: Coloured?
    /// How many directions `hvp(at:directions:into:)` takes in one compiled sweep.
    public let hvpBatch: Int
    /// How many colours the compressed Hessian's compiled sweep carries (0: none compiled).
    public let hessianColours: Int

    /// Whether the sweeps run compiled.
    public var isCompiled: Bool { handle != nil }

    /// The C source compiled for `tape`: `jacobi_f`, `jacobi_jvp`, `jacobi_vjp`, and for a
    /// scalar tape `jacobi_grad` and `jacobi_hvp`, each returning 0 or the failing
    /// instruction's index + 1.
    /// With `hvpBatch` > 1 (scalar tapes), also `jacobi_hvp_batch` (H·v for that many
    /// directions); with `hessianColours` > 0, `jacobi_hvp_coloured` (the compressed
    /// Hessian's products for that many colours, seeded from one colour byte per input).
    public static func source(for tape: Tape, hvpBatch: Int = 1, hessianColours: Int = 0) -> String {
        let g = CodeGenerator(tape: tape)
        var objects: [CodeGenObject] = [.f, .jvp, .vjp]
        if tape.outputCount == 1 { objects += [.grad, .hvp] }
        let printer = CSource(checked: true)
        let lowering = TapeLowering(tape)
        var source =
            CSource.prelude(title: "compiled tape: \(tape.count) instructions, \(tape.inputCount) inputs")
            + objects.map { "\n" + printer.function(g.tapeKernel($0, name: "jacobi", checked: true, lowering: lowering)) }.joined()
        if tape.outputCount == 1 && hvpBatch > 1 {
            source += "\n" + printer.function(g.hvpBatchKernel(directions: hvpBatch, name: "jacobi_hvp_batch", lowering: lowering))
        }
        if tape.outputCount == 1 && hessianColours > 0 {
            source +=
                "\n" + printer.function(g.colouredHVPKernel(colours: hessianColours, name: "jacobi_hvp_coloured", lowering: lowering))
        }
        return source
    }

    /// Compiles `tape` (or loads it from the cache); on any failure, the interpreter.
    public init(_ tape: Tape, options: CompileOptions = CompileOptions()) {
        self.tape = tape
        let t0 = Self.now()
        var reason: String?
        var handle: UnsafeMutableRawPointer?
        var cached = false
        var path: String?
        build: do {
            let source = Self.source(for: tape, hvpBatch: options.hvpBatch, hessianColours: options.hessianColours)
            if source.utf8.count > 8_000_000 {
                reason = "the tape's C source (\(source.utf8.count / 1_000_000) MB) is too large to compile"
                break build
            }
            guard let cc = CCompiler.find(options.compiler) else {
                reason = "no C compiler ('\(options.compiler)' is not on PATH)"
                break build
            }
            let key = String(stableHash(source + CompileOptions.flags.joined(separator: " ") + cc), radix: 16)
            let dir = options.cacheDirectory
            guard CCompiler.makeDirectories(dir) else {
                reason = "cannot create the cache directory \(dir)"
                break build
            }
            let library = "\(dir)/tape-\(key).so"
            if CCompiler.fileExists(library) {
                cached = true
            } else {
                let src = "\(dir)/tape-\(key).c"
                let temporary = "\(dir)/tape-\(key).\(getpid()).tmp.so"
                let log = "\(dir)/tape-\(key).log"
                guard CCompiler.write(source, to: src) else {
                    reason = "cannot write \(src)"
                    break build
                }
                let status = CCompiler.run([cc] + CompileOptions.flags + ["-o", temporary, src, "-lm"], log: log)
                guard status == 0, rename(temporary, library) == 0 else {
                    unlink(temporary)
                    let first = CCompiler.read(log).split(separator: "\n").first.map(String.init) ?? ""
                    reason = "compiling the tape failed (\(cc) exit \(status)\(first.isEmpty ? "" : ": " + first))"
                    break build
                }
            }
            guard let h = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
                reason = "cannot load \(library): \(dlerror().map { String(cString: $0) } ?? "dlopen failed")"
                break build
            }
            handle = h
            path = library
        }
        func symbol<F>(_ name: String, _ type: F.Type) -> F? {
            guard let handle, let p = dlsym(handle, name) else { return nil }
            return unsafeBitCast(p, to: type)
        }
        self.handle = handle
        fValue = symbol("jacobi", Unary.self)
        fGradient = symbol("jacobi_grad", Unary.self)
        fHVP = symbol("jacobi_hvp", Binary.self)
        fJVP = symbol("jacobi_jvp", Binary.self)
        fVJP = symbol("jacobi_vjp", Binary.self)
        fHVPBatch = symbol("jacobi_hvp_batch", Binary.self)
        fHVPColoured = symbol("jacobi_hvp_coloured", Coloured.self)
        hvpBatch = options.hvpBatch
        hessianColours = fHVPColoured == nil ? 0 : options.hessianColours
        fallbackReason = reason
        self.cached = cached
        libraryPath = path
        compileSeconds = Self.now() - t0
        if let reason { options.onFallback(reason) }
    }

    deinit {
        if let handle { dlclose(handle) }
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    // MARK: raw calls (status: 0, or the failing instruction's index + 1)

    /// Calls `f` with x (and v), writing into `out` (resized to `count`); the status, or
    /// nil when not compiled or the lengths are wrong (the interpreter then reports it).
    func call(_ f: Unary?, _ x: [Double], into out: inout [Double], count: Int) -> Int32? {
        guard let f, x.count == tape.inputCount else { return nil }
        if out.count != count { out = [Double](repeating: 0, count: count) }
        return x.withUnsafeBufferPointer { xp in out.withUnsafeMutableBufferPointer { f(xp.baseAddress, $0.baseAddress) } }
    }

    func call(_ f: Binary?, _ x: [Double], _ v: [Double], vCount: Int, into out: inout [Double], count: Int) -> Int32? {
        guard let f, x.count == tape.inputCount, v.count == vCount else { return nil }
        if out.count != count { out = [Double](repeating: 0, count: count) }
        return x.withUnsafeBufferPointer { xp in
            v.withUnsafeBufferPointer { vp in out.withUnsafeMutableBufferPointer { f(xp.baseAddress, vp.baseAddress, $0.baseAddress) } }
        }
    }

    /// The status of compiled f at `x`: 0, or the index + 1 of the instruction whose
    /// domain check failed; nil when not compiled. (Tests and diagnostics.)
    func valueStatus(at x: [Double]) -> Int32? {
        var out: [Double] = []
        return call(fValue, x, into: &out, count: tape.outputCount)
    }

    /// The statuses of compiled f, ∇f, H·v and J·v at `x` (direction `v`): 0 where the
    /// compiled code gave the result itself. (Tests: ordinary points must not fall back.)
    func statuses(at x: [Double], direction v: [Double]) -> [Int32?] {
        var out: [Double] = []
        return [
            call(fValue, x, into: &out, count: tape.outputCount),
            call(fGradient, x, into: &out, count: tape.inputCount),
            call(fHVP, x, v, vCount: tape.inputCount, into: &out, count: tape.inputCount),
            call(fJVP, x, v, vCount: tape.inputCount, into: &out, count: tape.outputCount),
        ]
    }

    // MARK: sweeps
    //
    // The generated code checks every condition under which the interpreted sweep throws
    // (domains, non-differentiable points, guards), so status 0 means the interpreter would
    // give these numbers too (to rounding); any other status hands the call to it.

    /// f(x), as `Tape.evaluate(at:workspace:)`.
    ///
    /// - Throws: the interpreter's `TapeError` (domain errors name the subexpression).
    public func evaluate(at x: [Double]) throws(TapeError) -> [Double] {
        var out: [Double] = []
        if call(fValue, x, into: &out, count: tape.outputCount) == 0 { return out }
        return try tape.evaluate(at: x)
    }

    /// ∇f(x), as `Tape.gradient(at:workspace:)`.
    ///
    /// - Throws: as the interpreter.
    public func gradient(at x: [Double]) throws(TapeError) -> [Double] {
        var out: [Double] = []
        try gradient(at: x, into: &out)
        return out
    }

    /// ∇f(x) written into `out` (resized to n when needed): no allocation per call.
    ///
    ///     var g: [Double] = []
    ///     for x in points { try fast.gradient(at: x, into: &g) }
    ///
    /// - Throws: as the interpreter.
    public func gradient(at x: [Double], into out: inout [Double]) throws(TapeError) {
        if call(fGradient, x, into: &out, count: tape.inputCount) == 0 { return }
        out = try tape.gradient(at: x)
    }

    /// H(x)·v, as `Tape.hvp(at:direction:workspace:)`.
    ///
    /// - Throws: as the interpreter.
    public func hvp(at x: [Double], direction v: [Double]) throws(TapeError) -> [Double] {
        var out: [Double] = []
        try hvp(at: x, direction: v, into: &out)
        return out
    }

    /// H(x)·v written into `out` (resized to n when needed).
    ///
    /// - Throws: as the interpreter.
    public func hvp(at x: [Double], direction v: [Double], into out: inout [Double]) throws(TapeError) {
        if call(fHVP, x, v, vCount: tape.inputCount, into: &out, count: tape.inputCount) == 0 { return }
        out = try tape.hvp(at: x, direction: v)
    }

    /// H(x)·vₖ for several directions, stacked: `directions` holds K·n numbers (direction k
    /// at k·n), `out` receives K·n (product k at k·n). With K = ``hvpBatch`` one compiled
    /// sweep computes all K (the primal and adjoint work shared); otherwise, or where the
    /// compiled code declines, one H·v per direction.
    ///
    ///     try fast.hvp(at: x, directions: v0 + v1 + v2, into: &out)   // [H·v0, H·v1, H·v2]
    ///
    /// - Throws: as the interpreter.
    public func hvp(at x: [Double], directions: [Double], into out: inout [Double]) throws(TapeError) {
        let n = tape.inputCount
        guard n > 0, directions.count % n == 0 else {
            throw .dimensionMismatch(what: "directions", expected: n * Swift.max(1, directions.count / Swift.max(n, 1)), actual: directions.count)
        }
        let k = directions.count / n
        if k == hvpBatch, call(fHVPBatch, x, directions, vCount: k * n, into: &out, count: k * n) == 0 { return }
        var result: [Double] = []
        result.reserveCapacity(k * n)
        var one: [Double] = []
        for d in 0..<k {
            try hvp(at: x, direction: Array(directions[(d * n)..<((d + 1) * n)]), into: &one)
            result += one
        }
        out = result
    }

    /// The sparse Hessian at x: the entries of `compression`'s pattern (row-major), from
    /// the compiled compressed-Hessian sweep when there is one (``hessianColours``, through
    /// ``CompiledSparseHessian``), else one compiled H·v per colour (``hvpBatch`` of them per
    /// compiled sweep), and direct recovery, as `Tape.sparseHessian(at:compression:workspace:)`
    /// gives them (to rounding). For many points, keep a ``CompiledSparseHessian``.
    ///
    ///     let c = try SparseCompression.hessian(of: tape)
    ///     let fast = tape.compiled(options: CompileOptions(hessianColours: c.coloring.count))
    ///     try fast.sparseHessian(at: x, compression: c)   // 3n − 2 entries for extended Rosenbrock
    ///
    /// - Throws: `SparsityError` when the compression is not a star colouring of an n × n
    ///   pattern; the interpreter's `TapeError` (not scalar-valued, domain errors).
    public func sparseHessian(at x: [Double], compression c: SparseCompression) throws -> [Double] {
        let n = tape.inputCount
        try Self.checkHessianCompression(c, of: tape)
        guard x.count == n else { throw TapeError.dimensionMismatch(what: "point", expected: n, actual: x.count) }
        guard isCompiled else { return try tape.sparseHessian(at: x, compression: c) }
        if hessianColours > 0 { return try CompiledSparseHessian(self, compression: c).evaluate(at: x) }
        let seeds: [[Double]] = c.coloring.seeds()
        var products: [Double] = []
        products.reserveCapacity(seeds.count * n)
        var batch: [Double] = []
        var out: [Double] = []
        var k = 0
        while k < seeds.count {
            let size = Swift.min(hvpBatch, seeds.count - k)
            batch.removeAll(keepingCapacity: true)
            for d in seeds[k..<(k + size)] { batch += d }
            try hvp(at: x, directions: batch, into: &out)
            products += out
            k += size
        }
        return try c.entries(fromProducts: products)
    }

    /// A sparse Hessian of `tape` from `c` needs a scalar tape and a star colouring of an
    /// n × n pattern.
    static func checkHessianCompression(_ c: SparseCompression, of tape: Tape) throws {
        let n = tape.inputCount
        if tape.outputCount != 1 { throw TapeError.notScalarValued(outputs: tape.outputCount) }
        guard c.coloring.kind == .star else {
            throw SparsityError.coloringMismatch("a Hessian needs a star colouring, not a \(c.coloring.kind.rawValue) colouring")
        }
        guard c.pattern.rows == n && c.pattern.columns == n else {
            throw SparsityError.dimensionMismatch(what: "pattern size", expected: n, actual: c.pattern.rows)
        }
    }

    /// J(x)·v, the tangent of `Tape.jvp(at:direction:workspace:)`.
    ///
    /// - Throws: as the interpreter.
    public func jvp(at x: [Double], direction v: [Double]) throws(TapeError) -> [Double] {
        var out: [Double] = []
        if call(fJVP, x, v, vCount: tape.inputCount, into: &out, count: tape.outputCount) == 0 { return out }
        return try tape.jvp(at: x, direction: v).tangent
    }

    /// wᵀJ(x), the cotangent of `Tape.vjp(at:weights:workspace:)`.
    ///
    /// - Throws: as the interpreter.
    public func vjp(at x: [Double], weights w: [Double]) throws(TapeError) -> [Double] {
        var out: [Double] = []
        if call(fVJP, x, w, vCount: tape.outputCount, into: &out, count: tape.inputCount) == 0 { return out }
        return try tape.vjp(at: x, weights: w).cotangent
    }
}

extension Tape {
    /// This tape's sweeps compiled to machine code (see ``CompiledTape``): C from the tape,
    /// built once by the system C compiler into the cache, loaded with dlopen. Without a
    /// compiler, or when compiling fails, the result runs the interpreter and
    /// `options.onFallback` says so (by default one line on stderr, once per process).
    ///
    ///     try tape.compiled().gradient(at: x)   // == tape.gradient(at: x), to rounding
    public func compiled(options: CompileOptions = CompileOptions()) -> CompiledTape {
        CompiledTape(self, options: options)
    }
}
