import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// The network as GIS layers: `nodes` (points) and `edges` (lines), with ids, mode, length,
/// time, countries and crossing, units in the field names.
public enum NetworkLayers {
    public static func nodes(_ n: TransportNetwork) -> VectorLayerData {
        VectorLayerData(name: "nodes", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("node_id", .integer), FieldDefinition("kind", .string), FieldDefinition("mode", .string),
            FieldDefinition("country", .string), FieldDefinition("admin1", .string), FieldDefinition("degree", .integer),
        ], features: (0..<n.nodeCount).map { v in
            Feature(id: Int64(v), values: [
                .integer(Int64(v)), .string("\(n.nodeKind[v])"), n.nodeMode[v].map { .string($0.rawValue) } ?? .null,
                n.country(of: v).map(FieldValue.string) ?? .null, n.admin1(of: v).map(FieldValue.string) ?? .null,
                .integer(Int64(n.graph.arcs(of: v).count)),
            ], shape: .point(n.coordinate(of: v)))
        })
    }

    public static func edges(_ n: TransportNetwork) -> VectorLayerData {
        VectorLayerData(name: "edges", geometryKind: .lineString, crs: .wgs84, fields: [
            FieldDefinition("edge_id", .integer), FieldDefinition("from_node", .integer), FieldDefinition("to_node", .integer),
            FieldDefinition("mode", .string), FieldDefinition("length_m", .real), FieldDefinition("seconds", .real),
            FieldDefinition("base_seconds", .real), FieldDefinition("country_from", .string), FieldDefinition("country_to", .string),
            FieldDefinition("border", .integer), FieldDefinition("crossing_id", .string), FieldDefinition("crossing_status", .string),
            FieldDefinition("source", .string), FieldDefinition("oneway", .integer),
        ], features: (0..<n.edgeCount).map { e in
            let c = Int(n.edgeCrossing[e])
            let s = n.edgeSeconds(e)
            return Feature(id: Int64(e), values: [
                .integer(Int64(e)), .integer(Int64(n.edgeTail[e])), .integer(Int64(n.edgeHead[e])), .string(n.edgeMode[e].rawValue),
                .real(n.edgeLengthMeters[e]), s.isFinite ? .real(s) : .null, .real(n.edgeBaseSeconds[e]),
                n.country(of: Int(n.edgeTail[e])).map(FieldValue.string) ?? .null,
                n.country(of: Int(n.edgeHead[e])).map(FieldValue.string) ?? .null,
                .integer(n.edgeIsBorder[e] ? 1 : 0),
                c >= 0 ? .string(n.crossings[c].id) : .null,
                c >= 0 ? .string(n.crossings[c].status.rawValue) : (n.edgeIsBorder[e] ? .string("unknown") : .null),
                .string(n.edgeSource[e]), .integer(n.isOneWay(e) ? 1 : 0),
            ], shape: .lineString(n.shape(of: e)))
        })
    }

    /// Writes both layers: into one GeoPackage, or for single-layer formats the edges to
    /// `path` and the nodes to `NAME_nodes.EXT` beside it.
    public static func write(_ n: TransportNetwork, to path: String) throws {
        guard let format = VectorFormat(path: path) else { throw GeoError.unsupportedFormat(path: path) }
        if format.holdsSeveralLayers {
            try VectorWriter.write([nodes(n), edges(n)], to: path)
        } else {
            try VectorWriter.write([edges(n)], to: path)
            try VectorWriter.write([nodes(n)], to: siblingPath(path, suffix: "_nodes"))
        }
    }

    /// "dir/net.geojson" -> "dir/net_nodes.geojson" (keeps a .gz after the extension).
    public static func siblingPath(_ path: String, suffix: String) -> String { VectorWriter.siblingPath(path, suffix: suffix) }
}
