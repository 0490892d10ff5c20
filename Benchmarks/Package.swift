// swift-tools-version:6.1
import PackageDescription

/// Speed measurements for nnid, kept out of the main package so `swift test` never builds them.
/// Run everything with `./run.sh` (release build, C baselines, table of ratios).
///
/// Each benchmark is one executable target `Sources/<Name>/main.swift` that prints result lines
/// through `BenchmarkSupport` (see `Sources/BenchmarkSupport/Timing.swift`). Add one with a
/// single `benchmark("Name", "Product", …)` line below; `run.sh` finds it on its own.
let nnid = "nnid"

func benchmark(_ name: String, _ products: String...) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["BenchmarkSupport"] + products.map { .product(name: $0, package: nnid) })
}

let package = Package(
    name: "nnid-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: nnid, path: "..")],
    targets: [
        .target(name: "BenchmarkSupport", dependencies: [.product(name: "Exact", package: nnid), .product(name: "Networks", package: nnid)]),
        benchmark("RationalBenchmark", "Exact"),
        benchmark("SVDBenchmark", "LinearAlgebra"),
        benchmark("ExactRankBenchmark", "Exact", "LinearAlgebra", "Networks"),
        benchmark("CanonicalizeBenchmark", "Identifiability"),
        benchmark("ReadBenchmark", "Identifiability"),
        benchmark("RankBenchmark", "Identifiability"),
        benchmark("WithinBenchmark", "Identifiability"),
        benchmark("LLCBenchmark", "Identifiability", "LearningCoefficient"),
        benchmark("RegionSearchBenchmark", "Identifiability"),
        benchmark("StreamingRankBenchmark", "Exact", "LinearAlgebra", "Networks"),
        benchmark("PivotedCholeskyBenchmark", "LinearAlgebra"),
    ],
    swiftLanguageModes: [.v6]
)
