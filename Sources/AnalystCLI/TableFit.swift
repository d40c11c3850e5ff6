import Foundation

/// Chooses which columns of a drawn table fit a terminal, as DuckDB's shell does: the first and
/// last columns stay, columns in the middle are elided (a `…` column marks where), and the caller
/// says which columns it hid.
struct TableFit {
    /// Column indices to draw, in order; `nil` marks the elision column.
    var shown: [Int?]
    /// The width of every column (index as in the input); narrowed where needed.
    var widths: [Int]
    /// Indices of the hidden columns, in order.
    var hidden: [Int]

    /// The width of one line: `│ a │ b │` is each column plus 3, plus 1 for the final border.
    static func lineWidth(_ widths: [Int]) -> Int { widths.reduce(1) { $0 + $1 + 3 } }

    static let elisionWidth = 1 + 3   // "…" plus its borders and padding
    static let narrowest = 4
    /// Chosen columns are not narrowed below this: a column of `2024-…` says nothing.
    static let readable = 12

    /// - widths: each column's natural width (already capped by `.width`).
    /// - limit: the terminal's width; nil draws everything.
    static func fit(widths: [Int], limit: Int?) -> TableFit {
        let all = Array(widths.indices)
        guard let limit, lineWidth(widths) > limit, !widths.isEmpty else {
            return TableFit(shown: all.map { $0 }, widths: widths, hidden: [])
        }
        if widths.count == 1 {
            return TableFit(shown: [0], widths: narrowed(widths, toFit: limit, floor: narrowest), hidden: [])
        }
        // Wide columns give way first (to `readable`), then columns from the middle are hidden.
        let widths = narrowed(widths, toFit: limit, floor: readable)
        if lineWidth(widths) <= limit { return TableFit(shown: all.map { $0 }, widths: widths, hidden: []) }
        // Take two columns from the left for each one from the right (lists put their most telling
        // columns first) while they fit beside the `…` column.
        var left: [Int] = [], right: [Int] = []
        var used = 1 + elisionWidth
        var l = 0, r = widths.count - 1
        var taken = 0
        while l <= r {
            let fromLeft = taken % 3 != 2
            let i = fromLeft ? l : r
            guard used + widths[i] + 3 <= limit else { break }
            used += widths[i] + 3
            if fromLeft { left.append(i); l += 1 } else { right.insert(i, at: 0); r -= 1 }
            taken += 1
        }
        if left.isEmpty {
            // Not even the first column fits: show it alone, narrowed, and elide the rest.
            var w = widths
            w[0] = max(narrowest, limit - 1 - 3 - elisionWidth)
            return TableFit(shown: [0, nil], widths: w, hidden: Array(1..<widths.count))
        }
        let hidden = l <= r ? Array(l...r) : []
        let shown: [Int?] = left.map { $0 } + (hidden.isEmpty ? [] : [nil]) + right.map { $0 }
        return TableFit(shown: shown, widths: widths, hidden: hidden)
    }

    /// Narrows the widest columns, one column at a time, until the line fits (never below `floor`).
    static func narrowed(_ widths: [Int], toFit limit: Int, floor: Int) -> [Int] {
        var w = widths
        while lineWidth(w) > limit, let widest = w.indices.max(by: { w[$0] < w[$1] }), w[widest] > floor {
            w[widest] -= 1
        }
        return w
    }

    /// The footer that names what was hidden, cut to the terminal's width.
    static func footer(hidden names: [String], total: Int, limit: Int?) -> String {
        let text = "(\(total - names.count) of \(total) columns shown; hidden: " + names.joined(separator: ", ")
            + "; choose with :select(...), narrow with .width)"
        guard let limit else { return text }
        return DisplayWidth.truncate(text, to: limit)
    }

    /// The terminal's width in columns when standard output is one (TIOCGWINSZ), else `$COLUMNS`,
    /// else nil (a file or a pipe gets every column).
    static func terminalWidth() -> Int? {
        var size = winsize()
        if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let env = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(env), n > 0 { return n }
        return nil
    }

    /// The terminal's height in lines, when standard output is a terminal.
    static func terminalHeight() -> Int? {
        var size = winsize()
        if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return nil
    }
}

extension DisplayWidth {
    /// `text` broken into lines of at most `limit` columns, at spaces where possible; a word longer
    /// than a line is split.
    static func wrap(_ text: String, to limit: Int) -> [String] {
        guard limit > 0, of(text) > limit else { return [text] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            let gap = line.isEmpty ? 0 : 1
            if of(line) + gap + of(word) <= limit { line += (line.isEmpty ? "" : " ") + word; continue }
            if !line.isEmpty { lines.append(line); line = "" }
            while of(word) > limit {
                var head = "", width = 0
                for c in word { if width + of(c) > limit { break }; head.append(c); width += of(c) }
                lines.append(head)
                word = String(word.dropFirst(head.count))
            }
            line = word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
