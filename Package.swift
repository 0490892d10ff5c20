// swift-tools-version:6.1
import PackageDescription

/// nnid — a neural-network identifiability checker.
///
/// Modules depend one way only (each target's dependencies are exactly its imports, checked by
/// `CLITests/PackageDependencyTests`; docs/architecture.md describes each module):
/// `Exact → LinearAlgebra → Networks → {NetworkFormats, Symmetries, Certified, Pictures}`,
/// `Symmetries → {Canonical, Rank}`, `Certified → Canonical` (Arb ball arithmetic: certified evaluation),
/// and `{NetworkFormats, Canonical, Rank, Pictures} → Identifiability → nnid`.
/// Linux only: the file, terminal and clock calls use Glibc.
let package = Package(
    name: "nnid",
    products: [
        .library(name: "Identifiability", targets: ["Identifiability"]),
        // The lower layers on their own, for the Benchmarks package and other clients.
        .library(name: "Exact", targets: ["Exact"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Networks", targets: ["Networks"]),
        .library(name: "Canonical", targets: ["Canonical"]),
        .library(name: "LearningCoefficient", targets: ["LearningCoefficient"]),
        .executable(name: "nnid", targets: ["nnid"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.0.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CArb", providers: [.apt(["libflint-arb-dev", "libflint-dev"])]),
        // Debian's libflint-dev ships no pkg-config file: the module map links -lflint.
        .systemLibrary(name: "CFLINT", providers: [.apt(["libflint-dev"])]),
        .target(name: "Exact", dependencies: ["CGMP"]),
        .target(name: "LinearAlgebra", dependencies: ["Exact", "CGMP", "CLAPACKE", "CFLINT"]),
        .target(name: "Networks", dependencies: ["Exact", "LinearAlgebra"]),
        .target(
            name: "NetworkFormats",
            dependencies: ["Exact", "LinearAlgebra", "Networks", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .target(name: "Certified", dependencies: ["Exact", "Networks", "CArb", "CGMP"]),
        .target(name: "Symmetries", dependencies: ["Exact", "Networks"]),
        .target(name: "Canonical", dependencies: ["Exact", "LinearAlgebra", "Networks", "Symmetries", "Certified"]),
        .target(name: "Rank", dependencies: ["Exact", "LinearAlgebra", "Networks", "Symmetries"]),
        .target(name: "Pictures", dependencies: ["Exact", "Networks"]),
        .target(
            name: "Identifiability",
            dependencies: ["Exact", "LinearAlgebra", "Networks", "NetworkFormats", "Certified", "Symmetries", "Canonical", "Rank", "Pictures"]
        ),
        .target(
            name: "LearningCoefficient",
            dependencies: ["Exact", "LinearAlgebra", "CLAPACKE", "Networks", "Pictures", "Identifiability"]
        ),
        .executableTarget(
            name: "nnid",
            dependencies: [
                "Identifiability",
                "LearningCoefficient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ]
        ),
        // Fixtures shared by several test targets (scratch directories).
        .target(name: "TestSupport", dependencies: [], path: "Tests/TestSupport"),
        .testTarget(
            name: "ExactTests",
            dependencies: ["Exact", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "LinearAlgebraTests",
            dependencies: ["LinearAlgebra", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "NetworksTests",
            dependencies: ["Networks", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "NetworkFormatsTests",
            dependencies: ["NetworkFormats", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CertifiedTests",
            dependencies: ["Certified", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CanonicalTests",
            dependencies: ["Canonical", "NetworkFormats", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RankTests",
            dependencies: ["Rank", "Symmetries", "NetworkFormats", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "SymmetriesTests", dependencies: ["Symmetries", "Canonical", "Exact", "LinearAlgebra", "Networks"]),
        .testTarget(
            name: "PicturesTests",
            dependencies: ["Pictures", "NetworkFormats", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "IdentifiabilityTests",
            dependencies: ["Identifiability", "Rank"]
        ),
        .testTarget(
            name: "LearningCoefficientTests",
            dependencies: ["LearningCoefficient", "NetworkFormats", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["nnid", "TestSupport"],
            exclude: ["Inputs", "Corpus"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
