import Exact
import TestSupport
import Testing

// Residues modulo a word and integers assembled from words, against BigInt arithmetic.
@Suite struct WordResidueTests {
    @Test func residues_areTheFlooredModulo() {
        var g = SeededGenerator(seed: 41)
        let moduli: [UInt] = [1, 2, 3, 7, 1 << 31, (1 << 62) - 57, UInt.max]
        for _ in 0..<300 {
            let x = ExactSamples.integer(using: &g)
            for m in moduli {
                let expected = x.flooredQuotientAndModulo(dividingBy: BigInt(m)).modulo
                #expect(BigInt(x.residue(modulo: m)) == expected)
            }
            var d = ExactSamples.integer(using: &g)
            if d.isZero { d = 1 }
            let q = Rational(x, d)
            for m in moduli {
                let (p, r) = q.residues(modulo: m)
                #expect(BigInt(p) == q.numerator.flooredQuotientAndModulo(dividingBy: BigInt(m)).modulo)
                #expect(BigInt(r) == q.denominator.flooredQuotientAndModulo(dividingBy: BigInt(m)).modulo)
            }
            #expect(q.partBitWidths.numerator == q.numerator.bitWidth)
            #expect(q.partBitWidths.denominator == q.denominator.bitWidth)
        }
        #expect(BigInt(-7).residue(modulo: 5) == 3)
    }

    @Test func magnitudeWords_rebuildTheInteger() {
        var g = SeededGenerator(seed: 42)
        let base = BigInt(UInt.max) + 1
        for _ in 0..<300 {
            let x = ExactSamples.integer(using: &g) * ExactSamples.integer(using: &g)
            var words: [UInt] = []
            var rest = x.magnitude
            while !rest.isZero {
                let (q, r) = rest.quotientAndRemainder(dividingBy: base)
                words.append(UInt(r.description)!)
                rest = q
            }
            #expect(BigInt(magnitudeWords: words + [0, 0], isNegative: x.signum() < 0) == x)
        }
        #expect(BigInt(magnitudeWords: [], isNegative: true) == 0)
        #expect(BigInt(magnitudeWords: [0, 1], isNegative: true) == -base)
        #expect(BigInt(magnitudeWords: [UInt(Int.max) + 1], isNegative: true) == BigInt(Int.min))
        #expect(!BigInt(magnitudeWords: [5, 0], isNegative: false).isHeapAllocated)
    }

    @Test func magnitudeUpperBound_isAtLeastTheMagnitudeAndClose() throws {
        var g = SeededGenerator(seed: 43)
        var samples: [BigInt] = [0, 1, -1, BigInt(Int.max), BigInt(Int.min), (try BigInt(2).power(1023)) * 3]
        for _ in 0..<300 { samples.append(ExactSamples.integer(using: &g) * ExactSamples.integer(using: &g)) }
        for x in samples {
            let u = x.magnitudeUpperBound
            if u == .infinity {
                #expect(x.magnitude.bitWidth >= 1024)  // within 2⁻⁵⁰ of the top of the range, or past it
                continue
            }
            // |x| ≤ u ≤ |x|·(1 + 2⁻⁵⁰), compared exactly.
            let exact = try #require(Rational(exactly: u))
            let m = Rational(x.magnitude)
            #expect(m <= exact)
            #expect(exact <= m * (1 + Rational(1, 1 << 50)))
        }
    }
}
