import CorridorData
import CorridorGeo
import Foundation

/// A layer as the builder takes it, with the file it came from for messages.
public struct InputLayer: Sendable {
    public var data: VectorLayerData
    public var label: String

    public init(data: VectorLayerData, label: String) {
        self.data = data
        self.label = label
    }
}

/// The layer kinds the builder understands.
public enum LayerKind: String, Sendable, CaseIterable {
    case road, rail, sea, borders, crossings, ports, places, countries, admin1
}

/// Everything the builder reads: layers by kind (only the kinds given are used) and the
/// speed and transfer assumptions.
public struct NetworkInputs: Sendable {
    public var layers: [LayerKind: InputLayer]
    public var speeds: [SpeedAssumption]
    public var transfers: [TransferAssumption]

    public init(layers: [LayerKind: InputLayer], speeds: [SpeedAssumption] = NetworkInputs.defaultSpeeds,
                transfers: [TransferAssumption] = NetworkInputs.defaultTransfers) {
        self.layers = layers
        self.speeds = speeds
        self.transfers = transfers
    }

    /// Assumptions for user files with no manifest.
    public static let defaultSpeeds: [SpeedAssumption] = [
        SpeedAssumption(mode: .road, country: nil, kilometersPerHour: 60, source: "default assumption"),
        SpeedAssumption(mode: .rail, country: nil, kilometersPerHour: 40, source: "default assumption"),
        SpeedAssumption(mode: .sea, country: nil, kilometersPerHour: 26, source: "default assumption"),
        SpeedAssumption(mode: .access, country: nil, kilometersPerHour: 30, source: "default assumption"),
    ]
    public static let defaultTransfers: [TransferAssumption] = [
        TransferAssumption(between: [.road, .rail], minutes: 240, source: "default assumption"),
        TransferAssumption(between: [.road, .sea], minutes: 720, source: "default assumption"),
        TransferAssumption(between: [.rail, .sea], minutes: 720, source: "default assumption"),
    ]

    /// The layers and assumptions of an embedded region.
    public static func region(_ region: Region) throws -> NetworkInputs {
        let kinds: [(LayerKind, String)] = [(.road, "roads"), (.rail, "rail"), (.sea, "sea_lanes"), (.borders, "borders"),
                                            (.crossings, "crossings"), (.ports, "seaports"), (.places, "places"),
                                            (.countries, "countries"), (.admin1, "admin1")]
        var layers: [LayerKind: InputLayer] = [:]
        for (kind, name) in kinds {
            let path = region.manifest.layerPath(name, in: region.directory) ?? name
            layers[kind] = InputLayer(data: try region.layer(name), label: path)
        }
        return NetworkInputs(layers: layers, speeds: region.manifest.speeds, transfers: region.manifest.transfers)
    }

    /// Reads user files (`kind=PATH`), reprojecting to WGS 84 longitude/latitude.
    /// - Parameters:
    ///   - specs: one `KIND=PATH` per layer, KIND a `LayerKind` raw value (`road`, `rail`,
    ///     `places`, ...), each kind at most once; PATH any vector file GDAL reads.
    ///   - crs: overrides a missing or wrong CRS in every file.
    /// - Throws: a one-line error naming the file for an unknown kind, unreadable file, empty
    ///   layer or missing CRS.
    public static func files(_ specs: [String], crs: CRS? = nil) throws -> NetworkInputs {
        var layers: [LayerKind: InputLayer] = [:]
        for spec in specs {
            guard let eq = spec.firstIndex(of: "="), let kind = LayerKind(rawValue: String(spec[..<eq])) else {
                throw DataError.invalid("--layers \(spec)", "expected KIND=PATH with KIND one of \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let path = String(spec[spec.index(after: eq)...])
            guard layers[kind] == nil else { throw DataError.invalid("--layers \(spec)", "\(kind.rawValue) given twice") }
            var data = try VectorDataset(path: path).layer().readAll()
            guard !data.features.isEmpty else { throw DataError.invalid(path, "layer '\(data.name)' is empty") }
            guard let source = crs ?? data.crs else {
                throw DataError.invalid(path, "no CRS; pass --crs (e.g. --crs EPSG:4326)")
            }
            if source != .wgs84 {
                let t = try CoordinateTransform(from: source, to: .wgs84)
                for i in data.features.indices {
                    if let s = data.features[i].shape { data.features[i].shape = try t.forward(s) }
                }
                data.crs = .wgs84
            }
            layers[kind] = InputLayer(data: data, label: path)
        }
        return NetworkInputs(layers: layers)
    }
}

/// Builder settings.
public struct NetworkOptions: Sendable, Codable {
    /// Dangling line ends within this distance of another line's node are joined.
    public var snapToleranceMeters = 25.0
    /// A border edge matches a crossing of its mode and countries within this distance.
    public var crossingMatchMeters = 2500.0
    /// Border edges no crossing matches within `crossingMatchMeters` match a crossing of their
    /// mode and countries within this distance: a port of entry is an administrative unit that
    /// can span several bridges (Laredo, El Paso, Detroit's bridge and tunnel).
    public var portAreaMeters = 15_000.0
    /// A port of entry that no border edge passes is joined by a connector to the nearest node
    /// of its mode on each side within this distance (an assumption, reported per port);
    /// 0 turns the connectors off.
    public var portConnectorMaxMeters = 50_000.0
    /// Places, terminals and ports link only to nodes of line components with at least this
    /// many nodes (or the mode's largest component), so a stray fragment is not an entry point.
    public var minimumComponentNodes = 50
    /// Places farther than this from every network node stay unconnected.
    public var placeAccessMaxMeters = 50_000.0
    /// Places at least this populous get a road-rail terminal when rail is near.
    public var terminalMinPopulation = 50_000.0
    /// How far a terminal or port reaches for a rail node.
    public var railLinkMaxMeters = 10_000.0
    /// How far a port reaches for a road node.
    public var portRoadMaxMeters = 30_000.0
    /// How far a port reaches for a sea-lane node (sea lanes are coarse offshore).
    public var portSeaMaxMeters = 150_000.0
    /// Opens border edges with no known crossing with this delay; nil keeps them closed.
    public var unknownCrossingDelaySeconds: Double?
    /// Builds with the curated repairs (line features with a `repair` value, crossings'
    /// `port_area_km`); false builds the sources as they were, to see what the repairs fix.
    public var applyRepairs = true
    /// Merges the edges meeting at nodes that only join two of them (as OSMnx simplifies an
    /// OpenStreetMap graph); off for the embedded regions, whose results stay as published.
    public var simplify = false

    public init() {}

    /// The defaults for an OpenStreetMap extract: ways meet at shared nodes, so no snapping,
    /// and chains are merged as OSMnx simplifies (``simplify``).
    public static var openStreetMap: NetworkOptions {
        var options = NetworkOptions()
        options.snapToleranceMeters = 0
        options.simplify = true
        return options
    }

    /// The defaults with the region's own settings (its snap tolerance).
    public init(for region: Region) {
        self.init()
        snapToleranceMeters = region.manifest.snapToleranceMeters ?? snapToleranceMeters
    }
}
