// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Downtrack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "downtrack", targets: ["downtrack"]),
        .executable(name: "downtrack-fuzz", targets: ["downtrack-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Layer 0: plain values and the C libraries behind their walls.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Model", dependencies: ["CLibCrypto"]),
        .target(name: "CFileSync"),

        // Layer 1: one job each; they do not import each other.
        .target(name: "Content", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        .target(name: "Store", dependencies: ["Model", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Analysis", dependencies: ["Model"]),
        .target(name: "Collect", dependencies: ["Model", "CLibXML2", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Render", dependencies: ["Model", "CCmarkGFM", .product(name: "Mustache", package: "swift-mustache")]),
        // The intake's pure readers and rules (no server types), so fuzz targets build without NIO.
        .target(name: "IntakeRules", dependencies: ["Model"]),

        // Layer 2: the build pipeline, the outbound side and the HTTP side.
        .target(name: "Generator", dependencies: ["Model", "Content", "Store", "Analysis", "Render", "CFileSync"]),
        // The collect pipeline: due sources → fetch → record → baselines → decide → changes.
        .target(name: "Monitor", dependencies: ["Model", "Store", "Analysis", "Collect", "IntakeRules"]),
        // Mail and webhooks: the outbox, its delivery, the composer. No server types.
        .target(name: "Notify", dependencies: ["Model", "Store", "IntakeRules"]),
        // The HTTP server; it queues confirmation mail through Notify (which never imports it).
        .target(
            name: "Intake",
            dependencies: [
                "Model", "Store", "IntakeRules", "Notify", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Layer 3 and 4: commands and the executable.
        .target(
            name: "Commands",
            dependencies: [
                "Model", "Content", "Store", "Analysis", "Collect", "Render", "Generator", "Intake", "IntakeRules",
                "Notify", "Monitor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(name: "downtrack", dependencies: ["Commands"]),

        // Tests only.
        .target(
            name: "TestSupport", dependencies: ["Model", "Store", "IntakeRules", "Notify"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "ContentTests", dependencies: ["Content", "Model", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Model", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Model"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "Collect", "Store", "Model", "TestSupport"]),
        .testTarget(
            name: "CollectTests", dependencies: ["Collect", "CLibXML2", "Model", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "Model"]),
        .testTarget(
            name: "GeneratorTests",
            dependencies: ["Generator", "Content", "Store", "Render", "Model", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport", "Store", "Model", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "IntakeTests",
            dependencies: [
                "Intake", "IntakeRules", "Notify", "Store", "Model", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "NotifyTests",
            dependencies: [
                "Notify", "IntakeRules", "Store", "Model", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]),

        // Fuzzing: the bodies (readers of outside bytes), one libFuzzer executable, their replay.
        // Never depend on Intake, Store or Hummingbird here: scripts/fuzz.sh builds these with
        // sanitizers, and NIO or SQLite under them takes far too long.
        .target(name: "FuzzTargets", dependencies: ["Model", "Collect", "Content", "IntakeRules"]),
        .executableTarget(name: "downtrack-fuzz", dependencies: ["FuzzTargets"]),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets"]),
    ]
)
