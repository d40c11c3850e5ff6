/// Our event types in ACLED's codebook (event_type / sub_event_type), for export.
extension EventType {
    public var acled: (disorder: String, eventType: String, subEventType: String) {
        switch self {
        case .offensive: return ("Political violence", "Battles", "Armed clash")
        case .reach: return ("Political violence", "Battles", "Armed clash")
        case .capture: return ("Political violence", "Battles", "Non-state actor overtakes territory")
        case .withdrawal: return ("Strategic developments", "Strategic developments", "Non-violent transfer of territory")
        case .clash: return ("Political violence", "Battles", "Armed clash")
        case .airstrike: return ("Political violence", "Explosions/Remote violence", "Air/drone strike")
        case .shelling: return ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack")
        case .casualties: return ("Political violence", "Violence against civilians", "Attack")
        case .displacement: return ("Strategic developments", "Strategic developments", "Other")
        case .prisonerRelease: return ("Strategic developments", "Strategic developments", "Other")
        case .other: return ("Strategic developments", "Strategic developments", "Other")
        }
    }
}
