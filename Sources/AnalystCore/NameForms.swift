import Foundation

/// How a language inflects place names, read from `lexicons/<lang>/name-forms.tsv`
/// (`ending<TAB>forms`), so that "в Хомсе", "из Дамаска", "под Хамой" find Homs, Damascus and Hama.
///
/// - `ending` is a literal ending (`а`, `ка`, `ия`), replaced by each form; or a class of final
///   letters in brackets (`[бвгд...]`), kept, each form appended. The longest literal ending wins;
///   a class applies only when no literal ending does.
/// - `forms`: the endings to produce, `|`-separated.
///
/// Only names written in the language's `script` (from its `language.tsv`) are inflected, and only
/// their last word ("Хан-Шейхун" -> "Хан-Шейхуна"). The forms become that language's aliases
/// (`Place.languageAliases`), never aliases in other languages.
public struct NameForms: Sendable {
    public var language: String
    var literal: [(ending: String, forms: [String])] = []   // longest ending first
    var classes: [(letters: Set<Character>, forms: [String])] = []
    var script: [ClosedRange<UInt32>]

    public init(language: String, script: [ClosedRange<UInt32>]) { self.language = language; self.script = script }

    public static func parse(_ text: String, language: String, script: [ClosedRange<UInt32>], path: String,
                             diagnostics: inout [Diagnostic]) -> NameForms {
        var nf = NameForms(language: language, script: script)
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("ending\t") { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let forms = c.count >= 2 ? c[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : []
            guard c.count >= 2, !c[0].isEmpty, !forms.isEmpty else {
                diagnostics.append(Diagnostic(file: path, line: n, message: "expected ending<TAB>form|form|..."))
                continue
            }
            if c[0].hasPrefix("["), c[0].hasSuffix("]"), c[0].count > 2 {
                nf.classes.append((Set(c[0].dropFirst().dropLast()), forms))
            } else {
                nf.literal.append((c[0], forms))
            }
        }
        nf.literal.sort { $0.ending.count > $1.ending.count }
        if script.isEmpty {
            diagnostics.append(Diagnostic(file: path, line: 0, severity: .warning,
                message: "\(language)/language.tsv gives no `script`: its name forms apply to no name"))
        }
        return nf
    }

    /// Every `<dir>/<lang>/name-forms.tsv`, with the script of that language's profile.
    public static func load(directory: String, detector: LanguageDetector, diagnostics: inout [Diagnostic]) -> [NameForms] {
        var out: [NameForms] = []
        for p in detector.profiles {
            let path = "\(directory)/\(p.language)/name-forms.tsv"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            switch SafeFile.read(path) {
            case .failure(let d): diagnostics.append(d)
            case .success(let b):
                out.append(parse(String(decoding: b, as: UTF8.self), language: p.language, script: p.script, path: path, diagnostics: &diagnostics))
            }
        }
        return out
    }

    /// True when every letter of the name is in the language's script.
    func writtenInScript(_ name: String) -> Bool {
        var any = false
        for u in name.unicodeScalars where u.properties.isAlphabetic {
            guard script.contains(where: { $0.contains(u.value) }) else { return false }
            any = true
        }
        return any
    }

    /// The inflected forms of a name (not the name itself); empty for names in another script.
    public func forms(of name: String) -> [String] {
        guard writtenInScript(name) else { return [] }
        // the last word: after the last space or hyphen
        let cut = name.lastIndex { $0 == " " || $0 == "-" }.map { name.index(after: $0) } ?? name.startIndex
        let head = name[..<cut], last = String(name[cut...])
        let lower = last.lowercased()
        guard last.count >= 2 else { return [] }
        if let rule = literal.first(where: { lower.hasSuffix($0.ending) && lower.count > $0.ending.count }) {
            let stem = last.dropLast(rule.ending.count)
            return rule.forms.map { head + stem + $0 }
        }
        if let final = lower.last, let rule = classes.first(where: { $0.letters.contains(final) }) {
            return rule.forms.map { head + last + $0 }
        }
        return []
    }
}
