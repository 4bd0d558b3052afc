import CorridorData
import CorridorNetwork

/// The network as each named corridor is measured on it: its own modes (the Gyeongui line on
/// rail), or `override` for all, or every mode but `excluding` for a corridor naming none.
/// One restricted network per distinct selection, made once; waypoints as place indices.
package struct CorridorViews {
    package let network: TransportNetwork
    package let override: ModeSelection?
    package let excluding: Set<Mode>
    private var views: [ModeSelection?: TransportNetwork] = [:]
    private let placeIndex: [String: Int]

    package init(_ network: TransportNetwork, override: ModeSelection? = nil, excluding: Set<Mode> = []) {
        self.network = network
        self.override = override
        self.excluding = excluding
        placeIndex = Dictionary(network.places.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The modes a corridor is measured on (nil: every mode but `excluding`).
    /// - Throws: `DataError.invalid` for modes that are not line modes.
    package func selection(_ c: RegionManifest.ResolvedCorridor) throws -> ModeSelection? {
        try override ?? c.modes.map { try ModeSelection(Set($0)) }
    }

    /// The modes closed under a selection.
    package func excluding(_ s: ModeSelection?) -> Set<Mode> { s?.excluding ?? excluding }

    /// The network restricted to a selection (the network itself for nil), made once.
    /// - Parameter corridor: names the corridor in the error for a mode the network lacks.
    package mutating func view(_ s: ModeSelection?, corridor: String? = nil) throws -> TransportNetwork {
        if let v = views[s] { return v }
        let v: TransportNetwork
        do { v = try s.map { try network.restricted(to: $0) } ?? network }
        catch let DataError.invalid(what, why) { throw DataError.invalid(corridor.map { "corridor \($0)" } ?? what, why) }
        views[s] = v
        return v
    }

    /// A corridor's waypoints as indices into `network.places`.
    /// - Throws: `DataError.invalid` naming the corridor for a waypoint not in the network.
    package func waypoints(_ c: RegionManifest.ResolvedCorridor) throws -> [Int] {
        try c.waypoints.map { w in
            guard let i = placeIndex[w.placeId] else { throw DataError.invalid("corridor \(c.id)", "waypoint \(w.name) (\(w.placeId)) is not in the network") }
            return i
        }
    }
}
