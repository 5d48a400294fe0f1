// swift-tools-version: 6.1
//
// Jacobi: exact multivariate calculus. Modules, bottom to top (Docs/Architecture.md):
//   CGMP → Exact → Symbolic → Derivatives │ AutoDiff → Differentials → Verification → Jacobi → JacobiCLI
// AutoDiff never depends on Derivatives: the two engines share no derivative rule.
import PackageDescription

let package = Package(
    name: "Jacobi",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Jacobi", targets: ["Jacobi"]),
        .library(name: "Exact", targets: ["Exact"]),
        .library(name: "Symbolic", targets: ["Symbolic"]),
        .executable(name: "jacobi", targets: ["JacobiCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // `swift package generate-documentation` (DocC); build-time plugin only, nothing is linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Test-only: NumericsInteropTests imports RealModule beside Jacobi (no library links it).
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGMP",
            pkgConfig: "gmp",
            providers: [.apt(["libgmp-dev"]), .brew(["gmp"])]
        ),
        .target(name: "Exact", dependencies: ["CGMP"], exclude: ["README.md"]),
        .target(name: "Symbolic", dependencies: ["Exact"], exclude: ["README.md"]),
        // Symbolic differentiation. AutoDiff must never depend on it (its own rule table).
        .target(name: "Derivatives", dependencies: ["Exact", "Symbolic"], exclude: ["README.md"]),
        // The tape engine. It must never depend on "Derivatives": the two engines share no rule.
        .target(name: "AutoDiff", dependencies: ["Exact", "Symbolic"], exclude: ["README.md", "Plan/README.md", "Sparsity/README.md"]),
        // Code generation (C, Swift, Python) and compiled tapes: uses both engines' outputs.
        .target(name: "CodeGen", dependencies: ["Exact", "Symbolic", "Derivatives", "AutoDiff"], exclude: ["README.md"]),
        // The program language: parse, check, compile to a tape or an Expr DAG, trace. Never Derivatives.
        .target(name: "Programs", dependencies: ["Exact", "Symbolic", "AutoDiff"], exclude: ["README.md"]),
        .target(name: "Differentials", dependencies: ["Exact", "Symbolic", "AutoDiff"], exclude: ["README.md"]),
        // The cross-check harness: symbolic vs forward vs reverse, plus a rule-free oracle.
        .target(
            name: "Verification", dependencies: ["Exact", "Symbolic", "AutoDiff", "Derivatives"], exclude: ["README.md"]
        ),
        .target(
            name: "Jacobi",
            dependencies: ["Exact", "Symbolic", "Derivatives", "AutoDiff", "Differentials", "Verification", "CodeGen", "Programs"],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "JacobiCLI",
            dependencies: [
                "Jacobi",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .target(name: "TestSupport", dependencies: ["Exact", "Symbolic", "AutoDiff", "Verification"], path: "Tests/TestSupport"),
        .testTarget(name: "ExactTests", dependencies: ["Exact", "TestSupport"]),
        .testTarget(name: "SymbolicTests", dependencies: ["Symbolic", "TestSupport"]),
        .testTarget(name: "AutoDiffTests", dependencies: ["AutoDiff", "TestSupport"]),
        // Derivatives is a test dependency only: the symbolic side of the cross-check.
        .testTarget(name: "ProgramsTests", dependencies: ["Programs", "AutoDiff", "Derivatives", "Verification", "Symbolic", "Exact", "TestSupport"]),
        .testTarget(name: "DifferentialsTests", dependencies: ["Differentials", "AutoDiff", "TestSupport"]),
        // Reads the committed SymPy fixtures in Tests/Fixtures/ by path (no Python at test time).
        .testTarget(name: "DerivativesTests", dependencies: ["Derivatives", "Symbolic", "TestSupport"]),
        .testTarget(name: "VerificationTests", dependencies: ["Verification", "AutoDiff", "Derivatives", "Symbolic", "Exact", "TestSupport"]),
        .testTarget(name: "CodeGenTests", dependencies: ["CodeGen", "AutoDiff", "Symbolic", "Exact", "TestSupport"]),
        .testTarget(name: "JacobiTests", dependencies: ["Jacobi", "TestSupport"]),
        // A user importing both swift-numerics' RealModule and Jacobi: no name is ambiguous.
        .testTarget(
            name: "NumericsInteropTests",
            dependencies: ["Jacobi", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // End-to-end tests run the built `jacobi` binary; the dependency makes `swift test` build it.
        .testTarget(name: "JacobiCLITests", dependencies: ["JacobiCLI", "Jacobi", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
