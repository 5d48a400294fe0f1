/// Exact reading of numbers: `"-3/4"`, `"7"`, `"0.25"` (= 1/4), `"1e-3"` (= 1/1000), `"-1.5e10"`.
///
/// Grammar (ASCII only; no spaces):
///
///     number   = sign? (integer ("/" digits)? | decimal exponent?)
///     decimal  = digits ("." digits?)? | "." digits
///     exponent = ("e" | "E") sign? digits
///
/// A decimal is read as the exact fraction it denotes, never through `Double`.
extension Rational {
    /// Parses `text` exactly.
    ///
    ///     try Rational(parsing: "0.1")      // 1/10
    ///     try Rational(parsing: "-1.5e10")  // -15000000000
    ///
    /// - Throws: ``NumberParseError`` with the zero-based offset of the problem, for `""`,
    ///   `"1/0"`, `"1//2"`, `"0x10"`, `"1e"`, non-ASCII digits, and exponents whose result would
    ///   exceed ``ExactLimits/maximumBitWidth``.
    public init(parsing text: String) throws(NumberParseError) {
        let s = Array(text.unicodeScalars)
        func fail(_ at: Int, _ reason: String) -> NumberParseError {
            NumberParseError(input: text, offset: at, reason: reason)
        }
        func unexpected(_ at: Int) -> NumberParseError {
            at < s.count ? fail(at, "unexpected '\(s[at])'") : fail(at, "expected a digit")
        }
        if s.isEmpty { throw fail(0, "empty number") }
        var i = 0
        var negative = false
        if s[i] == "-" || s[i] == "+" {
            negative = s[i] == "-"
            i += 1
        }
        let integerPart = try NumberScanner.digits(s, from: &i, input: text)
        var fractionPart = ""
        var sawPoint = false
        if i < s.count, s[i] == "." {
            sawPoint = true
            i += 1
            fractionPart = try NumberScanner.digits(s, from: &i, input: text)
        }
        if integerPart.isEmpty && fractionPart.isEmpty { throw unexpected(i) }

        var exponent = 0
        var sawExponent = false
        if i < s.count, s[i] == "e" || s[i] == "E" {
            sawExponent = true
            i += 1
            var exponentNegative = false
            if i < s.count, s[i] == "-" || s[i] == "+" {
                exponentNegative = s[i] == "-"
                i += 1
            }
            let start = i
            let digits = try NumberScanner.digits(s, from: &i, input: text)
            if digits.isEmpty {
                throw i < s.count ? unexpected(i) : fail(i, "expected exponent digits")
            }
            guard digits.utf8.count <= 15, let e = Int(digits) else {
                throw fail(start, "exponent too large")
            }
            exponent = exponentNegative ? -e : e
        }

        var denominator = BigInt.one
        if i < s.count, s[i] == "/" {
            if sawPoint || sawExponent { throw fail(i, "a fraction needs an integer numerator") }
            i += 1
            let start = i
            let digits = try NumberScanner.digits(s, from: &i, input: text)
            if digits.isEmpty { throw unexpected(i) }
            denominator = BigInt(validatedDigits: digits)
            if denominator.isZero { throw fail(start, "zero denominator") }
        }
        if i < s.count { throw unexpected(i) }

        var numerator = BigInt(validatedDigits: integerPart + fractionPart)
        if negative { numerator = -numerator }
        let scale = exponent - fractionPart.utf8.count
        if scale != 0 && !numerator.isZero {
            // 10^k has about k·log₂10 < 3.33·k bits: check before building it.
            let bits = scale.magnitude > UInt(Int.max / 4) ? Int.max : Int(scale.magnitude) * 10 / 3 + 1
            do {
                try ExactLimits.check(bits: bits + numerator.bitWidth)
            } catch {
                throw fail(0, "exponent too large (\(error))")
            }
            // Cannot throw: the size was checked just above.
            let power = (try? BigInt(10).power(Int(scale.magnitude))) ?? .one
            if scale > 0 {
                numerator *= power
            } else {
                denominator *= power
            }
        }
        self.init(numerator, denominator)
    }
}
