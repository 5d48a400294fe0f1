import Jacobi

/// A name for a printed object, in text and in LaTeX (`∇f(a)` / `\nabla f(a)`). An empty
/// label prints the object alone (simplify's result).
struct Label: Sendable {
    let text: String
    let latex: String

    init(_ text: String, latex: String) {
        self.text = text
        self.latex = latex
    }

    static let none = Label("", latex: "")
}

/// An exact object with its label(s), shaped as DESIGN.md's JSON wants it.
enum Quantity: Sendable {
    /// One expression: a JSON string.
    case scalar(Label, Expr)
    /// A list printed on one line (`J·v = [4, 13]`): a JSON list.
    case vector(Label, [Expr])
    /// A list printed one labelled entry per line (`∂f/∂x = 2*x`): a JSON list.
    case entries([Label], [Expr])
    /// A matrix: a JSON list of rows.
    case matrix(Label, Matrix<Expr>)
    /// An object written as given, in text (parsable) and LaTeX: a JSON string. For results
    /// whose layout is not one canonical expression (a Taylor model centred at a).
    case written(Label, text: String, latex: String)
}

/// One part of a report. Every renderer (text, LaTeX, JSON, JSON lines) reads the same
/// fields, so a command adds fields, never a rendering branch.
enum Field: Sendable {
    /// `command`, `vars`, `functions`.
    case head(command: String, variables: [Symbol], functions: [Expr])
    /// The head for a program: `vars` named as the program names them (`x[3]`), written one
    /// by one; `functions` the names of its outputs.
    case programHead(command: String, program: CompiledProgram)
    /// Floats at the point under `numeric`, from the Double sweeps (`--numeric`: no `exact`).
    case numeric(NumericQuantity)
    /// A vector given as input (`direction`, `weights`), exact.
    case vector(key: String, Label, [Rational])
    /// A number given as input (`order`).
    case integer(key: String, Int)
    /// The symbolic result (`symbolic`), with its LaTeX beside it (`latex`, same shape).
    case symbolic(Quantity)
    /// The point and the engine that gives the numbers (`at`, `engine`).
    case point(Point, engine: DifferentialEngine?)
    /// Exact values at the point under `key` (`exact`, `value`, `gradient`, …), as exact
    /// strings, with their floats under `numeric` when given (null beyond Double's range).
    /// `shown: false` leaves them out of text and LaTeX (they repeat another field there).
    case values(key: String, Quantity, numeric: String?, shown: Bool = true)
    /// Anything else (check's verdict, taylor's terms): JSON members, text and LaTeX lines.
    case custom(json: [(String, JSONValue)], text: [String], latex: [String])
    /// A sparse matrix: pattern, colouring, entries (`--sparse`, `sparsity`).
    case sparse(SparseMatrixReport)

    var isSymbolic: Bool {
        if case .symbolic = self { return true }
        return false
    }
}

/// What a command prints, in order.
struct Report {
    let fields: [Field]

    init(_ fields: [Field]) { self.fields = fields }

    func rendered(_ format: OutputFormat) throws -> String {
        switch format {
        case .text: return TextRenderer.render(self)
        case .latex: return LaTeXRenderer.render(self)
        case .json: return JSONRenderer.render(self)
        case .mtx: return try MatrixMarketRenderer.render(self)
        }
    }
}

extension Quantity {
    /// The expressions, in row-major order.
    var elements: [Expr] {
        switch self {
        case .scalar(_, let e): return [e]
        case .vector(_, let es), .entries(_, let es): return es
        case .matrix(_, let m): return m.elements
        case .written: return []
        }
    }

    /// JSON of the same shape, each entry encoded by `encode`.
    func json(_ encode: (Expr) -> JSONValue) -> JSONValue {
        switch self {
        case .scalar(_, let e): return encode(e)
        case .vector(_, let es), .entries(_, let es): return .array(es.map(encode))
        case .matrix(_, let m): return .array(m.rowList.map { .array($0.map(encode)) })
        case .written(_, let text, _): return .string(text)
        }
    }
}
