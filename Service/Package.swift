// swift-tools-version:6.1
import PackageDescription

// assay-service: the web self-assessment a municipality fills in before its 1:1 session.
//
// A separate package, not a target of the root package, so that an embedder of the core (AssayCore, AssayJSON…)
// never resolves or builds Hummingbird, NIO or GRDB. It depends on the root package by path, and uses only its
// public API, as any embedder would.
//
// Dependencies, and why each is the one:
// - hummingbird: a small Swift 6 HTTP server on SwiftNIO with strict concurrency, a router, middleware and
//   HummingbirdTesting, which runs every route in-process without a socket for the router tests.
// - GRDB.swift: SQLite with WAL mode, a serialized writer (DatabaseQueue/Pool) and transactions, over the system's
//   libsqlite3; the answers live in one file the service creates.
// - swift-crypto: HMAC-SHA256 for invitation tokens and CSRF tokens, and a constant-time comparison, so no one
//   rolls their own MAC.
// - swift-argument-parser: the `serve`, `invite` and `export` verbs, as in `assay`.
// - swift-log, swift-http-types and swift-nio: already under Hummingbird; named here because the service's own
//   code logs, names header fields and reads byte buffers.

let package = Package(
    name: "AssayService",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AssayService", targets: ["AssayService"]),
        .executable(name: "assay-service", targets: ["assay-service"]),
    ],
    dependencies: [
        .package(name: "Assay", path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // Routes, middleware, the answer store, HTML rendering and tokens.
        .target(
            name: "AssayService",
            dependencies: [
                .product(name: "AssayCore", package: "Assay"),
                .product(name: "AssayJSON", package: "Assay"),
                .product(name: "AssayRubrics", package: "Assay"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The thin command line: serve, invite, export.
        .executableTarget(
            name: "assay-service",
            dependencies: [
                "AssayService",
                .product(name: "AssayCore", package: "Assay"),
                .product(name: "AssayJSON", package: "Assay"),
                .product(name: "AssayRubrics", package: "Assay"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "AssayServiceTests",
            dependencies: [
                "AssayService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AssayCore", package: "Assay"),
                .product(name: "AssayJSON", package: "Assay"),
                .product(name: "AssayRubrics", package: "Assay"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
