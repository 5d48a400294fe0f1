import Exact

/// A 64-bit hash that does not depend on the process (SplitMix64's finaliser).
enum StableHash {
    @inline(__always)
    static func mix(_ h: UInt64, _ x: UInt64) -> UInt64 {
        var z = (h ^ x) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func string(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in s.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return mix(h, 0)
    }

    @inline(__always)
    static func rational(_ r: Rational) -> UInt64 {
        if let (n, d) = r.inlineParts { return mix(UInt64(bitPattern: Int64(n)), UInt64(d)) }
        return string(r.description)
    }
}
