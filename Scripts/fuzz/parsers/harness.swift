// libFuzzer entry over the corpus parsers: front matter, whole-article parsing (which also parses
// `published` dates), the ISO date parsers, TSV tables and the UTF-8/NUL/line checker. Compiled
// together with Sources/AnalystCore/*.swift into one module (so internal types are visible) by
// Scripts/fuzz/libfuzzer.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func analystFuzzParsers(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    var d: [Diagnostic] = []
    if SafeFile.check(bytes, path: "fuzz.md") == nil {
        _ = FrontMatter.parse(bytes, path: "fuzz.md", diagnostics: &d)
        _ = ArticleLoader.parse(bytes, path: "fuzz.md", diagnostics: &d)
        _ = TSVTable.parse(bytes, path: "fuzz.tsv", columns: 9, diagnostics: &d)
        let s = String(decoding: bytes, as: UTF8.self)
        _ = Day(iso: s)
        _ = DayRange(iso: s)
        for line in s.split(separator: "\n").prefix(64) { _ = DayRange(iso: String(line)); _ = Day(iso: line) }
    }
    for x in d { _ = x.description }
    return 0
}
