// The umbrella module: `import Jacobi` gives every public type of the lower modules.
@_exported import AutoDiff
@_exported import CodeGen
@_exported import Differentials
@_exported import Exact
@_exported import Symbolic
@_exported import Derivatives
@_exported import Verification

/// The library's version, printed by `jacobi --version`.
public enum JacobiVersion {
    /// Semantic version of this build.
    public static let string = "0.1.0"
}
