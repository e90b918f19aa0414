// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "triage-eval",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "triage-eval", targets: ["triage-eval"]),
        .executable(name: "llm-stub", targets: ["llm-stub"]),
        .library(name: "TriageEval", targets: ["TriageEval"]),
        .library(name: "EsqlEngine", targets: ["EsqlEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // ES|QL as Elasticsearch defines it (lexer, parser, evaluator, DISSECT, GROK): pure, knows no cases or prompts.
        .target(
            name: "EsqlEngine",
            swiftSettings: strictSettings
        ),
        // Core: pure domain logic, no I/O.
        .target(
            name: "TriageEval",
            dependencies: [
                "EsqlEngine",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TriageEvalStore",
            dependencies: ["TriageEval", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Algorithms", package: "swift-algorithms")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TriageEvalProviders",
            dependencies: [
                "TriageEval", "EsqlEngine", .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TriageEvalEngine",
            dependencies: ["TriageEval", "EsqlEngine", "TriageEvalStore", "TriageEvalProviders", "TriageEvalReports", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TriageEvalReports",
            dependencies: [
                "TriageEval", "TriageEvalStore", .product(name: "Mustache", package: "swift-mustache"), .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            swiftSettings: strictSettings
        ),
        // The one entry point of both executables: runs the command, maps errors to the documented exit codes.
        .target(
            name: "CommandSupport",
            dependencies: ["TriageEval", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "triage-eval",
            dependencies: [
                "CommandSupport", "TriageEval", "EsqlEngine", "TriageEvalStore", "TriageEvalProviders", "TriageEvalEngine", "TriageEvalReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // A local OpenAI-, Anthropic- and Elastic-compatible server with scripted answers and fault injection.
        .executableTarget(
            name: "llm-stub",
            dependencies: [
                "CommandSupport", "TriageEval", "TriageEvalProviders",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Times report generation on a synthetic 5,000-result run: `swift run -c release report-bench`.
        .executableTarget(
            name: "report-bench",
            dependencies: ["TriageEval", "TriageEvalStore", "TriageEvalReports"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TriageEvalTests", dependencies: ["TriageEval", "EsqlEngine", "StubTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "EsqlEngineTests", dependencies: ["EsqlEngine", "StubTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "TriageEvalStoreTests", dependencies: ["TriageEvalStore", "StubTestSupport"], swiftSettings: strictSettings),
        // Shared test support: starts the real `llm-stub` binary on a free loopback port; finds `Tests/Fixtures` files.
        .target(name: "StubTestSupport", path: "Tests/StubTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "TriageEvalProvidersTests", dependencies: ["TriageEvalProviders", "StubTestSupport", "llm-stub"], swiftSettings: strictSettings),
        .testTarget(name: "TriageEvalEngineTests", dependencies: ["TriageEvalEngine", "StubTestSupport", "llm-stub"], swiftSettings: strictSettings),
        // Real HTTP calls against the `llm-stub` binary: every route, faults, recording, ES|QL.
        .testTarget(name: "LLMStubTests", dependencies: ["TriageEval", "TriageEvalProviders", "StubTestSupport", "llm-stub"], swiftSettings: strictSettings),
        .testTarget(name: "TriageEvalReportsTests", dependencies: ["TriageEvalReports", "StubTestSupport"], swiftSettings: strictSettings),
        // Runs the built `triage-eval` binary: exit codes and output, as a user sees them.
        .testTarget(name: "TriageEvalCLITests", dependencies: ["triage-eval", "llm-stub", "StubTestSupport", "TriageEvalStore"], swiftSettings: strictSettings),
    ],
    swiftLanguageModes: [.v6]
)
