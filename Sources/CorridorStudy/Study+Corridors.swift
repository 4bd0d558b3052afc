import Foundation

extension Study {
    /// The region's named corridors and corridors of your own (`corridor corridors`): time,
    /// distance, detour, crossings and slowest leg of each.
    /// - Parameters:
    ///   - network: the study's network or one under an option.
    ///   - via: corridors of your own, each as place names (ids, names or "name, country") in order.
    ///   - override: the modes every named corridor is measured on instead of its own (nil: each on its own).
    ///   - modes: the modes your own corridors are measured on (every mode when nil).
    ///   - excluding: modes closed for your own corridors.
    ///   - pathPlaces: each corridor's share of the fastest paths among this many of the most populous places.
    /// - Throws: `DataError` for a place or corridor that does not fit the network; when the
    ///   study's network has one-way links.
    public func corridors(on network: TransportNetwork, via: [[String]] = [], override: ModeSelection? = nil, modes: ModeSelection? = nil,
                          excluding: Set<Mode> = [], pathPlaces: Int = 40) throws -> [CorridorEvaluation] {
        try self.network.requireTwoWay("corridors")
        let view = try modes.map { try network.restricted(to: $0) } ?? network
        let weights = view.arcSeconds(excluding: excluding)
        var results = try CorridorEvaluation.named(network, corridors: region?.manifest.corridors ?? [], override: override, pathPlaces: pathPlaces)
        let waypoints = try via.map { try view.placeIndices($0, option: "--via") }
        for (k, names) in via.enumerated() {
            results.append(CorridorEvaluation.evaluate(view, id: "via-\(k + 1)", name: names.joined(separator: "–"), waypoints: waypoints[k],
                                                       weights: weights, pathPlaces: pathPlaces))
        }
        return results
    }
}
