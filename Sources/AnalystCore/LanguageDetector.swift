/// Guesses the language of a plain-text article among the corpus languages (en, vi, fr, es, de, it, pt, ar).
///
/// Scoring, cheap and explainable: Arabic script decides `ar`; Vietnamese-only letters (ơ ư ă đ and
/// the stacked tone marks) decide `vi`; otherwise each language scores one point per stopword token
/// plus two per letter that is typical of it (ñ for es, ç/ã/õ for pt, ß/ä/ö/ü for de, è/à/ù for fr/it).
public enum LanguageDetector {
    public static let supported = ["en", "vi", "fr", "es", "de", "it", "pt", "ar"]

    /// Frequent short words of each language, also used by the name scanner to skip aliases that
    /// are ordinary words.
    public static let stopwords: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "in", "is", "was", "that", "for", "on", "with", "as", "by", "from",
               "it", "at", "which", "has", "have", "had", "been", "were", "its", "their", "this", "after", "said"],
        "fr": ["le", "la", "les", "des", "et", "est", "une", "du", "dans", "que", "qui", "pour", "sur", "par",
               "au", "aux", "avec", "ont", "sont", "ce", "cette", "été", "il", "elle", "depuis", "selon"],
        "es": ["el", "los", "las", "del", "y", "que", "en", "por", "con", "para", "una", "es", "se", "al",
               "lo", "como", "fue", "han", "ha", "su", "sus", "desde", "según", "tras", "pero"],
        "de": ["der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "ein", "eine", "von", "zu",
               "auf", "für", "sich", "im", "auch", "wurde", "haben", "nach", "bei", "sind", "aus"],
        "it": ["il", "della", "di", "che", "è", "gli", "delle", "dei", "per", "con", "una", "nel", "alla",
               "sono", "ha", "hanno", "anche", "dalla", "nella", "degli", "stato", "dopo", "tra"],
        "pt": ["o", "os", "as", "da", "do", "das", "dos", "em", "que", "não", "uma", "com", "para", "por",
               "foi", "são", "na", "no", "ao", "seu", "sua", "pelo", "pela", "também", "após"],
        "vi": ["và", "của", "các", "những", "được", "trong", "đã", "với", "không", "cho", "là", "một",
               "người", "này", "tại", "từ", "có", "đến"],
    ]

    private static let typical: [String: Set<Character>] = [
        "es": ["ñ", "¿", "¡", "á", "í", "ó", "ú"],
        "pt": ["ã", "õ", "ç", "á", "â", "ê", "ô"],
        "de": ["ß", "ä", "ö", "ü"],
        "fr": ["è", "ê", "à", "ç", "ù", "û", "î", "ï", "œ", "«"],
        "it": ["à", "è", "ì", "ò", "ù"],
    ]

    /// The best language and a rough confidence 0...1; `und` (undetermined) for text with no evidence.
    public static func detect(_ text: some StringProtocol) -> (language: String, confidence: Double) {
        let sample = text.prefix(20_000)   // enough evidence; keeps huge files cheap
        var arabic = 0, letters = 0, viet = 0
        var scores: [String: Double] = [:]
        for u in sample.unicodeScalars {
            let v = u.value
            if (0x0600...0x06FF).contains(v) { arabic += 1; letters += 1; continue }
            if u.properties.isAlphabetic { letters += 1 }
            // ơ ư ă đ and precomposed letters with stacked/hooked tone marks exist only in Vietnamese.
            if v == 0x01A1 || v == 0x01A0 || v == 0x01B0 || v == 0x01AF || v == 0x0103 || v == 0x0102
                || v == 0x0111 || v == 0x0110 || (0x1EA0...0x1EF9).contains(v) { viet += 1 }
        }
        if letters == 0 { return ("und", 0) }
        if Double(arabic) / Double(letters) > 0.3 { return ("ar", min(1, Double(arabic) / Double(letters) + 0.2)) }
        if viet >= 3 && Double(viet) / Double(letters) > 0.01 { return ("vi", min(1, 0.5 + Double(viet) / Double(letters) * 5)) }
        var words = 0
        for w in sample.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" }) {
            words += 1
            let s = String(w)
            for (lang, set) in stopwords where set.contains(s) { scores[lang, default: 0] += 1 }
            for ch in s { for (lang, set) in typical where set.contains(ch) { scores[lang, default: 0] += 2 } }
        }
        guard let best = scores.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
              best.value > 0 else { return ("und", 0) }
        let second = scores.filter { $0.key != best.key }.map(\.value).max() ?? 0
        let confidence = min(1, (best.value - second) / max(1, best.value) + min(0.5, best.value / Double(max(words, 1))))
        return (best.key, confidence)
    }

    /// ISO 639-1 codes: what a BCP 47 primary subtag in front matter may be (plus `und`).
    static let iso639_1: Set<String> = Set("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz \
    ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik \
    io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml \
    mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd \
    se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi \
    vo wa wo xh yi yo za zh zu und
    """.split(separator: " ").map(String.init))

    /// True for `en`, `pt-BR`, `zh-Hant`, `ar-SY`: a known primary language and well-formed subtags.
    public static func isValidTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, iso639_1.contains(String(primary)) else { return false }
        return parts.dropFirst().allSatisfy { p in
            (2...8).contains(p.count) && p.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
