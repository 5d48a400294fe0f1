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

/// An object with its label(s), shaped as DESIGN.md's JSON wants it: expressions for a
/// symbolic result (`Quantity`), exact numbers for the values at a point (`ExactQuantity`).
enum Shaped<Element: Sendable>: Sendable {
    /// One entry: a JSON string.
    case scalar(Label, Element)
    /// A list printed on one line (`J·v = [4, 13]`): a JSON list.
    case vector(Label, [Element])
    /// A list printed one labelled entry per line (`∂f/∂x = 2*x`): a JSON list.
    case entries([Label], [Element])
    /// A matrix: a JSON list of rows.
    case matrix(Label, Matrix<Element>)
    /// An object written as given, in text (parsable) and LaTeX: a JSON string. For results
    /// whose layout is not one canonical expression (a Taylor model centred at a).
    case written(Label, text: String, latex: String)

    /// The same shape, each entry mapped.
    func map<T>(_ transform: (Element) -> T) -> Shaped<T> {
        switch self {
        case .scalar(let l, let e): return .scalar(l, transform(e))
        case .vector(let l, let es): return .vector(l, es.map(transform))
        case .entries(let ls, let es): return .entries(ls, es.map(transform))
        case .matrix(let l, let m): return .matrix(l, m.map(transform))
        case .written(let l, let text, let latex): return .written(l, text: text, latex: latex)
        }
    }
}

/// A symbolic result: expressions.
typealias Quantity = Shaped<Expr>

/// Values at a point: rationals where the library computed over `Rational` (no `Expr`
/// built: a batch writes them straight as text), exact expressions otherwise.
typealias ExactQuantity = Shaped<ExactNumber>

/// One exact value at a point.
enum ExactNumber: Sendable {
    case rational(Rational)
    /// An exact expression (`cos(1/2)`), or a number the `Point` methods returned as one.
    case expression(Expr)

    var expression: Expr {
        switch self {
        case .rational(let r): return Expr(r)
        case .expression(let e): return e
        }
    }
}

extension Shaped where Element == Expr {
    /// The values at a point, as exact numbers.
    var exactNumbers: ExactQuantity { map(ExactNumber.expression) }
}

extension Shaped where Element == Rational {
    var exactNumbers: ExactQuantity { map(ExactNumber.rational) }
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
    case values(key: String, ExactQuantity, numeric: String?, shown: Bool = true)
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

extension Shaped {
    /// The entries, in row-major order.
    var elements: [Element] {
        switch self {
        case .scalar(_, let e): return [e]
        case .vector(_, let es), .entries(_, let es): return es
        case .matrix(_, let m): return m.elements
        case .written: return []
        }
    }
}
