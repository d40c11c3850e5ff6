// swift-tools-version:6.1
import PackageDescription

// One job per module; data flows one way (docs/architecture.md):
// files -> AnalystCore (corpus) -> AnalystExtract (events) / AnalystImport (ACLED, GDELT)
//       -> AnalystLua (API; AnalystPlot draws) -> AnalystCLI (runner, shell).
let package = Package(
    name: "analyst",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "analyst", targets: ["analyst"]),
    ],
    // No package dependencies: front matter is flat `key: value` (a small parser of our own rules out
    // YAML bombs), and the command line follows lua.c's conventions rather than argument-parser's.
    dependencies: [],
    targets: [
        // Lua 5.4 from Debian's liblua5.4-dev; the shim re-declares Lua's macros as inline functions.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        // libedit from Debian's libedit-dev, for the interactive shell.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Our own C: the error trampoline, the limit hook and the counting allocator.
        .target(name: "CLuaSupport", dependencies: ["CLua"]),
        .target(name: "LuaKit", dependencies: ["CLua", "CLuaSupport"]),
        .target(name: "AnalystCore"),
        .target(name: "AnalystExtract", dependencies: ["AnalystCore"]),
        // Other people's data in: ACLED and GDELT files, linked to our places and actors.
        .target(name: "AnalystImport", dependencies: ["AnalystCore"]),
        // SVG maps and timelines of events and advance legs.
        .target(name: "AnalystPlot", dependencies: ["AnalystCore"]),
        // Reading event fields from Lua straight from the store's columns (the hot path of closures).
        .target(name: "CEventIndex", dependencies: ["CLua"]),
        .target(name: "AnalystLua", dependencies: ["LuaKit", "AnalystCore", "AnalystExtract", "AnalystImport", "AnalystPlot", "CEventIndex"]),
        .target(name: "AnalystCLI", dependencies: ["LuaKit", "AnalystCore", "AnalystExtract", "AnalystImport", "AnalystLua", "CEditLine"]),
        .executableTarget(name: "analyst", dependencies: ["AnalystCLI"]),
        // `make bench`: import/query/Lua/export timings on a generated ACLED file (Scripts/dev/bench.sh).
        .executableTarget(name: "AnalystBench", dependencies: ["AnalystCore", "AnalystImport", "AnalystLua", "LuaKit"]),
        // Generative fuzzer of Lua programs over the API (docs/reliability.md, Scripts/fuzz/).
        .target(name: "AnalystFuzzKit", dependencies: ["LuaKit", "AnalystCore", "AnalystLua"]),
        .executableTarget(name: "AnalystFuzz", dependencies: ["AnalystFuzzKit"]),
        // Running the built binary from tests (AnalystCLITests, HardeningTests).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LuaKitTests", dependencies: ["LuaKit"]),
        .testTarget(name: "AnalystCoreTests", dependencies: ["AnalystCore"]),
        .testTarget(name: "AnalystImportTests", dependencies: ["AnalystImport", "AnalystCore"]),
        .testTarget(name: "AnalystPlotTests", dependencies: ["AnalystPlot", "AnalystCore"]),
        .testTarget(name: "AnalystExtractTests", dependencies: ["AnalystExtract", "AnalystCore"]),
        .testTarget(name: "AnalystLuaTests", dependencies: ["AnalystLua", "AnalystImport", "LuaKit"]),
        .testTarget(name: "AnalystCLITests", dependencies: ["AnalystCLI", "TestSupport"]),
        // Hostile scripts, broken corpora, a bounded fuzz run, output safety (docs/reliability.md).
        .testTarget(name: "HardeningTests", dependencies: ["LuaKit", "AnalystCore", "AnalystLua", "AnalystCLI", "AnalystFuzzKit", "TestSupport"]),
    ],
    // Swift 6 language mode (data-race checking) everywhere; exceptions: docs/architecture.md.
    swiftLanguageModes: [.v6]
)
