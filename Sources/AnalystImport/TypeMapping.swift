import AnalystCore
import Foundation
/// How imported classifications become our EventType. The original text is always kept
/// (`originalType`), so nothing is lost by the mapping. Documented in docs/import.md.
public enum TypeMapping {
    /// ACLED event_type / sub_event_type -> EventType. A sub-event type not listed falls back to its
    /// event type's default; `nil` means "no armed-conflict type" (the row is skipped and counted,
    /// or imported as `ImportOptions.unmappedAs` when that is set).
    public static let acled: [String: EventType] = [
        "battles / armed clash": .clash,
        "battles / government regains territory": .capture,
        "battles / non-state actor overtakes territory": .capture,
        "explosions/remote violence / air/drone strike": .airstrike,
        "explosions/remote violence / shelling/artillery/missile attack": .shelling,
        "explosions/remote violence / remote explosive/landmine/ied": .shelling,
        "explosions/remote violence / grenade": .shelling,
        "explosions/remote violence / suicide bomb": .casualties,
        "explosions/remote violence / chemical weapon": .casualties,
        "violence against civilians / attack": .casualties,
        "violence against civilians / abduction/forced disappearance": .casualties,
        "violence against civilians / sexual violence": .casualties,
        "strategic developments / headquarters or base established": .reach,
        "strategic developments / non-violent transfer of territory": .capture,
        "strategic developments / disrupted weapons use": .clash,
        "protests / excessive force against protesters": .casualties,
    ]

    /// Default per ACLED event_type when the sub-event type is not in the table.
    public static let acledEventDefault: [String: EventType] = [
        "battles": .clash,
        "explosions/remote violence": .shelling,
        "violence against civilians": .casualties,
    ]

    /// ACLED type for `event_type`/`sub_event_type` (case-insensitive), nil when unmapped
    /// (Protests, Riots, and the other Strategic developments: agreements, arrests, looting, ...).
    public static func acledType(eventType: String, subEventType: String) -> EventType? {
        let e = eventType.lowercased().trimmingCharacters(in: " ")
        let s = subEventType.lowercased().trimmingCharacters(in: " ")
        return acled["\(e) / \(s)"] ?? acledEventDefault[String(e)]
    }

    /// CAMEO event code (GDELT EventCode, kept as text) -> EventType; nil outside roots 18-20.
    ///   18 assault: 180 -> clash; 181 abduct, 182x assault, 185 attempted and 186 assassination
    ///      -> casualties; 183x bombings -> shelling (our "explosions" bucket); 184 human shield -> clash
    ///   19 fight: 190 conventional force -> clash; 191 blockade -> offensive; 192 occupy territory
    ///      -> capture; 193 small arms -> clash; 194 artillery and tanks -> shelling;
    ///      195x aerial weapons (1951 precision-guided, 1952 remotely piloted) -> airstrike;
    ///      196 violate ceasefire -> clash
    ///   20 mass violence: 200 -> casualties; 201 mass expulsion -> displacement; 202 mass killings
    ///      -> casualties; 203 ethnic cleansing -> displacement; 204x WMD -> casualties
    public static func cameoType(_ code: String) -> EventType? {
        guard code.count >= 2 else { return nil }
        let c = Array(code.utf8)
        let root = String(decoding: c[0..<2], as: UTF8.self)
        let third: UInt8? = c.count >= 3 ? c[2] : nil
        switch root {
        case "18":
            switch third {
            case UInt8(ascii: "3"): return .shelling
            case UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "5"), UInt8(ascii: "6"): return .casualties
            default: return .clash
            }
        case "19":
            switch third {
            case UInt8(ascii: "1"): return .offensive
            case UInt8(ascii: "2"): return .capture
            case UInt8(ascii: "4"): return .shelling
            case UInt8(ascii: "5"): return .airstrike
            default: return .clash
            }
        case "20":
            switch third {
            case UInt8(ascii: "1"), UInt8(ascii: "3"): return .displacement
            default: return .casualties
            }
        default: return nil
        }
    }
}

/// Code tables of imported formats.
public enum ImportCodes {
    /// ACLED inter codes 1-8 as the text the current layout uses (index 0 unused).
    public static let interLabels = ["", "State forces", "Rebel group", "Political militia", "Identity militia",
                                     "Rioters", "Protesters", "Civilians", "External/Other forces"]
}

/// What analyst's own ACLED export writes in `tags` so that a re-import gives back the same event
/// (ACLED has no withdrawal type and no notion of a claim): `analyst_type=withdrawal`,
/// `analyst_modality=claimed`, `analyst_claimed_by=hts`, `analyst_denied_by=...`, `;`-separated
/// among ACLED's own tags. Values are written without `;` (replaced by `,`).
public struct AnalystTags: Sendable, Equatable {
    public var type: EventType?
    public var modality: Modality = .asserted
    public var claimedBy: String?
    public var deniedBy: String?

    public init(type: EventType? = nil, modality: Modality = .asserted, claimedBy: String? = nil, deniedBy: String? = nil) {
        self.type = type; self.modality = modality; self.claimedBy = claimedBy; self.deniedBy = deniedBy
    }

    public init(_ tags: String) {
        for entry in tags.split(separator: ";") {
            let e = entry.trimmingCharacters(in: " ")
            guard e.hasPrefix("analyst_"), let eq = e.firstIndex(of: "=") else { continue }
            let key = e[..<eq], value = String(e[e.index(after: eq)...])
            switch key {
            case "analyst_type": type = EventType(rawValue: value)
            case "analyst_modality": modality = Modality(rawValue: value) ?? .asserted
            case "analyst_claimed_by": claimedBy = value.isEmpty ? nil : value
            case "analyst_denied_by": deniedBy = value.isEmpty ? nil : value
            default: break
            }
        }
    }

    /// The entries to put in `tags` (empty when there is nothing to say).
    public var entries: [String] {
        func clean(_ s: String) -> String { s.replacingOccurrences(of: ";", with: ",") }
        var out: [String] = []
        if let type { out.append("analyst_type=\(type.rawValue)") }
        if modality != .asserted { out.append("analyst_modality=\(modality.rawValue)") }
        if let claimedBy { out.append("analyst_claimed_by=\(clean(claimedBy))") }
        if let deniedBy { out.append("analyst_denied_by=\(clean(deniedBy))") }
        return out
    }
}

/// True when the bytes contain `needle` (ASCII).
func memmemContains(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
    let n = needle.utf8CodeUnitCount, q = needle.utf8Start
    guard b.count >= n, n > 0 else { return false }
    for i in 0...(b.count - n) where b[i] == q[0] {
        var k = 1
        while k < n && b[i + k] == q[k] { k += 1 }
        if k == n { return true }
    }
    return false
}
