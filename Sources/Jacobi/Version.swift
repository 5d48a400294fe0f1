/// The package's version, in one place: `jacobi --version` prints it, and `CHANGELOG.md`
/// has one section per value it has taken.
///
/// It follows Semantic Versioning: while the major version is 0, a minor release may change
/// public API (the changelog says how).
///
/// ```swift
/// print(JacobiVersion.string)  // 0.2.0
/// ```
public enum JacobiVersion {
    /// The semantic version of this build, `major.minor.patch`.
    public static let string = "0.2.0"
}
