import CorridorAnalysis
import Foundation

/// Crossing choice by logit: a trip between two countries picks among the crossings that join
/// them, each with probability proportional to exp(−θ (t / t_min − 1)), t being the route's
/// hours through the crossing (the domestic time to it, the time through it with its delay,
/// and the domestic time on from it) and t_min the best route's. The dispersion θ acts on the
/// relative detour: a 20-minute detour weighs heavily on a 40-minute trip across Tijuana and
/// San Diego and little on a 20-hour haul, as a random error growing with the trip's length
/// gives (a scaled logit). Twin ports of one metro (San Ysidro and Otay Mesa, Laredo's
/// bridges, Detroit and Port Huron) then share a pair's trips by time instead of one taking
/// all, as all-or-nothing at free flow gives. θ → ∞ is all-or-nothing; θ is fitted on counts.
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
    ///   - theta: the dispersion θ on the relative detour, > 0; `.infinity` loads every pair all-or-nothing.
    ///   - country: the country whose entries count.
    ///   - threads: workers.
    /// - Returns: vehicles a year entering `country` by crossing id.
    public func logitInbound(_ trips: ODMatrix, dispersion theta: Double, inbound country: String, threads: Int) -> [String: Double] {
        precondition(theta > 0, "a positive dispersion")
        guard theta.isFinite else { return freeFlowInbound(trips, inbound: country, threads: threads) }
        let choices = CrossingChoices(self, inbound: country)
        let (logit, rest) = choices.load(trips, dispersion: theta, threads: threads)
        var out = freeFlowInbound(rest, inbound: country, threads: threads)
        for (c, id) in choices.crossingIds.enumerated() where logit[c] > 0 { out[id, default: 0] += logit[c] }
        return out
    }

    /// ``logitInbound(_:dispersion:inbound:threads:)`` for several trip matrices and
    /// dispersions in one pass: each pair's routes are timed once, each dispersion's shares
    /// taken once, and each matrix's remaining trips loaded all-or-nothing once.
    /// - Parameters:
    ///   - trips: zone-to-zone trip matrices over this model's zones.
    ///   - dispersions: the dispersions (> 0; `.infinity`: all-or-nothing).
    ///   - country: the country whose entries count.
    ///   - threads: workers.
    /// - Returns: per matrix, per dispersion (in the order given), entries into `country` by crossing id.
    public func logitInbound(_ trips: [ODMatrix], dispersions: [Double], inbound country: String, threads: Int) -> [[[String: Double]]] {
        precondition(dispersions.allSatisfy { $0 > 0 }, "positive dispersions")
        let choices = CrossingChoices(self, inbound: country)
        let z = zones.count, m = trips.count, d = dispersions.count, c = choices.crossingIds.count
        let finite = dispersions.enumerated().filter { $0.element.isFinite }.map(\.offset)
        // Per origin: entries by matrix, dispersion and crossing (flat), and the destinations taken.
        let rows = Parallel.map(z, threads: threads, state: { () }) { _, i -> (entries: [Double], taken: [Int]) in
            var entries = [Double](repeating: 0, count: m * d * c), taken: [Int] = []
            var hours: [Double] = [], crossings: [Int] = [], relative: [Double] = [], shares: [Double] = []
            for j in 0..<z where j != i && choices.zoneCountry[j] != choices.zoneCountry[i] && trips.contains(where: { $0[i, j] > 0 }) {
                guard choices.shares(i, j, dispersion: .infinity, hours: &hours, crossings: &crossings, relativeHours: &relative) else { continue }
                taken.append(j)
                guard choices.zoneCountry[j] == choices.into else { continue }
                for k in finite {
                    shares = relative
                    RegionFlowModel.logitShares(&shares, dispersion: dispersions[k], cheapest: 1)
                    for t in 0..<m where trips[t][i, j] > 0 {
                        let v = trips[t][i, j], base = (t * d + k) * c
                        for (w, share) in shares.enumerated() { entries[base + crossings[w]] += v * share }
                    }
                }
            }
            return (entries, taken)
        }
        var out = [[[String: Double]]](repeating: [[String: Double]](repeating: [:], count: d), count: m)
        for t in 0..<m {
            var rest = trips[t], logit = [Double](repeating: 0, count: d * c)
            for (i, row) in rows.enumerated() {
                for j in row.taken { rest[i, j] = 0 }
                for x in 0..<(d * c) { logit[x] += row.entries[t * d * c + x] }
            }
            let restInbound = freeFlowInbound(rest, inbound: country, threads: threads)
            let all = dispersions.contains(where: { !$0.isFinite }) ? freeFlowInbound(trips[t], inbound: country, threads: threads) : [:]
            for k in 0..<d {
                guard dispersions[k].isFinite else { out[t][k] = all; continue }
                var o = restInbound
                for (x, id) in choices.crossingIds.enumerated() where logit[k * c + x] > 0 { o[id, default: 0] += logit[k * c + x] }
                out[t][k] = o
            }
        }
        return out
    }

    /// The crossing choices of the pairs in two countries that one crossing joins: for a pair,
    /// its crossings' hours (domestic time to the crossing, through it with its delay, and on
    /// from it), from which logit shares follow. Shares are computed when asked for, not stored
    /// (pairs × crossings would not fit in memory on north-america).
    struct CrossingChoices: Sendable {
        struct Way: Sendable { var from: Int, to: Int, hours: Double, crossing: Int, countryFrom: Int, countryTo: Int }
        let crossingIds: [String]
        let ways: [Way]
        /// Ways from country a to country b at `a * countryCount + b`.
        let between: [[Int]]
        let countries: [String]
        let zoneCountry: [Int]
        /// The inbound country's number (nil when no zone lies in it).
        let into: Int?
        let table: [Double]
        let zoneCount: Int, compactCount: Int

        init(_ model: RegionFlowModel, inbound country: String) {
            let ids = Array(Set(model.crossingLinks.map(\.crossingId))).sorted()
            let idIndex = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            let countries = Array(Set(model.zones.map(\.country) + model.crossingLinks.flatMap { [$0.countryA, $0.countryB] })).sorted()
            let number = Dictionary(uniqueKeysWithValues: countries.enumerated().map { ($1, $0) })
            let z = model.zones.count
            var ways: [Way] = []
            for l in model.crossingLinks {
                let a = z + model.sideIndex[l.nodeA]!, b = z + model.sideIndex[l.nodeB]!, c = idIndex[l.crossingId]!
                ways.append(Way(from: a, to: b, hours: l.freeFlowHours, crossing: c, countryFrom: number[l.countryA]!, countryTo: number[l.countryB]!))
                ways.append(Way(from: b, to: a, hours: l.freeFlowHours, crossing: c, countryFrom: number[l.countryB]!, countryTo: number[l.countryA]!))
            }
            let n = countries.count
            var between = [[Int]](repeating: [], count: n * n)
            for (w, way) in ways.enumerated() { between[way.countryFrom * n + way.countryTo].append(w) }
            (crossingIds, self.ways, self.between, self.countries) = (ids, ways, between, countries)
            zoneCountry = model.zones.map { number[$0.country]! }
            into = number[country]
            table = model.domesticTable
            (zoneCount, compactCount) = (z, model.compactNodes.count)
        }

        /// The pair's ways' crossings and shares (`hours` ends as shares); false when no
        /// crossing joins the pair's countries by finite times. θ infinite gives the cheapest
        /// way (the first on ties) a share of 1.
        func shares(_ i: Int, _ j: Int, dispersion theta: Double, hours: inout [Double], crossings: inout [Int]) -> Bool {
            var unused: [Double] = []
            return shares(i, j, dispersion: theta, hours: &hours, crossings: &crossings, relativeHours: &unused, keepRelative: false)
        }

        /// As ``shares(_:_:dispersion:hours:crossings:)``, also keeping the relative hours
        /// t / t_min in `relativeHours` (for shares at other dispersions).
        func shares(_ i: Int, _ j: Int, dispersion theta: Double, hours: inout [Double], crossings: inout [Int], relativeHours: inout [Double],
                    keepRelative: Bool = true) -> Bool {
            hours.removeAll(keepingCapacity: true)
            crossings.removeAll(keepingCapacity: true)
            let k = compactCount
            var best = Double.infinity, bestAt = -1
            for w in between[zoneCountry[i] * countries.count + zoneCountry[j]] {
                let way = ways[w]
                let h = table[i * k + way.from] / 3600 + way.hours + table[way.to * k + j] / 3600
                guard h.isFinite else { continue }
                if h < best { best = h; bestAt = hours.count }
                hours.append(h)
                crossings.append(way.crossing)
            }
            guard !crossings.isEmpty else { return false }
            if best > 0 {  // the relative detour t / t_min
                for c in hours.indices { hours[c] /= best }
                best = 1
            }
            if keepRelative { relativeHours = hours }
            if theta.isFinite {
                RegionFlowModel.logitShares(&hours, dispersion: theta, cheapest: best)
            } else {
                for c in hours.indices { hours[c] = c == bestAt ? 1 : 0 }
            }
            return true
        }

        /// Loads the single-crossing pairs of `trips` by their shares: entries into the
        /// inbound country by crossing (in `crossingIds` order), and the trips left for an
        /// all-or-nothing loading (every other pair). Sums run over origins in order.
        func load(_ trips: ODMatrix, dispersion theta: Double, threads: Int) -> (entries: [Double], rest: ODMatrix) {
            let z = zoneCount
            let rows = Parallel.map(z, threads: threads, state: { () }) { _, i -> (entries: [Double], taken: [Int]) in
                var entries = [Double](repeating: 0, count: crossingIds.count), taken: [Int] = []
                var hours: [Double] = [], crossings: [Int] = []
                for j in 0..<z where j != i && trips[i, j] > 0 && zoneCountry[j] != zoneCountry[i] {
                    guard shares(i, j, dispersion: theta, hours: &hours, crossings: &crossings) else { continue }
                    taken.append(j)
                    guard zoneCountry[j] == into else { continue }  // only entries into the inbound country count
                    let t = trips[i, j]
                    for (c, share) in hours.enumerated() { entries[crossings[c]] += t * share }
                }
                return (entries, taken)
            }
            var rest = trips, entries = [Double](repeating: 0, count: crossingIds.count)
            for (i, row) in rows.enumerated() {
                for j in row.taken { rest[i, j] = 0 }
                for c in entries.indices { entries[c] += row.entries[c] }
            }
            return (entries, rest)
        }
    }

    /// Logit shares of alternatives by their costs: exp(−θ (t − t_min)) / Σ, in place (the
    /// crossing choice passes costs relative to the cheapest, t / t_min).
    /// - Parameters:
    ///   - hours: each alternative's cost (finite), replaced by its share.
    ///   - theta: the dispersion, > 0.
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
