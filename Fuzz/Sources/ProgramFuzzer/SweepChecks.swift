import Jacobi

/// How a sweep ended, for comparison: values, a size limit (never a disagreement), or the
/// kind of typed error.
enum Ending<T> {
    case value(T)
    case tooLarge
    case failed(String)

    init(_ body: () throws(TapeError) -> T) {
        do { self = .value(try body()) } catch { self = Ending.of(error) }
    }

    static func of(_ error: TapeError) -> Ending {
        switch error {
        case .domain(let scalar, _, _):
            switch scalar {
            case .sizeLimitExceeded: return .tooLarge
            case .divisionByZero: return .failed("divisionByZero")
            case .outsideDomain: return .failed("outsideDomain")
            case .notDifferentiable: return .failed("notDifferentiable")
            case .notRational: return .failed("notRational")
            case .undecidableComparison: return .failed("undecidableComparison")
            }
        case .guardViolated, .comparisonWithoutPoint, .dimensionMismatch, .notScalarValued, .unknownVariable,
            .malformed, .taylorOrder:
            return .failed("\(error)")
        }
    }

    var failure: String? { if case .failed(let k) = self { k } else { nil } }
    var isTooLarge: Bool { if case .tooLarge = self { true } else { false } }
}

/// Exact agreement of the sweeps of one small tape at a seeded point (see ProgramFuzzer.swift).
struct SweepChecks {
    let tape: Tape
    let text: String
    var random: SeededRandom

    func fail(_ property: String, _ detail: String) -> Never { ProgramChecks.fail(property, text, detail) }

    func dot<S: TapeScalar>(_ a: [S], _ b: [S]) -> S {
        var s = S.zero
        for (p, q) in zip(a, b) { s = s + p * q }
        return s
    }

    mutating func run() {
        let n = tape.inputCount
        let m = tape.outputCount
        guard m > 0 else { return }
        let x = random.rationals(n)
        let directions = (0..<3).map { _ in random.nonzeroRationals(n) }
        let weights = (0..<2).map { _ in random.nonzeroRationals(m) }
        let value = Ending { () throws(TapeError) in try tape.evaluate(at: x) }
        if value.failure == "notRational" {
            // Exact expressions of a recurrence grow exponentially with its length (each step
            // uses the previous value twice, and a printed or compared tree does not share), so
            // only short tapes take this path.
            if tape.count <= 40 { ExpressionSweepChecks(checks: self).run(x.map { Expr($0) }, directions, weights) }
            return
        }
        guard let first = firstOrder(x, directions, weights, value) else { return }
        secondOrder(x, directions, weights, cotangents: first)
        compareFlat(x, directions, weights)
    }

    /// f, J·v and wᵀJ agree; returns the cotangents wᵀJ when every sweep gave values.
    func firstOrder<S: TapeScalar & Equatable>(
        _ x: [S], _ directions: [[S]], _ weights: [[S]], _ value: Ending<[S]>
    ) -> [[S]]? {
        let jvps = directions.map { d in Ending { () throws(TapeError) in try tape.jvp(at: x, direction: d) } }
        let vjps = weights.map { w in Ending { () throws(TapeError) in try tape.vjp(at: x, weights: w) } }
        if value.isTooLarge || jvps.contains(where: \.isTooLarge) || vjps.contains(where: \.isTooLarge) { return nil }
        let endings = jvps.map(\.failure) + vjps.map(\.failure)
        if case .failed(let k) = value {
            // A value that fails fails every sweep. A VJP runs the primal sweep first, so it
            // fails the same way; a JVP computes each instruction's value and partials
            // together, so an earlier partial (2^x needs log 2) may stop it first.
            for e in vjps.map(\.failure) where e != k { fail("f fails with \(k), a VJP with \(e ?? "a value")", "at \(x)") }
            for e in jvps.map(\.failure) where e == nil { fail("f fails with \(k), a JVP gives a value", "at \(x)") }
            return nil
        }
        guard case .value(let f) = value else { return nil }
        // A forward sweep computes every local partial, whatever the direction: all JVPs end
        // alike. The reverse sweep skips an instruction whose adjoint is exactly 0 (with w = 0,
        // or after cancellation), so a VJP may give a value where the JVPs fail, never the
        // other way round (the failing instruction may differ: forward meets the first bad
        // partial in tape order, reverse the last, so the kinds are not compared).
        let forwardEndings = Set(jvps.map(\.failure))
        if forwardEndings.count > 1 { fail("JVPs end differently: \(endings)", "at \(x)") }
        if vjps.contains(where: { $0.failure != nil }) && forwardEndings.contains(nil) {
            fail("a VJP fails where the JVPs give values: \(endings)", "at \(x)")
        }
        var tangents: [[S]] = []
        var cotangents: [[S]] = []
        for case .value(let r) in jvps {
            if r.value != f { fail("jvp's value \(r.value) vs f \(f)", "at \(x)") }
            tangents.append(r.tangent)
        }
        for case .value(let r) in vjps {
            if r.value != f { fail("vjp's value \(r.value) vs f \(f)", "at \(x)") }
            cotangents.append(r.cotangent)
        }
        guard tangents.count == directions.count, cotangents.count == weights.count else { return nil }
        for (w, c) in zip(weights, cotangents) {
            for (v, t) in zip(directions, tangents) where !same(dot(w, t), dot(c, v)) {
                fail("⟨w, J·v⟩ = \(dot(w, t)) by forward vs ⟨wᵀJ, v⟩ = \(dot(c, v)) by reverse", "at \(x), v = \(v), w = \(w)")
            }
        }
        return cotangents
    }

    /// Exact equality; over expressions, a difference that does not cancel symbolically
    /// must still be zero to within rounding (canonical forms need not cancel every identity).
    func same<S: TapeScalar & Equatable>(_ a: S, _ b: S) -> Bool {
        if a == b { return true }
        guard let p = a as? Expr, let q = b as? Expr else { return false }
        let d = p - q
        if d.isZero { return true }
        guard let dv = try? d.evaluated(at: [Symbol: Double]()), let pv = try? p.evaluated(at: [Symbol: Double]()),
            let qv = try? q.evaluated(at: [Symbol: Double]())
        else { return true }
        return abs(dv) <= 1e-9 * (1 + abs(pv) + abs(qv))
    }

    /// ⟨u, H_w·v⟩ by forward-over-reverse, by forward-over-forward and, by symmetry, ⟨v, H_w·u⟩.
    func secondOrder(_ x: [Rational], _ directions: [[Rational]], _ weights: [[Rational]], cotangents: [[Rational]]) {
        let v = directions[0]
        let u = directions[1]
        let w = weights[0]
        let hv = Ending { () throws(TapeError) in try tape.hvp(at: x, direction: v, weights: w) }
        let hu = Ending { () throws(TapeError) in try tape.hvp(at: x, direction: u, weights: w) }
        let xv = zip(x, v).map { Dual($0, $1) }
        let fof = Ending { () throws(TapeError) in try tape.jvp(at: xv, direction: u.map { Dual($0, .zero) }) }
        if hv.isTooLarge || hu.isTooLarge || fof.isTooLarge { return }
        guard case .value(let a) = hv, case .value(let b) = hu, case .value(let c) = fof else {
            // As in first order: the reverse sweep (here over dual numbers) may skip what
            // forward mode must compute, never the other way round.
            if fof.failure == nil && (hv.failure != nil || hu.failure != nil) {
                fail("hvp fails (\(hv.failure ?? "value"), \(hu.failure ?? "value")) where forward-over-forward gives a value", "at \(x)")
            }
            return
        }
        if a.gradient != cotangents[0] { fail("hvp's gradient \(a.gradient) vs vjp \(cotangents[0])", "at \(x)") }
        let uHv = dot(u, a.hvp)
        let byForward = dot(w, c.tangent.map(\.tangent))
        if uHv != byForward { fail("⟨u, H·v⟩ = \(uHv) by forward-over-reverse vs \(byForward) forward-over-forward", "at \(x)") }
        let vHu = dot(v, b.hvp)
        if uHv != vHu { fail("⟨u, H·v⟩ = \(uHv) vs ⟨v, H·u⟩ = \(vHu)", "at \(x)") }
    }

    /// A tape with repeated blocks against its flat instruction list: the same exact values,
    /// and over Double the same bits (the sweep plan runs a block from its template).
    func compareFlat(_ x: [Rational], _ directions: [[Rational]], _ weights: [[Rational]]) {
        guard let pieces = tape.pieces, pieces.contains(where: { if case .repeated = $0.piece { true } else { false } })
        else { return }
        let flat: Tape
        do {
            flat = try Tape(inputCount: tape.inputCount, instructions: tape.instructions, constants: tape.constants, outputs: tape.outputs)
        } catch {
            fail("the flat list of a compact tape is malformed", "\(error)")
        }
        let w = weights[0]
        let v = directions[0]
        let exact = Ending { () throws(TapeError) in try tape.vjp(at: x, weights: w) }
        let exactFlat = Ending { () throws(TapeError) in try flat.vjp(at: x, weights: w) }
        if case .value(let a) = exact, case .value(let b) = exactFlat, a.value != b.value || a.cotangent != b.cotangent {
            fail("compact vs flat vjp over Rational: \(a) vs \(b)", "at \(x)")
        }
        let xd = x.map(Double.init)
        let vd = v.map(Double.init)
        let wd = w.map(Double.init)
        func bits(_ r: [Double]) -> [UInt64] { r.map { $0.isNaN ? Double.nan.bitPattern : $0.bitPattern } }
        func compare(_ what: String, _ body: (Tape) throws(TapeError) -> [Double]) {
            let a = Ending { () throws(TapeError) in try body(tape) }
            let b = Ending { () throws(TapeError) in try body(flat) }
            switch (a, b) {
            case (.value(let p), .value(let q)):
                if bits(p) != bits(q) { fail("compact vs flat \(what) over Double: \(p) vs \(q)", "at \(x)") }
            case (.failed(let p), .failed(let q)) where p == q: break
            case (.tooLarge, .tooLarge): break
            default: fail("compact vs flat \(what) over Double end differently", "at \(x)")
            }
        }
        compare("evaluate") { (t) throws(TapeError) in try t.evaluate(at: xd) }
        compare("jvp") { (t) throws(TapeError) in try t.jvp(at: xd, direction: vd).tangent }
        compare("vjp") { (t) throws(TapeError) in try t.vjp(at: xd, weights: wd).cotangent }
        compare("hvp") { (t) throws(TapeError) in try t.hvp(at: xd, direction: vd, weights: wd).hvp }
    }
}

/// The same first-order checks over exact expressions, for points where an intermediate is
/// not rational (`exp(1)`): the library's exact-at-a-point strategy runs the tape over `Expr`.
struct ExpressionSweepChecks {
    let checks: SweepChecks

    func run(_ x: [Expr], _ directions: [[Rational]], _ weights: [[Rational]]) {
        let tape = checks.tape
        let value = Ending { () throws(TapeError) in try tape.evaluate(at: x) }
        _ = checks.firstOrder(x, directions.map { $0.map { Expr($0) } }, weights.map { $0.map { Expr($0) } }, value)
    }
}
