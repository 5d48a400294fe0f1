import Jacobi

// libFuzzer target: the bytes are an expression. What does not parse must fail with a short,
// well-formed `ParseError` (at most 200 characters a line). What parses must satisfy, exactly:
//
//  1. printing round-trips: parse(print(e)) == e, and the printed form is canonical again;
//  2. no undefined constant survives the parser (`checkDefined()`);
//  3. at a rational point chosen from the input's hash, the symbolic value and the tape's
//     forward value agree exactly, or both fail;
//  4. for each variable x, ∂e/∂x from the symbolic engine (rawDerivative, evaluated exactly)
//     and from the tape (a forward sweep along eₓ, and the reverse sweep's gradient) agree
//     exactly, or fail together (the tape sweeps must give equal values where both give one).
//     One asymmetry is allowed: the tape may refuse a point where the symbolic partial has a
//     value, because it evaluates every local partial of an instruction (x^y at y = 0 needs
//     log 0 for ∂/∂y even when only ∂/∂x is asked).
//
// A size-limit error on either side is not a disagreement (the engines build different
// intermediate numbers). Any violation traps, which libFuzzer reports as a crash with the
// input saved; the message says which property failed.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    // Numbers up to the default 2²⁶ bits are allowed but take seconds (199e9999999 is a
    // 10⁷-digit integer); the fuzzer looks for wrong answers, so it keeps numbers small and
    // reaches the size-limit paths sooner.
    ExactLimits.$maximumBitWidth.withValue(1 << 14) {
        FuzzChecks.check(text, seed: FuzzChecks.hash(bytes))
    }
    return 0
}

enum FuzzChecks {
    static func fail(_ property: String, _ text: String, _ detail: String) -> Never {
        fatalError("fuzz: \(property) for input \(ErrorText.clipped(text, width: 120)): \(ErrorText.clipped(detail, width: 400))")
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    static func check(_ text: String, seed: UInt64) {
        let e: Expr
        do {
            e = try Expr.parse(text)
        } catch {
            for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) where line.count > 200 {
                fail("error line over 200 characters", text, String(line))
            }
            return
        }
        let printed = e.description
        let again: Expr
        do { again = try Expr.parse(printed) } catch {
            // The printed form writes every constant in full (121e-3333 becomes a fraction of
            // 3 334 digits), so near the bit budget it can need more bits than the input's
            // literals did: a size limit, not a wrong answer (found by the fuzzer:
            // y^57E74^3*-1-  3-121e-3333-37*.757777777777779 under its 2¹⁴-bit budget).
            if error.message.contains("ExactLimits.maximumBitWidth") { return }
            fail("printed form does not parse", text, "\(printed): \(error)")
        }
        if again != e { fail("round trip", text, "\(printed) reads back as \(again)") }
        if again.description != printed { fail("printing is not canonical", text, "\(printed) vs \(again.description)") }
        if let u = e.undefinedConstant { fail("undefined constant survived the parser", text, u.description) }
        let variables = e.freeSymbols
        guard variables.count <= 4, e.dagSize <= 400, !hasZeroBaseToASymbolicPower(e) else { return }
        compareEngines(e, variables, text, seed: seed)
    }

    /// `0^u` with u not a number: the one known divergence, left out of the comparison. The
    /// symbolic engine differentiates it to 0 (0^u is 0 wherever it is defined, u > 0); the
    /// tape's `pow` partial is 0^u·log(0) and reports a domain error, because a tape slot
    /// holding 0 cannot tell the constant 0 from a variable that is 0 at this point (where
    /// ∂(x^u)/∂u = x^u·log(x) is undefined for the symbolic engine too).
    static func hasZeroBaseToASymbolicPower(_ e: Expr) -> Bool {
        var stack = [e]
        var seen = Set<ObjectIdentifier>()
        while let n = stack.popLast() {
            guard seen.insert(n.id).inserted else { continue }
            switch n.kind {
            case .power(let b, let x): if b.isZero && x.rationalValue == nil { return true }
            case .product(_, let factors):
                for (b, x) in factors where b.isZero && x.rationalValue == nil { return true }
            case .number, .symbol, .sum, .call: break
            }
            n.forEachChild { stack.append($0) }
        }
        return false
    }

    /// A small rational per variable: p/q with |p| ≤ 5, 1 ≤ q ≤ 4, from the seed.
    static func point(_ variables: [Symbol], seed: UInt64) -> [Rational] {
        var state = seed
        return variables.map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let p = Int((state >> 33) % 11) - 5
            let q = Int((state >> 45) % 4) + 1
            return Rational(p, q)
        }
    }

    /// What a result was, for comparison: a value, a size limit (ignored), or a failure kind.
    enum Outcome: Equatable {
        case value(Rational)
        case tooLarge
        case failed(String)

        var isValue: Bool { if case .value = self { true } else { false } }
    }

    static func outcome(_ body: () throws -> Rational) -> Outcome {
        do { return .value(try body()) } catch let error as EvaluationError {
            if case .sizeLimitExceeded = error { return .tooLarge }
            return .failed("symbolic")
        } catch let error as TapeError {
            if case .domain(let scalar, _, _) = error {
                switch scalar {
                case .sizeLimitExceeded: return .tooLarge
                case .divisionByZero: return .failed("divisionByZero")
                case .outsideDomain: return .failed("outsideDomain")
                case .notDifferentiable: return .failed("notDifferentiable")
                case .notRational: return .failed("notRational")
                case .undecidableComparison: return .failed("undecidableComparison")
                }
            }
            return .failed("\(error)")
        } catch {
            return .failed("\(type(of: error))")
        }
    }

    /// Symbolic and tape agree when both give the same value or both fail.
    static func agree(_ a: Outcome, _ b: Outcome) -> Bool {
        switch (a, b) {
        case (.tooLarge, _), (_, .tooLarge): return true
        case (.value(let p), .value(let q)): return p == q
        case (.failed, .failed): return true
        case (.value, .failed), (.failed, .value): return false
        }
    }

    static func compareEngines(_ e: Expr, _ variables: [Symbol], _ text: String, seed: UInt64) {
        let tape: Tape
        do { tape = try Tape(compiling: [e], inputs: variables) } catch { fail("tape compile", text, "\(error)") }
        let values = point(variables, seed: seed)
        var at: [Symbol: Rational] = [:]
        for (s, v) in zip(variables, values) { at[s] = v }
        let symbolic = outcome { try e.evaluated(at: at) }
        let forward = outcome { try tape.evaluate(at: values)[0] }
        if case .value(let v) = symbolic, forward == .failed("notRational") {
            // A non-rational intermediate (E, pi, exp(1)) stops the tape over Rational, as the
            // library's exact-at-a-point strategy expects; the same tape over exact expressions
            // must then give the symbolic value (found by the fuzzer: x**E at x = 1, where
            // 1^E = 1). Gradients are not compared in this case.
            do {
                let exact = try tape.evaluate(at: values.map { Expr($0) })[0]
                if exact != Expr(v) { fail("value: symbolic \(v) vs tape over Expr \(exact)", text, "at \(values)") }
            } catch {
                if case .domain(.sizeLimitExceeded, _, _) = error { return }
                fail("value: symbolic \(v) vs tape over Expr \(error)", text, "at \(values)")
            }
            return
        }
        if !agree(symbolic, forward) { fail("value: symbolic \(symbolic) vs tape \(forward)", text, "at \(values)") }
        guard forward.isValue else { return }
        let gradient: [Outcome]
        do {
            gradient = try tape.gradient(at: values).map { .value($0) }
        } catch {
            let o = outcome { throw error }
            gradient = Array(repeating: o, count: variables.count)
        }
        for (i, x) in variables.enumerated() {
            var direction = Array(repeating: Rational.zero, count: variables.count)
            direction[i] = .one
            let jvp = outcome { try tape.jvp(at: values, direction: direction).tangent[0] }
            if case .value(let p) = jvp, case .value(let q) = gradient[i], p != q {
                fail("∂/∂\(x): forward \(jvp) vs reverse \(gradient[i])", text, "at \(values)")
            }
            let d = e.rawDerivative(withRespectTo: x)
            let dSymbolic = outcome { try d.evaluated(at: at) }
            // The tape computes every local partial of an instruction, whatever the direction,
            // so it may refuse a point (x^y at y = 0: ∂/∂y needs log 0) where the partial asked
            // for exists; that is documented strictness, not a disagreement. The other way
            // round (a tape value where the symbolic derivative has none) is.
            if case .value = dSymbolic, case .failed = jvp { continue }
            if !agree(dSymbolic, jvp) {
                fail("∂/∂\(x): symbolic \(dSymbolic) vs forward \(jvp)", text, "d = \(d) at \(values)")
            }
        }
    }
}
