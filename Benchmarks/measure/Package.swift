// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Measure", platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Assay", path: "../..")],
    targets: [
        .executableTarget(
            name: "Measure",
            dependencies: [
                .product(name: "AssayCore", package: "Assay"), .product(name: "AssayRubrics", package: "Assay"),
                .product(name: "AssayTesting", package: "Assay"),
            ])
    ]
)
