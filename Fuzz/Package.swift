// swift-tools-version: 6.1
//
// Jacobi's fuzz targets, as a separate package so the main `swift build` never builds them.
// libFuzzer needs the fuzzer sanitizer on the whole build:
//
//     swift build -c release --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//     Fuzz/run.sh 120          # what .ci/run does: build, then fuzz for 120 s
//
// See Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "JacobiFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Jacobi", path: ".."),
    ],
    targets: [
        // Bytes → parser; what parses goes through printing, differentiation, a tape and
        // both sweeps, which must agree exactly (see the target's header).
        .executableTarget(
            name: "ExpressionFuzzer",
            dependencies: ["FuzzerEntry", .product(name: "Jacobi", package: "Jacobi")],
            path: "Sources/ExpressionFuzzer"
        ),
        // Bytes → program parser; what parses is compiled (under lowered limits) and its sweeps
        // over Rational, Dual and Double compared exactly (see the target's header).
        .executableTarget(
            name: "ProgramFuzzer",
            dependencies: ["FuzzerEntry", .product(name: "Jacobi", package: "Jacobi")],
            path: "Sources/ProgramFuzzer"
        ),
        // `ExpressionFuzzer_main`, `ProgramFuzzer_main`: SwiftPM's names for the executables' mains, handed to libFuzzer.
        .target(name: "FuzzerEntry", path: "Sources/FuzzerEntry"),
    ],
    swiftLanguageModes: [.v6]
)
