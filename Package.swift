// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Toets",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "toets", targets: ["toets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(
            name: "ToetsModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ToetsStore",
            dependencies: ["ToetsModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "CToetsProcess"),
        .target(name: "ToetsProcess", dependencies: ["CToetsProcess"]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev", "zlib1g-dev"])]),
        .target(
            name: "ToetsIngest",
            dependencies: ["ToetsModel", "CArchive", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ToetsRunner",
            dependencies: ["ToetsModel", "ToetsStore", "ToetsProcess", "Yams"]
        ),
        .target(
            name: "ToetsAnonymise",
            dependencies: ["ToetsModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "ToetsMethods", dependencies: ["ToetsModel"]),
        .target(name: "ToetsPlanting", dependencies: ["ToetsModel"]),
        .target(
            name: "ToetsScoring",
            dependencies: ["ToetsModel"]
        ),
        .target(name: "ToetsReport", dependencies: ["ToetsModel", "ToetsProcess"]),
        .target(
            name: "ToetsProvenance",
            dependencies: ["ToetsModel", "ToetsStore", "ToetsRunner", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "ToetsDemoWorld",
            dependencies: ["ToetsModel", "ToetsIngest", "ToetsAnonymise"]
        ),
        .executableTarget(
            name: "toets",
            dependencies: [
                "ToetsModel", "ToetsStore", "ToetsRunner", "ToetsIngest", "ToetsAnonymise", "ToetsMethods", "ToetsScoring", "ToetsDemoWorld",
                "ToetsProcess",
                "ToetsProvenance", "ToetsReport", "ToetsPlanting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "toets-bench",
            dependencies: [
                "ToetsModel", "ToetsStore", "ToetsRunner", "ToetsIngest", "ToetsAnonymise", "ToetsMethods", "ToetsScoring", "ToetsDemoWorld",
                "ToetsProcess", "ToetsPlanting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), "Yams",
            ],
            path: "Benchmarks/toets-bench"
        ),
        .target(
            name: "ToetsTestSupport",
            dependencies: ["ToetsModel", "ToetsStore", "ToetsRunner"],
            path: "Tests/ToetsTestSupport"
        ),
        .testTarget(name: "ToetsModelTests", dependencies: ["ToetsModel"], exclude: ["Fixtures"]),
        .testTarget(name: "ToetsProcessTests", dependencies: ["ToetsProcess"]),
        .testTarget(name: "ToetsStoreTests", dependencies: ["ToetsModel", "ToetsStore", "ToetsTestSupport"]),
        .testTarget(
            name: "ToetsRunnerTests",
            dependencies: ["ToetsModel", "ToetsStore", "ToetsRunner", "ToetsTestSupport"]
        ),
        .testTarget(
            name: "ToetsIngestTests",
            dependencies: ["ToetsModel", "ToetsIngest", "ToetsRunner", "ToetsTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ToetsAnonymiseTests",
            dependencies: ["ToetsAnonymise", "ToetsModel", "ToetsRunner", "ToetsStore", "ToetsIngest", "ToetsDemoWorld", "ToetsTestSupport"]
        ),
        .testTarget(
            name: "ToetsMethodsTests", dependencies: ["ToetsMethods", "ToetsModel", "ToetsRunner", "ToetsTestSupport"],
            exclude: ["Fixtures"]  // read from the source tree (#filePath): CNT and CooRTweet fixtures
        ),
        .testTarget(
            name: "ToetsPlantingTests",
            dependencies: ["ToetsPlanting", "ToetsModel", "ToetsMethods", "ToetsScoring", "ToetsRunner", "ToetsAnonymise", "ToetsTestSupport"]
        ),
        .testTarget(
            name: "ToetsScoringTests",
            dependencies: ["ToetsScoring", "ToetsModel", "ToetsRunner", "ToetsStore", "ToetsTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ToetsReportTests",
            // ToetsScoring and the runner only to run the report stage after a real score stage.
            dependencies: ["ToetsReport", "ToetsModel", "ToetsScoring", "ToetsRunner", "ToetsTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ToetsDemoWorldTests",
            dependencies: ["ToetsModel", "ToetsIngest", "ToetsDemoWorld", "ToetsAnonymise", "ToetsTestSupport"]
        ),
        .testTarget(
            name: "ToetsProvenanceTests",
            dependencies: ["ToetsProvenance", "ToetsModel", "ToetsStore", "ToetsRunner", "ToetsTestSupport",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "toetsTests",
            dependencies: ["toets", "ToetsModel", "ToetsStore", "ToetsProvenance", "ToetsTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
