// Printed text as a rope (Boehm, Atkinson & Plass, "Ropes: an Alternative to Strings",
// 1995). The printers build each node's text from its children's: with `String`,
// `sin(` + child + `)` copies the child, so printing an expression n levels deep costs
// O(n²) time and keeps O(n²) bytes of intermediate strings alive (10⁵ levels: 10¹⁰
// bytes). A `Text` concatenates in O(1) by pointing at its parts; short results are
// flattened into one `String` so that ordinary expressions stay as cheap as before.
// Flattening, comparing and freeing walk the tree with explicit stacks, so no depth can
// exhaust the call stack.

/// Text built by concatenation in O(1), compared and flattened without recursion.
struct Text: Sendable, Equatable, Comparable, ExpressibleByStringInterpolation, CustomStringConvertible {
    fileprivate enum Storage: Sendable {
        case flat(String)
        case tree(TextNode)
    }

    fileprivate let storage: Storage
    /// The length in UTF-8 bytes.
    let utf8Count: Int

    /// Below this many bytes a concatenation copies into one `String` (cheap, and it keeps
    /// the common case free of tree nodes).
    static let flattenBelow = 256

    init(_ string: String) {
        storage = .flat(string)
        utf8Count = string.utf8.count
    }

    init(stringLiteral value: String) { self.init(value) }

    private init(node: TextNode) {
        storage = .tree(node)
        utf8Count = node.utf8Count
    }

    /// The whole text as one `String`.
    var description: String {
        switch storage {
        case .flat(let s): return s
        case .tree:
            var out = ""
            out.reserveCapacity(utf8Count)
            forEachPiece { out += $0 }
            return out
        }
    }

    /// Calls `body` with the flat pieces, in order (iterative).
    func forEachPiece(_ body: (String) -> Void) {
        var stack: [Text] = [self]
        while let t = stack.popLast() {
            switch t.storage {
            case .flat(let s): body(s)
            case .tree(let node): stack.append(contentsOf: node.parts.reversed())
            }
        }
    }

    static func + (a: Text, b: Text) -> Text {
        if b.utf8Count == 0 { return a }
        if a.utf8Count == 0 { return b }
        if a.utf8Count + b.utf8Count < flattenBelow { return Text(a.description + b.description) }
        return Text(node: TextNode(parts: [a, b]))
    }

    static func + (a: Text, b: String) -> Text { a + Text(b) }
    static func + (a: String, b: Text) -> Text { Text(a) + b }
    static func += (a: inout Text, b: Text) { a = a + b }
    static func += (a: inout Text, b: String) { a = a + Text(b) }

    /// The first Unicode scalar, if any.
    var firstScalar: Unicode.Scalar? {
        var i = ScalarIterator(self)
        return i.next()
    }

    /// `true` when the text starts with `prefix`.
    func hasPrefix(_ prefix: String) -> Bool {
        var mine = ScalarIterator(self)
        for c in prefix.unicodeScalars where mine.next() != c { return false }
        return true
    }

    /// Equal characters (O(common prefix) after an O(1) length check).
    static func == (a: Text, b: Text) -> Bool {
        a.utf8Count == b.utf8Count && compare(a, b) == 0
    }

    /// Lexicographic by Unicode scalar values (for the ASCII that printers produce, the
    /// order of `String`'s `<`).
    static func < (a: Text, b: Text) -> Bool { compare(a, b) < 0 }

    static func compare(_ a: Text, _ b: Text) -> Int {
        if case .flat(let s) = a.storage, case .flat(let t) = b.storage {
            return s == t ? 0 : (s < t ? -1 : 1)
        }
        var i = ScalarIterator(a)
        var j = ScalarIterator(b)
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p.value < q.value ? -1 : 1 }
            }
        }
    }

    /// The scalars of a rope, one by one.
    struct ScalarIterator: IteratorProtocol {
        private var pending: [Text]
        private var current: String.UnicodeScalarView.Iterator?

        init(_ text: Text) { pending = [text] }

        mutating func next() -> Unicode.Scalar? {
            while true {
                if let c = current?.next() { return c }
                guard let t = pending.popLast() else { return nil }
                switch t.storage {
                case .flat(let s): current = s.unicodeScalars.makeIterator()
                case .tree(let node): pending.append(contentsOf: node.parts.reversed())
                }
            }
        }
    }

    // MARK: Interpolation: "sin(\(u))" with u a Text builds a rope, not a copy.

    struct StringInterpolation: StringInterpolationProtocol {
        var result = Text("")

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) { result += literal }
        mutating func appendInterpolation(_ text: Text) { result += text }
        mutating func appendInterpolation(_ string: String) { result += string }
        mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { result += value.description }
    }

    init(stringInterpolation: StringInterpolation) { self = stringInterpolation.result }
}

extension Array where Element == Text {
    /// The elements with `separator` between them.
    func joined(separator: String) -> Text {
        var out = Text("")
        for (i, t) in enumerated() {
            if i > 0 { out += separator }
            out += t
        }
        return out
    }
}

/// A concatenation node. Immutable after `init` except in `deinit`, when no other
/// reference exists: `@unchecked Sendable` is honest.
final class TextNode: @unchecked Sendable {
    private(set) var parts: [Text]
    let utf8Count: Int
    let height: Int

    init(parts: [Text]) {
        self.parts = parts
        var count = 0
        var height = 0
        for p in parts {
            count += p.utf8Count
            if case .tree(let n) = p.storage { height = max(height, n.height) }
        }
        self.utf8Count = count
        self.height = height + 1
    }

    /// Frees deep ropes without recursion (as `ExprNode` does): children held only here
    /// are detached onto a local stack before they are released.
    deinit {
        guard height > 64 else { return }
        var stack: [TextNode] = []
        detach(into: &stack)
        while var n = stack.popLast() {
            if isKnownUniquelyReferenced(&n) { n.detach(into: &stack) }
        }
    }

    private func detach(into stack: inout [TextNode]) {
        for p in parts { if case .tree(let n) = p.storage { stack.append(n) } }
        parts = []
    }
}
