// swift-tools-version:6.1
import PackageDescription

// Assay: assessments of digital capacity and data governance, and anonymised comparison across organisations.
//
// Dependencies, and why each is the one:
// - swift-argument-parser: Apple's standard for Swift command-line tools; gives `assay` its verbs, `--help` and
//   completion scripts without hand-written parsing.
// - swift-crypto: Apple's portable CryptoKit; HMAC-SHA256 pseudonyms for organisations in comparison outputs, so
//   no one rolls their own keyed hash.
// - ZIPFoundation (only in AssayDocument): the ZIP container of a Word document, with deflate from the system's
//   zlib; the most used pure-Swift ZIP library, and the one piece of Office Open XML not worth writing by hand.
// - ordo-one/benchmark (only with ASSAY_BENCHMARKS=1): the Swift server ecosystem's benchmark harness, used by
//   swift-nio and hummingbird; measures wall time, allocations and peak memory, and compares against baselines.

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayJSON", targets: ["AssayJSON"]),
        .library(name: "AssayRubrics", targets: ["AssayRubrics"]),
        .library(name: "AssayReport", targets: ["AssayReport"]),
        .library(name: "AssaySession", targets: ["AssaySession"]),
        .library(name: "AssayCompare", targets: ["AssayCompare"]),
        .library(name: "AssayAgreement", targets: ["AssayAgreement"]),
        .library(name: "AssayDocument", targets: ["AssayDocument"]),
        .library(name: "AssayTesting", targets: ["AssayTesting"]),
        .executable(name: "assay", targets: ["assay"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // libjansson, found with pkg-config; Debian's libjansson-dev.
        .systemLibrary(
            name: "CJansson",
            pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"]), .brew(["jansson"])]
        ),
        // SQLite, found with pkg-config; Debian's libsqlite3-dev. The release ledger's file.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // The scoring core: the Swift standard library and nothing else.
        .target(name: "AssayCore"),
        // JSON in and out, through libjansson, with located errors.
        .target(name: "AssayJSON", dependencies: ["AssayCore", "CJansson"]),
        // The rubrics that ship with Assay, read from the top-level Rubrics/ folder.
        .target(
            name: "AssayRubrics",
            dependencies: ["AssayCore", "AssayJSON"],
            path: "Rubrics",
            exclude: ["README.md", "glossary"],
            sources: ["Swift"],
            resources: [
                .copy("digital-capacity.json"),
                .copy("data-governance.json"),
                .copy("digital-service-framework.json"),
                .copy("engagement-readiness.json"),
                .copy("stakeholder-engagement.json"),
                .copy("examples"),
                .copy("history"),
                .copy("schema"),
            ]
        ),
        // Text, Markdown and JSON renderings of assessments.
        .target(name: "AssayReport", dependencies: ["AssayCore", "AssayJSON"]),
        // The 1:1 facilitator session: asking, recording, saving every answer at once, resuming.
        .target(name: "AssaySession", dependencies: ["AssayCore", "AssayJSON", "AssayReport"]),
        // Anonymised comparison across organisations: streaming aggregation and disclosure control.
        .target(
            name: "AssayCompare",
            dependencies: [
                "AssayCore", "AssayJSON", "AssayReport", "AssaySession", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // How far two or more views of one organisation agree (Cohen's κ, Krippendorff's α), and settling the
        // differences into one consensus session.
        .target(name: "AssayAgreement", dependencies: ["AssayCore", "AssayJSON", "AssayReport", "AssaySession"]),
        // Word documents (.docx) of reports and handouts: Office Open XML written here, ZIPFoundation for the container.
        .target(
            name: "AssayDocument",
            dependencies: [
                "AssayCore", "AssayReport", "AssayCompare",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The conformance suite a plugin author runs against their own rubric provider or scoring model.
        .target(name: "AssayTesting", dependencies: ["AssayCore", "AssayJSON"]),
        // An example scoring-model plugin: the weakest dimension caps the overall score.
        .target(name: "AssayExamplePlugin", dependencies: ["AssayCore"]),
        .executableTarget(
            name: "assay",
            dependencies: [
                "AssayCore", "AssayJSON", "AssayRubrics", "AssayReport", "AssaySession", "AssayCompare",
                "AssayAgreement", "AssayDocument",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore"]),
        .testTarget(
            name: "AssayJSONTests",
            dependencies: ["AssayCore", "AssayJSON"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AssayRubricsTests",
            dependencies: ["AssayCore", "AssayJSON", "AssayRubrics", "AssayTesting", "AssayReport", "AssayCompare"]
        ),
        .testTarget(
            name: "AssayPluginTests",
            dependencies: ["AssayCore", "AssayTesting", "AssayExamplePlugin", "AssayRubrics"]
        ),
        .testTarget(
            name: "AssaySessionTests",
            dependencies: ["AssayCore", "AssayJSON", "AssaySession", "AssayReport", "AssayRubrics"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "AssayCompareTests",
            dependencies: ["AssayCore", "AssayJSON", "AssayCompare", "AssayRubrics", "AssaySession", "AssayTesting"]
        ),
        .testTarget(
            name: "AssayAgreementTests",
            dependencies: ["AssayCore", "AssayJSON", "AssayAgreement", "AssayRubrics", "AssaySession", "AssayTesting"]
        ),
        .testTarget(
            name: "AssayCLITests",
            dependencies: ["assay"],
            resources: [.copy("Golden")]
        ),
    ]
)

// Benchmarks pull in ordo-one/benchmark and jemalloc interposition; only build them when asked.
if Context.environment["ASSAY_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"])
    )
    package.targets.append(
        .executableTarget(
            name: "AssayBenchmarks",
            dependencies: [
                "AssayCore", "AssayJSON", "AssayReport", "AssayCompare", "AssayRubrics",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/AssayBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}

// The libFuzzer harness for the rubric, response, NDJSON and session readers; only built when asked, with
// ASSAY_FUZZ=1 swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address --product AssayFuzz
if Context.environment["ASSAY_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "AssayFuzz",
            dependencies: ["AssayCore", "AssayJSON", "AssaySession", "AssayCompare", "AssayTesting"],
            path: "Fuzz/AssayFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    )
}

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    // Require `any` for existential types, so the cost of an existential is visible where it is paid.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
