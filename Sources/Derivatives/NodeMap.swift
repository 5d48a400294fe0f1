import Symbolic

/// A hash map keyed by node identity (`Expr.id`) and an optional integer tag, for the memo
/// tables of differentiation (one table serves every variable of a gradient, tagged by the
/// variable's position).
///
/// Open addressing with linear probing over a power-of-two table, the identity's address
/// scrambled by one multiplication (Fibonacci hashing: Knuth, TAOCP vol. 3, §6.4): a lookup
/// costs a multiply and a compare or two, where `Dictionary` would run SipHash over the
/// identifier (the memo lookups of a Jacobian are most of its hashing). The caller keeps the
/// keyed nodes alive, so an identity is never reused while the map lives.
///
///     var m = NodeMap<Int>()
///     m[x.id] = 1
///     m[x.id]   // 1
struct NodeMap<Value> {
    /// One bucket: the key's address (0 marks an empty bucket: no object lives at address 0),
    /// its tag and its value. One array of buckets, so a map is one allocation.
    private struct Bucket {
        var key: UInt
        var tag: Int
        var value: Value?
    }

    private var buckets: [Bucket]
    private var mask: Int
    private(set) var count = 0

    /// An empty map with room for `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        buckets = [Bucket](repeating: Bucket(key: 0, tag: 0, value: nil), count: size)
        mask = size - 1
    }

    @inline(__always)
    private func bucket(_ key: UInt, _ tag: Int) -> Int {
        let mixed = key ^ (UInt(bitPattern: tag) &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored for (`id`, `tag`), or `nil`; setting `nil` is not supported (entries
    /// are never removed).
    subscript(id: ObjectIdentifier, tag: Int = 0) -> Value? {
        @inline(__always) get {
            let key = UInt(bitPattern: id)
            var i = bucket(key, tag)
            while true {
                let k = buckets[i].key
                if k == key && buckets[i].tag == tag { return buckets[i].value }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("NodeMap entries are never removed") }
            let key = UInt(bitPattern: id)
            var i = bucket(key, tag)
            while true {
                let k = buckets[i].key
                if k == key && buckets[i].tag == tag {
                    buckets[i].value = newValue
                    return
                }
                if k == 0 { break }
                i = (i + 1) & mask
            }
            buckets[i] = Bucket(key: key, tag: tag, value: newValue)
            count += 1
            if 2 * count > buckets.count { grow() }
        }
    }

    /// Doubles the table and reinserts every entry.
    private mutating func grow() {
        let old = buckets
        buckets = [Bucket](repeating: Bucket(key: 0, tag: 0, value: nil), count: 2 * old.count)
        mask = buckets.count - 1
        for b in old where b.key != 0 {
            var i = bucket(b.key, b.tag)
            while buckets[i].key != 0 { i = (i + 1) & mask }
            buckets[i] = b
        }
    }
}
