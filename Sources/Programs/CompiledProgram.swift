import AutoDiff
import Exact

/// A program compiled to a tape for given parameter values, with the names of its
/// variables and outputs.
///
///     let p = try Program(parsing: "param n = 3\ninput x[n]\nf = sum(i = 1..n, x[i]^2)\noutput f")
///     let c = try p.compile(parameters: ["n": 2])
///     c.variables                                   // ["x[1]", "x[2]"]
///     try c.tape.gradient(at: [Rational(1), 3])     // [2, 6]
///
/// The tape's inputs are the program's inputs flattened in declaration order (`x[1]`, …,
/// `x[n]`), its outputs those of the `output` line in order (a vector gives its entries in
/// index order).
public struct CompiledProgram: Sendable {
    /// The program this was compiled from.
    public let program: Program
    /// The parameters' values used.
    public let parameters: [String: Int]
    /// The tape: inputs in slots 0 ..< n, then the program's instructions.
    public let tape: Tape
    /// The variables, in the tape's input order: `x[1]`, …, `x[n]` for `input x[n]`, `a` for
    /// `input a` (built on each access: ``variableName(at:)`` names one).
    public var variables: [String] { (0..<tape.inputCount).map(variableName(at:)) }
    /// The outputs' names, in order (`f`, `y[1]`, …).
    public let outputNames: [String]
    /// The inputs as declared: name, first variable index, length (nil for a scalar).
    public let inputs: [(name: String, offset: Int, length: Int?)]
    /// The recorded trace rows (only when compiled for a trace).
    let rows: [RecordedRow]
    /// Between a vector's name and an entry's index in symbol names (`x_3`).
    let separator: String

    /// The name of variable `i` (0-based, in the tape's input order).
    ///
    ///     compiled.variableName(at: 2)   // "x[3]" for input x[n]
    public func variableName(at i: Int) -> String {
        let k = inputIndex(containing: i)
        let input = inputs[k]
        guard input.length != nil else { return input.name }
        return "\(input.name)[\(i - input.offset + 1)]"
    }

    /// The variable named `name` (`x[3]`, `a`): its index in the tape's input order, or nil.
    public func variableIndex(of name: String) -> Int? {
        if let open = name.firstIndex(of: "["), name.hasSuffix("]") {
            let base = String(name[..<open])
            guard let k = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]),
                let input = inputs.first(where: { $0.name == base }), let length = input.length, k >= 1 && k <= length
            else { return nil }
            return input.offset + k - 1
        }
        guard let input = inputs.first(where: { $0.name == name }), input.length == nil else { return nil }
        return input.offset
    }

    /// The declared input holding variable `i` (binary search over the offsets).
    func inputIndex(containing i: Int) -> Int {
        var lo = 0
        var hi = inputs.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if inputs[mid].offset <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

extension Program {
    /// Compiles the program to a tape, in time linear in its text and loop counts.
    ///
    ///     try Program(parsing: "input x, y\nf = x*y + sin(x)\noutput f").compile().tape.description
    ///     // [x0, x1, mul(0,1), sin(0), add(2,3)]
    ///
    /// A loop or sum whose body keeps its shape from one repetition to the next (affine
    /// indices, no nested loop) is emitted as one block repeated with fixed strides, the
    /// shape the floating-point sweeps run as a loop.
    ///
    /// - Parameter parameters: values overriding the `param` defaults.
    /// - Throws: ``ProgramError``: an unknown parameter, a reversed range (b < a − 1), an
    ///   index out of range, an undefined constant (`1/0`), an entry never assigned.
    public func compile(parameters: [String: Int] = [:]) throws(ProgramError) -> CompiledProgram {
        try compile(parameters: parameters, tracing: false)
    }

    func compile(parameters: [String: Int], tracing: Bool) throws(ProgramError) -> CompiledProgram {
        let values = try parameterValues(parameters)
        var lowering = Lowering(lexer: lexer, parameters: values, tracing: tracing)
        try lowering.lower(statements)
        lowering.finishPiece()
        let tape: Tape
        do {
            tape = try Tape(
                inputCount: lowering.inputCount, pieces: lowering.pieces, constants: lowering.constants,
                outputs: lowering.outputs)
        } catch {
            throw ProgramError("internal error: the compiled tape is malformed (\(error))", at: nil)
        }
        var inputs: [(name: String, offset: Int, length: Int?)] = []
        for case .input(let decls) in statements {
            for d in decls {
                if let (offset, length) = lowering.inputs[d.name] { inputs.append((d.name, offset, length)) }
            }
        }
        // `x[3]` becomes the symbol `x_3`, unless the program has a name of that form.
        var separator = "_"
        func clashes(_ sep: String) -> Bool {
            identifiers.contains { name in
                inputs.contains { input in
                    input.length != nil && name.hasPrefix(input.name + sep)
                        && name.dropFirst(input.name.count + sep.count).allSatisfy(\.isNumber)
                }
            }
        }
        while clashes(separator) { separator += "_" }
        return CompiledProgram(
            program: self, parameters: values, tape: tape,
            outputNames: lowering.outputNames, inputs: inputs, rows: lowering.rows, separator: separator)
    }
}
