// swift-tools-version:6.1
import PackageDescription

/// Benchmarks for nnid: a separate package, never built by the test suite.
/// Run with `swift run -c release --package-path Benchmarks <target>`.
let package = Package(
    name: "nnid-benchmarks",
    dependencies: [.package(name: "nnid", path: "..")],
    targets: [
        .executableTarget(
            name: "ExactRankBenchmark",
            dependencies: [.product(name: "Identifiability", package: "nnid")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
