/// Function's compiled path (CodeGen): its tape's Double sweeps as machine code.
extension Function {
    /// The tape compiled with the system C compiler (see `CompiledTape`); without one, the
    /// interpreter, said once on stderr. Inputs are in ``variables`` order.
    ///
    ///     try Function(x^2 * y).compiled().gradient(at: [3.0, 2.0])   // [12.0, 9.0]
    public func compiled(options: CompileOptions = CompileOptions()) -> CompiledTape {
        tape.compiled(options: options)
    }
}
