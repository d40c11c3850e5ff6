import AnalystLua
import Foundation

/// SplitMix64: small, fast, and the same sequence on every platform (programs are reproducible from
/// their seed and index alone).
public struct SplitMix64 {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    public mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

/// What the generator knows about the API: taken from the registry, so new entries get fuzzed.
public struct APIShape {
    public var globals: [(name: String, arity: Int)] = []      // place, geo.distance, events, ...
    public var methods: [(owner: String, name: String, arity: Int)] = []
    public var properties: [String] = []
    public var fields: [String: [String]] = [:]                 // Event -> [id, type, ...]

    public init(registry: APIRegistry) {
        for e in registry.entries {
            let n = e.params.filter { $0.name != "self" }.count
            if e.isProperty { properties.append(e.name) }
            else if e.isMethod, let o = e.owner { methods.append((o, e.shortName, n)) }
            else { globals.append((e.name, n)) }
        }
        methods.append(("Place", "distance", 1))
        for t in registry.types { fields[t.name] = t.fields.map(\.name) }
    }
}

/// Generates one Lua program over the API from (seed, index). Programs mix valid and invalid
/// calls, callbacks that error, yield, recurse or collect garbage, coroutines, metatable tricks,
/// and (rarely) endless loops and memory bombs that the limits must stop.
public struct ProgramGenerator {
    public let shape: APIShape
    public init(shape: APIShape) { self.shape = shape }

    public static func programSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        var r = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD1B54A32D192ED03))
        return r.next()
    }

    public func program(seed: UInt64, index: Int) -> String {
        var g = Gen(shape: shape, rng: SplitMix64(seed: Self.programSeed(seed, index)))
        return g.program()
    }
}

struct Gen {
    let shape: APIShape
    var rng: SplitMix64
    var vars: [String] = []
    var depth = 0

    static let strings = ["\"\"", "\"Aleppo\"", "\"Hama\"", "\"حلب\"", "\"Damas\"", "\"HTS\"", "\"capture\"", "\"date\"", "\"-date\"",
                          "\"-confidence\"", "\"type\"", "\"fatalities\"", "\"count\"", "\"place\"", "\"month\"", "\"2024-11-27\"",
                          "\"2024-02-30\"", "\"\\xff\\xfe\"", "\"\\0nul\"", "\"a\\u{10FFFF}b\"", "\"%s%d%n\"", "\"../../etc/passwd\"",
                          "\"/dev/full\"", "\"/nonexistent/dir/x.csv\"", "OUT", "OUT .. \"\\0/..\"", "\"x\\0/../../y\"", "string.rep(\"Ab\", 100000)", "\"acled\"", "\"Ham\""]
    static let numbers = ["0", "1", "-1", "2", "3", "10", "0.5", "-0.0", "1e308", "-1e308", "0/0", "1/0", "-1/0", "2^53", "2^63",
                          "math.maxinteger", "math.mininteger", "math.pi", "91", "-181", "1e-320", "100000", "1e300", "-1e300", "2^1023"]

    mutating func program() -> String {
        var lines = ["local OUT = FUZZ_OUT or os.tmpname()", "local V = {}"]
        let n = 3 + rng.below(10)
        for _ in 0..<n { lines.append(statement()) }
        lines.append("os.remove(OUT)")
        return lines.joined(separator: "\n") + "\n"
    }

    mutating func newVar() -> String {
        let v = "v\(vars.count)"
        vars.append(v)
        return v
    }

    /// A variable made earlier, or `(nil)`: parenthesized so `.field = v` and `#v` stay valid syntax.
    mutating func existing() -> String { vars.isEmpty ? "(nil)" : rng.pick(vars) }

    mutating func statement() -> String {
        let r = rng.below(100)
        switch r {
        case 0..<30: let v = newVar(); return "local \(v) = \(maybePcall(apiCall()))"
        case 30..<50: let v = newVar(); return "local \(v) = \(maybePcall(methodCall()))"
        case 50..<58: return "pcall(function() return \(existing()).\(fieldName()) end)"
        case 58..<64: return "for _, x in pairs(\(iterable())) do \(callbackBody(simple: true)) end"
        case 64..<69: return coroutineBlock()
        case 69..<73: return metatableTrick()
        case 73..<76: return "collectgarbage(\(rng.pick(["", "\"step\"", "\"collect\"", "\"count\""])))"
        case 76..<80: return "pcall(tostring, \(existing())) pcall(function() return #\(existing()) end) pcall(function() return \(existing()) == \(existing()) end)"
        case 80..<84: return "pcall(function() \(existing()).\(fieldName()) = \(value()) end)"
        case 84..<88: return "local ok, e = pcall(error, \(value())) tostring(e)"
        case 88..<91: return "pcall(help, \(rng.chance(50) ? value() : existing()))"
        case 91..<94: return "for e in (\(existing()) and type(\(existing())) == \"userdata\" and pcall(function() return \(existing()):iter() end) and events{}:head(5):iter() or events{}:head(3):iter()) do local _ = e.\(fieldName()) end"
        case 94..<96: return rng.chance(15) ? limitBomb() : "collectgarbage(\"step\")"
        case 96..<97: return "pcall(corpus.summary)"
        default: return "local t = {} for i = 1, \(rng.pick(["10", "1000", "100000"])) do t[i] = \(value()) end"
        }
    }

    mutating func maybePcall(_ call: String) -> String {
        rng.chance(70) ? "select(2, pcall(function() return \(call) end))" : call
    }

    mutating func fieldName() -> String {
        let all = shape.fields.values.flatMap { $0 } + ["filter", "map", "sort", "nope", "1", "__index", "methods"]
        let f = rng.pick(all)
        return f.first!.isNumber ? "x" : f
    }

    mutating func apiCall() -> String {
        if rng.chance(8), let p = shape.properties.randomElement(using: &rng) { return p }
        let g = rng.pick(shape.globals)
        if g.name == "corpus.reload" && !rng.chance(3) { return "corpus.summary()" }   // reloads are slow: rare
        if g.name == "events" || g.name == "advance" { return "\(g.name)\(rng.chance(70) ? table(for: g.name) : "(" + args(g.arity) + ")")" }
        return "\(g.name)(\(args(g.arity)))"
    }

    mutating func methodCall() -> String {
        let m = rng.pick(shape.methods)
        let recv: String
        switch m.owner {
        case "EventList": recv = rng.chance(60) ? "events\(table(for: "events"))" : existing()
        case "Place": recv = rng.chance(60) ? "place(\"Aleppo\")" : existing()
        default: recv = existing()
        }
        var a = args(m.arity)
        if ["filter", "map", "each", "sort", "group"].contains(m.name) && rng.chance(75) { a = callback(params: m.name == "sort" ? 2 : 2) }
        if rng.chance(10) { return "\(recv).\(m.name)(\(rng.chance(50) ? "nil" : value())\(a.isEmpty ? "" : ", " + a))" }
        return "(\(recv)):\(m.name)(\(a))"
    }

    mutating func args(_ arity: Int) -> String {
        let n = max(0, arity + rng.below(3) - 1)
        return (0..<n).map { _ in value() }.joined(separator: ", ")
    }

    mutating func table(for name: String) -> String {
        let keys = name == "events"
            ? ["type = \"capture\"", "type = {\"reach\", \"capture\"}", "type = 1", "from = \"2024-11-27\"", "to = \"2024-12-08\"",
               "from = \"nope\"", "place = \"Hama\"", "place = place(\"Aleppo\")", "within_km = \(rng.pick(Self.numbers))",
               "consolidated = false", "consolidated = 1", "actor = \"HTS\"", "side = \"opposition\"", "language = \"fr\"",
               "modality = \"claimed\"", "min_confidence = \(rng.pick(Self.numbers))", "article = \"001-en\"", "bogus = 1",
               "admin1 = \"Aleppo\"", "country = \"Syria\""]
            : ["\"Idlib\"", "\"Aleppo\"", "\"Hama\"", "\"Homs\"", "\"Damascus\"", "\"Atlantis\"", "{lat = 36, lon = 37}",
               "{lat = 0/0, lon = 0}", "arrival = \"reach\"", "arrival = 3", "claims = true", "actor = \"HTS\"", "place(\"Hama\")"]
        let n = rng.below(4)
        return "{" + (0..<n).map { _ in rng.pick(keys) }.joined(separator: ", ") + "}"
    }

    mutating func value() -> String {
        switch rng.below(14) {
        case 0: return rng.pick(Self.numbers)
        case 1, 2: return rng.pick(Self.strings)
        case 3: return rng.pick(["nil", "true", "false"])
        case 4: return "{}"
        case 5: return "{lat = \(rng.pick(Self.numbers)), lon = \(rng.pick(Self.numbers))}"
        case 6: return "{\(value()), \(value())}"
        case 7: return callback(params: 2)
        case 8, 9: return existing()
        case 10: return rng.pick(["place(\"Aleppo\")", "events{}", "events{}[1]", "actor(\"HTS\")", "corpus.articles[1]", "io.stdout",
                                  "coroutine.create(print)", "print", "string.rep(\"x\", 1 << 20)"])
        case 11: return rng.chance(50)
            ? "setmetatable({}, {__index = function() error(\"idx\") end, __tostring = function() return \(rng.pick(Self.strings)) end})"
            : hostileMetatable()
        case 12: return table(for: "events")
        default: return "V"
        }
    }

    mutating func callback(params: Int) -> String {
        "function(a, b) \(callbackBody(simple: false)) end"
    }

    /// The body of a callback: returns something, errors, yields, recurses into the API, ...
    mutating func callbackBody(simple: Bool) -> String {
        depth += 1
        defer { depth -= 1 }
        let r = rng.below(100)
        switch r {
        case 0..<25: return "return \(value())"
        case 25..<40: return "return a and a.\(fieldName())"
        case 40..<48: return "error(\(value()))"
        case 48..<54: return "coroutine.yield(a)"
        case 54..<60: return "collectgarbage() return true"
        case 60..<66: return "return math.random() < 0.5"
        case 66..<72 where depth < 3 && !simple: return "local l = \(methodCall()) return l ~= nil"
        case 72..<76 where depth < 3: return "return pcall(function() \(callbackBody(simple: simple)) end)"
        case 76..<80: return "V[#V + 1] = a return true"      // keep the event past the call
        case 80..<84: return "return a and b and a.id < b.id"
        case 84..<86: return "local s = 0 for i = 1, 1e4 do s = s + i end return s"
        case 86..<88 where depth < 3: return "return (coroutine.wrap(function() \(callbackBody(simple: true)) end))()"
        default: return "return a ~= nil"
        }
    }

    mutating func iterable() -> String {
        rng.pick(["events{}:head(5)", "getmetatable(\(existing())) or {}", "corpus.summary()", "places.search(\"Ha\")",
                  "events{}:group(\"type\")", "{}"])
    }

    mutating func coroutineBlock() -> String {
        let inner = statementNoLocals()
        return rng.chance(50)
            ? "do local co = coroutine.wrap(function(...) \(inner) coroutine.yield(1) \(statementNoLocals()) end) pcall(co) pcall(co) pcall(co) end"
            : "do local co = coroutine.create(function() \(inner) end) coroutine.resume(co) V.co = co end"
    }

    mutating func statementNoLocals() -> String {
        rng.chance(50) ? "pcall(function() return \(methodCall()) end)" : "pcall(function() return \(apiCall()) end)"
    }

    /// A value whose metatable has a metatable, or whose metamethods raise (the bridge promise:
    /// host code reads such values raw or under a protected call, never through a Swift frame).
    mutating func hostileMetatable() -> String {
        let boom = "function() error(\"hostile\") end"
        return rng.pick([
            "setmetatable({}, setmetatable({}, {__index = \(boom), __newindex = \(boom)}))",
            "setmetatable({{a = 1}, {a = 2}}, setmetatable({__fields = {\"a\"}}, {__index = \(boom)}))",
            "setmetatable({}, {__name = setmetatable({}, {__tostring = \(boom), __index = \(boom)}), __index = \(boom), __newindex = \(boom), __len = \(boom), __eq = \(boom), __lt = \(boom), __concat = \(boom), __call = \(boom)})",
            "setmetatable({lat = 36, lon = 37}, {__index = \(boom), __pairs = \(boom), __tostring = \(boom), __name = \"Fake\"})",
            "setmetatable({}, {__fields = setmetatable({}, {__index = \(boom)}), __name = 42})",
        ])
    }

    mutating func metatableTrick() -> String {
        let o = rng.pick(["place(\"Aleppo\")", "events{}", "events{}[1]", "actor(\"HTS\")", "corpus.articles[1]", existing()])
        let tricks = [
            "local mt = getmetatable(\(o)) if type(mt) == \"table\" then pcall(function() mt.__index = function() error(\"mine\") end end) end",
            "local mt = getmetatable(\(o)) if type(mt) == \"table\" and mt.__gc then pcall(mt.__gc, \(existing())) end",
            "local mt = getmetatable(\(o)) if type(mt) == \"table\" then pcall(function() mt.__gc = nil mt.__len = function() return -1 end end) end",
            "local mt = getmetatable(\(o)) if type(mt) == \"table\" then pcall(function() mt.__name = \(value()) end) end",
            "pcall(setmetatable, \(o), {})",
            "local mt = getmetatable(\(o)) if type(mt) == \"table\" and mt.methods then pcall(function() mt.methods.filter = print end) end",
            // metatables given metatables: our types', the registry's, _G's (rare: it changes the rest)
            "local mt = getmetatable(\(o)) if type(mt) == \"table\" then pcall(setmetatable, mt, {__index = function() error(\"meta-meta\") end}) end",
            rng.chance(20) ? "pcall(setmetatable, debug.getregistry(), {__index = function() error(\"registry\") end, __newindex = function() error(\"registry\") end})" : "pcall(tostring, \(existing()))",
            rng.chance(10) ? "pcall(setmetatable, _G, {__index = function(_, k) if k == \"FUZZ_OUT\" then return nil end error(\"global \" .. tostring(k)) end})" : "pcall(tostring, \(existing()))",
        ]
        return rng.pick(tricks)
    }

    /// Rare: the limits must stop these (timeout, memory cap).
    mutating func limitBomb() -> String {
        rng.pick([
            "pcall(function() local t = {} while true do t[#t + 1] = {} end end)",
            "pcall(function() local s = \"x\" while true do s = s .. s end end)",
            "pcall(function() while true do end end)",
            "pcall(function() events{}:filter(function() while true do end end) end)",
            "pcall(function() local t = {} for i = 1, 1e7 do t[i] = events{} end end)",
            "pcall(function() local function f() return f() + 1 end f() end)",
            "pcall(function() local function f() return events{}:filter(function() return f() end) end f() end)",
            // a chain of coroutines closing one another (segfaults Lua 5.4.4 without the depth guard)
            "pcall(function() local c = false for i = 1, 5000 do local p = c c = coroutine.create(function() local x <close> = setmetatable({}, {__close = function() if p then coroutine.close(p) end end}) coroutine.yield() end) coroutine.resume(c) end coroutine.close(c) end)",
            "pcall(function() local co = coroutine.wrap(function() while true do end end) co() end)",
        ])
    }
}

extension Array {
    func randomElement(using rng: inout SplitMix64) -> Element? { isEmpty ? nil : self[rng.below(count)] }
}
