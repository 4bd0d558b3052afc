import CorridorNetwork
import Foundation

extension RegionFlowModel {
    /// The length of every link of the compact network, kilometres.
    ///
    /// A domestic link's length is its free-flow hours times the road (or rail) speed of its
    /// country, as the network was built with it (the generalised layers carry one speed per
    /// country and mode, so this is the length of the stretch its time was measured on); a
    /// crossing link's is its running hours (its time less the crossing's delay) times the
    /// speed of its first side's country.
    public var linkKilometers: [Double] {
        let z = zones.count
        let net = assignmentNetwork
        var speedOf: [String: Double] = [:]
        func nodeSpeed(_ v: Int) -> Double {
            let c = v < z ? zones[v].country : (network.country(of: sideNodes[v - z]) ?? "")
            if let s = speedOf[c] { return s }
            let s = speed(of: c.isEmpty ? nil : c)
            speedOf[c] = s
            return s
        }
        var km = (0..<net.linkCount).map { net.costs.freeFlowTime[$0] * nodeSpeed(Int(net.tails[$0])) }
        for (pair, l) in zip(crossingAssignmentLinks, crossingLinks) {
            let running = max(0, l.freeFlowHours - l.delayHours * delayScale)
            for a in [pair.forward, pair.backward] { km[a] = running * nodeSpeed(Int(net.tails[a])) }
        }
        return km
    }

    /// The network's speed of this model's mode in `country` (its default without one), km/h.
    func speed(of country: String?) -> Double {
        network.speeds.first { $0.mode == mode && $0.country == country && country != nil }?.kilometersPerHour
            ?? network.speeds.first { $0.mode == mode && $0.country == nil }?.kilometersPerHour ?? (mode == .rail ? 40 : 60)
    }

    /// Per zone pair (zones² row-major), the mean over the pair's routes at equilibrium of
    /// the sum of `linkValues` along each route, weighted by the route's trips; NaN for a
    /// pair the assignment did not route (or a run without path sets).
    /// - Parameters:
    ///   - run: an equilibrium on this model.
    ///   - segment: the segment's index in the run.
    ///   - linkValues: one value per link of the compact network.
    public func routeMeans(_ run: RegionFlowRun, segment: Int, linkValues: [Double]) -> [Double] {
        let z = zones.count
        var out = [Double](repeating: .nan, count: z * z)
        guard let paths = run.paths, segment < paths.count else { return out }
        precondition(linkValues.count == assignmentNetwork.linkCount, "one value per link")
        for (o, p) in paths[segment] {
            for (k, d) in p.destinations.enumerated() {
                var flow = 0.0, sum = 0.0
                for r in p.pathStart[k]..<p.pathStart[k + 1] {
                    var v = 0.0
                    for i in p.linkStart[r]..<p.linkStart[r + 1] { v += linkValues[Int(p.links[i])] }
                    flow += p.flow[r]
                    sum += p.flow[r] * v
                }
                if flow > 0 { out[o * z + d] = sum / flow }
            }
        }
        return out
    }

    /// Per zone pair, the kilometres a vehicle of `segment` drives: the trip-weighted mean of
    /// its routes' lengths where the assignment routed the pair, otherwise its hours in the run
    /// times the speed of the origin's country (a domestic route); nil for a run without path
    /// sets (an assignment not path-based).
    public func pairKilometers(_ run: RegionFlowRun, segment: Int) -> [Double]? {
        guard run.paths != nil else { return nil }
        let z = zones.count
        var km = routeMeans(run, segment: segment, linkValues: linkKilometers)
        let speeds = zones.map { speed(of: $0.country) }
        for i in 0..<(z * z) where km[i].isNaN {
            km[i] = run.hours[i].isFinite ? run.hours[i] * speeds[i / z] : .infinity
        }
        return km
    }

    /// One value per link of the compact network from values per crossing id (0 elsewhere):
    /// each crossing's amount on both its links, once per border edge it has (an amount paid
    /// at a crossing is paid once, whichever edge the route takes).
    /// - Parameter perCrossing: amount by crossing id.
    public func linkValues(perCrossing: [String: Double]) -> [Double] {
        var v = [Double](repeating: 0, count: assignmentNetwork.linkCount)
        for (pair, l) in zip(crossingAssignmentLinks, crossingLinks) {
            guard let x = perCrossing[l.crossingId] else { continue }
            v[pair.forward] = x
            v[pair.backward] = x
        }
        return v
    }
}
