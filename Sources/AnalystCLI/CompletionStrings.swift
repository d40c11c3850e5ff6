import Foundation

/// Completion inside a string argument: event types after `type = "` (or `type == "`), place
/// names in `place("`, `geo.distance("`, `control("`, `advance{"`... or after `place = "`, actor
/// names in `actor("` or after `actor = "`. Other strings complete file names.
extension Completion {
    static let placeFunctions: Set<String> = ["place", "geo.distance", "geo.bearing", "control", "held_by", "places.search", "advance"]
    static let placeKeys: Set<String> = ["place", "place_name", "from", "to", "near"]
    static let actorKeys: Set<String> = ["actor", "actor2", "actor_name", "actor2_name", "by"]

    /// Candidates for the `word` ending an unfinished string in `before`, or nil: not a known kind.
    func stringCandidates(word: String, before: String) -> [String]? {
        guard let types else { return nil }
        let chars = Array(before)
        guard let quote = Completion.openQuote(chars) else { return nil }
        guard let kind = Completion.stringKind(chars, quote) else { return nil }
        let typed = String(chars[(quote + 1)...])   // the part of the string libedit does not replace
        let whole = (typed + word).lowercased()
        let names = types.strings(kind).filter { $0.lowercased().hasPrefix(whole) }
        return Array(Set(names.map { String($0.dropFirst(typed.count)) })).sorted().prefix(200).map { $0 }
    }

    /// Where the unfinished string of `chars` starts (its quote), if it is unfinished.
    static func openQuote(_ chars: [Character]) -> Int? {
        var quote: Character?
        var start = 0
        var escaped = false
        for (i, c) in chars.enumerated() {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c; start = i }
        }
        return quote == nil ? nil : start
    }

    /// What the string starting at `quote` names, from the key before it or the function it is passed to.
    static func stringKind(_ chars: [Character], _ quote: Int) -> CompletionTypes.StringKind? {
        var e = quote
        while e > 0, chars[e - 1].isWhitespace { e -= 1 }
        guard e > 0 else { return nil }
        // `key = "` or `key == "`
        if chars[e - 1] == "=" {
            var k = e - 1
            while k > 0, chars[k - 1] == "=" || chars[k - 1] == "~" || chars[k - 1].isWhitespace { k -= 1 }
            var s = k
            while s > 0, isNameChar(chars[s - 1]) { s -= 1 }
            let key = String(chars[s..<k])
            if key == "type" { return .eventType }
            if placeKeys.contains(key) { return .place }
            if actorKeys.contains(key) { return .actor }
            return nil
        }
        // an argument: the callee before the unclosed `(` or `{` around the string
        guard let open = unclosedBracket(chars, quote) else { return nil }
        var s = open
        while s > 0, chars[s - 1].isWhitespace { s -= 1 }
        guard let callee = dottedPath(chars, s) else { return nil }
        if callee == "actor" { return .actor }
        return placeFunctions.contains(callee) ? .place : nil
    }

    /// The last `(` or `{` before `end` that is not closed before it.
    static func unclosedBracket(_ chars: [Character], _ end: Int) -> Int? {
        var depth = 0
        var i = end - 1
        while i >= 0 {
            let c = chars[i]
            if c == ")" || c == "}" || c == "]" { depth += 1 } else if c == "(" || c == "{" || c == "[" {
                if depth == 0 { return c == "[" ? nil : i }
                depth -= 1
            } else if c == "\"" || c == "'" {
                guard let o = opening(chars, i) else { return nil }
                i = o
            }
            i -= 1
        }
        return nil
    }
}
