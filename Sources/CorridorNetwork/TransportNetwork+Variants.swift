/// Variants of a network for one question, as new values: the stored arrays change only inside
/// this module (the builder, scenarios, regimes, modes) or through these copies, never in place
/// from outside, so a network shared by a study and its sessions stays what it was.
extension TransportNetwork {
    /// A copy with the selected crossings changed.
    /// - Parameters:
    ///   - include: which crossings to change (default: all).
    ///   - change: the change to each.
    public func changingCrossings(where include: (NetworkCrossing) -> Bool = { _ in true },
                                  _ change: (inout NetworkCrossing) -> Void) -> TransportNetwork {
        var n = self
        for i in n.crossings.indices where include(n.crossings[i]) { change(&n.crossings[i]) }
        return n
    }

    /// A copy with every crossing delay, and the delay of border edges with no known crossing,
    /// times `factor` (gauge changes keep their time).
    public func scalingCrossingDelays(by factor: Double) -> TransportNetwork {
        var n = changingCrossings { $0.delaySeconds *= factor }
        if let d = n.unknownCrossingDelaySeconds { n.unknownCrossingDelaySeconds = d * factor }
        return n
    }

    /// A copy with these edges closed (no time lets a path through them).
    public func closingEdges(_ edges: some Sequence<Int>) -> TransportNetwork {
        var n = self
        for e in edges { n.edgeBaseSeconds[e] = .infinity }
        return n
    }

    /// The same links, every one two-way (a directed network's edges, read as links).
    public func twoWay() -> TransportNetwork {
        var n = self
        n.edgeOneWay = []
        return n
    }
}
