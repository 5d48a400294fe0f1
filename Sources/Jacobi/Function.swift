import AutoDiff
import Derivatives
import Differentials
import Exact
import Foundation
import Programs
import Symbolic

/// Why a `Function` cannot compute what was asked.
public enum FunctionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A gradient, Hessian, HVP or Taylor model needs a scalar-valued function (m = 1).
    case notScalarValued(outputs: Int)
    /// A vector or point of the wrong length.
    case dimensionMismatch(what: String, expected: Int, got: Int)
    /// A variable of the expressions is missing from the variable list.
    case unlistedVariable(Symbol)
    /// A variable named twice (in a variable list or a point).
    case duplicateVariable(Symbol)
    /// A point gives two values for one variable.
    case duplicateCoordinate(Symbol)
    /// A point gives no value for a variable of the function.
    case missingCoordinate(Symbol)
    /// A point gives a value for a symbol that is not a variable of the function.
    case unknownCoordinate(Symbol, variables: [Symbol])
    /// A rational value was needed, but the point gives an exact constant that is not
    /// rational (`pi/4`).
    case notRationalCoordinate(Symbol, value: Expr)
    /// A derivative asked for at a point where it does not exist (`abs` at 0).
    case notDifferentiable(String)
    /// The engine cannot compute this object (forward mode has no H·v of its own).
    case engineNotAvailable(object: String, engine: DifferentialEngine)

    public var description: String {
        switch self {
        case .notScalarValued(let m): return "this needs a scalar function, but there are \(m) outputs"
        case .dimensionMismatch(let what, let expected, let got): return "\(what) has \(got) entries, expected \(expected)"
        case .unlistedVariable(let s): return "the variable \(s) is not in the variable list"
        case .duplicateVariable(let s): return "the variable \(s) is named twice"
        case .duplicateCoordinate(let s): return "the point gives \(s) twice"
        case .missingCoordinate(let s): return "no value given for the variable \(s)"
        case .unknownCoordinate(let s, let vars):
            return "the point gives a value for \(s), which is not one of the variables (\(vars.map(\.name).joined(separator: ",")))"
        case .notRationalCoordinate(let s, let v): return "the value of \(s) is not rational (\(v))"
        case .notDifferentiable(let why): return "not differentiable at this point: \(why)"
        case .engineNotAvailable(let object, let engine): return "the \(engine.rawValue) engine does not compute \(object)"
        }
    }
}

/// A function f: ℝⁿ → ℝᵐ given by m expressions in n ordered variables, with both engines
/// behind it: symbolic differentiation (`Derivatives`) and a tape compiled once (`AutoDiff`).
///
///     let x = Symbol("x"), y = Symbol("y")
///     let f = try Function([Expr(x) * Expr(y), .call(.sin, Expr(x)) + Expr(y) * Expr(y)], variables: [x, y])
///     try f.jacobian()                                // [[y, x], [cos(x), 2*y]]
///     try f.jacobian(at: [Rational(1, 2), 3])         // throws: cos(1/2) is not rational
///     try f.jacobian(at: [Expr(Rational(1, 2)), 3])   // [[3, 1/2], [cos(1/2), 6]]
///
/// Every object is available symbolically and at a point, by the engine you choose
/// (`.symbolic`, `.forward`, `.reverse`); the defaults are the cheapest engine for the object:
/// reverse for gradients, VJPs and Hessians (forward-over-reverse), forward for JVPs and
/// directional derivatives, and for Jacobians n forward or m reverse sweeps, whichever is
/// fewer.
public struct Function: Sendable {
    /// The component functions f₁, …, fₘ. For a function made from a program
    /// (``init(program:parameters:budget:)``), its outputs as an expression DAG, built on first
    /// use; empty when the program is past the symbolic budget (``expressions()`` throws why).
    public var outputs: [Expr] { (try? symbolicSide.expressions()) ?? [] }
    /// The variables x₁, …, xₙ, in order (for a program: one symbol per input entry, `x_3`
    /// for `x[3]`; built on first use).
    public var variables: [Symbol] { symbolicSide.variables }
    /// The compiled tape (shared subexpressions computed once).
    public let tape: Tape
    /// The compiled program this function was made from, if any.
    public let program: CompiledProgram?
    let symbolicSide: SymbolicSide

    /// The function with components `outputs` in `variables` (default: the free symbols in
    /// natural order, `Symbol.naturalOrder(_:_:)`: `x2` before `x10`).
    ///
    /// - Throws: `UndefinedConstant` when an expression holds a constant without a value
    ///   (`0^(-1)`, `log(0)`: see `Expr.checkDefined()`); ``FunctionError/unlistedVariable(_:)``
    ///   when an expression uses a variable not in the list; ``FunctionError/duplicateVariable(_:)``;
    ///   `TapeError` from compilation.
    public init(_ outputs: [Expr], variables: [Symbol]? = nil) throws {
        for f in outputs { try f.checkDefined() }
        let free = outputs.flatMap(\.freeSymbols).naturallySorted()
        let vars = variables ?? free
        var seen = Set<Symbol>()
        for s in vars where !seen.insert(s).inserted { throw FunctionError.duplicateVariable(s) }
        if let missing = free.first(where: { !seen.contains($0) }) { throw FunctionError.unlistedVariable(missing) }
        self.symbolicSide = SymbolicSide(outputs: outputs, variables: vars)
        self.program = nil
        self.tape = try ExprCompiler.compile(outputs, inputs: vars)
    }

    /// The scalar function `output`.
    public init(_ output: Expr, variables: [Symbol]? = nil) throws {
        try self.init([output], variables: variables)
    }

    /// The function a program computes, for the parameter values given: its tape is the
    /// program's (compiled in time linear in the text and the loop counts, loops kept as
    /// loops); its symbolic side (``outputs``, ``variables``) is built only when a symbolic
    /// object is asked for, and only for a tape of at most `budget` instructions.
    ///
    ///     let p = try Program(parsing: "param n = 2\ninput x[n]\nf = sum(i = 1..n, x[i]^2)\noutput f")
    ///     try Function(program: p, parameters: ["n": 3]).gradient(at: [Rational(1), 2, 3])   // [2, 4, 6]
    ///
    /// - Throws: `ProgramError` (an unknown parameter, a range or index error).
    public init(
        program: Program, parameters: [String: Int] = [:], budget: Int = CompiledProgram.defaultExpressionBudget
    ) throws {
        let compiled = try program.compile(parameters: parameters)
        self.program = compiled
        self.tape = compiled.tape
        self.symbolicSide = SymbolicSide(program: compiled, budget: budget)
    }

    /// The outputs as expressions: for a program, its Expr DAG under the budget.
    ///
    /// - Throws: `ProgramError` past the budget (the message says to use `--engine reverse`).
    public func expressions() throws -> [Expr] { try symbolicSide.expressions() }

    /// n, the number of variables.
    public var inputDimension: Int { tape.inputCount }
    /// m, the number of components.
    public var outputDimension: Int { tape.outputCount }

    func requireScalar() throws {
        if outputDimension != 1 { throw FunctionError.notScalarValued(outputs: outputDimension) }
    }

    func check(_ what: String, _ count: Int, _ expected: Int) throws {
        if count != expected { throw FunctionError.dimensionMismatch(what: what, expected: expected, got: count) }
    }

    // MARK: Symbolic objects (simplified)

    /// ∇f = (∂f/∂x₁, …, ∂f/∂xₙ), simplified.
    ///
    ///     try Function(x^2 * y).gradient()   // [2*x*y, x^2]
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``.
    public func gradient() throws -> [Expr] {
        try requireScalar()
        return try expressions()[0].gradient(withRespectTo: variables)
    }

    /// The Jacobian J (m×n), Jᵢⱼ = ∂fᵢ/∂xⱼ, simplified.
    ///
    /// - Throws: for a program past the symbolic budget (``expressions()``).
    public func jacobian() throws -> Matrix<Expr> {
        Matrix(try expressions().jacobian(withRespectTo: variables))
    }

    /// The Hessian H (n×n), Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ, symmetric (each mixed partial computed once).
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``.
    public func hessian() throws -> Matrix<Expr> {
        try requireScalar()
        return Matrix(try expressions()[0].hessian(withRespectTo: variables))
    }

    /// The partials ∂f/∂v for the variables `wrt` only (a sublist of ``variables``, any
    /// order), simplified.
    ///
    ///     try Function(x^2 * y).partials(withRespectTo: [y])   // [x^2]
    ///
    /// - Throws: ``FunctionError/notScalarValued(outputs:)``; ``FunctionError/unlistedVariable(_:)``
    ///   when `wrt` names a symbol that is not a variable.
    public func partials(withRespectTo wrt: [Symbol]) throws -> [Expr] {
        try requireScalar()
        _ = try indices(of: wrt)
        return try expressions()[0].gradient(withRespectTo: wrt)
    }

    func indices(of wrt: [Symbol]) throws -> [Int] {
        try wrt.map { s in
            guard let i = variables.firstIndex(of: s) else { throw FunctionError.unlistedVariable(s) }
            return i
        }
    }

    /// J·v as expressions (the JVP), each entry simplified, with v given as expressions.
    ///
    ///     try Function([x*y]).jvp(direction: [1, 2])   // [2*x + y]
    public func jvp(direction v: [Expr]) throws -> [Expr] {
        try check("direction", v.count, inputDimension)
        return try jacobian().applied(to: v).map { $0.simplified() }
    }

    /// wᵀJ as expressions (the VJP), each entry simplified.
    ///
    ///     try Function([x*y, x]).vjp(weights: [1, 1])   // [y + 1, x]
    public func vjp(weights w: [Expr]) throws -> [Expr] {
        try check("weights", w.count, outputDimension)
        return try jacobian().transposeApplied(to: w).map { $0.simplified() }
    }

    /// H·v as expressions (the HVP), each entry simplified.
    ///
    ///     try Function(x^2 * y).hvp(direction: [1, 0])   // [2*y, 2*x]
    public func hvp(direction v: [Expr]) throws -> [Expr] {
        try check("direction", v.count, inputDimension)
        return try hessian().applied(to: v).map { $0.simplified() }
    }

    /// The engine `jacobian(at:engine:)` uses when none is given: n forward sweeps when
    /// n ≤ m, else m reverse sweeps.
    ///
    ///     try Function([x*y, x+y, x]).cheapestJacobianEngine   // .forward (n = 2 ≤ m = 3)
    public var cheapestJacobianEngine: DifferentialEngine {
        inputDimension <= outputDimension ? .forward : .reverse
    }

    /// D_v f = ∇f·v as an expression.
    public func directionalDerivative(along v: [Expr]) throws -> Expr {
        try requireScalar()
        try check("direction", v.count, inputDimension)
        return try expressions()[0].directionalDerivative(along: v, withRespectTo: variables)
    }
}

/// The symbolic side of a `Function`: given (expressions), or built on first use from a
/// program under a budget. Thread-safe: a `Function` is `Sendable` and may be shared by
/// the threads of a batch.
final class SymbolicSide: @unchecked Sendable {  // `built` and `symbols` are guarded by `lock`
    private let lock = NSLock()
    private let program: CompiledProgram?
    private let budget: Int
    private var built: Result<[Expr], ProgramError>?
    private var symbols: [Symbol]?
    /// The variables when given (expressions): immutable, so read without the lock (every
    /// point of a batch asks for them, from every thread).
    private let givenVariables: [Symbol]?

    init(outputs: [Expr], variables: [Symbol]) {
        program = nil
        budget = 0
        built = .success(outputs)
        symbols = variables
        givenVariables = variables
    }

    init(program: CompiledProgram, budget: Int) {
        self.program = program
        self.budget = budget
        givenVariables = nil
    }

    func expressions() throws -> [Expr] {
        lock.lock()
        defer { lock.unlock() }
        if built == nil, let program {
            built = Result { () throws(ProgramError) in try program.expressions(budget: budget) }
        }
        return try built?.get() ?? []
    }

    var variables: [Symbol] {
        if let givenVariables { return givenVariables }
        lock.lock()
        defer { lock.unlock() }
        if let symbols { return symbols }
        let s = program?.symbols ?? []
        symbols = s
        return s
    }
}
