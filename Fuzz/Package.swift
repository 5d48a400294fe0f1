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
        // `ExpressionFuzzer_main`: SwiftPM's name for the executable's main, handed to libFuzzer.
        .target(name: "FuzzerEntry", path: "Sources/FuzzerEntry"),
    ],
    swiftLanguageModes: [.v6]
)
