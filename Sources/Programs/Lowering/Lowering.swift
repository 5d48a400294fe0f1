import AutoDiff
import Exact

// Compiling a program to a tape: one walk over the statements with the parameters'
// values, emitting instructions as it goes (no Expr per term). Names are bound to values:
// a constant (folded exactly) or a slot. Inputs occupy slots 0 ..< N in declaration order,
// so blocks of the sweep plan read them straight from the point.
//
// Loops and sums repeat their body; `Lowering+Repetition.swift` emits the repetitions of a
// body whose shape cannot change from one repetition to the next by copying the emitted
// block with its strides instead of walking the syntax tree again, which makes compiling
// linear in the text plus the loop counts with a small constant.

/// A compiled value: an exact constant or a tape slot.
enum Value: Equatable, Sendable {
    case constant(Rational)
    case slot(Int)
}

/// One row of an evaluation trace, as recorded while compiling.
struct RecordedRow: Sendable {
    let name: String
    let iteration: Int?
    let value: Value
    let expression: String
    let line: Int
}

struct Lowering {
    let lexer: Lexer
    let tracing: Bool
    /// The tape so far: finished pieces (repeated blocks stored once, see
    /// `Lowering+Repetition.swift`), then the instructions being emitted one by one.
    var pieces: [TapePiece] = []
    /// The slots the finished pieces fill.
    var pieceSlots = 0
    var code: [Instruction] = []
    var constants: [Rational] = []
    var constantIndex: [Rational: Int32] = [:]
    var constantSlots: [Rational: Int] = [:]
    /// Loops and sums being compiled (constant slots are shared only outside them, so that
    /// every repetition of a body has the same shape).
    var depth = 0
    /// Parameters and the current values of loop indices.
    var integers: [String: Int]
    /// The slot holding a loop index's current value, for an index used as a value.
    var indexSlots: [String: Int] = [:]
    /// The innermost loop indices (for the trace's `iteration`).
    var loopStack: [String] = []
    var inputs: [String: (offset: Int, length: Int?)] = [:]
    var scalars: [String: Value] = [:]
    var vectors: [String: [Int: Value]] = [:]
    /// Running values of the sums/products being compiled.
    var accumulators: [Int] = []
    /// Vector writes of the repetition being recorded (see `Lowering+Repetition.swift`).
    var writeLog: [(name: String, index: Int, value: Value)]?
    var rows: [RecordedRow] = []
    var outputs: [Int] = []
    var outputNames: [String] = []
    var inputCount = 0
    /// Compile steps taken so far: loop and sum iterations (walked or repeated as a block)
    /// and expression nodes compiled (a program that loops without emitting anything still
    /// has to stop somewhere).
    var steps = 0
    /// Entries of intermediate vectors written so far (an upper bound: a rewrite of one
    /// entry may count twice).
    var entries = 0
    /// Bits of the large constants folded so far (see `fold`).
    var foldedBits = 0

    /// Throws when the tape, the walk or the vectors have grown past their limits
    /// (`ProgramLimits`).
    func checkLimits(adding more: Int = 0, at l: SourceLocation? = nil) throws(ProgramError) {
        func ProgramError(_ message: String, at l: SourceLocation?) -> Programs.ProgramError {
            guard let l else { return Programs.ProgramError(message, at: nil) }
            return lexer.error(message, at: l)
        }
        let instructions = ProgramLimits.maximumInstructions
        if slotCount + more > instructions {
            throw ProgramError(
                "the program needs more than \(instructions) tape instructions (ProgramLimits.maximumInstructions; lower its parameters)",
                at: l)
        }
        let maximumSteps = ProgramLimits.maximumSteps
        if steps > maximumSteps {
            throw ProgramError(
                "compiling the program takes more than \(maximumSteps) steps, loop iterations and expression nodes (ProgramLimits.maximumSteps; lower its parameters)",
                at: l)
        }
        let maximumEntries = ProgramLimits.maximumEntries
        if entries > maximumEntries {
            throw ProgramError(
                "the program's intermediate vectors have more than \(maximumEntries) entries (ProgramLimits.maximumEntries; lower its parameters)",
                at: l)
        }
    }

    init(lexer: Lexer, parameters: [String: Int], tracing: Bool) {
        self.lexer = lexer
        self.integers = parameters
        self.tracing = tracing
    }

    func error(_ message: String, at l: SourceLocation) -> ProgramError { lexer.error(message, at: l) }

    // MARK: emission

    /// The number of slots emitted so far; the next instruction writes this slot.
    var slotCount: Int { pieceSlots + code.count }

    mutating func emit(_ ins: Instruction) -> Int {
        code.append(ins)
        return slotCount - 1
    }

    /// Ends the current run of single instructions (before a repeated block, and at the end).
    mutating func finishPiece() {
        guard !code.isEmpty else { return }
        pieces.append(.instructions(code))
        pieceSlots += code.count
        code = []
    }

    /// Appends a block stored once with its repeat count.
    mutating func append(_ block: RepeatedBlock) {
        finishPiece()
        pieces.append(.repeated(block))
        pieceSlots += block.period * block.count
    }

    mutating func constantPayload(_ r: Rational) -> Int32 {
        if let k = constantIndex[r] { return k }
        let k = Int32(constants.count)
        constants.append(r)
        constantIndex[r] = k
        return k
    }

    /// A slot holding `r`: shared outside loops, emitted in place inside them.
    mutating func constantSlot(_ r: Rational) -> Int {
        if depth == 0, let s = constantSlots[r] { return s }
        let s = emit(Instruction(.constant, payload: constantPayload(r)))
        if depth == 0 { constantSlots[r] = s }
        return s
    }

    mutating func slot(_ v: Value) -> Int {
        switch v {
        case .slot(let s): s
        case .constant(let r): constantSlot(r)
        }
    }

    // MARK: statements

    mutating func lower(_ statements: [Statement]) throws(ProgramError) {
        for s in statements { try lower(s) }
    }

    mutating func lower(_ statement: Statement) throws(ProgramError) {
        switch statement {
        case .param: break
        case .input(let decls):
            for d in decls {
                if let node = d.length {
                    let n = try index(node)
                    if n < 0 { throw error("the length of '\(d.name)' is \(n), below 0", at: node.location) }
                    inputs[d.name] = (inputCount, n)
                    guard inputCount + n < Int(Int32.max) else { throw error("too many inputs", at: d.location) }
                    try checkLimits(adding: n, at: d.location)
                    if n >= 8 {
                        // x[1], …, x[n] as one input instruction repeated n times.
                        append(
                            RepeatedBlock(
                                template: [Instruction(.input, payload: Int32(truncatingIfNeeded: inputCount))],
                                strideA: [0], strideB: [0], payloadStride: [1], count: n))
                        inputCount += n
                    } else {
                        for _ in 0..<n {
                            _ = emit(Instruction(.input, payload: Int32(truncatingIfNeeded: inputCount)))
                            inputCount += 1
                        }
                    }
                } else {
                    inputs[d.name] = (inputCount, nil)
                    _ = emit(Instruction(.input, payload: Int32(inputCount)))
                    inputCount += 1
                }
            }
        case .assign(let name, let indexNode, let node, let l):
            let v = try value(node)
            if let indexNode {
                let k = try index(indexNode)
                vectors[name, default: [:]][k] = v
                entries += 1
                writeLog?.append((name, k, v))
                if tracing { record("\(name)[\(k)]", v, node, l) }
            } else {
                scalars[name] = v
                if tracing { record(name, v, node, l) }
            }
        case .loop(let name, let from, let to, let body, let l):
            let (a, b) = try range(from, to, at: l)
            // A name the body assigns and that holds a constant now gets a slot, so that the
            // first repetition has the shape of the others.
            for n in Analysis.assignedScalars(body) {
                if case .constant(let r)? = scalars[n] { scalars[n] = .slot(constantSlot(r)) }
            }
            loopStack.append(name)
            defer { loopStack.removeLast() }
            try repeatBody(
                index: name, from: a, to: b, stampable: stampable(body, name),
                usesIndexValue: Analysis.usesAsValue(name, body), at: l
            ) { (me) throws(ProgramError) in
                try me.lower(body)
            }
        case .output(let names):
            for (name, l) in names { try output(name, at: l) }
        }
    }

    mutating func record(_ name: String, _ v: Value, _ node: Node, _ l: SourceLocation) {
        let iteration = loopStack.last.flatMap { integers[$0] }
        rows.append(
            RecordedRow(
                name: name, iteration: iteration, value: v, expression: NodePrinter(integers: integers).print(node),
                line: l.line))
    }

    mutating func output(_ name: String, at l: SourceLocation) throws(ProgramError) {
        if let v = scalars[name] {
            outputs.append(slot(v))
            outputNames.append(name)
        } else if let entries = vectors[name] {
            try checkOutputCount(adding: entries.count, at: l)
            for k in entries.keys.sorted() {
                outputs.append(slot(entries[k]!))
                outputNames.append("\(name)[\(k)]")
            }
        } else if let (offset, length) = inputs[name] {
            if let length {
                try checkOutputCount(adding: length, at: l)
                for k in 0..<length {
                    outputs.append(offset + k)
                    outputNames.append("\(name)[\(k + 1)]")
                }
            } else {
                outputs.append(offset)
                outputNames.append(name)
            }
        } else {
            throw error("'\(name)' has no value here (it is assigned only in a loop that ran 0 times)", at: l)
        }
    }

    func checkOutputCount(adding more: Int, at l: SourceLocation) throws(ProgramError) {
        let limit = ProgramLimits.maximumEntries
        if outputs.count + more > limit {
            throw error("the program has more than \(limit) outputs (ProgramLimits.maximumEntries; lower its parameters)", at: l)
        }
    }

    /// Whether a loop body may be repeated by strides (see `Lowering+Repetition.swift`).
    func stampable(_ body: [Statement], _ index: String) -> Bool {
        Analysis.isStampable(body, index: index)
            && !body.contains { s in
                if case .assign(_, _, let v, _) = s { return Analysis.readsVector(v, isIntermediate) }
                return false
            }
    }

    func stampable(_ body: Node, _ index: String) -> Bool {
        Analysis.isStampable(body, index: index) && !Analysis.readsVector(body, isIntermediate)
    }

    func isIntermediate(_ vector: String) -> Bool { inputs[vector] == nil }

    // MARK: integers

    func index(_ node: Node) throws(ProgramError) -> Int {
        try IndexEvaluator(lexer: lexer, values: integers).evaluate(node)
    }

    /// A range a..b: b ≥ a − 1 (b = a − 1 is empty).
    func range(_ from: Node, _ to: Node, at l: SourceLocation) throws(ProgramError) -> (Int, Int) {
        let a = try index(from)
        let b = try index(to)
        if b < a - 1 {
            throw error("reversed range \(a)..\(b) (an empty range is a..a-1; count down by rewriting the index)", at: from.start)
        }
        return (a, b)
    }
}
