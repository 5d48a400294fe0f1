// Prints an expression of the program back as text, with the loop indices and parameters
// replaced by their current values (`tanh(h*x[3] + 1)` for `tanh(h*x[k] + 1)` at k = 3):
// the `expr` of a trace row, over the names of earlier rows.

struct NodePrinter {
    let integers: [String: Int]

    func print(_ node: Node) -> String { text(node, 0) }

    /// Precedence: 1 for + −, 2 for × ÷, 3 for unary minus, 4 for ^, 5 for atoms.
    private func text(_ node: Node, _ context: Int) -> String {
        func wrap(_ s: String, _ p: Int) -> String { p < context ? "(\(s))" : s }
        switch node {
        case .number(let r, _):
            let s = r.description
            return s.contains("/") || s.hasPrefix("-") ? wrap(s, r.isInteger ? 3 : 2) : s
        case .name(let s, _):
            if let v = integers[s] { return v < 0 ? wrap("\(v)", 3) : "\(v)" }
            return s
        case .element(let s, let i, _):
            if let k = try? IndexEvaluator(lexer: Lexer(""), values: integers).evaluate(i) { return "\(s)[\(k)]" }
            return "\(s)[\(text(i, 0))]"
        case .negate(let u, _): return wrap("-" + text(u, 3), 3)
        case .binary(let op, let a, let b, _):
            switch op {
            case .add: return wrap("\(text(a, 1)) + \(text(b, 2))", 1)
            case .subtract: return wrap("\(text(a, 1)) - \(text(b, 2))", 1)
            case .multiply: return wrap("\(text(a, 2))*\(text(b, 3))", 2)
            case .divide: return wrap("\(text(a, 2))/\(text(b, 3))", 2)
            case .power: return wrap("\(text(a, 5))^\(text(b, 4))", 4)
            }
        case .call(let f, let u, _): return "\(f)(\(text(u, 0)))"
        case .reduction(let kind, let i, let from, let to, let body, _):
            let inner = NodePrinter(integers: integers.filter { $0.key != i })
            return "\(kind.name)(\(i) = \(text(from, 0))..\(text(to, 0)), \(inner.text(body, 0)))"
        }
    }
}
