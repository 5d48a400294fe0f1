import CGMP

// Word-level access for modular algorithms (multi-modular linear algebra reduces every
// entry modulo word-sized primes and rebuilds big results from words): residues modulo a
// machine word without building a BigInt, and integers assembled from their 64-bit words.

extension BigInt {
    /// The least non-negative residue of the value modulo `m`: the r in 0..<m with
    /// self ≡ r (mod m), read from the representation (no allocation).
    ///
    ///     BigInt(-7).residue(modulo: 5)   // 3
    ///
    /// - Precondition: `m > 0`.
    public func residue(modulo m: UInt) -> UInt {
        precondition(m > 0, "residue modulo 0")
        switch storage {
        case .small(let v):
            let r = v.magnitude % m
            return v < 0 && r != 0 ? m - r : r
        case .large(let s):
            return UInt(s.withPointer { __gmpz_fdiv_ui($0, m) })
        }
    }

    /// A Double at least |self| and within a relative 2⁻⁵⁰ of it (+∞ past the Double
    /// range), from the top bits of the representation: no allocation, unlike the correctly
    /// rounded `Double(_:)`. Size estimates (bounds that must not be too small) use it.
    ///
    ///     (try BigInt(2).power(80) + 1).magnitudeUpperBound >= 0x1p80   // true
    public var magnitudeUpperBound: Double {
        switch storage {
        case .small(let v):
            let d = Double(v.magnitude)  // nearest: at most 2⁻⁵³ below
            return d + d * 0x1p-52
        case .large(let s):
            var exponent = 0
            // |x| = m·2^e with 0.5 ≤ m < 1, m truncated toward zero to 53 bits.
            let m = s.withPointer { __gmpz_get_d_2exp(&exponent, $0) }.magnitude
            if exponent > Double.greatestFiniteMagnitude.exponent + 1 { return .infinity }
            return Double(sign: .plus, exponent: exponent, significand: m + 0x1p-52)
        }
    }

    /// The integer ±Σᵢ wordsᵢ·2^(64·i) (least significant word first; leading zero words
    /// are allowed).
    ///
    ///     BigInt(magnitudeWords: [0, 1], isNegative: true)   // -18446744073709551616
    public init(magnitudeWords words: [UInt], isNegative: Bool) {
        var top = words.count
        while top > 0 && words[top - 1] == 0 { top -= 1 }
        if top == 0 {
            self = .zero
            return
        }
        if top == 1, let v = Int(exactly: words[0]) {
            self.init(isNegative ? -v : v)
            return
        }
        let s = MPZStorage.make { p in
            words.withUnsafeBufferPointer { w in
                __gmpz_import(p, top, -1, MemoryLayout<UInt>.size, 0, 0, w.baseAddress)
            }
            if isNegative { __gmpz_neg(p, p) }
        }
        self.init(normalizing: s)
    }
}

extension Rational {
    /// The numerator and the denominator of the canonical form p/q, each reduced modulo
    /// `m` to its least non-negative residue (no allocation). The value itself is
    /// p·q⁻¹ mod m when the denominator residue is invertible.
    ///
    ///     Rational(-3, 7).residues(modulo: 5)   // (numerator: 2, denominator: 2)
    ///
    /// - Precondition: `m > 0`.
    public func residues(modulo m: UInt) -> (numerator: UInt, denominator: UInt) {
        precondition(m > 0, "residue modulo 0")
        switch storage {
        case .small(let n, let d):
            let r = n.magnitude % m
            return (n < 0 && r != 0 ? m - r : r, UInt(d) % m)
        case .large(let s):
            return s.withPointer { q in
                (UInt(__gmpz_fdiv_ui(jc_mpq_numref(q), m)), UInt(__gmpz_fdiv_ui(jc_mpq_denref(q), m)))
            }
        }
    }
}

extension Rational {
    /// The bit widths of the numerator's magnitude and of the denominator (0 for a zero
    /// numerator), read from the representation.
    ///
    ///     Rational(-3, 8).partBitWidths   // (numerator: 2, denominator: 4)
    public var partBitWidths: (numerator: Int, denominator: Int) {
        switch storage {
        case .small(let n, let d):
            return (Int.bitWidth - n.magnitude.leadingZeroBitCount, Int.bitWidth - d.leadingZeroBitCount)
        case .large(let s):
            return s.withPointer { q in
                let n = jc_mpz_sgn(jc_mpq_numref(q)) == 0 ? 0 : Int(__gmpz_sizeinbase(jc_mpq_numref(q), 2))
                return (n, Int(__gmpz_sizeinbase(jc_mpq_denref(q), 2)))
            }
        }
    }
}
