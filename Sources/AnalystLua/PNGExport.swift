import Foundation
import LuaKit

/// SVG to PNG with `rsvg-convert` (Debian: librsvg2-bin) when it is on PATH; no PNG otherwise.
/// The PNG goes beside the SVG (`map.svg` -> `map.png`), written to a temporary name then renamed.
enum PNGExport {
    static func tool() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let p = "\(dir)/rsvg-convert"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    static func pngPath(for svg: String) -> String {
        svg.lowercased().hasSuffix(".svg") ? String(svg.dropLast(4)) + ".png" : svg + ".png"
    }

    /// The PNG written, or nil when rsvg-convert is not installed.
    static func convert(svg: String) throws -> String? {
        guard let tool = tool() else { return nil }
        let out = pngPath(for: svg)
        let url = URL(fileURLWithPath: out)
        let temp = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["--format", "png", "--output", temp, svg]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            unlink(temp)
            throw LuaRaise("rsvg-convert failed on \(svg): \(String(decoding: message, as: UTF8.self))")
        }
        guard rename(temp, out) == 0 else { unlink(temp); throw LuaRaise("cannot write \(out)") }
        return out
    }
}
