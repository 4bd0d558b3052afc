import CorridorData
import CorridorGeo
import CorridorNetwork
import Foundation

/// The border effect: how much border crossings cost the pairs of places across them, as a
/// time ratio and as the equivalent distance of the border, and how sensitive cross-border
/// interaction is to scaling every border delay (the friction sweep).
public struct BorderEffect: Sendable, Codable {
    public struct CountryPair: Sendable, Codable, Hashable {
        /// "A-B", the two places' countries.
        public var countries: String
        public var pairs: Int
        /// Population-weighted mean of t(with delays) / t(no delays).
        public var weightedMeanRatio: Double
        /// Population-weighted mean hours the delays add.
        public var weightedMeanHoursAdded: Double
        /// The added time at the pair's own straight-line speed without delays: the
        /// kilometres the border "is worth" (population-weighted mean).
        public var equivalentKilometers: Double
    }

    public struct SweepRow: Sendable, Codable, Hashable {
        /// Every crossing delay times this.
        public var scale: Double
        /// Population-weighted mean hours over the cross-border pairs connected at every scale.
        public var weightedMeanHours: Double
        /// Σ P_a P_b exp(−β t_ab) over those pairs: cross-border interaction potential.
        public var interaction: Double
        /// Change of the interaction against scale 1 (the delays as assumed), percent.
        public var interactionChangePercent: Double
    }

    public var places: Int
    public var crossBorderPairs: Int
    public var byCountryPair: [CountryPair]
    public var sweep: [SweepRow]
    public var beta: Double

    /// - Parameters:
    ///   - network: the network whose crossing delays are scaled.
    ///   - excluding: modes closed throughout (by default `[.sea]`, land routes only).
    ///   - count: pairs are drawn from this many of the most populous places.
    ///   - scales: delay multipliers for the sweep (1 is added if missing).
    ///   - beta: exponential decay per hour of the interaction potential.
    ///   - threads: PHAST workers for the pair travel times.
    ///   - session: a session on `network`: each scale's weights are re-customised in its order
    ///     instead of contracted from scratch (nil: contract each).
    public static func compute(_ network: TransportNetwork, excluding: Set<Mode> = [.sea], places count: Int = 60,
                               scales: [Double] = [0, 0.5, 1, 2], beta: Double = 0.1, threads: Int = 1,
                               session: AnalysisSession? = nil) -> BorderEffect {
        network.assumeTwoWay("the border effect")
        let chosen = network.mostPopulousPlaces(count)
        let scaleList = Array(Set(scales + [0, 1])).sorted()
        var times: [Double: [[Double]]] = [:]
        for s in scaleList {
            let scaled = CostProfile(delayScale: s).applied(to: network)
            times[s] = ScenarioEvaluation.pairTimes(scaled, places: chosen, excluding: excluding, threads: threads, session: session)
        }
        let p = chosen.map { network.places[$0] }
        var pairs: [(a: Int, b: Int, key: String)] = []
        for a in chosen.indices {
            for b in (a + 1)..<chosen.count where p[a].country != p[b].country {
                // Connected at every scale (delays are finite, so the same pairs connect).
                guard scaleList.allSatisfy({ times[$0]![a][b].isFinite }) else { continue }
                pairs.append((a, b, [p[a].country, p[b].country].sorted().joined(separator: "-")))
            }
        }
        let t0 = times[0]!, t1 = times[1]!
        let byPair = Dictionary(grouping: pairs, by: \.key).map { key, members -> CountryPair in
            var w = 0.0, ratio = 0.0, added = 0.0, km = 0.0
            for m in members {
                let weight = p[m.a].population * p[m.b].population
                let base = t0[m.a][m.b], with = t1[m.a][m.b]
                let straight = Geodesic.wgs84.distanceMeters(network.coordinate(of: Int(p[m.a].node)), network.coordinate(of: Int(p[m.b].node)))
                w += weight
                ratio += weight * (base > 0 ? with / base : 1)
                added += weight * (with - base) / 3600
                km += weight * (base > 0 ? (with - base) * straight / base : 0) / 1000
            }
            return CountryPair(countries: key, pairs: members.count, weightedMeanRatio: ratio / w, weightedMeanHoursAdded: added / w,
                               equivalentKilometers: km / w)
        }.sorted { $0.countries < $1.countries }
        func interaction(_ s: Double) -> (hours: Double, potential: Double) {
            var w = 0.0, h = 0.0, potential = 0.0
            for m in pairs {
                let weight = p[m.a].population * p[m.b].population, t = times[s]![m.a][m.b] / 3600
                w += weight; h += weight * t; potential += weight * exp(-beta * t)
            }
            return (w > 0 ? h / w : 0, potential)
        }
        let reference = interaction(1).potential
        let sweep = scaleList.filter { scales.contains($0) || $0 == 1 }.map { s -> SweepRow in
            let r = interaction(s)
            return SweepRow(scale: s, weightedMeanHours: r.hours, interaction: r.potential,
                            interactionChangePercent: reference > 0 ? (r.potential - reference) / reference * 100 : 0)
        }
        return BorderEffect(places: chosen.count, crossBorderPairs: pairs.count, byCountryPair: byPair, sweep: sweep, beta: beta)
    }
}
