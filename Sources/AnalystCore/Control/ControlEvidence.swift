/// One piece of evidence about who controls a place: a mention in an article or an imported row,
/// reduced to what it says about the day control changed hands.
public struct ControlEvidence: Sendable {
    public enum Kind: String, Sendable {
        /// The taker gained the place in `window` (text capture, ACLED "overtakes/regains territory").
        case capture
        /// The holder left the place in `window`: the same change seen from the losing side.
        case withdrawal
        /// The taker entered the place (`reach`): the change cannot come before it (a lower bound).
        case entry
        /// A capture reported as denied ("the regime denied having lost the city").
        case denial
    }

    public var kind: Kind
    public var placeID: Int
    public var window: DayRange
    /// asserted or claimed (`denied` only for `.denial`). Imported rows are asserted.
    public var modality: Modality
    /// The taker (capture, entry, denial) or the side that left (withdrawal), as stored.
    public var actor: String?
    /// The other party (the loser of a capture), as stored.
    public var actor2: String?
    public var confidence: Double
    /// The store row and id it came from (mention or imported row).
    public var row: Int
    public var store: Int32
    public var eventID: String
    /// Article ids (text) or the imported file's source names.
    public var sources: [String]
    public var imported: Bool
    /// The reporting sentence, folded: two articles with the same sentence carry one wire story.
    public var reprintKey: String?

    public init(kind: Kind, placeID: Int, window: DayRange, modality: Modality, actor: String? = nil,
                actor2: String? = nil, confidence: Double = 1, row: Int = 0, store: Int32 = 0, eventID: String = "",
                sources: [String] = [], imported: Bool = false, reprintKey: String? = nil) {
        self.kind = kind; self.placeID = placeID; self.window = window; self.modality = modality
        self.actor = actor; self.actor2 = actor2; self.confidence = confidence; self.row = row; self.store = store
        self.eventID = eventID; self.sources = sources; self.imported = imported; self.reprintKey = reprintKey
    }

    /// The evidence a store row carries about control, nil when it carries none (another type, no
    /// date, no gazetteer place). `text` gives the row's sentence for reprint detection.
    public static func from(store: EventStore, storeID: Int32, row r: Int, text: (Int) -> String? = { _ in nil }) -> ControlEvidence? {
        let type = store.type(r)
        guard type == .capture || type == .withdrawal || type == .reach,
              let window = store.dates(r), let place = store.place(r), place.inGazetteer else { return nil }
        let modality = store.modalityOf(r)
        let kind: Kind
        switch (type, modality) {
        case (.capture, .denied): kind = .denial
        case (.capture, _): kind = .capture
        case (.withdrawal, .asserted), (.withdrawal, .claimed): kind = .withdrawal
        case (.reach, .asserted), (.reach, .claimed): kind = .entry
        default: return nil
        }
        var imported = false
        if case .imported = store.origin(r) { imported = true }
        return ControlEvidence(kind: kind, placeID: place.id, window: window, modality: modality,
                               actor: store.string(store.actor1[r]), actor2: store.string(store.actor2[r]),
                               confidence: Double(store.confidence[r]), row: r, store: storeID, eventID: store.id(r),
                               sources: store.sources(r), imported: imported,
                               reprintKey: text(r).map(ControlEvidence.fold))
    }

    /// Lower-case letters and digits only, one space between words: a reprint's sentence folds to
    /// the same key whatever its punctuation or spacing.
    public static func fold(_ s: String) -> String {
        var out = ""
        var space = false
        for ch in s.lowercased() {
            if ch.isLetter || ch.isNumber { if space && !out.isEmpty { out.append(" ") }; out.append(ch); space = false } else { space = true }
        }
        return out
    }
}
