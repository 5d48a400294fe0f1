import TestSupport
import Testing

@testable import Exact

/// `Rational.scientificDescription`: digits computed exactly, also far outside Double's range.
@Suite struct ScientificDescriptionTests {
    /// Reads "m.mmme±k" back and checks, exactly, that it is the nearest s-digit decimal to r.
    static func isNearest(_ text: String, to r: Rational, digits s: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let approx = try? Rational(parsing: text), let e = text.firstIndex(of: "e"), let k = Int(text[text.index(after: e)...])
        else {
            Issue.record("unreadable \(text)", sourceLocation: sourceLocation)
            return
        }
        let mantissa = text[..<e].filter(\.isNumber)
        #expect(mantissa.count == s && mantissa.first != "0", "\(text)", sourceLocation: sourceLocation)
        // One unit in the last place is 10^(k−s+1); the error must be at most half of it.
        let ulp = k - s + 1 >= 0 ? Rational(try! BigInt(10).power(k - s + 1)) : 1 / Rational(try! BigInt(10).power(s - 1 - k))
        #expect((r - approx).magnitude <= ulp / 2, "\(text) for \(r)", sourceLocation: sourceLocation)
        #expect((approx > 0) == (r > 0), sourceLocation: sourceLocation)
    }

    @Test func knownValues() throws {
        // Leading digits from Python's exact integers (str(3**100000), Decimal(1)/Decimal(7**500)).
        #expect(Rational(try BigInt(3).power(100_000)).scientificDescription() == "1.3349714142304015e+47712")
        #expect((1 / Rational(try BigInt(7).power(500))).scientificDescription() == "2.8247498410158804e-423")
        #expect(Rational(-22, 7).scientificDescription() == "-3.1428571428571429e+0")
        #expect(Rational(2, 3).scientificDescription(significantDigits: 4) == "6.667e-1")
        #expect(Rational(1000).scientificDescription(significantDigits: 2) == "1.0e+3")
        #expect(Rational(9995, 1000).scientificDescription(significantDigits: 3) == "1.00e+1")  // 9.995 → 10.0 (…5 to even: 999|5 → 1000)
        #expect(Rational(9985, 1000).scientificDescription(significantDigits: 3) == "9.98e+0")  // ties to even
        #expect(Rational(7).scientificDescription(significantDigits: 1) == "7e+0")
        #expect(Rational.zero.scientificDescription() == "0")
    }

    @Test func randomValues_areTheNearestDecimal() throws {
        var g = SeededGenerator(seed: 0x5C1)
        for _ in 0..<400 {
            let p = try BigInt(Int(g.next() % 2_000_001) - 1_000_000) * BigInt(3).power(Int(g.next() % 300))
            let q = try BigInt(Int(g.next() % 1000) + 1) * BigInt(7).power(Int(g.next() % 300))
            let r = Rational(p) / Rational(q)
            if r.isZero { continue }
            let s = 1 + Int(g.next() % 25)
            Self.isNearest(r.scientificDescription(significantDigits: s), to: r, digits: s)
        }
    }

    @Test func agreesWithDouble_whereDoubleCanSay() throws {
        // 17 significant digits identify a Double: reading the text back as a Double gives it.
        var g = SeededGenerator(seed: 0xD0)
        for _ in 0..<500 {
            let d = Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF)
            guard d.isNormal, let r = Rational(exactly: d) else { continue }
            #expect(Double(r.scientificDescription()) == d)
        }
    }
}
