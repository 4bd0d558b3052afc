import Foundation

/// The governance curation of a region (Curation/governance-*.json): initiatives and
/// agreements as dated memberships of jurisdictions, the places and crossings each claims,
/// gates (preconditions) on crossings and options with a state and a source, and twin and
/// sister cities. Jurisdictions are country codes ("PRK") or admin-1 units as the network
/// names them ("CHN/Jilin").
public struct GovernanceSpec: Sendable, Hashable, Codable {
    public var description: String?
    public var initiatives: [Initiative]
    public var gates: [Gate]
    public var twinCities: [TwinCities]?

    public init(description: String? = nil, initiatives: [Initiative], gates: [Gate], twinCities: [TwinCities]? = nil) {
        self.description = description
        self.initiatives = initiatives
        self.gates = gates
        self.twinCities = twinCities
    }

    /// An agreement, initiative, programme or development belt.
    public struct Initiative: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        /// agreement, initiative, programme or belt.
        public var kind: String
        /// In force from this day (YYYY-MM-DD, inclusive) until `until` (exclusive), when given.
        public var from: String?
        public var until: String?
        public var source: String
        public var members: [Membership]
        /// The places and crossings the initiative names as its nodes, hubs or zones.
        public var claims: [Claim]?
        public var claimsSource: String?

        public init(id: String, name: String, kind: String, from: String? = nil, until: String? = nil, source: String,
                    members: [Membership], claims: [Claim]? = nil, claimsSource: String? = nil) {
            self.id = id
            self.name = name
            self.kind = kind
            self.from = from
            self.until = until
            self.source = source
            self.members = members
            self.claims = claims
            self.claimsSource = claimsSource
        }

        /// In force on `day` (ISO dates compare as text).
        public func isInForce(on day: String) -> Bool {
            (from.map { $0 <= day } ?? true) && (until.map { day < $0 } ?? true)
        }

        /// The jurisdictions that are members on `day` (none while the initiative is not in force).
        public func members(on day: String) -> [String] {
            guard isInForce(on: day) else { return [] }
            return Array(Set(members.filter { $0.isInForce(on: day) }.map(\.jurisdiction))).sorted()
        }
    }

    /// A jurisdiction's membership of an initiative over time.
    public struct Membership: Sendable, Hashable, Codable {
        public var jurisdiction: String
        public var from: String
        /// Exclusive end (the day the member left), when it left.
        public var until: String?
        public var source: String?

        public init(jurisdiction: String, from: String, until: String? = nil, source: String? = nil) {
            self.jurisdiction = jurisdiction
            self.from = from
            self.until = until
            self.source = source
        }

        public func isInForce(on day: String) -> Bool { from <= day && (until.map { day < $0 } ?? true) }
    }

    /// A place (by name, or "name, AAA") or a crossing (by id) an initiative claims.
    public struct Claim: Sendable, Hashable, Codable {
        public var place: String?
        public var crossing: String?

        public init(place: String? = nil, crossing: String? = nil) {
            self.place = place
            self.crossing = crossing
        }
    }

    /// A precondition of crossings or options: its state now and what it applies to.
    public struct Gate: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        /// met, partial or unmet (see `GateState`).
        public var state: String
        /// Difficulty weight in the gate burden (default 1).
        public var weight: Double?
        public var source: String
        public var note: String?
        public var applies: [GateSelector]

        public init(id: String, name: String, state: GateState, weight: Double? = nil, source: String, note: String? = nil, applies: [GateSelector]) {
            self.id = id
            self.name = name
            self.state = state.rawValue
            self.weight = weight
            self.source = source
            self.note = note
            self.applies = applies
        }

        /// The state (unmet if the text is not one; `validate` refuses that).
        public var gateState: GateState { GateState(rawValue: state) ?? .unmet }
    }

    /// What a gate applies to: every crossing between two countries, one crossing (one mode
    /// or all), or a scenario preset.
    public struct GateSelector: Sendable, Hashable, Codable {
        public var between: [String]?
        public var crossing: String?
        public var mode: Mode?
        public var scenario: String?

        public init(between: [String]? = nil, crossing: String? = nil, mode: Mode? = nil, scenario: String? = nil) {
            self.between = between
            self.crossing = crossing
            self.mode = mode
            self.scenario = scenario
        }
    }

    /// Two cities facing each other across a border (twin) or joined by a sister-city
    /// agreement (sister).
    public struct TwinCities: Sendable, Hashable, Codable {
        public var a: String
        public var b: String
        public var relation: String
        public var source: String

        public init(a: String, b: String, relation: String, source: String) {
            self.a = a
            self.b = b
            self.relation = relation
            self.source = source
        }
    }

    /// Reads and checks a governance file.
    /// - Throws: `DataError` naming the file and the entry at fault.
    public static func load(path: String) throws -> GovernanceSpec {
        let spec = try loadJSON(GovernanceSpec.self, URL(fileURLWithPath: path))
        try spec.validate(path)
        return spec
    }

    /// Checks ids, dates, states, weights and selectors.
    /// - Parameter label: names the file in errors.
    /// - Throws: `DataError.invalid` naming the file and the entry at fault.
    public func validate(_ label: String) throws {
        func span(_ from: String?, _ until: String?, _ entry: String) throws {
            for d in [from, until].compactMap({ $0 }) where !CalendarDay.isValid(d) {
                throw DataError.invalid("\(label): \(entry)", "date '\(d)' is not YYYY-MM-DD")
            }
            if let f = from, let u = until, u <= f {
                throw DataError.invalid("\(label): \(entry)", "ends (\(u)) before it starts (\(f))")
            }
        }
        func jurisdiction(_ j: String, _ entry: String) throws {
            let parts = j.split(separator: "/", maxSplits: 1)
            guard let code = parts.first, code.count == 3, code.allSatisfy({ $0.isUppercase && $0.isASCII }), parts.count == 1 || !parts[1].isEmpty else {
                throw DataError.invalid("\(label): \(entry)", "jurisdiction '\(j)' is neither a country code (AAA) nor an admin-1 unit (AAA/name)")
            }
        }
        var seen = Set<String>()
        for i in initiatives {
            let entry = "initiative \(i.id)"
            guard !i.id.isEmpty, seen.insert("i:" + i.id).inserted else { throw DataError.invalid("\(label): \(entry)", "empty or repeated id") }
            guard ["agreement", "initiative", "programme", "belt"].contains(i.kind) else {
                throw DataError.invalid("\(label): \(entry)", "unknown kind '\(i.kind)' (agreement, initiative, programme, belt)")
            }
            try span(i.from, i.until, entry)
            for m in i.members {
                let e = "\(entry) member \(m.jurisdiction)"
                try jurisdiction(m.jurisdiction, e)
                try span(m.from, m.until, e)
            }
            for c in i.claims ?? [] where (c.place == nil) == (c.crossing == nil) {
                throw DataError.invalid("\(label): \(entry)", "a claim names one place or one crossing")
            }
        }
        for g in gates {
            let entry = "gate \(g.id)"
            guard !g.id.isEmpty, seen.insert("g:" + g.id).inserted else { throw DataError.invalid("\(label): \(entry)", "empty or repeated id") }
            guard GateState(rawValue: g.state) != nil else {
                throw DataError.invalid("\(label): \(entry)", "unknown state '\(g.state)' (met, partial, unmet)")
            }
            if let w = g.weight, !(w.isFinite && w > 0 && w <= 100) { throw DataError.invalid("\(label): \(entry)", "weight \(w) must be in (0, 100]") }
            guard !g.applies.isEmpty else { throw DataError.invalid("\(label): \(entry)", "applies to nothing") }
            for s in g.applies {
                let kinds = [s.between != nil, s.crossing != nil, s.scenario != nil].filter { $0 }.count
                guard kinds == 1 else { throw DataError.invalid("\(label): \(entry)", "each selector names one of between, crossing, scenario") }
                if let b = s.between {
                    guard b.count == 2, b[0] != b[1] else { throw DataError.invalid("\(label): \(entry)", "between names two different countries") }
                    for c in b { try jurisdiction(c, entry) }
                }
                if s.mode != nil && s.crossing == nil { throw DataError.invalid("\(label): \(entry)", "a mode goes with a crossing") }
            }
        }
        for t in twinCities ?? [] where !["twin", "sister"].contains(t.relation) {
            throw DataError.invalid("\(label): twin cities \(t.a)–\(t.b)", "unknown relation '\(t.relation)' (twin, sister)")
        }
    }
}

/// The state of a gate: met (no longer blocks), partial (half its weight), unmet.
public enum GateState: String, Sendable, Hashable, Codable, CaseIterable {
    case met, partial, unmet

    /// The share of a gate's weight that still counts in a burden.
    public var burdenFactor: Double {
        switch self {
        case .met: return 0
        case .partial: return 0.5
        case .unmet: return 1
        }
    }
}

