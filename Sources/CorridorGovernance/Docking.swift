import CorridorAnalysis
import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// Docking hotspots: the places and crossings most initiatives and belts claim on a day (the
/// "docking" points where national plans meet), and how much the initiatives' memberships
/// overlap.
public struct DockingAnalysis: Sendable, Codable {
    public struct Hotspot: Sendable, Codable, Hashable {
        /// place or crossing.
        public var kind: String
        public var id: String
        public var name: String
        public var country: String
        public var lon: Double
        public var lat: Double
        /// Initiatives in force that claim it, by id.
        public var initiatives: [String]
        /// The region's named corridors with it as a waypoint.
        public var corridors: [String]
        public var population: Double
    }

    public struct Overlap: Sendable, Codable, Hashable {
        public var a: String
        public var b: String
        /// |shared| / |A ∪ B| of the members on the day, a member being shared when the other
        /// side has it or its country.
        public var jaccard: Double
        public var shared: [String]
    }

    public var day: String
    /// Ranked by initiatives, then corridors, then population.
    public var hotspots: [Hotspot]
    public var overlaps: [Overlap]
    /// Claims of places or crossings outside this network (another region's).
    public var claimsOutside: [String]

    /// - Parameters:
    ///   - model: the network, the initiatives and the day.
    ///   - corridors: the region's named corridors (waypoints count as a second column).
    public static func compute(model: JurisdictionModel, corridors: [RegionManifest.ResolvedCorridor] = []) -> DockingAnalysis {
        let network = model.network
        var places: [Int: Set<String>] = [:], crossings: [String: Set<String>] = [:], outside = Set<String>()
        let crossingIds = Set(network.crossings.map(\.id))
        for i in model.initiativesInForce {
            for c in i.claims ?? [] {
                if let name = c.place {
                    if let p = try? network.resolvePlace(name, option: "claim"), let k = network.places.firstIndex(of: p) {
                        places[k, default: []].insert(i.id)
                    } else {
                        outside.insert(name)
                    }
                }
                if let x = c.crossing {
                    if crossingIds.contains(x) { crossings[x, default: []].insert(i.id) } else { outside.insert(x) }
                }
            }
        }
        var onCorridor: [String: [String]] = [:]
        for c in corridors { for w in c.waypoints { onCorridor[w.placeId, default: []].append(c.id) } }
        var hotspots: [Hotspot] = places.map { k, ids in
            let p = network.places[k], c = network.coordinate(of: Int(p.node))
            return Hotspot(kind: "place", id: p.id, name: p.name, country: p.country, lon: c.lon, lat: c.lat, initiatives: ids.sorted(),
                           corridors: Array(Set(onCorridor[p.id] ?? [])).sorted(), population: p.population)
        }
        for (id, ids) in crossings {
            let x = network.crossings.first { $0.id == id }!
            hotspots.append(Hotspot(kind: "crossing", id: id, name: x.name, country: x.countries.joined(separator: "-"), lon: x.position.lon,
                                    lat: x.position.lat, initiatives: ids.sorted(), corridors: [], population: 0))
        }
        hotspots.sort {
            ($0.initiatives.count, $0.corridors.count, $0.population, $1.id) > ($1.initiatives.count, $1.corridors.count, $1.population, $0.id)
        }
        // Membership overlap, a country standing for all its admin-1 units.
        let active = model.initiativesInForce
        var overlaps: [Overlap] = []
        for (x, a) in active.enumerated() {
            for b in active[(x + 1)...] {
                let ma = a.members(on: model.day), mb = b.members(on: model.day)
                func covered(_ j: String, by set: [String]) -> Bool { set.contains { JurisdictionModel.covers($0, j) } }
                let shared = Set(ma.filter { covered($0, by: mb) } + mb.filter { covered($0, by: ma) })
                let all = Set(ma + mb)
                // A member the other side covers (itself, or its country) is shared.
                overlaps.append(Overlap(a: a.id, b: b.id, jaccard: all.isEmpty ? 0 : Double(shared.count) / Double(all.count), shared: shared.sorted()))
            }
        }
        overlaps.sort { ($0.jaccard, $1.a, $1.b) > ($1.jaccard, $0.a, $0.b) }
        return DockingAnalysis(day: model.day, hotspots: hotspots, overlaps: overlaps, claimsOutside: outside.sorted())
    }
}

/// Twin and sister cities: network time between them, whether an open crossing joins them,
/// and the time the border adds.
public struct TwinCityLink: Sendable, Codable, Hashable {
    public var a: String
    public var b: String
    public var relation: String
    public var countries: [String]
    public var straightKilometers: Double
    /// Fastest network time (infinite when no open route joins them).
    public var hours: Double
    public var kilometers: Double
    /// The crossings ("id/mode") the fastest route passes.
    public var crossings: [String]
    /// Reached through an open border crossing (or within one country).
    public var joined: Bool
    /// Fastest time with every crossing's delay set to zero (open crossings only).
    public var hoursWithoutBorderDelays: Double
    /// hours − hoursWithoutBorderDelays (infinite when not joined).
    public var borderHours: Double
    /// When not joined: the fastest time were every crossing open without delay, and the
    /// crossings that route passes (what would join them).
    public var hoursIfOpened: Double?
    public var wouldUse: [String]?
    public var source: String
    /// Straight lines for the map: a, b as (lon, lat).
    public var ends: [[Double]]

    /// Every curated pair whose two places the network has (others are listed in `missing`).
    /// - Parameters:
    ///   - network: the network.
    ///   - pairs: the curated twin and sister cities.
    ///   - excluding: modes closed (e.g. `[.sea]`).
    public static func compute(_ network: TransportNetwork, pairs: [GovernanceSpec.TwinCities], excluding: Set<Mode> = []) -> (links: [TwinCityLink], missing: [String]) {
        network.assumeTwoWay("twin-city docking")
        let costs = network.edgeCosts(excluding: excluding)
        let w = network.graph.arcEdge.map { costs[Int($0)] }
        let free = network.changingCrossings { $0.setPassSeconds(0) }
        let freeCosts = free.edgeCosts(excluding: excluding)
        let wFree = free.graph.arcEdge.map { freeCosts[Int($0)] }
        let opened = GateAnalysis.allOpen(free)
        let openCosts = opened.edgeCosts(excluding: excluding)
        let wOpen = opened.graph.arcEdge.map { openCosts[Int($0)] }
        var links: [TwinCityLink] = [], missing: [String] = []
        for t in pairs {
            guard let pa = try? network.resolvePlace(t.a, option: "twin"), let pb = try? network.resolvePlace(t.b, option: "twin") else {
                missing.append("\(t.a)–\(t.b)")
                continue
            }
            let a = Int(pa.node), b = Int(pb.node)
            let ca = network.coordinate(of: a), cb = network.coordinate(of: b)
            let r = Route.fastest(in: network, from: a, to: b, weights: w)
            let rFree = Route.fastest(in: free, from: a, to: b, weights: wFree)
            var ifOpened: Route?
            if r == nil { ifOpened = Route.fastest(in: opened, from: a, to: b, weights: wOpen) }
            let hours = (r?.seconds ?? .infinity) / 3600, freeHours = (rFree?.seconds ?? .infinity) / 3600
            links.append(TwinCityLink(
                a: pa.name, b: pb.name, relation: t.relation, countries: [pa.country, pb.country],
                straightKilometers: Geodesic.wgs84.distanceMeters(ca, cb) / 1000, hours: hours, kilometers: (r?.meters ?? .infinity) / 1000,
                crossings: r?.crossings ?? [], joined: r != nil, hoursWithoutBorderDelays: freeHours,
                borderHours: r != nil ? hours - freeHours : .infinity,
                hoursIfOpened: ifOpened.map { $0.seconds / 3600 }, wouldUse: ifOpened?.crossings, source: t.source,
                ends: [[ca.lon, ca.lat], [cb.lon, cb.lat]]))
        }
        return (links, missing)
    }
}
