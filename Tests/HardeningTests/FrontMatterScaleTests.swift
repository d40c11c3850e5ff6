@testable import AnalystCore
import Foundation
import XCTest

/// Front matter is parsed in linear time: a file with many keys (or many repeated keys) cannot make
/// `--check` or loading take quadratic time (200,000 keys took 94 s before). Shown by a size ratio:
/// four times the keys must take well under 16 times as long (quadratic), allowing noise (< 8x).
final class FrontMatterScaleTests: XCTestCase {
    func bytes(_ n: Int, repeated: Bool) -> [UInt8] {
        var s = "---\ntitle: t\n"
        s.reserveCapacity(n * 16)
        for i in 0..<n { s += repeated ? "same: v\n" : "key\(i): value \(i)\n" }
        s += "---\nBody.\n"
        return Array(s.utf8)
    }

    func seconds(_ b: [UInt8]) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            var d: [Diagnostic] = []
            let start = DispatchTime.now().uptimeNanoseconds
            _ = FrontMatter.parse(b, path: "a.md", diagnostics: &d)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    func testParsingTimeGrowsLinearlyWithTheNumberOfKeys() {
        let n = H.full ? 50_000 : 10_000
        for repeated in [false, true] {
            let small = seconds(bytes(n, repeated: repeated))
            let large = seconds(bytes(4 * n, repeated: repeated))
            let ratio = large / max(small, 1e-6)
            print("front matter \(repeated ? "repeated" : "distinct") keys: \(n) in \(String(format: "%.3f", small)) s, \(4 * n) in \(String(format: "%.3f", large)) s, ratio \(String(format: "%.1f", ratio))")
            XCTAssertLessThan(ratio, 8, "4x the keys took \(ratio)x the time: not linear")
        }
    }
}
