import CGMP

extension BigInt: CustomStringConvertible, LosslessStringConvertible {
    /// Decimal digits, with a leading `-` for negative values.
    public var description: String {
        switch storage {
        case .small(let v): return String(v)
        case .large(let s): return s.withPointer { decimalString(of: $0) }
        }
    }

    /// Parses an optionally signed run of ASCII decimal digits; `nil` for anything else.
    ///
    ///     BigInt("-123456789012345678901234567890")   // Optional(-123456789012345678901234567890)
    public init?(_ description: String) {
        guard let value = try? BigInt(parsing: description) else { return nil }
        self = value
    }

    /// Parses an optionally signed run of ASCII decimal digits.
    ///
    /// - Throws: ``NumberParseError`` naming the offending position.
    public init(parsing text: String) throws(NumberParseError) {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var negative = false
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
            negative = scalars[i] == "-"
            i += 1
        }
        let digits = try NumberScanner.digits(scalars, from: &i, input: text)
        guard !digits.isEmpty else {
            throw NumberParseError(input: text, offset: i, reason: i < scalars.count ? "expected a digit" : "expected digits")
        }
        if i < scalars.count {
            throw NumberParseError(input: text, offset: i, reason: "unexpected '\(scalars[i])'")
        }
        let magnitude = BigInt(validatedDigits: digits)
        self = negative ? -magnitude : magnitude
    }

    /// Builds the value of a non-empty run of ASCII digits (already validated).
    init(validatedDigits digits: String) {
        if digits.utf8.count < 19, let v = Int(digits) {
            self.init(storage: .small(v))
            return
        }
        let s = MPZStorage.make { p in _ = digits.withCString { __gmpz_set_str(p, $0, 10) } }
        self.init(normalizing: s)
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    /// An integer literal of any size.
    ///
    ///     let big: BigInt = 340282366920938463463374607431768211456   // 2^128
    public init(integerLiteral literal: StaticBigInt) {
        if literal.bitWidth <= Int.bitWidth {
            self.init(Int(bitPattern: literal[0]))
            return
        }
        let wordCount = (literal.bitWidth + UInt.bitWidth - 1) / UInt.bitWidth
        var words = (0..<wordCount).map { literal[$0] }  // two's complement, little-endian
        let negative = literal.signum() < 0
        if negative {  // magnitude = ~x + 1
            var carry = true
            for k in words.indices {
                let (w, o) = (~words[k]).addingReportingOverflow(carry ? 1 : 0)
                words[k] = w
                carry = carry && o
            }
        }
        let s = MPZStorage.make { p in
            words.withUnsafeBufferPointer { w in
                __gmpz_import(p, w.count, -1, MemoryLayout<UInt>.size, 0, 0, w.baseAddress)
            }
            if negative { __gmpz_neg(p, p) }
        }
        self.init(normalizing: s)
    }
}

extension BigInt: SignedNumeric {
    public init?<T: BinaryInteger>(exactly source: T) { self.init(source) }
}

extension BigInt: Codable {
    /// Decodes the decimal string form (JSON numbers lose precision, strings do not).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try BigInt(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the decimal string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Int {
    /// The value of `x` when it fits in an `Int`, else `nil`.
    public init?(exactly x: BigInt) {
        if let v = x.inlineValue {
            self = v
        } else if x == BigInt(Int.min) {
            self = .min
        } else {
            return nil
        }
    }
}

extension Double {
    /// The Double nearest to `x`, ties to even (correctly rounded; ±∞ beyond the range).
    ///
    ///     Double(try BigInt(2).power(60) + 1)   // 1.152921504606847e+18 (2⁶⁰ + 1 rounds to 2⁶⁰)
    public init(_ x: BigInt) {
        if let v = x.inlineValue, v.magnitude <= 1 << 53 {
            self = Double(v)
        } else {
            self = correctlyRoundedQuotient(x, .one)
        }
    }
}
