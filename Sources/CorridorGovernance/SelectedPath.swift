import CorridorAnalysis
import CorridorData
import CorridorNetwork

/// A route or corridor as the governance questions take it: its legs on the network view of
/// its modes (the Gyeongui line on rail, a route on the modes asked for).
public struct SelectedPath: Sendable {
    /// "route", "via-K" or the corridor's id.
    public var id: String
    public var name: String
    public var legs: [GovernanceLeg]
    /// The network as the path's modes see it.
    public var network: TransportNetwork
    /// The modes closed on `network`.
    public var excluding: Set<Mode>
    /// The modes, as said ("rail"), nil for every mode.
    public var modes: String?

    /// The paths a governance question measures: a route, corridors of the user's own (places
    /// in order), and named corridors (all of them when nothing else is asked).
    /// - Parameters:
    ///   - network: the network (an option applied).
    ///   - route: origin and destination, by place name or id.
    ///   - via: the user's corridors, each two or more places.
    ///   - corridors: named corridors by id (empty: all of them, unless a route or via is given).
    ///   - named: the region's named corridors.
    ///   - override: the modes every path is measured on instead of its own.
    ///   - excluding: modes closed for paths naming none.
    /// - Throws: `DataError.invalid` naming an unknown place or corridor, with a did-you-mean.
    public static func select(on network: TransportNetwork, route: (String, String)?, via: [[String]], corridors: [String],
                              named: [RegionManifest.ResolvedCorridor], override: ModeSelection?, excluding: Set<Mode>) throws -> [SelectedPath] {
        var views = CorridorViews(network, override: override, excluding: excluding)
        var out: [SelectedPath] = []
        let plain = try views.view(override)
        let plainExcluding = views.excluding(override)
        if let (from, to) = route {
            out.append(SelectedPath(id: "route", name: "\(from)–\(to)", legs: GovernanceLeg.through(try [from, to].map { try plain.resolvePlace($0, option: "--from/--to") }),
                                    network: plain, excluding: plainExcluding, modes: override?.description))
        }
        for (k, names) in via.enumerated() {
            out.append(SelectedPath(id: "via-\(k + 1)", name: names.joined(separator: "–"), legs: GovernanceLeg.through(try names.map { try plain.resolvePlace($0, option: "--via") }),
                                    network: plain, excluding: plainExcluding, modes: override?.description))
        }
        var chosen = named
        if !corridors.isEmpty {
            chosen = try corridors.map { id in
                guard let c = named.first(where: { $0.id == id }) else {
                    throw DataError.invalid("--corridor \(id)", "no such corridor" + PlaceName.didYouMean(id, among: named.map(\.id))
                                            + (named.isEmpty ? " (the network has no named corridors)" : " (have: \(named.map(\.id).joined(separator: ", ")))"))
                }
                return c
            }
        } else if route != nil || !via.isEmpty {
            chosen = []
        }
        for c in chosen {
            let selection = try views.selection(c)
            let places = try views.waypoints(c).map { network.places[$0] }
            out.append(SelectedPath(id: c.id, name: c.name, legs: GovernanceLeg.through(places), network: try views.view(selection, corridor: c.id),
                                    excluding: views.excluding(selection), modes: selection?.description))
        }
        return out
    }
}
