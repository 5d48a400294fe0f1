// The umbrella module: `import Jacobi` gives every public type of the lower modules.
@_exported import AutoDiff
@_exported import CodeGen
@_exported import Derivatives
@_exported import Differentials
@_exported import Exact
@_exported import Programs
@_exported import Symbolic
@_exported import Verification
