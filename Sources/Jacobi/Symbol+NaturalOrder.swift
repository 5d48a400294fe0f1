import Symbolic

extension Symbol {
    /// Natural order: names compared piece by piece, runs of digits by their numeric value,
    /// so that `x2` comes before `x10` (plain string order puts `x10` first).
    ///
    ///     [Symbol("x10"), Symbol("x2"), Symbol("y")].sorted(by: Symbol.naturalOrder)   // [x2, x10, y]
    ///
    /// A strict total order on valid names: equal names only are unordered, and two names
    /// whose digit runs have equal values (`x2`, `x02`) are ordered by their text.
    public static func naturalOrder(_ a: Symbol, _ b: Symbol) -> Bool {
        let p = Array(a.name.utf8), q = Array(b.name.utf8)
        var i = 0, j = 0
        while i < p.count && j < q.count {
            if isDigit(p[i]) && isDigit(q[j]) {
                let (ri, ni) = digitRun(p, from: i)
                let (rj, nj) = digitRun(q, from: j)
                if ri.count != rj.count { return ri.count < rj.count }  // no leading zeros: longer is larger
                if ri != rj { return ri.lexicographicallyPrecedes(rj) }
                i = ni
                j = nj
            } else {
                if p[i] != q[j] { return p[i] < q[j] }
                i += 1
                j += 1
            }
        }
        if (p.count - i) != (q.count - j) { return (p.count - i) < (q.count - j) }
        return a.name < b.name
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// The digit run starting at `start` without its leading zeros, and the index after it.
    private static func digitRun(_ s: [UInt8], from start: Int) -> (ArraySlice<UInt8>, Int) {
        var end = start
        while end < s.count && isDigit(s[end]) { end += 1 }
        var first = start
        while first < end - 1 && s[first] == 48 { first += 1 }
        return (s[first..<end], end)
    }
}

extension Sequence where Element == Symbol {
    /// The symbols in `Symbol.naturalOrder(_:_:)`, without duplicates.
    ///
    ///     [Symbol("x10"), Symbol("x2"), Symbol("x2")].naturallySorted()   // [x2, x10]
    public func naturallySorted() -> [Symbol] {
        Array(Set(self)).sorted(by: Symbol.naturalOrder)
    }
}
