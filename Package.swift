// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ThiDua",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thidua", targets: ["thidua"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        // Named for LeafRenderer itself: Leaf's own factory turns the template cache off in development.
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // Crypto brings BoringSSL, whose P-256 point arithmetic the sealed ballot uses (ElectionCurve.swift).
        .target(name: "ThiDuaCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "ThiDuaDocuments",
            dependencies: [
                "ThiDuaCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "ThiDuaServer",
            dependencies: [
                "ThiDuaCore",
                "ThiDuaDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "thidua",
            dependencies: ["ThiDuaServer", .product(name: "Vapor", package: "vapor")]
        ),
        .executableTarget(name: "ranking-bench", dependencies: ["ThiDuaCore"], path: "Sources/ranking-bench"),
        .executableTarget(name: "sealed-bench", dependencies: ["ThiDuaCore"], path: "Sources/sealed-bench"),
        .testTarget(name: "ThiDuaCoreTests", dependencies: ["ThiDuaCore"]),
        .testTarget(
            name: "ThiDuaDocumentsTests",
            dependencies: [
                "ThiDuaDocuments",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ThiDuaServerTests",
            dependencies: [
                "ThiDuaServer",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
