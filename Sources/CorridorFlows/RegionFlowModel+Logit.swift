import CorridorAnalysis
import Foundation

/// Crossing choice by logit: a trip between two countries picks among the crossings that join
/// them, each with probability proportional to exp(−θ · hours), hours being the domestic time
/// to the crossing, the time through it (with its delay) and the domestic time on from it.
/// Twin ports of one metro (San Ysidro and Otay Mesa, Laredo's bridges, Detroit and Port
/// Huron) then share a pair's trips by time instead of one taking all, as all-or-nothing at
/// free flow gives. θ → ∞ is all-or-nothing; θ is a dispersion per hour, fitted on counts.
extension RegionFlowModel {
    /// Entries into `country` per crossing when `trips` choose their crossing by logit.
    ///
    /// Pairs in two countries that one crossing joins are loaded by logit over those
    /// crossings (single-crossing routes); every other pair (a domestic pair that shortcuts
    /// abroad, a pair two crossings apart) keeps its free-flow shortest route, loaded
    /// all-or-nothing on the compact network. Sums run over origins in order, so the result
    /// does not depend on the thread count.
    /// - Parameters:
    ///   - trips: zone-to-zone trips over this model's zones.
    ///   - theta: the dispersion θ per hour, > 0; `.infinity` loads every pair all-or-nothing.
    ///   - country: the country whose entries count.
    ///   - threads: workers.
    /// - Returns: vehicles a year entering `country` by crossing id.
    public func logitInbound(_ trips: ODMatrix, dispersion theta: Double, inbound country: String, threads: Int) -> [String: Double] {
        precondition(theta > 0, "a positive dispersion")
        guard theta.isFinite else { return freeFlowInbound(trips, inbound: country, threads: threads) }
        let z = zones.count, k = compactNodes.count
        let ids = Array(Set(crossingLinks.map(\.crossingId))).sorted()
        let idIndex = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        // Each crossing link in both orientations: (from side, to side, hours, crossing index,
        // countries from → to).
        struct Way: Sendable { var from: Int, to: Int, hours: Double, crossing: Int, countryFrom: String, countryTo: String }
        var ways: [Way] = []
        for l in crossingLinks {
            let a = z + sideIndex[l.nodeA]!, b = z + sideIndex[l.nodeB]!, c = idIndex[l.crossingId]!
            ways.append(Way(from: a, to: b, hours: l.freeFlowHours, crossing: c, countryFrom: l.countryA, countryTo: l.countryB))
            ways.append(Way(from: b, to: a, hours: l.freeFlowHours, crossing: c, countryFrom: l.countryB, countryTo: l.countryA))
        }
        // Countries as numbers, and the ways from each country to each other.
        let countries = Array(Set(zones.map(\.country) + ways.flatMap { [$0.countryFrom, $0.countryTo] })).sorted()
        let number = Dictionary(uniqueKeysWithValues: countries.enumerated().map { ($1, $0) })
        let n = countries.count
        var waysBetween = [[Int]](repeating: [], count: n * n)
        for (w, way) in ways.enumerated() { waysBetween[number[way.countryFrom]! * n + number[way.countryTo]!].append(w) }
        let table = domesticTable, zoneCountry = zones.map { number[$0.country]! }, into = number[country]
        let frozenWays = ways, between = waysBetween
        // Per origin: entries by crossing, and the destinations the logit took.
        let rows = Parallel.map(z, threads: threads, state: { () }) { _, i -> (entries: [Double], taken: [Int]) in
            var entries = [Double](repeating: 0, count: ids.count)
            var taken: [Int] = []
            var weights: [Double] = [], choices: [Int] = []
            for j in 0..<z where j != i && trips[i, j] > 0 && zoneCountry[j] != zoneCountry[i] {
                weights.removeAll(keepingCapacity: true)
                choices.removeAll(keepingCapacity: true)
                var best = Double.infinity
                for w in between[zoneCountry[i] * n + zoneCountry[j]] {
                    let way = frozenWays[w]
                    let hours = table[i * k + way.from] / 3600 + way.hours + table[way.to * k + j] / 3600
                    guard hours.isFinite else { continue }
                    weights.append(hours)
                    choices.append(w)
                    best = min(best, hours)
                }
                guard !choices.isEmpty else { continue }
                taken.append(j)
                guard zoneCountry[j] == into else { continue }  // only entries into `country` count
                Self.logitShares(&weights, dispersion: theta, cheapest: best)
                let t = trips[i, j]
                for (c, w) in choices.enumerated() { entries[frozenWays[w].crossing] += t * weights[c] }
            }
            return (entries, taken)
        }
        var rest = trips
        var logit = [Double](repeating: 0, count: ids.count)
        for (i, row) in rows.enumerated() {
            for j in row.taken { rest[i, j] = 0 }
            for c in ids.indices { logit[c] += row.entries[c] }
        }
        var out = freeFlowInbound(rest, inbound: country, threads: threads)
        for (c, id) in ids.enumerated() where logit[c] > 0 { out[id, default: 0] += logit[c] }
        return out
    }

    /// Logit shares of alternatives by their times: exp(−θ (t − t_min)) / Σ, in place.
    /// - Parameters:
    ///   - hours: each alternative's hours (finite), replaced by its share.
    ///   - theta: the dispersion per hour, > 0.
    ///   - cheapest: the smallest of `hours` (subtracted for numerical safety).
    public static func logitShares(_ hours: inout [Double], dispersion theta: Double, cheapest: Double) {
        var total = 0.0
        for c in hours.indices { hours[c] = exp(-theta * (hours[c] - cheapest)); total += hours[c] }
        for c in hours.indices { hours[c] /= total }
    }

    /// Crossings whose every border edge has a side that no zone of its country reaches by
    /// domestic routes (or that reaches none): a gap in the network strands them, so no trip
    /// can use them and their modelled volume is 0 whatever the parameters.
    /// - Returns: crossing id → the countries of the stranded sides, for the crossings with no
    ///   usable edge.
    public func strandedCrossings() -> [String: [String]] {
        let z = zones.count, k = compactNodes.count
        let zoneCountry = zones.map(\.country)
        func joined(_ node: Int, _ country: String) -> Bool {
            let s = z + sideIndex[node]!
            return (0..<z).contains { zoneCountry[$0] == country && domesticTable[$0 * k + s].isFinite && domesticTable[s * k + $0].isFinite }
        }
        var usable: Set<String> = [], stranded: [String: Set<String>] = [:]
        for l in crossingLinks {
            let a = joined(l.nodeA, l.countryA), b = joined(l.nodeB, l.countryB)
            if a && b { usable.insert(l.crossingId); continue }
            if !a { stranded[l.crossingId, default: []].insert(l.countryA) }
            if !b { stranded[l.crossingId, default: []].insert(l.countryB) }
        }
        return stranded.filter { !usable.contains($0.key) }.mapValues { $0.sorted() }
    }
}
