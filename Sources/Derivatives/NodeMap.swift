import Symbolic

/// A hash map keyed by node identity (`Expr.id`), for the memo tables of differentiation.
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
    /// The keys' addresses; 0 marks an empty bucket (no object lives at address 0).
    private var keys: [UInt]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    /// An empty map with room for `capacity` keys before it grows.
    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        keys = [UInt](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func bucket(_ key: UInt) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The value stored for `id`, or `nil`; setting `nil` is not supported (entries are
    /// never removed).
    subscript(id: ObjectIdentifier) -> Value? {
        @inline(__always) get {
            let key = UInt(bitPattern: id)
            var i = bucket(key)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { preconditionFailure("NodeMap entries are never removed") }
            let key = UInt(bitPattern: id)
            var i = bucket(key)
            while true {
                let k = keys[i]
                if k == key {
                    values[i] = newValue
                    return
                }
                if k == 0 { break }
                i = (i + 1) & mask
            }
            keys[i] = key
            values[i] = newValue
            count += 1
            if 2 * count > keys.count { grow() }
        }
    }

    /// Doubles the table and reinserts every entry.
    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt](repeating: 0, count: 2 * oldKeys.count)
        values = [Value?](repeating: nil, count: 2 * oldKeys.count)
        mask = keys.count - 1
        for (j, key) in oldKeys.enumerated() where key != 0 {
            var i = bucket(key)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = oldValues[j]
        }
    }
}
