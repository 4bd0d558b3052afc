import CorridorFlows
import CorridorGeo

/// Assignment results as GIS layers and tables, units in the field names.
public enum FlowLayers {
    /// One feature per link: its nodes (1-based, as in TNTP files), free-flow time, capacity,
    /// final flow and cost, volume/capacity, each class's flow when there are several, and the
    /// flow of each select-link query's trips.
    /// - Parameters:
    ///   - r: the assignment's result: final flows and costs, per-class flows, select-link flows.
    ///   - network: the network `r` was assigned on (its links, nodes and cost functions).
    ///   - classNames: the traffic classes' names, in the order of `r.classFlows`; with more
    ///     than one, each class's flow gets a field `flow_NAME`.
    ///   - coordinates: per node (0-based); with them the layer has straight-line geometry.
    ///   - crs: the coordinates' CRS.
    public static func links(_ r: AssignmentResult, network: AssignmentNetwork, classNames: [String],
                             coordinates: [Coordinate]? = nil, crs: CRS? = nil) -> VectorLayerData {
        let costs = network.costs
        var fields = [
            FieldDefinition("link", .integer), FieldDefinition("from_node", .integer), FieldDefinition("to_node", .integer),
            FieldDefinition("free_flow_time", .real), FieldDefinition("capacity", .real), FieldDefinition("flow", .real),
            FieldDefinition("cost", .real), FieldDefinition("volume_capacity", .real),
        ]
        if classNames.count > 1 { fields += classNames.map { FieldDefinition("flow_\($0)", .real) } }
        let selects = r.selectLinks
        fields += selects.map { FieldDefinition("select_\($0.query.name)\(classNames.count > 1 ? "_\($0.className)" : "")", .real) }
        let features = (0..<network.linkCount).map { l -> Feature in
            let t = Int(network.tails[l]), h = Int(network.heads[l])
            let cap = costs.capacity[l]
            var values: [FieldValue] = [
                .integer(Int64(l + 1)), .integer(Int64(t + 1)), .integer(Int64(h + 1)),
                .real(costs.freeFlowTime[l]), .real(cap), .real(r.linkFlows[l]), .real(r.linkCosts[l]),
                cap > 0 && cap.isFinite ? .real(r.linkFlows[l] / cap) : .null,
            ]
            if classNames.count > 1 { values += r.classFlows.map { .real($0[l]) } }
            values += selects.map { .real($0.linkFlows[l]) }
            let shape = coordinates.map { Shape.lineString([$0[t], $0[h]]) }
            return Feature(id: Int64(l), values: values, shape: shape)
        }
        return VectorLayerData(name: "link_flows", geometryKind: coordinates == nil ? nil : .lineString,
                               crs: coordinates == nil ? nil : crs, fields: fields, features: features)
    }
}
