// Arithmetic modulo a prime p < 2⁶² held in one machine word, for the multi-modular
// solver. A product with a fixed factor w (a pivot row's multiplier, a CRT constant) uses
// Shoup's precomputed quotient w' = ⌊w·2⁶⁴/p⌋: then w·b mod p is w·b − ⌊w'·b/2⁶⁴⌋·p, up to
// one subtraction of p — two multiplications and no division, the elimination's inner step.

/// A prime p < 2⁶² and its arithmetic on residues 0..<p.
struct WordPrime {
    let p: UInt64
    /// ⌊2¹²⁴/p⌋ for Barrett reduction when 2⁶¹ < p < 2⁶² (the solver's primes); 0 for
    /// other moduli, which divide.
    let barrett: UInt64

    init(p: UInt64) {
        self.p = p
        barrett = p > 1 << 61 && p < 1 << 62 ? p.dividingFullWidth((1 << 60, 0)).quotient : 0
    }

    /// a·b mod p for residues a, b: Barrett's estimate q̂ of ⌊ab/p⌋ (at most 3 below it) from
    /// the top bits of ab and ⌊2¹²⁴/p⌋, then ab − q̂p in one word.
    @inline(__always)
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        if barrett == 0 { return p.dividingFullWidth((high, low)).remainder }
        let top = (high << 4) | (low >> 60)
        let q = top.multipliedFullWidth(by: barrett).high
        var r = low &- q &* p
        while r >= p { r &-= p }
        return r
    }

    @inline(__always)
    func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let s = a &+ b
        return s >= p ? s &- p : s
    }

    @inline(__always)
    func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a >= b ? a &- b : a &+ (p &- b)
    }

    /// Shoup's quotient ⌊w·2⁶⁴/p⌋ for a fixed factor w < p.
    @inline(__always)
    func shoup(_ w: UInt64) -> UInt64 {
        p.dividingFullWidth((w, 0)).quotient  // w·2⁶⁴ is past Barrett's 2¹²⁴: divide (once per row)
    }

    /// w·b mod p, with `wq = shoup(w)`.
    @inline(__always)
    func multiply(_ w: UInt64, shoup wq: UInt64, _ b: UInt64) -> UInt64 {
        let q = wq.multipliedFullWidth(by: b).high
        let r = w &* b &- q &* p
        return r >= p ? r &- p : r
    }

    /// a⁻¹ mod p, or nil for a ≡ 0 (extended Euclid on signed words: p < 2⁶²).
    func inverse(_ a: UInt64) -> UInt64? {
        if a == 0 { return nil }
        var (r0, r1) = (Int64(p), Int64(a))
        var (t0, t1): (Int64, Int64) = (0, 1)
        while r1 != 0 {
            let q = r0 / r1
            (r0, r1) = (r1, r0 - q * r1)
            (t0, t1) = (t1, t0 - q * t1)
        }
        guard r0 == 1 else { return nil }
        return UInt64(t0 < 0 ? t0 + Int64(p) : t0)
    }

    /// The residue of a signed word.
    @inline(__always)
    func residue(_ v: Int) -> UInt64 {
        let m = UInt64(v.magnitude)
        let r = m < p ? m : m % p  // small numerators (the common case) need no division
        return v < 0 && r != 0 ? p - r : r
    }
}

extension WordPrime {
    /// `true` when n is prime: Miller–Rabin with the first twelve prime bases, which is
    /// deterministic for every n < 3.3·10²⁴ (so for every word).
    static func isPrime(_ n: UInt64) -> Bool {
        let small: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
        if n < 2 { return false }
        for q in small where n % q == 0 { return n == q }
        var d = n - 1
        var s = 0
        while d & 1 == 0 {
            d >>= 1
            s += 1
        }
        let field = WordPrime(p: n)
        witnesses: for a in small {
            var x = field.power(a % n, d)
            if x == 1 || x == n - 1 { continue }
            for _ in 1..<max(s, 1) {
                x = field.multiply(x, x)
                if x == n - 1 { continue witnesses }
            }
            return false
        }
        return true
    }

    /// bᵉ mod p.
    func power(_ b: UInt64, _ e: UInt64) -> UInt64 {
        var result: UInt64 = 1 % p
        var base = b
        var e = e
        while e > 0 {
            if e & 1 == 1 { result = multiply(result, base) }
            base = multiply(base, base)
            e >>= 1
        }
        return result
    }

    /// The primes below 2⁶², largest first: the first `cached` are computed once; the
    /// sequence continues past them on demand.
    static let cached: [UInt64] = primes(below: 1 << 62, count: 32)

    static func primes(below limit: UInt64, count: Int) -> [UInt64] {
        var out: [UInt64] = []
        var candidate = (limit - 1) | 1
        if candidate >= limit { candidate -= 2 }
        while out.count < count && candidate > 3 {
            if isPrime(candidate) { out.append(candidate) }
            candidate -= 2
        }
        return out
    }

    /// The k-th prime (0-based) of the descending sequence below 2⁶².
    struct Sequence {
        private var extra: [UInt64] = []

        mutating func prime(_ k: Int) -> UInt64 {
            if k < WordPrime.cached.count { return WordPrime.cached[k] }
            while k - WordPrime.cached.count >= extra.count {
                let last = extra.last ?? WordPrime.cached[WordPrime.cached.count - 1]
                extra += WordPrime.primes(below: last, count: 16)
            }
            return extra[k - WordPrime.cached.count]
        }
    }
}
