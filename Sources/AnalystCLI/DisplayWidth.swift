/// How many terminal columns text takes, per grapheme cluster (what the user sees as a letter):
/// a cluster is 0 wide if it is only combining marks or format characters (a stray Vietnamese
/// tone mark, Arabic harakat, ZWJ), 2 if it starts with an East Asian wide/fullwidth character
/// or an emoji shown as a picture, otherwise 1. So "Nguyễn" is 6 and "حلب" is 3, "北京" is 4.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var width = 0
        for c in text { width += of(c) }
        return width
    }

    static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        if c.unicodeScalars.allSatisfy(isZeroWidth) { return 0 }
        if isWide(first.value) { return 2 }
        if c.unicodeScalars.count > 1, first.properties.isEmoji,
           c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }   // text emoji + VS16
        return 1
    }

    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return s.value == 0x200B || (0x1160...0x11FF).contains(s.value)   // ZWSP, Hangul jamo
        }
    }

    /// East Asian Width W or F (abridged from Unicode's EastAsianWidth.txt) and emoji presentation.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `limit` columns, with "…" when cut. Never splits a grapheme.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard of(text) > limit else { return text }
        var out = ""
        var width = 0
        for c in text {
            let w = of(c)
            if width + w > limit - 1 { break }
            out.append(c)
            width += w
        }
        return out + "…"
    }

    /// `text` padded with spaces to `width` columns (on the left for right alignment).
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return right ? fill + text : text + fill
    }
}
