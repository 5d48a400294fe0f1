import Exact

// From residues modulo k word primes back to integers and fractions: Garner's mixed-radix
// CRT in word arithmetic (no big-integer operation until the value's words are assembled),
// and rational reconstruction (Wang's half extended Euclid) for the entries whose value is
// not a small multiple of the running denominator.

/// The CRT over the first k primes of a solve: Garner's constants and the modulus.
struct ChineseRemainder {
    let fields: [WordPrime]
    /// cⱼ = (p₀·…·pⱼ₋₁)⁻¹ mod pⱼ, with Shoup quotients.
    private let inverses: [(UInt64, UInt64)]
    /// pₗ mod pⱼ (l < j), with Shoup quotients, row j.
    private let radix: [[(UInt64, UInt64)]]
    /// M = Πpⱼ as words, least significant first, and ⌊M/2⌋.
    let modulusWords: [UInt]
    private let halfModulusWords: [UInt]
    let modulus: BigInt
    let modulusBits: Int

    /// nil when the primes are not pairwise coprime (they are distinct primes: never).
    init?(_ fields: [WordPrime]) {
        self.fields = fields
        var inverses: [(UInt64, UInt64)] = [(0, 0)]
        var radix: [[(UInt64, UInt64)]] = [[]]
        for j in 1..<max(fields.count, 1) {
            let f = fields[j]
            var product: UInt64 = 1
            var row: [(UInt64, UInt64)] = []
            for l in 0..<j {
                let r = fields[l].p % f.p
                row.append((r, f.shoup(r)))
                product = f.multiply(product, r)
            }
            guard let c = f.inverse(product) else { return nil }
            inverses.append((c, f.shoup(c)))
            radix.append(row)
        }
        self.inverses = inverses
        self.radix = radix
        var words: [UInt] = [1]
        for f in fields { ChineseRemainder.multiplyAdd(&words, UInt(f.p), 0) }
        modulusWords = words
        var half = words
        var carry: UInt = 0
        for i in stride(from: half.count - 1, through: 0, by: -1) {
            let w = half[i]
            half[i] = (w >> 1) | (carry << 63)
            carry = w & 1
        }
        halfModulusWords = half
        modulus = BigInt(magnitudeWords: words, isNegative: false)
        modulusBits = modulus.bitWidth
    }

    /// words ← words·m + a (a word array with room to grow).
    @inline(__always)
    static func multiplyAdd(_ words: inout [UInt], _ m: UInt, _ a: UInt) {
        var carry = a
        for i in words.indices {
            let (high, low) = words[i].multipliedFullWidth(by: m)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            words[i] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    /// The value in (−M/2, M/2] congruent to rⱼ·scaleⱼ mod pⱼ (rⱼ = residues[j][e]), as
    /// its magnitude's words, written into `words` (reused between calls), and its sign.
    /// `digits` is scratch space of at least k words. Returns `true` for a negative value.
    func symmetricValue(
        _ residues: [[UInt64]], entry e: Int, scale: [(UInt64, UInt64)],
        digits: inout [UInt64], into words: inout [UInt]
    ) -> Bool {
        let k = fields.count
        for j in 0..<k {
            let f = fields[j]
            let r = f.multiply(scale[j].0, shoup: scale[j].1, residues[j][e])
            if j == 0 {
                digits[0] = r
                continue
            }
            var u = digits[j - 1] >= f.p ? digits[j - 1] - f.p : digits[j - 1]
            let row = radix[j]
            for l in stride(from: j - 2, through: 0, by: -1) {
                let v = digits[l] >= f.p ? digits[l] - f.p : digits[l]
                u = f.add(f.multiply(row[l].0, shoup: row[l].1, u), v)
            }
            digits[j] = f.multiply(inverses[j].0, shoup: inverses[j].1, f.subtract(r, u))
        }
        words.removeAll(keepingCapacity: true)
        words.append(UInt(digits[k - 1]))
        for l in stride(from: k - 2, through: 0, by: -1) {
            ChineseRemainder.multiplyAdd(&words, UInt(fields[l].p), UInt(digits[l]))
        }
        // x > ⌊M/2⌋ stands for x − M.
        if ChineseRemainder.compare(words, halfModulusWords) > 0 {
            while words.count < modulusWords.count { words.append(0) }
            var borrow: UInt = 0
            for i in 0..<modulusWords.count {
                let (d1, o1) = modulusWords[i].subtractingReportingOverflow(words[i])
                let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                words[i] = d2
                borrow = o1 || o2 ? 1 : 0
            }
            return true
        }
        return false
    }

    static func compare(_ a: [UInt], _ b: [UInt]) -> Int {
        var i = max(a.count, b.count) - 1
        while i >= 0 {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    static func bitWidth(_ words: [UInt]) -> Int {
        var i = words.count - 1
        while i >= 0 && words[i] == 0 { i -= 1 }
        return i < 0 ? 0 : i * UInt.bitWidth + UInt.bitWidth - words[i].leadingZeroBitCount
    }

    /// r/s with r ≡ s·x (mod M), |r| ≤ T and 0 < s ≤ T for T = 2^⌊(bits(M) − 2)/2⌋ (so
    /// 2T² < M and the fraction is unique), gcd(r, s) = 1; nil when there is none.
    func rationalReconstruction(_ x: BigInt) -> (BigInt, BigInt)? {
        let bound = BigInt.powerOfTwo((modulusBits - 2) / 2)
        var (r0, r1) = (modulus, x.flooredQuotientAndModulo(dividingBy: modulus).modulo)
        var (s0, s1) = (BigInt.zero, BigInt.one)
        while r1 > bound {
            let (q, r) = r0.quotientAndRemainder(dividingBy: r1)
            (r0, r1) = (r1, r)
            (s0, s1) = (s1, s0 - q * s1)
        }
        if s1.isZero || s1.magnitude > bound || BigInt.gcd(r1, s1) != .one { return nil }
        return s1.signum() < 0 ? (-r1, -s1) : (r1, s1)
    }
}

extension BigInt {
    /// 2ᵏ for k ≥ 0 (a reconstruction bound: far below any size limit).
    fileprivate static func powerOfTwo(_ k: Int) -> BigInt {
        (try? BigInt.one.shiftedLeft(by: max(k, 0))) ?? .one
    }
}
