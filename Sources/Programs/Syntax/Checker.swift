// The checks that need no parameter values: every name is known where it is used and
// used as what it is (a vector with an index, a scalar without), nothing assigns to an
// input, a parameter or a loop index, and index positions hold integer expressions
// (numbers, parameters, loop indices under + - *). Ranges and index bounds depend on the
// parameters and are checked when the program is compiled.

enum NameKind {
    case parameter, index, scalarInput, vectorInput, scalar, vector

    var described: String {
        switch self {
        case .parameter: "a parameter"
        case .index: "a loop index"
        case .scalarInput: "an input"
        case .vectorInput: "a vector input"
        case .scalar: "a scalar"
        case .vector: "a vector"
        }
    }
}

struct Checker {
    let lexer: Lexer
    var kinds: [String: NameKind] = [:]

    func error(_ message: String, at l: SourceLocation) -> ProgramError { lexer.error(message, at: l) }

    mutating func check(_ statements: [Statement]) throws(ProgramError) {
        try checkBlock(statements, topLevel: true)
        let hasOutput = statements.contains { s in
            if case .output = s { return true }
            return false
        }
        if !hasOutput {
            throw ProgramError("the program has no 'output' line", at: nil)
        }
    }

    mutating func declare(_ name: String, _ kind: NameKind, at l: SourceLocation) throws(ProgramError) {
        if let old = kinds[name] { throw error("'\(name)' is already \(old.described)", at: l) }
        kinds[name] = kind
    }

    mutating func checkBlock(_ statements: [Statement], topLevel: Bool) throws(ProgramError) {
        var sawOutput = false
        for s in statements {
            switch s {
            case .param(let name, let value, let l):
                guard topLevel else { throw error("'param' inside a loop", at: l) }
                try checkIndex(value)
                try declare(name, .parameter, at: l)
            case .input(let decls):
                for d in decls {
                    guard topLevel else { throw error("'input' inside a loop", at: d.location) }
                    if let length = d.length { try checkIndex(length) }
                    try declare(d.name, d.length == nil ? .scalarInput : .vectorInput, at: d.location)
                }
            case .assign(let name, let index, let value, let l):
                try checkValue(value)
                if let index { try checkIndex(index) }
                switch kinds[name] {
                case nil: kinds[name] = index == nil ? .scalar : .vector
                case .scalar?:
                    if index != nil { throw error("'\(name)' is a scalar, not a vector", at: l) }
                case .vector?:
                    if index == nil { throw error("'\(name)' is a vector: assign its entries, \(name)[k] = …", at: l) }
                case .scalarInput?, .vectorInput?: throw error("cannot assign to the input '\(name)'", at: l)
                case .parameter?: throw error("cannot assign to the parameter '\(name)'", at: l)
                case .index?: throw error("cannot assign to the loop index '\(name)'", at: l)
                }
            case .loop(let index, let from, let to, let body, let l):
                try checkIndex(from)
                try checkIndex(to)
                try declare(index, .index, at: l)
                try checkBlock(body, topLevel: false)
                kinds[index] = nil
            case .output(let names):
                let l = names.first?.location ?? SourceLocation(line: 1, column: 1)
                guard topLevel else { throw error("'output' inside a loop", at: l) }
                if sawOutput { throw error("a second 'output' line (list every output on one)", at: l) }
                sawOutput = true
                for (name, l) in names {
                    switch kinds[name] {
                    case nil: throw error("unknown name '\(name)'", at: l)
                    case .parameter?, .index?: throw error("'\(name)' is \(kinds[name]!.described), not a value to output", at: l)
                    case .scalar?, .vector?, .scalarInput?, .vectorInput?: break
                    }
                }
            }
        }
    }

    /// A value position: any expression over known scalars, vector entries, parameters and indices.
    mutating func checkValue(_ node: Node) throws(ProgramError) {
        switch node {
        case .number: break
        case .name(let s, let l):
            switch kinds[s] {
            case nil: throw error("unknown name '\(s)'", at: l)
            case .vector?, .vectorInput?: throw error("'\(s)' is a vector: use an entry, \(s)[i]", at: l)
            case .parameter?, .index?, .scalar?, .scalarInput?: break
            }
        case .element(let s, let index, let l):
            switch kinds[s] {
            case nil: throw error("unknown name '\(s)'", at: l)
            case .vector?, .vectorInput?: break
            case .parameter?, .index?, .scalar?, .scalarInput?: throw error("'\(s)' is \(kinds[s]!.described), not a vector", at: l)
            }
            try checkIndex(index)
        case .negate(let u, _), .call(_, let u, _): try checkValue(u)
        case .binary(_, let a, let b, _):
            try checkValue(a)
            try checkValue(b)
        case .reduction(_, let index, let from, let to, let body, let l):
            try checkIndex(from)
            try checkIndex(to)
            try declare(index, .index, at: l)
            try checkValue(body)
            kinds[index] = nil
        }
    }

    /// An index position: integers, parameters and loop indices under + - *.
    func checkIndex(_ node: Node) throws(ProgramError) {
        switch node {
        case .number(let r, let l):
            if !r.isInteger { throw error("non-integer \(r) in an index position", at: l) }
        case .name(let s, let l):
            switch kinds[s] {
            case nil: throw error("unknown name '\(s)'", at: l)
            case .parameter?, .index?: break
            case .scalar?, .scalarInput?, .vector?, .vectorInput?:
                throw error("non-integer in an index position: '\(s)' is \(kinds[s]!.described)", at: l)
            }
        case .negate(let u, _): try checkIndex(u)
        case .binary(let op, let a, let b, let l):
            switch op {
            case .add, .subtract, .multiply: break
            case .divide, .power: throw error("'\(op.symbol)' in an index position (indices use + - *)", at: l)
            }
            try checkIndex(a)
            try checkIndex(b)
        case .element(_, _, let l), .call(_, _, let l), .reduction(_, _, _, _, _, let l):
            throw error("non-integer in an index position", at: l)
        }
    }
}
