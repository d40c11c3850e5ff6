/// The plain values inside API userdata. `generation` ties a handle to one load of the corpus, so a
/// handle kept across `corpus.reload()` raises a clear error instead of showing other data.
struct PlaceHandle: BitwiseCopyable, Equatable {
    /// 0: a gazetteer place (index into gazetteer.places); 1: a place of the event store (ad hoc).
    var source: Int32
    var index: Int32
    var generation: Int32
}

struct ActorHandle: BitwiseCopyable, Equatable {
    var index: Int32
    var generation: Int32
}

struct ArticleHandle: BitwiseCopyable, Equatable {
    var index: Int32
    var generation: Int32
}

struct EventHandle: BitwiseCopyable, Equatable {
    /// 0: events (consolidated and imported); 1: mentions.
    var store: Int32
    var row: Int32
    var generation: Int32
}
