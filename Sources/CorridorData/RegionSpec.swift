import CorridorGeo

/// The transport modes of the network.
public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
    case road
    case rail
    case sea
    /// A ferry across a border (BTS ports with no land border within reach).
    case ferry
    /// Connectors from places and ports to the nearest network node.
    case access
    /// Transfers between modes at stations, ports and cities.
    case transfer
}

/// The state of a crossing for one mode.
public enum CrossingStatus: String, Sendable, Hashable, Codable {
    case open
    case closed
    case planned
    /// A candidate found in the geometry but not confirmed; closed unless opened.
    case unverified
}

/// A speed assumption for a mode, optionally for one country, with where it comes from.
public struct SpeedAssumption: Sendable, Hashable, Codable {
    public var mode: Mode
    public var country: String?
    public var kilometersPerHour: Double
    public var source: String

    public init(mode: Mode, country: String?, kilometersPerHour: Double, source: String) {
        self.mode = mode
        self.country = country
        self.kilometersPerHour = kilometersPerHour
        self.source = source
    }
}

/// A transfer time between two modes, with where it comes from.
public struct TransferAssumption: Sendable, Hashable, Codable {
    public var between: [Mode]
    public var minutes: Double
    public var source: String

    public init(between: [Mode], minutes: Double, source: String) {
        self.between = between
        self.minutes = minutes
        self.source = source
    }
}

/// A named corridor as ordered waypoint names.
public struct CorridorSpec: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var waypoints: [String]
    public var note: String?
    /// The line modes the corridor is measured on (e.g. ["rail"] for a railway line); nil
    /// for every mode.
    public var modes: [Mode]?
}

/// A curated connector that closes a gap in a line source: a road or rail line from an
/// existing vertex to another, with the quality-review finding that prompted it and the
/// evidence that the two lines meet on the ground.
public struct LineRepair: Sendable, Hashable, Codable {
    public var id: String
    public var mode: Mode
    /// Two or more [lon, lat] positions; the first and last must be vertices of the mode's lines.
    public var line: [[Double]]
    /// The quality-review finding (kind and numbers) that prompted the repair.
    public var finding: String
    /// Why the lines meet on the ground.
    public var evidence: String
}

/// A scenario preset: operations are interpreted by the scenario engine.
public struct ScenarioPreset: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var description: String
    public var operations: [JSONValue]
    /// What the option costs, with its source (for `corridor appraise`).
    public var cost: OptionCost?
}

/// An integration agreement between countries (e.g. NAFTA from 1994-01-01), mapped to a
/// border-friction parameter: the factor on every crossing delay between any two of its
/// countries while it is in force, relative to no agreement (1). The literature gives
/// categories, not numbers, so each factor is a labelled assumption the user can change.
public struct IntegrationRegime: Sendable, Hashable, Codable {
    public var name: String
    public var category: String
    /// ISO codes; the regime covers every pair among them.
    public var countries: [String]
    /// In force from this day (ISO 8601, inclusive) until `until` (exclusive), if set.
    public var from: String
    public var until: String?
    public var delayFactor: Double
    public var source: String

    public init(name: String, category: String, countries: [String], from: String, until: String? = nil, delayFactor: Double, source: String) {
        self.name = name
        self.category = category
        self.countries = countries
        self.from = from
        self.until = until
        self.delayFactor = delayFactor
        self.source = source
    }

    /// In force on `day` (ISO 8601 dates compare as text).
    public func isInForce(on day: String) -> Bool { from <= day && (until.map { day < $0 } ?? true) }

    public func covers(_ a: String, _ b: String) -> Bool { a != b && countries.contains(a) && countries.contains(b) }
}

/// The hand-written description of a region in Curation/<region>.json.
public struct RegionSpec: Sendable, Codable {
    public var region: String
    public var title: String
    public var description: String
    /// [minLon, minLat, maxLon, maxLat].
    public var bbox: [Double]
    public var bboxNote: String?
    public var countries: [String]
    /// Countries restricted to some admin-1 units (Natural Earth names).
    public var admin1: [String: [String]]?
    public var metricCRS: String
    public var metricCRSNote: String?
    public var sources: [String: String]
    /// The builder's snap tolerance suited to this region's line data.
    public var snapToleranceMeters: Double?
    public var snapToleranceNote: String?
    public var crossings: String
    public var speeds: [SpeedAssumption]
    public var transfers: [TransferAssumption]
    public var corridors: [CorridorSpec]
    /// Curated connectors for gaps the quality review found in the line sources.
    public var repairs: [LineRepair]?
    public var scenarios: [ScenarioPreset]
    /// Integration agreements between countries over time, as border-friction parameters.
    public var regimes: [IntegrationRegime]?
    /// Appraisal defaults: discounting, growth, value of time, currency tables.
    public var appraisal: AppraisalDefaults?
    /// The demand model: zones, trip segments, crossing capacities.
    public var flows: FlowDefaults?
    /// The governance curation file in Curation/ (initiatives, gates, twin cities).
    public var governance: String?

    public var envelope: Envelope {
        Envelope(minX: bbox[0], minY: bbox[1], maxX: bbox[2], maxY: bbox[3])
    }
}

/// One mode of a curated crossing.
public struct CrossingModeSpec: Sendable, Hashable, Codable {
    public var mode: Mode
    public var status: CrossingStatus
    public var hint: [Double]
    /// Overrides the file's search radius, e.g. to keep a new bridge off its older neighbour.
    public var searchRadiusKilometers: Double?
    /// Why no line of this mode reaches the crossing in the sources, when none does.
    public var missingGeometry: String?
    public var delayMinutes: Double
    public var delaySource: String
    /// The change of track gauge at a rail crossing between 1,435 mm and 1,520 mm networks.
    public var gaugeChange: GaugeChangeSpec?
}

/// A change of track gauge at a rail crossing: its own time on top of the border delay.
public struct GaugeChangeSpec: Sendable, Hashable, Codable {
    /// The two gauges in millimetres, e.g. [1435, 1520].
    public var gauges: [Int]
    /// "transshipment", "bogie exchange", "variable gauge" or "dual gauge".
    public var method: String
    public var minutes: Double
    public var source: String

    /// One line for layers and reports: "transshipment 1435/1520 mm (assumption: ...)", the
    /// method and gauges, then the source in parentheses.
    public var label: String {
        "\(method) \(gauges.map(String.init).joined(separator: "/")) mm (\(source))"
    }

    /// Checks the entry.
    /// - Parameter context: the crossing named in the error.
    /// - Throws: `DataError.invalid` naming the crossing for an unknown method, fewer than two
    ///   gauges or a negative time.
    public func validate(_ context: String) throws {
        guard ["transshipment", "bogie exchange", "variable gauge", "dual gauge"].contains(method) else {
            throw DataError.invalid(context, "gaugeChange method '\(method)' is not transshipment, bogie exchange, variable gauge or dual gauge")
        }
        guard gauges.count == 2, gauges[0] != gauges[1], gauges.allSatisfy({ $0 >= 600 && $0 <= 1700 }) else {
            throw DataError.invalid(context, "gaugeChange gauges \(gauges) must be two different gauges in millimetres")
        }
        guard minutes.isFinite, minutes >= 0 else { throw DataError.invalid(context, "gaugeChange minutes \(minutes) must be a non-negative number") }
    }
}

/// A curated crossing with its modes.
public struct CrossingSpec: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var countries: [String]
    public var note: String?
    public var modes: [CrossingModeSpec]
}

/// Curation/crossings-northeast-asia.json.
public struct CuratedCrossings: Sendable, Codable {
    public var description: String
    public var searchRadiusKilometers: Double
    public var crossings: [CrossingSpec]?
    public var defaultDelays: [DefaultDelay]?
    public var overrides: [PortOverride]?
    public var planned: [CrossingSpec]?

    public struct DefaultDelay: Sendable, Hashable, Codable {
        public var border: [String]
        public var mode: Mode
        public var delayMinutes: Double
        public var delaySource: String
    }

    public struct PortOverride: Sendable, Hashable, Codable {
        public var portCode: String
        public var id: String
        public var name: String
        public var hints: [String: [Double]]
        /// The radius of the port's area when it spans structures farther apart than the
        /// builder's default (e.g. Buffalo–Niagara Falls: the Peace, Rainbow, Whirlpool and
        /// Lewiston–Queenston bridges), with where that comes from.
        public var areaKilometers: Double?
        public var areaSource: String?
    }
}

/// Curation/places-supplement.json.
public struct PlaceSupplement: Sendable, Codable {
    public struct Place: Sendable, Hashable, Codable {
        public var name: String
        public var country: String
        public var lon: Double
        public var lat: Double
    }
    public var description: String
    public var places: [Place]
    public var aliases: [String: String]
}
