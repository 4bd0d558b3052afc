import CorridorAnalysis
import Foundation

/// Origin–destination matrix estimation from counts (ODME), as practitioners run it after a
/// demand model: the model's matrix is the prior, and the cells that cross a counted
/// crossing are scaled, multiplicatively, until the modelled entries meet the counts, each
/// cell never further than a limit from its prior.
///
/// Each iteration loads the matrix (crossing choice by logit at the model's dispersion, or
/// all-or-nothing), takes every counted crossing's factor f = count / modelled, and moves each
/// pair that enters the counted country by the share-weighted geometric mean of the factors of
/// the counted crossings it uses (pairs using none stay put), clamped to [prior / limit,
/// prior × limit]. It is the multiplicative scheme of Spiess (1990) with a step of one and a
/// box on the cells. The counts record entries only; a pair's return trips (the reverse cell)
/// take its factor at the end, so the estimated matrix stays as symmetric as the prior.
public struct MatrixEstimation: Sendable, Hashable, Codable {
    /// How far a cell may move from its prior, as a factor (>= 1).
    public var limit: Double
    /// The most iterations.
    public var iterations: Int

    /// The defaults: a factor of 5 each way, 15 iterations.
    public static let standard = MatrixEstimation(limit: 5, iterations: 15)

    /// - Parameters:
    ///   - limit: how far a cell may move from its prior, as a factor (>= 1).
    ///   - iterations: the most iterations (>= 1).
    public init(limit: Double, iterations: Int) {
        (self.limit, self.iterations) = (limit, iterations)
    }

    /// The estimated matrix and what it loads.
    public struct Result: Sendable {
        /// The prior times the border factors: the matrix the estimation starts from.
        public var prior: ODMatrix
        /// The prior with the counted pairs (and their reverse) moved.
        public var trips: ODMatrix
        /// Entries into the counted country by crossing id, from `trips`.
        public var inbound: [String: Double]
        /// Iterations run.
        public var iterations: Int
        /// Pairs moved (entries only; their reverse cells follow).
        public var movedPairs: Int
    }
}

extension RegionFlowModel {
    /// The matrix estimated from counts (``MatrixEstimation``).
    /// - Parameters:
    ///   - prior: zone-to-zone trips (the demand model's, before any border factor).
    ///   - borderScales: per border ("CAN-USA"), the factor on the trips that cross it (the
    ///     fitted border factors; 1 for a border not named). Pairs in two countries take their
    ///     border's factor, domestic pairs routed through a neighbour the factor of the border
    ///     nearest their origin. In the entries, trips left to all-or-nothing (domestic pairs
    ///     through a neighbour, pairs two crossings apart) count at the factor of the crossing
    ///     they enter by, as validation scales a loading.
    ///   - counts: per crossing id, the counted entries into `country` to match (crossings not
    ///     named are left free).
    ///   - dispersion: the crossing-choice dispersion on the relative detour (`.infinity`: the cheapest).
    ///   - country: the country whose entries are counted.
    ///   - estimation: the limit and iterations.
    ///   - threads: workers.
    /// - Throws: `FlowError.invalid` for a limit below 1, no iteration, a negative or
    ///   non-finite count or factor.
    public func estimateMatrix(prior: ODMatrix, borderScales: [String: Double], counts: [String: Double], dispersion: Double, inbound country: String,
                               estimation: MatrixEstimation = .standard, threads: Int) throws -> MatrixEstimation.Result {
        guard estimation.limit >= 1, estimation.limit.isFinite else { throw FlowError.invalid("matrix estimation", "limit \(estimation.limit) must be a finite factor >= 1") }
        guard estimation.iterations >= 1 else { throw FlowError.invalid("matrix estimation", "at least one iteration") }
        if let bad = counts.keys.sorted().first(where: { !(counts[$0]!.isFinite && counts[$0]! >= 0) }) {
            throw FlowError.invalid("matrix estimation", "count \(counts[bad]!) at \(bad) must be finite and >= 0")
        }
        if let bad = borderScales.keys.sorted().first(where: { !(borderScales[$0]!.isFinite && borderScales[$0]! >= 0) }) {
            throw FlowError.invalid("matrix estimation", "border factor \(borderScales[bad]!) for \(bad) must be finite and >= 0")
        }
        guard dispersion > 0 else { throw FlowError.invalid("matrix estimation", "dispersion \(dispersion) must be > 0") }
        let choices = CrossingChoices(self, inbound: country)
        let z = zones.count, n = choices.countries.count
        // Border factors by country pair, and by crossing.
        var pairScale = [Double](repeating: 1, count: n * n)
        for a in 0..<n {
            for b in 0..<n where a != b {
                pairScale[a * n + b] = borderScales[[choices.countries[a], choices.countries[b]].sorted().joined(separator: "-")] ?? 1
            }
        }
        var crossingScale = [Double](repeating: 1, count: choices.crossingIds.count)
        for w in choices.ways { crossingScale[w.crossing] = pairScale[w.countryFrom * n + w.countryTo] }
        // A domestic pair whose route shortcuts abroad takes the factor of the border nearest
        // its origin (the crossing side closest to the origin's centre, great-circle).
        var domesticScale = [Double](repeating: 1, count: z)
        for i in 0..<z {
            let here = network.coordinate(of: zoneNodes[i])
            var best = Double.infinity
            for w in choices.ways where w.countryFrom == choices.zoneCountry[i] {
                let side = network.coordinate(of: compactNodes[w.from])
                let km = Self.haversineKilometers(here.x, here.y, side.x, side.y)
                if km < best { best = km; domesticScale[i] = pairScale[w.countryFrom * n + w.countryTo] }
            }
        }
        var scaled = prior
        for i in 0..<z {
            for j in 0..<z where prior[i, j] > 0 {
                let a = choices.zoneCountry[i], b = choices.zoneCountry[j]
                scaled[i, j] = prior[i, j] * (a != b ? pairScale[a * n + b] : domesticScale[i])
            }
        }
        // Entries of the pairs left to all-or-nothing: fixed, at the factor of the crossing
        // they enter by (as validation scales a loading).
        let (_, rest) = choices.load(prior, dispersion: dispersion, threads: threads)
        let restRaw = freeFlowInbound(rest, inbound: country, threads: threads)
        let restEntries = choices.crossingIds.enumerated().map { c, id in (restRaw[id] ?? 0) * crossingScale[c] }
        let target = choices.crossingIds.map { counts[$0] }
        let start = scaled
        var trips = scaled
        let (initial, _) = choices.load(trips, dispersion: dispersion, threads: threads)
        var modelled = initial.indices.map { initial[$0] + restEntries[$0] }
        var done = 0, moved = Set<Int>()
        for _ in 0..<estimation.iterations {
            var logFactor = [Double](repeating: 0, count: target.count), counted = [Bool](repeating: false, count: target.count)
            var worst = 0.0
            for c in target.indices {
                guard let t = target[c], modelled[c] > 0 else { continue }
                logFactor[c] = t > 0 ? log(t / modelled[c]) : log(1e-6)
                counted[c] = true
                worst = max(worst, abs(logFactor[c]))
            }
            if worst < 1e-4 { break }
            let frozen = trips, isCounted = counted, factors = logFactor
            // One pass: each entering pair's new trips, and the entries they load.
            let rows = Parallel.map(z, threads: threads, state: { () }) { _, i -> (moves: [(Int, Double)], entries: [Double]) in
                var moves: [(Int, Double)] = [], hours: [Double] = [], crossings: [Int] = []
                var entries = [Double](repeating: 0, count: factors.count)
                guard choices.zoneCountry[i] != choices.into else { return (moves, entries) }
                for j in 0..<z where choices.zoneCountry[j] == choices.into && frozen[i, j] > 0 {
                    guard choices.shares(i, j, dispersion: dispersion, hours: &hours, crossings: &crossings) else { continue }
                    var weight = 0.0, sum = 0.0
                    for (k, share) in hours.enumerated() where isCounted[crossings[k]] {
                        weight += share
                        sum += share * factors[crossings[k]]
                    }
                    var t = frozen[i, j]
                    if weight > 1e-12 {
                        t = start[i, j] * min(max(t * exp(sum / weight) / start[i, j], 1 / estimation.limit), estimation.limit)
                        moves.append((j, t))
                    }
                    for (k, share) in hours.enumerated() { entries[crossings[k]] += t * share }
                }
                return (moves, entries)
            }
            modelled = restEntries
            for (i, row) in rows.enumerated() {
                for (j, v) in row.moves { trips[i, j] = v; moved.insert(i * z + j) }
                for c in modelled.indices { modelled[c] += row.entries[c] }
            }
            done += 1
        }
        // Return trips follow their pair.
        for cell in moved.sorted() {
            let i = cell / z, j = cell % z
            if start[j, i] > 0 { trips[j, i] = start[j, i] * trips[i, j] / start[i, j] }
        }
        var inbound: [String: Double] = [:]
        for (c, id) in choices.crossingIds.enumerated() where modelled[c] > 0 { inbound[id] = modelled[c] }
        return MatrixEstimation.Result(prior: start, trips: trips, inbound: inbound, iterations: done, movedPairs: moved.count)
    }
}
