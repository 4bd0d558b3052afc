import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// Analysis results as GIS layers, units in the field names.
public enum ResultLayers {
    public static func accessibility(_ r: AccessibilityResult, network: TransportNetwork) -> VectorLayerData {
        func real(_ v: Double) -> FieldValue { v.isFinite ? .real(v) : .null }
        let within = "population_within_\(Int(r.withinHours))h"
        return VectorLayerData(name: "accessibility", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("place_id", .string), FieldDefinition("name", .string), FieldDefinition("country", .string),
            FieldDefinition("admin1", .string), FieldDefinition("population", .real), FieldDefinition("hours_to_port", .real),
            FieldDefinition("hours_to_open_crossing", .real), FieldDefinition("hours_to_nearest_capital", .real),
            FieldDefinition("hours_to_own_capital", .real), FieldDefinition(within, .real),
            FieldDefinition("gravity_exp", .real), FieldDefinition("gravity_power", .real),
            FieldDefinition("seaport_access_2sfca_per_1000", .real),
        ], features: network.places.enumerated().map { i, p in
            let node = Int(p.node)
            let road = network.graph.arcs(of: node).first.map { Int(network.graph.head[$0]) }
            return Feature(id: Int64(i), values: [
                .string(r.placeIds[i]), .string(r.placeNames[i]), .string(r.countries[i]),
                road.flatMap { network.admin1(of: $0) }.map(FieldValue.string) ?? .null,
                .real(r.population[i]), real(r.hoursToNearestPort[i]), real(r.hoursToNearestOpenCrossing[i]),
                real(r.hoursToNearestCapital[i]), real(r.hoursToOwnCapital[i]), real(r.populationWithin[i]), real(r.gravityExponential[i]), real(r.gravityPower[i]),
                real(r.seaportAccess2SFCA[i] * 1000),
            ], shape: .point(network.coordinate(of: node)))
        })
    }

    /// A travel-time table as desire lines: one straight line per origin–destination pair.
    /// - Parameters: table: seconds, row-major over `origins` × `destinations` (place indices).
    public static func travelTimes(_ table: [Double], origins: [Int], destinations: [Int], network: TransportNetwork) -> VectorLayerData {
        var features: [Feature] = []
        for (i, a) in origins.enumerated() {
            let pa = network.places[a], ca = network.coordinate(of: Int(pa.node))
            for (j, b) in destinations.enumerated() {
                let pb = network.places[b], t = table[i * destinations.count + j]
                features.append(Feature(id: Int64(features.count), values: [
                    .string(pa.id), .string(pa.name), .string(pa.country), .string(pb.id), .string(pb.name), .string(pb.country),
                    t.isFinite ? .real(t / 3600) : .null,
                ], shape: .lineString([ca, network.coordinate(of: Int(pb.node))])))
            }
        }
        return VectorLayerData(name: "travel_times", geometryKind: .lineString, crs: .wgs84, fields: [
            FieldDefinition("from_id", .string), FieldDefinition("from_name", .string), FieldDefinition("from_country", .string),
            FieldDefinition("to_id", .string), FieldDefinition("to_name", .string), FieldDefinition("to_country", .string),
            FieldDefinition("hours", .real),
        ], features: features)
    }

    /// Per-node accessibility as a point layer over every network node.
    public static func nodeAccessibility(_ r: NodeAccessibility, network: TransportNetwork) -> VectorLayerData {
        func real(_ v: Double) -> FieldValue { v.isFinite ? .real(v) : .null }
        return VectorLayerData(name: "node_accessibility", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("node_id", .integer), FieldDefinition("kind", .string), FieldDefinition("mode", .string),
            FieldDefinition("country", .string), FieldDefinition("hours_to_port", .real),
            FieldDefinition("hours_to_open_crossing", .real), FieldDefinition("hours_to_nearest_capital", .real),
            FieldDefinition("hours_to_own_capital", .real), FieldDefinition("population_within_\(Int(r.withinHours))h", .real),
            FieldDefinition("gravity_exp", .real),
        ], features: (0..<network.nodeCount).map { v in
            Feature(id: Int64(v), values: [
                .integer(Int64(v)), .string("\(network.nodeKind[v])"), network.nodeMode[v].map { .string($0.rawValue) } ?? .null,
                network.country(of: v).map(FieldValue.string) ?? .null, real(r.hoursToNearestPort[v]),
                real(r.hoursToNearestOpenCrossing[v]), real(r.hoursToNearestCapital[v]), real(r.hoursToOwnCapital[v]),
                .real(r.populationWithin[v]), .real(r.gravityExponential[v]),
            ], shape: .point(network.coordinate(of: v)))
        })
    }

    /// Node values of one measure (e.g. betweenness) as a point layer.
    public static func nodeMeasure(_ values: [Double], name: String, network: TransportNetwork) -> VectorLayerData {
        VectorLayerData(name: name, geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("node_id", .integer), FieldDefinition("kind", .string), FieldDefinition("mode", .string),
            FieldDefinition("country", .string), FieldDefinition(name, .real),
        ], features: values.enumerated().map { v, x in
            Feature(id: Int64(v), values: [
                .integer(Int64(v)), .string("\(network.nodeKind[v])"), network.nodeMode[v].map { .string($0.rawValue) } ?? .null,
                network.country(of: v).map(FieldValue.string) ?? .null, x.isFinite ? .real(x) : .null,
            ], shape: .point(network.coordinate(of: v)))
        })
    }
}

extension ResultLayers {
    /// Per-place changes of one or more scenarios in one layer (a `scenario` field tells them apart).
    public static func scenarioChanges(_ results: [ScenarioEvaluation], network: TransportNetwork) -> VectorLayerData {
        var features: [Feature] = []
        for r in results {
            for (i, p) in r.places.enumerated() {
                let change = p.gravityBefore > 0 ? (p.gravityAfter - p.gravityBefore) / p.gravityBefore * 100 : 0
                features.append(Feature(id: Int64(features.count), values: [
                    .string(r.scenario), .string(p.placeId), .string(p.name), .string(p.country), .string(p.admin1), .real(p.population),
                    .real(p.gravityBefore), .real(p.gravityAfter), .real(change),
                    .real(p.populationWithinBefore), .real(p.populationWithinAfter),
                    .real(p.populationReachableAfter - p.populationReachableBefore),
                ], shape: .point(network.coordinate(of: Int(network.places[i].node)))))
            }
        }
        return VectorLayerData(name: "scenario_changes", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("scenario", .string), FieldDefinition("place_id", .string), FieldDefinition("name", .string),
            FieldDefinition("country", .string), FieldDefinition("admin1", .string), FieldDefinition("population", .real),
            FieldDefinition("gravity_before", .real), FieldDefinition("gravity_after", .real), FieldDefinition("gravity_change_pct", .real),
            FieldDefinition("pop_within_before", .real), FieldDefinition("pop_within_after", .real),
            FieldDefinition("newly_reachable_population", .real),
        ], features: features)
    }
}

extension ResultLayers {
    /// Every tested link with the loss its removal causes, as lines.
    public static func linkCriticality(_ r: Criticality.LinkCriticality, network: TransportNetwork) -> VectorLayerData {
        VectorLayerData(name: "link_criticality", geometryKind: .multiLineString, crs: .wgs84, fields: [
            FieldDefinition("rank", .integer), FieldDefinition("edge_id", .integer), FieldDefinition("edge_count", .integer),
            FieldDefinition("length_km", .real), FieldDefinition("mode", .string),
            FieldDefinition("source", .string), FieldDefinition("crossing", .string),
            FieldDefinition("weighted_hours_added", .real), FieldDefinition("pairs_disconnected", .integer),
            FieldDefinition("pairs_affected", .integer), FieldDefinition("pairs_using", .integer),
            FieldDefinition("is_bridge", .integer), FieldDefinition("touches_cut_vertex", .integer),
        ], features: r.links.enumerated().map { rank, l in
            Feature(id: Int64(rank), values: [
                .integer(Int64(rank + 1)), .integer(Int64(l.edge)), .integer(Int64(l.edges.count)), .real(l.kilometers), .string(l.mode), .string(l.source),
                l.crossing.map(FieldValue.string) ?? .null, .real(l.weightedHoursAdded), .integer(Int64(l.pairsDisconnected)),
                .integer(Int64(l.pairsAffected)), .integer(Int64(l.pairsUsing)),
                .integer(l.isBridge ? 1 : 0), .integer(l.touchesArticulationPoint ? 1 : 0),
            ], shape: .multiLineString(l.edges.map { network.shape(of: $0) }))
        })
    }
}

extension ResultLayers {
    /// The border-zone inventory as two layers: the band on each side (polygons with the
    /// side's counts) and the stretches between crossings (points at their middles).
    public static func borderZone(_ zones: [BorderZoneInventory]) -> [VectorLayerData] {
        var bandFeatures: [Feature] = [], gapFeatures: [Feature] = []
        for z in zones {
            for (side, shape) in zip(z.sides, z.bands) {
                bandFeatures.append(Feature(id: Int64(bandFeatures.count), values: [
                    .string(z.border), .string(side.country), .real(z.widthKilometers), .real(side.areaSquareKilometers),
                    .integer(Int64(side.places)), .real(side.population), .integer(Int64(side.seaports)),
                    .real(side.kilometersByMode["road"] ?? 0), .real(side.kilometersByMode["rail"] ?? 0),
                    .integer(Int64(z.openCrossings)), .real(z.openCrossingsPer100Kilometers),
                ], shape: shape))
            }
            for g in z.gaps {
                gapFeatures.append(Feature(id: Int64(gapFeatures.count), values: [
                    .string(z.border), .string(g.from), .string(g.to), .real(g.kilometers), .integer(g.atBorderEnd ? 1 : 0),
                ], shape: .point(Coordinate(lon: g.lon, lat: g.lat))))
            }
        }
        return [
            VectorLayerData(name: "border_zone", geometryKind: .multiPolygon, crs: .wgs84, fields: [
                FieldDefinition("border", .string), FieldDefinition("country", .string), FieldDefinition("width_km", .real),
                FieldDefinition("area_km2", .real), FieldDefinition("places", .integer), FieldDefinition("population", .real),
                FieldDefinition("seaports", .integer), FieldDefinition("road_km", .real), FieldDefinition("rail_km", .real),
                FieldDefinition("open_crossings", .integer), FieldDefinition("open_crossings_per_100km", .real),
            ], features: bandFeatures),
            VectorLayerData(name: "border_gaps", geometryKind: .point, crs: .wgs84, fields: [
                FieldDefinition("border", .string), FieldDefinition("from", .string), FieldDefinition("to", .string),
                FieldDefinition("gap_km", .real), FieldDefinition("at_border_end", .integer),
            ], features: gapFeatures),
        ]
    }
}

extension ResultLayers {
    /// The findings of a quality review as points, the other end of a suggested connector in
    /// `to_lon`/`to_lat`, the numbers behind each as JSON.
    public static func qaFindings(_ qa: NetworkQA) -> VectorLayerData {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return VectorLayerData(name: "qa_findings", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("kind", .string), FieldDefinition("mode", .string), FieldDefinition("detail", .string), FieldDefinition("fix", .string),
            FieldDefinition("edge_id", .integer), FieldDefinition("node_id", .integer), FieldDefinition("to_lon", .real), FieldDefinition("to_lat", .real),
            FieldDefinition("gap_m", .real), FieldDefinition("population", .real), FieldDefinition("values", .string),
        ], features: qa.findings.enumerated().map { i, f -> Feature in
            func real(_ v: Double?) -> FieldValue { v.map(FieldValue.real) ?? .null }
            func int(_ v: Int?) -> FieldValue { v.map { FieldValue.integer(Int64($0)) } ?? .null }
            let json = (try? e.encode(f.values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            let values: [FieldValue] = [
                .string(f.kind.rawValue), f.mode.map(FieldValue.string) ?? .null, .string(f.detail), .string(f.fix),
                int(f.edge), int(f.node), real(f.toLon), real(f.toLat), real(f.values["gapMeters"]), real(f.values["population"]), .string(json),
            ]
            return Feature(id: Int64(i), values: values, shape: .point(Coordinate(lon: f.lon, lat: f.lat)))
        })
    }
}
