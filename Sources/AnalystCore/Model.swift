// The in-memory model: plain values, no Lua. Loading lives in CorpusLoader, lookups in Gazetteer.

/// One news article of the corpus.
public struct Article: Sendable, Identifiable {
    public var id: String
    public var title: String?
    public var outlet: String?
    public var url: String?
    /// BCP 47 code (`en`, `vi`, `fr`, ...), from the front matter or detected from the text.
    public var language: String
    public var languageDetected: Bool
    /// When the article was published; a range when only inferred; nil when unknown.
    public var published: DayRange?
    /// Language of the original when the text is a translation.
    public var translatedFrom: String?
    public var notes: String?
    /// The body, byte-exact as in the file (after the front matter).
    public var text: String
    /// Path of the file it came from, and the 1-based line where the body starts in it.
    public var path: String
    public var bodyLine: Int

    public init(id: String, title: String? = nil, outlet: String? = nil, url: String? = nil,
                language: String, languageDetected: Bool = false, published: DayRange? = nil,
                translatedFrom: String? = nil, notes: String? = nil, text: String,
                path: String = "", bodyLine: Int = 1) {
        self.id = id; self.title = title; self.outlet = outlet; self.url = url
        self.language = language; self.languageDetected = languageDetected; self.published = published
        self.translatedFrom = translatedFrom; self.notes = notes; self.text = text
        self.path = path; self.bodyLine = bodyLine
    }
}

/// A place of the gazetteer. Its id is the GeoNames id.
public struct Place: Sendable, Identifiable, Hashable {
    public enum Kind: String, Sendable { case city, province, country }
    public var id: Int
    /// Common English name shown to users (`Hama`, `Deir ez-Zor`).
    public var name: String
    /// The name as GeoNames has it (`Ḩamāh`).
    public var geonamesName: String
    public var kind: Kind
    public var latitude: Double
    public var longitude: Double
    /// ISO 3166-1 alpha-2 (`SY`).
    public var countryCode: String
    /// GeoNames admin1 code (`10`) and its name (`Hama`), when known.
    public var admin1Code: String?
    public var admin1: String?
    public var population: Int
    /// Every other name it is known by, in any language or script.
    public var aliases: [String]
    /// Names valid only in text of one language (`tr`: `Şam` for Damascus, noise elsewhere; `ru`:
    /// the case forms `Хомса`, `Хомсе`), by language code. From `place-aliases.tsv` rows with lang
    /// `only:tr` and from `lexicons/<lang>/name-forms.tsv`.
    public var languageAliases: [String: [String]] = [:]

    public init(id: Int, name: String, geonamesName: String, kind: Kind, latitude: Double, longitude: Double,
                countryCode: String, admin1Code: String? = nil, admin1: String? = nil, population: Int = 0,
                aliases: [String] = []) {
        self.id = id; self.name = name; self.geonamesName = geonamesName; self.kind = kind
        self.latitude = latitude; self.longitude = longitude; self.countryCode = countryCode
        self.admin1Code = admin1Code; self.admin1 = admin1; self.population = population; self.aliases = aliases
    }
}

/// A party to the conflict, or a source that reports on it.
public struct Actor: Sendable, Identifiable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case stateForces = "state_forces", rebelGroup = "rebel_group", militia, foreignState = "foreign_state"
        case internationalOrganisation = "international_organisation", monitor, civilians
    }
    public var id: String
    public var name: String
    public var kind: Kind
    /// `government`, `opposition`, ... where it applies.
    public var side: String?
    /// Names by language code (`en`, `vi`, ...; `*` for names used in every language).
    public var aliases: [String: [String]]
    public var notes: String?

    public init(id: String, name: String, kind: Kind, side: String? = nil, aliases: [String: [String]] = [:],
                notes: String? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.side = side; self.aliases = aliases; self.notes = notes
    }
}

/// The fixed vocabulary of event types, each mapped to ACLED's event_type / sub_event_type.
/// `other` is for imported rows with no armed-conflict meaning (ACLED protests, riots, agreements;
/// GDELT outside CAMEO 18-20): they are kept, with their own classification as extra fields.
public enum EventType: String, Sendable, CaseIterable, Comparable {
    case offensive, reach, capture, withdrawal, clash, airstrike, shelling, casualties, displacement
    case prisonerRelease = "prisoner_release"
    case other

    public static func < (a: EventType, b: EventType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Whether the text states the event, attributes it to someone, or reports a denial.
public enum Modality: String, Sendable, CaseIterable {
    case asserted, claimed, denied
}

/// What a mention and an event both say about a happening: the one event schema. A mention is
/// one article's report (plus evidence); an event consolidates mentions (plus corroboration and
/// conflict); an imported row is both at once (EventStore). Stores map any of them through this.
public protocol EventFields {
    var id: String { get }
    var type: EventType { get }
    var date: Day? { get }
    var dates: DayRange? { get }
    var timePrecision: Int? { get }
    var placeID: Int? { get }
    var geoPrecision: Int { get }
    var actorID: String? { get }
    var actor2ID: String? { get }
    var fatalities: Int? { get }
    var count: Int? { get }
    var modality: Modality { get }
    var confidence: Double { get }
}

/// One report of an event in one article: what the extractor found, traceable to a sentence.
public struct EventMention: Sendable, Identifiable, EventFields {
    /// Stable across runs: derived from the article id and the evidence span.
    public var id: String
    public var type: EventType
    public var articleID: String
    /// The sentence, and its byte range in the article body.
    public var evidence: String
    public var evidenceRange: Range<Int>
    public var language: String
    /// Which lexicon entry fired (`en/capture.tsv:12 seized`).
    public var rule: String
    /// 0...1, see docs/extraction.md.
    public var confidence: Double
    /// When: best single day, interval, ACLED time precision (1 day, 2 week, 3 month). nil when unknown.
    public var date: Day?
    public var dates: DayRange?
    public var timePrecision: Int?
    /// Where: a gazetteer place id and ACLED geo precision (1 town, 2 near/part of, 3 province or larger).
    public var placeID: Int?
    public var geoPrecision: Int
    public var actorID: String?
    public var actor2ID: String?
    /// Lowest stated number, ACLED's rule.
    public var fatalities: Int?
    /// People displaced, prisoners released, ...
    public var count: Int?
    public var modality: Modality
    public var claimedBy: String?
    public var deniedBy: String?

    public init(id: String, type: EventType, articleID: String, evidence: String, evidenceRange: Range<Int>,
                language: String, rule: String, confidence: Double, date: Day? = nil, dates: DayRange? = nil,
                timePrecision: Int? = nil, placeID: Int? = nil, geoPrecision: Int = 1, actorID: String? = nil,
                actor2ID: String? = nil, fatalities: Int? = nil, count: Int? = nil, modality: Modality = .asserted,
                claimedBy: String? = nil, deniedBy: String? = nil) {
        self.id = id; self.type = type; self.articleID = articleID; self.evidence = evidence
        self.evidenceRange = evidenceRange; self.language = language; self.rule = rule
        self.confidence = confidence; self.date = date; self.dates = dates; self.timePrecision = timePrecision
        self.placeID = placeID; self.geoPrecision = geoPrecision; self.actorID = actorID; self.actor2ID = actor2ID
        self.fatalities = fatalities; self.count = count; self.modality = modality
        self.claimedBy = claimedBy; self.deniedBy = deniedBy
    }
}

/// One happening, consolidated from the mentions of every source that reports it.
public struct Event: Sendable, Identifiable, EventFields {
    public var id: String
    public var type: EventType
    public var mentions: [EventMention]
    /// The interval the sources agree on (their intersection), or their union when they disagree.
    public var dates: DayRange?
    public var date: Day?
    public var timePrecision: Int?
    public var placeID: Int?
    public var geoPrecision: Int
    public var actorID: String?
    public var actor2ID: String?
    public var fatalities: Int?
    public var count: Int?
    public var modality: Modality
    public var confidence: Double
    /// True when the sources' date intervals do not overlap.
    public var conflict: Bool
    /// Number of distinct articles that report it.
    public var corroboration: Int
    public var articleIDs: [String]

    public init(id: String, type: EventType, mentions: [EventMention], dates: DayRange?, date: Day?,
                timePrecision: Int?, placeID: Int?, geoPrecision: Int, actorID: String?, actor2ID: String?,
                fatalities: Int?, count: Int?, modality: Modality, confidence: Double, conflict: Bool,
                corroboration: Int, articleIDs: [String]) {
        self.id = id; self.type = type; self.mentions = mentions; self.dates = dates; self.date = date
        self.timePrecision = timePrecision; self.placeID = placeID; self.geoPrecision = geoPrecision
        self.actorID = actorID; self.actor2ID = actor2ID; self.fatalities = fatalities; self.count = count
        self.modality = modality; self.confidence = confidence; self.conflict = conflict
        self.corroboration = corroboration; self.articleIDs = articleIDs
    }
}
