import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// Demand and equilibrium flows on an embedded region, where only the border crossings
/// congest (roads stay uncongested: the generalised data give no road capacities).
///
/// Because only crossings congest, a trip's route is its choice of crossings, and every
/// stretch between two crossings (or a zone and a crossing) is an uncongested shortest path
/// inside one country. The model therefore assigns on a compact network whose nodes are the
/// zones and the two sides of every open road border edge, with links zone → side, side →
/// zone and side → side of one country (domestic shortest times, borders closed), zone → zone
/// for pairs of one country that shortcut abroad at free flow (their domestic route, the
/// fallback when crossings congest), and one congested link each way per border edge. That is exact for this cost structure, and small:
/// its size grows with zones × crossing sides, not with the road graph.
///
/// Pairs whose domestic route is no slower than their best route through any crossing at
/// free flow never use a crossing (congestion only makes crossings dearer), so they are left
/// out of the assignment.
public struct RegionFlowModel: Sendable {
    /// A zone: a centre place and the places that joined it.
    public struct Zone: Sendable, Hashable, Codable {
        public var placeId: String
        public var name: String
        public var country: String
        public var population: Double
        /// Population times the country's GDP per capita (US dollars), a proxy for economic mass.
        public var economicMass: Double
        public var members: Int
    }

    /// One road border edge of an open crossing, with its two sides.
    public struct CrossingLink: Sendable, Hashable, Codable {
        public var crossingId: String
        public var crossingName: String
        public var btsPortCode: String?
        /// Side nodes (network nodes) and their countries.
        public var nodeA: Int, nodeB: Int
        public var countryA: String, countryB: String
        /// Free-flow time through the crossing, hours (edge time plus its delay, the delay
        /// times `delayScale`).
        public var freeFlowHours: Double
        /// The crossing's delay as the network gives it, hours (before `delayScale`).
        public var delayHours: Double
        /// Vehicles a year this edge clears (the crossing's capacity split over its edges).
        public var capacityPerYear: Double
    }

    public let network: TransportNetwork
    public let defaults: FlowDefaults
    /// The crossings' mode: road (trips on roads throughout) or rail (trips on rail throughout,
    /// from the zones' access links).
    public let mode: Mode
    /// The manifest's segments of this model's mode.
    public var segments: [FlowSegmentSpec] { defaults.segments.filter { ($0.mode ?? .road) == mode } }
    public let zones: [Zone]
    /// Network node of each zone's centre.
    public let zoneNodes: [Int]
    public private(set) var crossingLinks: [CrossingLink]
    /// Zone-to-zone free-flow hours with the borders open (zones² row-major): the costs the
    /// trips are distributed by.
    public private(set) var zoneHours: [Double]
    /// Zone-to-zone hours by domestic roads only (infinity across a border, and between
    /// parts of one country that only a route abroad joins).
    public let domesticZoneHours: [Double]
    /// The compact assignment network: zones first, then side nodes.
    public private(set) var assignmentNetwork: AssignmentNetwork
    /// For each crossing link, its two assignment links (A → B, B → A).
    public private(set) var crossingAssignmentLinks: [(forward: Int, backward: Int)]
    /// The factor on every crossing's delay (1 as the network gives it; `withDelayScale`).
    public private(set) var delayScale = 1.0
    /// Domestic seconds among the compact nodes (zones, then sides), row-major.
    let domesticTable: [Double]
    /// The compact network's side nodes (network nodes) and their indices.
    let sideNodes: [Int]
    let sideIndex: [Int: Int]
    /// The network node of each node of the compact network (zone centres, then crossing sides).
    public let compactNodes: [Int]
    /// The zone each of the network's places belongs to (its index in `zones`), or -1 for a
    /// place in no zone (no population, or no centre of its country).
    public let placeZone: [Int32]

    /// - Parameters:
    ///   - network: the region's network (crossing states as they should be modelled).
    ///   - defaults: the region's demand model.
    ///   - gdpPerCapita: US dollars per person by country code, for the economic mass.
    ///   - threads: workers for the travel-time tables.
    ///   - mode: `.road` or `.rail`: which crossings the model routes through.
    ///   - session: a session on a network with the same nodes, whose hierarchies to reuse (an
    ///     option's domestic weights are usually the baseline's); nil contracts here.
    /// - Throws: `FlowError.invalid` when the region has no zone or no open crossing of the mode.
    public init(network: TransportNetwork, defaults: FlowDefaults, gdpPerCapita: [String: Double], threads: Int, mode: Mode = .road,
                session: AnalysisSession? = nil) throws {
        network.assumeTwoWay("the region flow model")
        try defaults.validate("flows")
        guard mode == .road || mode == .rail else { throw FlowError.invalid("flows", "mode \(mode.rawValue): road or rail") }
        self.network = network
        self.defaults = defaults
        self.mode = mode
        // 1. Border edges of open crossings of the mode. Road trips stay on roads, rail trips
        //    on rail (from the zones' access links).
        let excluded: Set<Mode> = mode == .road ? [.rail, .sea] : [.road, .sea]
        let open = network.edgeCosts(excluding: excluded)
        var links: [CrossingLink] = []
        var edgesPerCrossing: [Int: Int] = [:]
        let perHour = Dictionary((defaults.crossingCapacities ?? []).filter { ($0.mode ?? .road) == mode }.map { ($0.crossing, $0.vehiclesPerHour) },
                                 uniquingKeysWith: { a, _ in a })
        let defaultPerHour = mode == .road ? defaults.roadCrossingCapacityPerHour : (defaults.railCrossingCapacityPerHour ?? defaults.roadCrossingCapacityPerHour)
        for e in 0..<network.edgeCount where network.edgeIsBorder[e] && network.edgeCrossing[e] >= 0 && open[e].isFinite && network.edgeMode[e] == mode {
            edgesPerCrossing[Int(network.edgeCrossing[e]), default: 0] += 1
        }
        for e in 0..<network.edgeCount where network.edgeIsBorder[e] && network.edgeCrossing[e] >= 0 && open[e].isFinite && network.edgeMode[e] == mode {
            let c = network.crossings[Int(network.edgeCrossing[e])]
            let a = Int(network.edgeTail[e]), b = Int(network.edgeHead[e])
            links.append(CrossingLink(
                crossingId: c.id, crossingName: c.name, btsPortCode: c.id.hasPrefix("bts-") ? String(c.id.dropFirst(4)) : nil,
                nodeA: a, nodeB: b, countryA: network.country(of: a) ?? "", countryB: network.country(of: b) ?? "",
                freeFlowHours: open[e] / 3600, delayHours: c.delaySeconds / 3600,
                capacityPerYear: (perHour[c.id] ?? defaultPerHour) * defaults.operatingHoursPerYear
                    / Double(edgesPerCrossing[Int(network.edgeCrossing[e])] ?? 1)))
        }
        guard !links.isEmpty else { throw FlowError.invalid("crossings", "no open \(mode.rawValue) crossing with a border edge") }
        crossingLinks = links

        var domesticArcs = network.arcSeconds(excluding: excluded)
        for a in domesticArcs.indices where network.edgeIsBorder[Int(network.graph.arcEdge[a])] { domesticArcs[a] = .infinity }
        // 2. Zones: centres of at least the minimum population; every other place joins the
        //    nearest centre of its country (great-circle distance). Places that no centre of
        //    their country reaches by domestic routes but that reach a crossing side (an
        //    exclave such as Point Roberts, or a border town the generalised roads leave cut
        //    off) form their own zone, one per cut-off part, centred on its largest place:
        //    joined to a centre they cannot reach, their trips could never use their crossing.
        let part = Components.labels(network.graph, weights: domesticArcs)
        var centres = network.places.indices.filter { network.places[$0].population >= defaults.minimumZonePopulation }
        guard !centres.isEmpty else { throw FlowError.invalid("zones", "no place of \(defaults.minimumZonePopulation) people or more") }
        struct PartKey: Hashable { var part: Int, country: String }
        let centred = Set(centres.map { PartKey(part: part[Int(network.places[$0].node)], country: network.places[$0].country) })
        let sideParts = Set(links.flatMap { [PartKey(part: part[$0.nodeA], country: $0.countryA), PartKey(part: part[$0.nodeB], country: $0.countryB)] })
        var exclave: [PartKey: Int] = [:]  // cut-off part → its largest place (ties: the first)
        for (i, p) in network.places.enumerated() where p.population > 0 {
            let key = PartKey(part: part[Int(p.node)], country: p.country)
            guard !centred.contains(key), sideParts.contains(key) else { continue }
            if let b = exclave[key], network.places[b].population >= p.population { continue }
            exclave[key] = i
        }
        let exclaveCentres = exclave.values.sorted()
        centres += exclaveCentres
        let exclaveOf = Dictionary(uniqueKeysWithValues: exclave.map { ($0.key, $0.value) })
        let centreIndex = Dictionary(uniqueKeysWithValues: centres.enumerated().map { ($1, $0) })
        var members = [[Int]](repeating: [], count: centres.count)
        let centreCoordinates = centres.map { network.coordinate(of: Int(network.places[$0].node)) }
        for (i, p) in network.places.enumerated() where p.population > 0 {
            if let e = exclaveOf[PartKey(part: part[Int(p.node)], country: p.country)] { members[centreIndex[e]!].append(i); continue }
            let c = network.coordinate(of: Int(p.node))
            var best = -1, bestKm = Double.infinity
            for (k, z) in centres.enumerated() where network.places[z].country == p.country && exclaveOf[PartKey(part: part[Int(network.places[z].node)], country: p.country)] == nil {
                let d = Self.haversineKilometers(c.x, c.y, centreCoordinates[k].x, centreCoordinates[k].y)
                if d < bestKm { bestKm = d; best = k }
            }
            if best >= 0 { members[best].append(i) }
        }
        var placeZone = [Int32](repeating: -1, count: network.places.count)
        for (k, m) in members.enumerated() { for i in m { placeZone[i] = Int32(k) } }
        self.placeZone = placeZone
        zones = centres.enumerated().map { k, z in
            let p = network.places[z]
            let pop = members[k].reduce(0) { $0 + network.places[$1].population }
            return Zone(placeId: p.id, name: p.name, country: p.country, population: pop,
                        economicMass: pop * (gdpPerCapita[p.country] ?? 0), members: members[k].count)
        }
        zoneNodes = centres.map { Int(network.places[$0].node) }

        // 3. Domestic travel times (borders closed) among zones and side nodes.
        var sides: [Int] = []
        var index: [Int: Int] = [:]
        for l in links { for v in [l.nodeA, l.nodeB] where index[v] == nil { index[v] = sides.count; sides.append(v) } }
        sideNodes = sides
        sideIndex = index
        let keys = zoneNodes + sides
        compactNodes = keys
        let domesticCH = ContractionHierarchy.of(network.graph, weights: domesticArcs, session: session)
        domesticTable = try DistanceTable.compute(domesticCH, sources: keys, targets: keys, threads: threads)
        let z = zoneNodes.count, k = keys.count
        domesticZoneHours = (0..<(z * z)).map { [domesticTable] in domesticTable[($0 / z) * k + $0 % z] / 3600 }
        let built = try Self.compact(zones: zones, links: links, sideNodes: sides, sideIndex: index, domestic: domesticTable,
                                     domesticZoneHours: domesticZoneHours, network: network, defaults: defaults, threads: threads)
        assignmentNetwork = built.network
        crossingAssignmentLinks = built.crossingLinks
        zoneHours = built.zoneHours
    }

    /// The same model with every crossing's delay multiplied by `scale` (a calibration
    /// parameter): the crossings' free-flow times, the zone-to-zone hours and the compact
    /// network are rebuilt from the stored domestic table, with no new contraction.
    /// - Parameters:
    ///   - scale: the factor on the delays, >= 0.
    ///   - threads: workers for the zone-to-zone hours.
    public func withDelayScale(_ scale: Double, threads: Int) throws -> RegionFlowModel {
        guard scale.isFinite, scale >= 0 else { throw FlowError.invalid("flows", "delay scale \(scale) must be >= 0") }
        var m = self
        m.delayScale = scale
        m.crossingLinks = crossingLinks.map { l in
            var l = l
            l.freeFlowHours += (scale - delayScale) * l.delayHours
            return l
        }
        let built = try Self.compact(zones: zones, links: m.crossingLinks, sideNodes: sideNodes, sideIndex: sideIndex, domestic: domesticTable,
                                     domesticZoneHours: domesticZoneHours, network: network, defaults: defaults, threads: threads)
        m.assignmentNetwork = built.network
        m.crossingAssignmentLinks = built.crossingLinks
        m.zoneHours = built.zoneHours
        return m
    }

    /// 4. The compact network: zones 0 ..< z, then side nodes; domestic links from the
    /// domestic table, one congested link each way per crossing link; 5. the zone-to-zone
    /// free-flow hours through it; the domestic fallback links.
    static func compact(zones: [Zone], links: [CrossingLink], sideNodes: [Int], sideIndex: [Int: Int], domestic: [Double],
                        domesticZoneHours domesticHours: [Double], network: TransportNetwork, defaults: FlowDefaults, threads: Int) throws
        -> (network: AssignmentNetwork, crossingLinks: [(forward: Int, backward: Int)], zoneHours: [Double]) {
        let z = zones.count, k = z + sideNodes.count
        var tails: [UInt32] = [], heads: [UInt32] = []
        var t0: [Double] = [], b: [Double] = [], power: [Double] = [], capacity: [Double] = []
        func add(_ from: Int, _ to: Int, hours: Double, cap: Double = .infinity, congested: Bool = false) {
            tails.append(UInt32(from)); heads.append(UInt32(to)); t0.append(hours)
            b.append(congested ? defaults.congestionB : 0); power.append(congested ? defaults.congestionPower : 1)
            capacity.append(congested ? cap : 1)
        }
        let sideCountry = sideNodes.map { network.country(of: $0) ?? "" }
        for i in 0..<z {
            for s in 0..<sideNodes.count where sideCountry[s] == zones[i].country {
                let out = domestic[i * k + z + s], back = domestic[(z + s) * k + i]
                if out.isFinite { add(i, z + s, hours: out / 3600) }
                if back.isFinite { add(z + s, i, hours: back / 3600) }
            }
        }
        for s in 0..<sideNodes.count {
            for u in 0..<sideNodes.count where u != s && sideCountry[u] == sideCountry[s] {
                let d = domestic[(z + s) * k + z + u]
                if d.isFinite { add(z + s, z + u, hours: d / 3600) }
            }
        }
        var pairs: [(forward: Int, backward: Int)] = []
        for l in links {
            let a = z + sideIndex[l.nodeA]!, bb = z + sideIndex[l.nodeB]!
            let hours = max(l.freeFlowHours, 1e-6)
            // t = t0 (1 + b (v/c)^p): the delay grows with the volume through the crossing.
            add(a, bb, hours: hours, cap: l.capacityPerYear, congested: true)
            add(bb, a, hours: hours, cap: l.capacityPerYear, congested: true)
            pairs.append((tails.count - 2, tails.count - 1))
        }
        // 5. Free-flow hours between zones with the borders open: shortest paths on the compact
        //    network, which holds every route of the mode (a route between two crossings or a
        //    zone and a crossing runs inside one country, and those stretches are its links),
        //    or the domestic time where that is shorter.
        let freeFlow = try AssignmentNetwork(nodeCount: k, zoneCount: z, firstThroughNode: z, tails: tails, heads: heads,
                                             costs: try BPRCosts(freeFlowTime: t0, b: b, power: power, capacity: capacity))
        var everyPair = ODMatrix(zoneCount: z)
        for i in 0..<z { for j in 0..<z where i != j { everyPair[i, j] = 1 } }
        let viaCrossings = AllOrNothing.load(network: freeFlow, demand: everyPair, linkCosts: t0, threads: threads).zoneCosts
        var full = (0..<(z * z)).map { min(domesticHours[$0], viaCrossings[$0]) }
        for i in 0..<z { full[i * z + i] = defaults.intrazonalHours }
        // A pair of one country whose free-flow route takes a shortcut abroad keeps its
        // domestic route as a link, to fall back on when the crossings congest.
        for i in 0..<z {
            for j in 0..<z where i != j && zones[j].country == zones[i].country {
                let d = domesticHours[i * z + j]
                if d.isFinite && full[i * z + j] < d * (1 - 1e-9) { add(i, j, hours: d) }
            }
        }
        let costs = try BPRCosts(freeFlowTime: t0, b: b, power: power, capacity: capacity)
        // Zones may start and end trips but not be passed through.
        let net = try AssignmentNetwork(nodeCount: k, zoneCount: z, firstThroughNode: z, tails: tails, heads: heads, costs: costs)
        return (net, pairs, full)
    }

    static func haversineKilometers(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
        let r = 6371.0088, p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
        let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(min(1, h.squareRoot()))
    }

    /// The deterrence function of a segment.
    /// - Parameter s: the segment, with its function's name and parameters.
    public static func deterrence(_ s: FlowSegmentSpec) throws -> Deterrence {
        switch s.deterrence {
        case .exponential: return .exponential(beta: s.beta ?? 0)
        case .power: return .power(alpha: s.alpha ?? 0)
        case .tanner: return .tanner(alpha: s.alpha ?? 0, beta: s.beta ?? 0)
        }
    }

    /// A segment's trips between zones: a doubly constrained gravity model over the zone-to-zone
    /// free-flow hours, productions = attractions = mass × trip rate.
    /// - Parameters:
    ///   - segment: the trip segment (mass, trip rate, deterrence).
    ///   - scale: multiplies the segment's trip rate (a calibration factor).
    ///   - hours: zone-to-zone hours to distribute by instead of the free-flow `zoneHours`
    ///     (congested hours, in a demand–assignment feedback loop).
    public func demand(_ segment: FlowSegmentSpec, scale: Double = 1, hours: [Double]? = nil) throws -> ODMatrix {
        guard segment.tripsPerMassPerYear >= 0, scale >= 0 else { throw FlowError.invalid("segment \(segment.name)", "negative trip rate") }
        let f = try Self.deterrence(segment)
        let masses = zones.map { segment.mass == .economic ? $0.economicMass : $0.population }
        let trips = masses.map { $0 * segment.tripsPerMassPerYear * scale }
        let fit = try Gravity.doublyConstrained(productions: trips, attractions: trips, costs: hours ?? zoneHours, deterrence: f, tolerance: 1e-8, maxIterations: 500)
        return fit.trips
    }

    /// The trips of `demand` whose best route at free flow passes a crossing (the rest never
    /// reach the border and are left out of the assignment).
    /// - Parameter demand: zone-to-zone trips over this model's zones.
    public func crossBorderTrips(_ demand: ODMatrix) -> ODMatrix {
        let z = zones.count
        var out = ODMatrix(zoneCount: z)
        for i in 0..<z {
            for j in 0..<z where i != j && demand[i, j] > 0 {
                // The free-flow time with borders open is below the domestic one only when a
                // crossing helps (or the pair lies in two countries).
                if zoneHours[i * z + j] < domesticZoneHours[i * z + j] * (1 - 1e-9) || !domesticZoneHours[i * z + j].isFinite {
                    out[i, j] = demand[i, j]
                }
            }
        }
        return out
    }

    /// Volumes through each crossing, per direction and class, from an assignment on
    /// `assignmentNetwork`.
    public struct CrossingVolume: Sendable, Hashable, Codable {
        public var crossingId: String
        public var name: String
        public var btsPortCode: String?
        /// Per class: vehicles a year entering `intoCountry` and leaving it.
        public var inbound: [Double]
        public var outbound: [Double]
        public var intoCountry: String
        public var volumeCapacityRatio: Double
        public var congestedHours: Double
        public var freeFlowHours: Double
    }

    /// Crossing volumes by direction, counting "inbound" into `country` (the United States for
    /// the BTS counts, which record entries only).
    /// - Parameters:
    ///   - result: an assignment on `assignmentNetwork`.
    ///   - country: the country whose entries count as inbound.
    public func crossingVolumes(_ result: AssignmentResult, inbound country: String) -> [CrossingVolume] {
        var byCrossing: [String: CrossingVolume] = [:]
        for (k, l) in crossingLinks.enumerated() {
            let (f, b) = crossingAssignmentLinks[k]
            // forward is A → B: inbound when B is in `country`.
            let intoB = l.countryB == country
            var v = byCrossing[l.crossingId] ?? CrossingVolume(
                crossingId: l.crossingId, name: l.crossingName, btsPortCode: l.btsPortCode,
                inbound: Array(repeating: 0, count: result.classFlows.count), outbound: Array(repeating: 0, count: result.classFlows.count),
                intoCountry: country, volumeCapacityRatio: 0, congestedHours: 0, freeFlowHours: l.freeFlowHours)
            for c in result.classFlows.indices {
                let fwd = result.classFlows[c][f], bwd = result.classFlows[c][b]
                v.inbound[c] += intoB ? fwd : bwd
                v.outbound[c] += intoB ? bwd : fwd
            }
            let cap = assignmentNetwork.costs.capacity[f]
            v.volumeCapacityRatio = max(v.volumeCapacityRatio, max(result.linkFlows[f], result.linkFlows[b]) / cap)
            v.congestedHours = max(v.congestedHours, max(result.linkCosts[f], result.linkCosts[b]))
            byCrossing[l.crossingId] = v
        }
        return byCrossing.values.sorted { $0.crossingId < $1.crossingId }
    }

    /// Vehicles a year entering `country` through each crossing, from link flows on
    /// `assignmentNetwork` (one class, or the total).
    /// - Parameters:
    ///   - linkFlows: one flow per link of `assignmentNetwork`.
    ///   - country: the country whose entries count.
    public func inboundVolumes(_ linkFlows: [Double], inbound country: String) -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, l) in crossingLinks.enumerated() {
            let (f, b) = crossingAssignmentLinks[k]
            out[l.crossingId, default: 0] += l.countryB == country ? linkFlows[f] : (l.countryA == country ? linkFlows[b] : 0)
        }
        return out
    }

    /// Entries into `country` per crossing when `trips` are loaded all-or-nothing at free flow.
    /// - Parameters:
    ///   - trips: zone-to-zone trips over this model's zones.
    ///   - country: the country whose entries count.
    ///   - threads: loading workers.
    public func freeFlowInbound(_ trips: ODMatrix, inbound country: String, threads: Int) -> [String: Double] {
        let costs = assignmentNetwork.costs.freeFlowCosts
        let load = AllOrNothing.load(network: assignmentNetwork, demand: trips, linkCosts: costs, threads: threads)
        return inboundVolumes(load.linkFlows, inbound: country)
    }

    /// The one global parameter fitted per segment: the factor that makes the free-flow
    /// entries of `trips` into `country` add up to the counted total of `measure` over the
    /// crossings this model has (1 when either total is 0).
    /// - Parameters:
    ///   - trips: the segment's cross-border trips.
    ///   - counts: per crossing id and measure ("trucks_2024"), the counted volume.
    ///   - measure: the counted measure the segment is checked against.
    ///   - country: the country whose entries the counts record.
    ///   - threads: loading workers.
    /// - Returns: the scale and the counted total it aims at.
    public func scaleToCounts(_ trips: ODMatrix, counts: [String: [String: Double]], measure: String, inbound country: String,
                              threads: Int) -> (scale: Double, target: Double) {
        // Sums in crossing-id order: a dictionary's order changes from one process to the next.
        let inbound = freeFlowInbound(trips, inbound: country, threads: threads)
        let modelled = inbound.keys.sorted().reduce(0) { $0 + inbound[$1]! }
        let target = Set(crossingLinks.map(\.crossingId)).sorted().reduce(0) { $0 + (counts[$1]?[measure] ?? 0) }
        return (modelled > 0 && target > 0 ? target / modelled : 1, target)
    }
}
