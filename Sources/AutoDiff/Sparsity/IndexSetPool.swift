// Index sets for sparsity detection, all in one flat buffer.
//
// The sweep in `Tape+SparsityDetection.swift` gives every slot the set of inputs it depends
// on. Most instructions are unary or have one operand whose set is empty (a constant), and
// then the result's set *is* the operand's: so sets are shared by reference (a set id and a
// count of the slots that hold it), never copied. Only a binary instruction over two
// different sets makes a new one, and when the larger operand set dies at that instruction
// (its only holder is read for the last time) the union is written into its storage in
// place, from the first position where the other set's entries begin. An accumulation
// s = s + tᵢ over n terms then costs O(n) in all, not O(n²).
//
// Storage: sorted runs of Int32 in one buffer with a bump pointer; a freed run goes on a
// free list by size class (capacity in [2ᵏ, 2ᵏ⁺¹)) and is reused, or gives its room back
// to the bump pointer when it is the last run. Set ids are reused the same way. So a sweep
// over millions of instructions allocates nothing per instruction: the earlier version,
// one Swift array per slot, spent most of its time in malloc.
//
// A slot's set is a code (`Int32`): −1 the empty set, −2 − k the singleton {k} (inputs and
// everything computed from one input alone: no storage, no counting), a code ≥ 0 a set in
// the pool (always two entries or more).

/// A reference-counted family of sorted index sets in one flat buffer (see the file header).
///
/// Used by one sweep on one thread, never re-entered: its properties skip the runtime's
/// exclusivity checks, which otherwise cost more than the set operations themselves.
final class IndexSetPool {
    /// One set: its run in `storage`, how many slots hold it, and a serial number that
    /// changes whenever its contents do (so that a memo of emitted interactions stays valid).
    struct Header {
        var start: Int
        var count: Int
        var capacity: Int
        var holders: Int32
        var serial: UInt64
    }

    @exclusivity(unchecked) private(set) var storage: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var storageCapacity: Int
    /// The bump pointer: storage[end...] is unused.
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private(set) var headers: [Header] = []
    @exclusivity(unchecked) private var freeIDs: [Int32] = []
    /// Free runs by size class: bin k holds starts of runs with capacity in [2ᵏ, 2ᵏ⁺¹).
    @exclusivity(unchecked) private var freeRuns: [[(start: Int, capacity: Int)]] = Array(repeating: [], count: 64)
    @exclusivity(unchecked) private var nextSerial: UInt64 = 0
    /// Room for one merge (the tail of the larger set and the smaller set).
    @exclusivity(unchecked) private var scratch: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var scratchCapacity: Int
    /// Where `elements` writes singletons.
    private let singles: UnsafeMutablePointer<Int32>

    init(expectedEntries: Int) {
        storageCapacity = Swift.max(expectedEntries, 64)
        storage = .allocate(capacity: storageCapacity)
        scratchCapacity = 64
        scratch = .allocate(capacity: scratchCapacity)
        singles = .allocate(capacity: 2)
        singles.initialize(repeating: 0, count: 2)
    }

    deinit {
        storage.deallocate()
        scratch.deallocate()
        singles.deallocate()
    }

    static let empty: Int32 = -1

    @inline(__always) static func singleton(_ k: Int32) -> Int32 { -2 - k }

    /// How many entries set `code` has.
    @inline(__always)
    func count(_ code: Int32) -> Int {
        code >= 0 ? headers[Int(code)].count : code == Self.empty ? 0 : 1
    }

    /// The entries of set `code`, ascending; valid until the next call that creates or
    /// extends a set. A singleton is written to `singles[lane]` (lane 0 or 1), so that two
    /// sets can be read at once.
    @inline(__always)
    func elements(_ code: Int32, lane: Int) -> UnsafeBufferPointer<Int32> {
        if code >= 0 {
            let h = headers[Int(code)]
            return UnsafeBufferPointer(start: storage + h.start, count: h.count)
        }
        if code == Self.empty { return UnsafeBufferPointer(start: singles, count: 0) }
        singles[lane] = -2 - code
        return UnsafeBufferPointer(start: singles + lane, count: 1)
    }

    /// A number that changes whenever the set's contents do (singletons: their entry, apart).
    @inline(__always)
    func serial(_ code: Int32) -> UInt64 {
        code >= 0 ? headers[Int(code)].serial : 1 << 63 | UInt64(UInt32(bitPattern: code))
    }

    /// Whether `code` is a pool set held by one slot only.
    @inline(__always) func isHeldOnce(_ code: Int32) -> Bool { code >= 0 && headers[Int(code)].holders == 1 }

    @inline(__always)
    func retain(_ code: Int32) {
        if code >= 0 { headers[Int(code)].holders += 1 }
    }

    /// One holder less; a pool set's storage and id are reused once nobody holds it.
    @inline(__always)
    func release(_ code: Int32) {
        guard code >= 0 else { return }
        headers[Int(code)].holders -= 1
        if headers[Int(code)].holders == 0 { free(code) }
    }

    /// A ∪ B, held once more by the caller. `ownsA` / `ownsB`: the caller holds that set's
    /// only reference and gives it up after this instruction, so its storage may be reused.
    /// The result is A or B itself (retained) when one contains the other.
    func union(_ a: Int32, _ b: Int32, ownsA: Bool, ownsB: Bool) -> Int32 {
        if a == b || b == Self.empty {
            retain(a)
            return a
        }
        if a == Self.empty {
            retain(b)
            return b
        }
        if a < 0 && b < 0 {  // two different singletons
            let (j, k) = (-2 - a, -2 - b)
            let id = newSet(capacity: 2)
            let start = headers[Int(id)].start
            storage[start] = Swift.min(j, k)
            storage[start + 1] = Swift.max(j, k)
            headers[Int(id)].count = 2
            return id
        }
        // At least one pool set (two entries or more): the larger one is a pool set.
        let (ca, cb) = (count(a), count(b))
        let aIsLarger = ca > cb || (ca == cb && ownsA)
        let (big, ownsBig) = aIsLarger ? (a, ownsA) : (b, ownsB)
        let hBig = headers[Int(big)]
        let x = storage + hBig.start
        let y = elements(aIsLarger ? b : a, lane: 1)
        let smallCount = y.count
        // x[p...] are the entries ≥ y's first: only they take part in the merge.
        let first = y[0]
        var lo = 0
        var hi = hBig.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if x[mid] < first { lo = mid + 1 } else { hi = mid }
        }
        let p = lo
        let tail = hBig.count - p
        reserveScratch(tail + smallCount)
        var i = p
        var j = 0
        var m = 0
        while i < hBig.count && j < smallCount {
            let u = x[i]
            let v = y[j]
            if u < v {
                scratch[m] = u
                i += 1
            } else if v < u {
                scratch[m] = v
                j += 1
            } else {
                scratch[m] = u
                i += 1
                j += 1
            }
            m += 1
        }
        while i < hBig.count {
            scratch[m] = x[i]
            i += 1
            m += 1
        }
        while j < smallCount {
            scratch[m] = y[j]
            j += 1
            m += 1
        }
        if m == tail {  // small ⊆ big
            retain(big)
            return big
        }
        let total = p + m
        if ownsBig {
            if total > hBig.capacity && hBig.start + hBig.capacity == end && hBig.start + total <= storageCapacity {
                // the last run: it grows into the unused room behind it
                let grown = Swift.max(total, 2 * hBig.capacity)
                let capacity = hBig.start + grown <= storageCapacity ? grown : total
                headers[Int(big)].capacity = capacity
                end = hBig.start + capacity
            }
            if total <= headers[Int(big)].capacity {
                (storage + hBig.start + p).update(from: scratch, count: m)
                headers[Int(big)].count = total
                headers[Int(big)].serial = takeSerial()
                retain(big)
                return big
            }
        }
        let id = newSet(capacity: ownsBig ? 2 * total : total)
        let start = headers[Int(id)].start  // storage may have moved: read the big set again
        (storage + start).update(from: storage + headers[Int(big)].start, count: p)
        (storage + start + p).update(from: scratch, count: m)
        headers[Int(id)].count = total
        return id
    }

    // MARK: storage

    private func takeSerial() -> UInt64 {
        nextSerial += 1
        return nextSerial
    }

    /// An empty set with room for `capacity` entries, held once.
    private func newSet(capacity wanted: Int) -> Int32 {
        let start: Int
        var capacity = Swift.max(wanted, 1)
        let bin = Self.ceilLog2(capacity)
        if let run = freeRuns[bin].popLast() {
            start = run.start
            capacity = run.capacity
        } else {
            capacity = 1 << bin
            reserveStorage(end + capacity)
            start = end
            end += capacity
        }
        let header = Header(start: start, count: 0, capacity: capacity, holders: 1, serial: takeSerial())
        if let id = freeIDs.popLast() {
            headers[Int(id)] = header
            return id
        }
        headers.append(header)
        return Int32(headers.count - 1)
    }

    private func free(_ id: Int32) {
        let h = headers[Int(id)]
        if h.start + h.capacity == end {
            end = h.start
        } else {
            freeRuns[Self.floorLog2(h.capacity)].append((h.start, h.capacity))
        }
        freeIDs.append(id)
    }

    private func reserveStorage(_ needed: Int) {
        guard needed > storageCapacity else { return }
        let capacity = Swift.max(needed, 2 * storageCapacity)
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        grown.update(from: storage, count: end)
        storage.deallocate()
        storage = grown
        storageCapacity = capacity
    }

    private func reserveScratch(_ needed: Int) {
        guard needed > scratchCapacity else { return }
        scratch.deallocate()
        scratchCapacity = Swift.max(needed, 2 * scratchCapacity)
        scratch = .allocate(capacity: scratchCapacity)
    }

    @inline(__always) static func floorLog2(_ x: Int) -> Int { Int.bitWidth - 1 - x.leadingZeroBitCount }
    @inline(__always) static func ceilLog2(_ x: Int) -> Int { x <= 1 ? 0 : Int.bitWidth - (x - 1).leadingZeroBitCount }
}
