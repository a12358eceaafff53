// swift-tools-version: 6.1
import PackageDescription

/// Strict settings shared by every target: Swift 6 mode, explicit `any`, internal imports.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "relance",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relance", targets: ["relance"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "RelanceCore", swiftSettings: strictSettings),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CSQLiteSetup"),
        .target(
            name: "RelanceConfig",
            dependencies: ["RelanceCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings),
        .target(
            name: "RelanceStore",
            dependencies: [
                "RelanceCore", .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the import's direct statement binding.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                "CSQLiteSetup",
            ],
            swiftSettings: strictSettings),
        .target(
            name: "RelanceDelivery",
            dependencies: [
                "RelanceCore", "RelanceConfig", "CCurl",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "RelanceEngine",
            dependencies: [
                "RelanceCore", "RelanceConfig", "RelanceStore", "RelanceDelivery",
                .product(name: "Logging", package: "swift-log"),
                // SHA-256 of the desk's sign-in and session tokens.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "RelanceDesk",
            dependencies: [
                "RelanceCore", "RelanceConfig", "RelanceStore", "RelanceEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/static")],
            swiftSettings: strictSettings),
        .target(
            name: "RelanceHTTP",
            dependencies: [
                "RelanceCore", "RelanceConfig", "RelanceStore", "RelanceEngine", "RelanceDesk",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "relance",
            dependencies: [
                "RelanceCore", "RelanceConfig", "RelanceStore", "RelanceDelivery", "RelanceEngine", "RelanceHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings),
        .target(
            name: "RelanceTestSupport",
            dependencies: ["RelanceCore", "RelanceConfig", "RelanceStore", "RelanceEngine"],
            swiftSettings: strictSettings),
        .target(name: "FuzzSupport", path: "Fuzz/FuzzSupport", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzCSV", dependencies: ["RelanceCore", "FuzzSupport"], path: "Fuzz/FuzzCSV",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzConfig",
            dependencies: ["RelanceConfig", "FuzzSupport", .product(name: "Yams", package: "Yams")],
            path: "Fuzz/FuzzConfig", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzJobseekerRow",
            dependencies: ["RelanceCore", "RelanceConfig", "RelanceStore", "RelanceEngine", "FuzzSupport"],
            path: "Fuzz/FuzzJobseekerRow", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzSMTPReply", dependencies: ["RelanceDelivery", "FuzzSupport"], path: "Fuzz/FuzzSMTPReply",
            swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzRetryAfter", dependencies: ["RelanceCore", "RelanceDelivery", "FuzzSupport"],
            path: "Fuzz/FuzzRetryAfter", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzAcceptedLog", dependencies: ["RelanceDelivery", "FuzzSupport"], path: "Fuzz/FuzzAcceptedLog",
            swiftSettings: strictSettings),
        .testTarget(name: "RelanceCoreTests", dependencies: ["RelanceCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "RelanceDeliveryTests", dependencies: ["RelanceDelivery", "RelanceCore", "CCurl"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RelanceTestSupportTests", dependencies: ["RelanceTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "RelanceHTTPTests",
            dependencies: [
                "RelanceHTTP", "RelanceTestSupport", "RelanceConfig", "RelanceCore", "RelanceEngine", "RelanceStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RelanceEngineTests",
            dependencies: [
                "RelanceEngine", "RelanceTestSupport", "RelanceConfig", "RelanceCore", "RelanceDelivery",
                "RelanceStore", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RelanceStoreTests", dependencies: ["RelanceStore", "RelanceCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "RelanceEndToEndTests", dependencies: ["RelanceTestSupport", "RelanceStore"],
            swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
