// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "finops",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "finops", targets: ["finops"]),
    .library(name: "FinOpsKit", targets: ["FinOpsKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // [C] System libraries: zlib for .csv.gz input, libcrypto for SHA-256 content hashes.
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "COpenSSLCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),

    // [Library] All behaviour lives here.
    .target(
      name: "FinOpsKit",
      dependencies: [
        "CZlib",
        "COpenSSLCrypto",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: [
        // The ingest loop touches class state per field; dynamic exclusivity checks cost ~10%
        // of an ingest in release builds. Debug builds (and so the tests) keep them.
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),

    // [Executables] The thin command-line front end and the dev tool that embeds built-ins.
    .executableTarget(
      name: "finops",
      dependencies: [
        "FinOpsKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "generate-builtins"),

    // [Tests]
    .target(
      name: "FinOpsTestSupport",
      dependencies: ["FinOpsKit", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .testTarget(
      name: "FinOpsKitTests",
      dependencies: ["FinOpsKit", "FinOpsTestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "FinOpsCLITests",
      dependencies: ["FinOpsKit", "FinOpsTestSupport"]
    ),
  ]
)
