import AutoDiff

// Points of a program, given by name: `x = 1/2` sets every entry of a vector input,
// `x[3] = 1/2` one entry, a scalar input its value; a later setting overrides an earlier
// one. And printed results with each entry named as the program names it (`x[3]`).

/// A value given for a name of a program's point: one value (for a scalar input, an entry
/// `x[3]`, or every entry of a vector `x`) or a whole vector.
public enum ProgramPointValue<V> {
    case scalar(V)
    case vector([V])
}

extension CompiledProgram {
    /// The point (one value per variable, in the tape's input order) that `assignments`
    /// describe, applied in order: `x` fills the vector x (or sets the scalar x), `x[k]`
    /// sets one entry; a later assignment overrides an earlier one.
    ///
    ///     // input x[3], a
    ///     try c.point([("x", 1), ("x[2]", 5), ("a", 7)])   // [1, 5, 1, 7]
    ///
    /// - Throws: ``ProgramError`` for a name that is not an input or an entry out of range,
    ///   and for a variable left without a value (the first one is named).
    @inlinable
    public func point<V>(_ assignments: [(name: String, value: V)]) throws(ProgramError) -> [V] {
        try point(assignments.map { (name: $0.name, value: ProgramPointValue.scalar($0.value)) })
    }

    /// The point that `assignments` describe, as ``point(_:)-swift.method``, where a value may
    /// also be a whole vector (`x = [1, 2, 3]`, of x's length).
    ///
    /// - Throws: as ``point(_:)-swift.method``, and for a vector of the wrong length or given
    ///   to a scalar.
    @inlinable  // specialised at the call site: a 10⁶-entry point costs a copy, not a generic loop
    public func point<V>(_ assignments: [(name: String, value: ProgramPointValue<V>)]) throws(ProgramError) -> [V] {
        var values = [V?](repeating: nil, count: tape.inputCount)
        let byName = Dictionary(inputs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for (name, value) in assignments {
            if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
                let base = String(name[..<open])
                guard let input = byName[base], let length = input.length else {
                    throw ProgramError("'\(base)' is not a vector input of the program", at: nil)
                }
                guard let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]), k >= 1 && k <= length
                else { throw ProgramError("'\(name)': the entries of \(base) are \(base)[1] … \(base)[\(length)]", at: nil) }
                switch value {
                case .scalar(let v): values[input.offset + k - 1] = v
                case .vector: throw ProgramError("'\(name)' is one entry: give it one value, not a list", at: nil)
                }
            } else {
                guard let input = byName[name] else {
                    let known = inputs.map(\.name).joined(separator: ", ")
                    throw ProgramError("'\(name)' is not an input of the program (its inputs: \(known))", at: nil)
                }
                switch value {
                case .scalar(let v):
                    for i in input.offset..<(input.offset + (input.length ?? 1)) { values[i] = v }
                case .vector(let vs):
                    guard let length = input.length else {
                        throw ProgramError("'\(name)' is a scalar input: give it one value, not a list", at: nil)
                    }
                    guard vs.count == length else {
                        throw ProgramError("'\(name)' has \(length) entries, but \(vs.count) values are given", at: nil)
                    }
                    values.replaceSubrange(input.offset..<(input.offset + length), with: vs.lazy.map { Optional($0) })
                }
            }
        }
        var out: [V] = []
        out.reserveCapacity(values.count)
        for i in values.indices {
            guard let v = values[i] else { throw ProgramError("no value given for \(variableName(at: i))", at: nil) }
            out.append(v)
        }
        return out
    }

    /// `text` with every symbol that stands for a vector entry (`x_3`) written as the
    /// program writes it (`x[3]`); everything else unchanged.
    ///
    ///     c.displayingVariables(in: "2*x_1 + x_3")   // "2*x[1] + x[3]"
    public func displayingVariables(in text: String) -> String {
        let vectors = Set(inputs.compactMap { $0.length == nil ? nil : $0.name })
        if vectors.isEmpty { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        let sep = Array(separator.utf8)
        func isLetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard isLetter(b), i == 0 || !(isLetter(bytes[i - 1]) || isDigit(bytes[i - 1])) else {
                out.append(b)
                i += 1
                continue
            }
            var j = i
            while j < bytes.count && (isLetter(bytes[j]) || isDigit(bytes[j])) { j += 1 }
            let word = bytes[i..<j]
            out.append(contentsOf: rewritten(word, vectors, sep) ?? Array(word))
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `x_3` → `x[3]` when x is a vector input, else nil.
    private func rewritten(_ word: ArraySlice<UInt8>, _ vectors: Set<String>, _ sep: [UInt8]) -> [UInt8]? {
        var k = word.endIndex
        while k > word.startIndex && word[k - 1] >= 48 && word[k - 1] <= 57 { k -= 1 }
        guard k < word.endIndex, k - word.startIndex > sep.count, Array(word[(k - sep.count)..<k]) == sep else { return nil }
        let base = word[word.startIndex..<(k - sep.count)]
        guard vectors.contains(String(decoding: base, as: UTF8.self)) else { return nil }
        return Array(base) + [91] + Array(word[k...]) + [93]
    }
}

extension ProgramPointValue: Sendable where V: Sendable {}
