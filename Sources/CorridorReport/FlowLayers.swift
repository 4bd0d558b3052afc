import CorridorFlows
import CorridorGeo
import CorridorNetwork

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

    /// A region's flows at equilibrium as two layers: `crossing_flows`, one point per crossing
    /// (at its first border edge) with each segment's vehicles a year in and out, the
    /// volume/capacity ratio and the hours through, congested and free-flow; and
    /// `routed_flows`, one straight line per link of the compact network that carries flow
    /// (zone to crossing, crossing to crossing inside a country, crossing to zone), with its
    /// flow in passenger-car equivalents a year and its kind.
    /// - Parameters:
    ///   - model: the region's demand model.
    ///   - run: an equilibrium of `model`.
    ///   - network: the network `model` was built on (for the coordinates).
    public static func region(_ model: RegionFlowModel, run: RegionFlowRun, network: TransportNetwork) -> [VectorLayerData] {
        let segments = run.segments.map(\.name)
        var fields = [FieldDefinition("crossing_id", .string), FieldDefinition("name", .string), FieldDefinition("bts_port_code", .string),
                      FieldDefinition("inbound_country", .string)]
        for s in segments { fields += [FieldDefinition("\(s)_in_per_year", .real), FieldDefinition("\(s)_out_per_year", .real)] }
        fields += [FieldDefinition("volume_capacity", .real), FieldDefinition("hours_congested", .real), FieldDefinition("hours_free_flow", .real)]
        let firstEdge = Dictionary(model.crossingLinks.map { ($0.crossingId, $0) }, uniquingKeysWith: { a, _ in a })
        let crossings = run.volumes.enumerated().map { i, v -> Feature in
            var values: [FieldValue] = [.string(v.crossingId), .string(v.name), v.btsPortCode.map { .string($0) } ?? .null, .string(v.intoCountry)]
            for k in segments.indices { values += [.real(v.inbound[k]), .real(v.outbound[k])] }
            values += [.real(v.volumeCapacityRatio), .real(v.congestedHours), .real(v.freeFlowHours)]
            let at = firstEdge[v.crossingId].map { network.coordinate(of: $0.nodeA) }
            return Feature(id: Int64(i), values: values, shape: at.map { Shape.point($0) })
        }
        let net = model.assignmentNetwork
        let congested = Set(model.crossingAssignmentLinks.flatMap { [$0.forward, $0.backward] })
        let z = model.zones.count
        var lines: [Feature] = []
        for l in 0..<net.linkCount where !congested.contains(l) && run.result.linkFlows[l] > 0 {
            let t = Int(net.tails[l]), h = Int(net.heads[l])
            let kind = t < z && h < z ? "domestic fallback" : (t < z ? "zone to crossing" : (h < z ? "crossing to zone" : "crossing to crossing"))
            lines.append(Feature(id: Int64(l), values: [
                .string(kind), .string(t < z ? model.zones[t].name : ""), .string(h < z ? model.zones[h].name : ""),
                .real(run.result.linkFlows[l]), .real(net.costs.freeFlowTime[l]),
            ], shape: .lineString([network.coordinate(of: model.compactNodes[t]), network.coordinate(of: model.compactNodes[h])])))
        }
        return [
            VectorLayerData(name: "crossing_flows", geometryKind: .point, crs: .wgs84, fields: fields, features: crossings),
            VectorLayerData(name: "routed_flows", geometryKind: .lineString, crs: .wgs84, fields: [
                FieldDefinition("kind", .string), FieldDefinition("from_zone", .string), FieldDefinition("to_zone", .string),
                FieldDefinition("pce_per_year", .real), FieldDefinition("hours", .real),
            ], features: lines),
        ]
    }
}
