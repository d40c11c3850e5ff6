import AnalystFuzzKit
import Foundation
import XCTest

/// The bounded in-CI run of the program fuzzer (the long runs: Scripts/fuzz/run.sh, docs/reliability.md).
final class FuzzTests: XCTestCase {
    func testGeneratedProgramsInProcess() throws {
        let runner = try FuzzRunner()
        var findings: [String] = []
        runner.onFinding = { i, m in findings.append("program \(i): \(m)") }
        let count = H.full ? 20_000 : 1_000
        let seed: UInt64 = 20261122
        let start = Date()
        let t = runner.run(seed: seed, from: 0, count: count)
        print("fuzz seed \(seed): \(t) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        XCTAssertEqual(t.programs, count)
        XCTAssertEqual(findings, [])
        XCTAssertLessThan(t.maxSeconds, runner.limits.timeout + 2.5, "a program ran past the timeout (program \(t.slowest))")
        XCTAssertGreaterThan(t.ok, count / 10, "too few programs run to the end: the generator has a problem")
    }

    func testProgramsAreDeterministic() throws {
        let runner = try FuzzRunner()
        for i in [0, 1, 99, 12345] {
            XCTAssertEqual(runner.generator.program(seed: 7, index: i), runner.generator.program(seed: 7, index: i))
        }
        XCTAssertNotEqual(runner.generator.program(seed: 7, index: 1), runner.generator.program(seed: 8, index: 1))
    }
}
