// swift-tools-version: 6.1
//
// Jacobi's benchmarks, as a separate package so the main build stays light.
//
//     swift run -c release --package-path Benchmarks jacobi-bench [W3 …] [--n N]
//
// Prints one JSON line per measurement, in the same shape as the peers' scripts in peers/
// (see Docs/Benchmarks.md), so that Jacobi's lines and the peers' can be compared directly.
import PackageDescription

let package = Package(
    name: "JacobiBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Jacobi", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "jacobi-bench",
            dependencies: [.product(name: "Jacobi", package: "Jacobi")],
            path: "Sources/JacobiBench",
        ),
    ],
    swiftLanguageModes: [.v6]
)
