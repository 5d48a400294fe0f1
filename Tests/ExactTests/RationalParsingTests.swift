import TestSupport
import Testing

@testable import Exact

@Suite struct RationalParsingTests {
    @Test(arguments: [
        ("-3/4", Rational(-3, 4)), ("7", Rational(7)), ("0.25", Rational(1, 4)), ("1e-3", Rational(1, 1000)),
        ("-1.5e10", Rational(-15_000_000_000)), ("0.1", Rational(1, 10)), (".5", Rational(1, 2)),
        ("5.", Rational(5)), ("+2/6", Rational(1, 3)), ("12E+2", Rational(1200)), ("-0", Rational(0)),
        ("2.50e-1", Rational(1, 4)), ("6/4", Rational(3, 2)), ("0e999999", Rational(0)),
    ])
    func validNumbers_areReadExactly(text: String, value: Rational) throws {
        #expect(try Rational(parsing: text) == value)
    }

    @Test func bigNumbers_areExact() throws {
        let r = try Rational(parsing: "123456789012345678901234567890/98765432109876543210")
        #expect(r.description == "1371742100137174210013717421/1097393690109739369")  // checked with Python fractions
        #expect(try Rational(parsing: "1e30").description == "1000000000000000000000000000000")
        #expect(try Rational(parsing: "0.000000000000000000001").description == "1/1000000000000000000000")
    }

    @Test(arguments: [
        ("", 0, "empty number"), ("1/0", 2, "zero denominator"), ("1//2", 2, "unexpected '/'"),
        ("0x10", 1, "unexpected 'x'"), ("1e", 2, "expected exponent digits"), ("١٢", 0, "non-ASCII digit"),
        ("-", 1, "expected a digit"), ("1.5/2", 3, "a fraction needs an integer numerator"),
        ("1 2", 1, "unexpected ' '"), ("1/-2", 2, "unexpected '-'"), (".", 1, "expected a digit"),
        ("1e99999999999999999", 2, "exponent too large"), ("3.4.5", 3, "unexpected '.'"),
    ])
    func invalidNumbers_throwWithTheirPosition(text: String, offset: Int, reason: String) {
        do {
            _ = try Rational(parsing: text)
            Issue.record("\"\(text)\" should not parse")
        } catch {
            #expect(error.offset == offset, "\(error)")
            #expect(error.reason.hasPrefix(reason), "\(error)")
            #expect(error.description.contains("column \(offset + 1)"))
        }
    }

    @Test func hugeExponent_isRejectedBeforeGMPIsAsked() {
        #expect(throws: NumberParseError.self) { try Rational(parsing: "1e1000000000") }
        #expect(throws: NumberParseError.self) { try Rational(parsing: "1e-1000000000") }
    }

    @Test func parseAfterPrint_isIdentity() throws {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let r = ExactSamples.rational(using: &g)
            #expect(try Rational(parsing: r.description) == r)
        }
    }
}
