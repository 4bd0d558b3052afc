import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// A candidate opening for the roadmap: a crossing to open, a preset or a scenario file.
public struct RoadmapCandidate: Sendable {
    public var id: String
    public var name: String
    /// crossing, preset or scenario.
    public var kind: String
    public var scenario: Scenario

    public init(id: String, name: String, kind: String, scenario: Scenario) {
        self.id = id
        self.name = name
        self.kind = kind
        self.scenario = scenario
    }

    /// Opening every mode of a crossing.
    /// - Throws: `DataError.invalid` naming the crossing when the network has none of that id.
    public static func crossing(_ id: String, in network: TransportNetwork) throws -> RoadmapCandidate {
        guard let x = network.crossings.first(where: { $0.id == id }) else {
            throw DataError.invalid("--candidate crossing:\(id)", "no such crossing" + PlaceName.didYouMean(id, among: network.crossings.map(\.id)))
        }
        return RoadmapCandidate(id: id, name: "Open \(x.name)", kind: "crossing",
                                scenario: Scenario(id: "open-\(id)", name: "Open \(x.name)", operations: [.openCrossing(crossing: id, mode: nil, delayMinutes: nil)]))
    }

    /// The presets that are roadmap steps: those that only open or speed up links of the
    /// network (a preset that closes or slows one, such as a closure stress test, is not a step
    /// towards a corridor and is left out).
    /// - Parameters:
    ///   - network: the baseline network, every mode open.
    ///   - presets: the region's presets.
    /// - Throws: `DataError` for a preset that is not a valid scenario or does not fit the network.
    public static func presets(_ network: TransportNetwork, _ presets: [ScenarioPreset]) throws -> [RoadmapCandidate] {
        let base = network.edgeCosts(excluding: [])
        return try presets.compactMap { p in
            let scenario = try Scenario(preset: p)
            let costs = try network.applying(scenario).edgeCosts(excluding: [])
            let closesOrSlows = costs.indices.contains { $0 < base.count && costs[$0] > base[$0] }
            return closesOrSlows ? nil : RoadmapCandidate(id: p.id, name: p.name, kind: "preset", scenario: scenario)
        }
    }

    /// The default candidates: every preset that opens or speeds up (``presets(_:_:)``), then
    /// every closed or planned crossing with a border edge that no preset opens (unverified
    /// ones, which only mark where a line meets a border, are left out), in the network's order.
    /// - Throws: `DataError` for a preset that is not a valid scenario.
    public static func defaults(_ network: TransportNetwork, presets: [ScenarioPreset]) throws -> [RoadmapCandidate] {
        var out = try Self.presets(network, presets)
        let opened = Set(out.flatMap { c in c.scenario.operations.compactMap { op -> String? in
            if case .openCrossing(let id, _, _) = op { return id }
            return nil
        } })
        let withEdges = Set(network.edgeCrossing.filter { $0 >= 0 }.map { network.crossings[Int($0)].id })
        var seen = Set<String>()
        for x in network.crossings where (x.status == .closed || x.status == .planned) && withEdges.contains(x.id) && !opened.contains(x.id)
            && seen.insert(x.id).inserted {
            out.append(try crossing(x.id, in: network))
        }
        return out
    }

    /// The crossings the candidate's operations name.
    var crossingIds: Set<String> {
        Set(scenario.operations.compactMap { op -> String? in
            switch op {
            case .openCrossing(let c, _, _), .closeCrossing(let c, _), .setDelay(let c, _, _): return c
            case .addLink(_, _, _, _, _, _, let c): return c
            case .removeLinks(_, let c, _): return c
            case .setSpeed: return nil
            }
        })
    }
}

/// An easy-first sequence of openings: candidates ordered by gate burden, then by the number
/// of jurisdictions that must agree; after each stage the pairs newly reachable, the
/// population gaining and the gain. Beside it the order a planner maximising benefit would
/// pick: greedy (the largest next gain) and, for up to 12 candidates, the exact best order by
/// total gain over the stages (Σ over stages of the cumulative gain: early gains count at
/// every later stage).
///
/// The search scores orders by pair gravity over the most populous places,
/// V(S) = Σ_{i<j} P_i P_j exp(−β t_ij(S)), computed for every subset S without a graph search:
/// a candidate only opens or speeds up edges, so a shortest path under S is a chain of
/// baseline shortest paths between the ends of S's edges and those edges. With the baseline
/// distances from each place and each end (one Dijkstra each), a subset costs a
/// Floyd–Warshall over the ends and a min-plus product. The stages of each order are then
/// measured by the incremental scenario evaluation (gravity over all places).
public struct Roadmap: Sendable, Codable {
    public struct Candidate: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var kind: String
        /// Gates not met on the candidate (its own and its crossings').
        public var gates: [String]
        public var gateBurden: Double
        /// Countries whose network it changes.
        public var jurisdictions: [String]
        /// Its gain alone (pair gravity, percent of the baseline).
        public var aloneGainPercent: Double
    }

    public struct Stage: Sendable, Codable, Hashable {
        public var step: Int
        public var candidate: String
        public var gateBurden: Double
        public var jurisdictions: Int
        /// Pairs among the most populous places reachable after this stage and not before it.
        public var newlyReachablePairs: Int
        /// Population of places whose gravity accessibility rises at this stage.
        public var populationGaining: Double
        /// Gravity accessibility gained at this stage, percent of the baseline.
        public var gainPercent: Double
        public var cumulativeGainPercent: Double
    }

    public struct Order: Sendable, Codable, Hashable {
        /// easy-first, greedy or exact.
        public var method: String
        public var candidates: [String]
        /// Σ over stages of the cumulative pair-gravity gain, percent of the baseline.
        public var totalGain: Double
        public var stages: [Stage]
    }

    public var candidates: [Candidate]
    public var easyFirst: Order
    public var greedy: Order
    /// Nil with more than `exactLimit` candidates (`interactingExactLimit` when they interact; see `exactNote`).
    public var exact: Order?
    public var exactNote: String?
    /// How many subsets the exact search scored.
    public var subsetsScored: Int
    public var pairPlaces: Int

    public static let exactLimit = 12
    /// Interacting candidates are scored on their own networks: the exact search takes fewer.
    public static let interactingExactLimit = 8

    /// - Parameters:
    ///   - candidates: the openings (each must only open or speed up links).
    ///   - evaluator: the incremental evaluator on the baseline (its excluded modes, β and
    ///     threads are used throughout).
    ///   - book: the gates.
    ///   - pairPlaces: the search scores pairs among this many of the most populous places.
    /// - Throws: `DataError.invalid` naming a candidate that does not fit the network or
    ///   closes or slows a link.
    public static func plan(_ candidates: [RoadmapCandidate], evaluator: ScenarioEvaluator, book: GateBook, pairPlaces: Int = 100) throws -> Roadmap {
        let base = evaluator.base, excluding = evaluator.excluding
        let baseCosts = base.edgeCosts(excluding: excluding)
        struct Key: Hashable { var a: Int, b: Int }
        func changes(_ option: TransportNetwork, _ label: String) throws -> [Key: Double] {
            let c = option.edgeCosts(excluding: excluding)
            var out: [Key: Double] = [:]
            for e in 0..<option.edgeCount {
                let w0 = e < baseCosts.count ? baseCosts[e] : .infinity
                if c[e] > w0 { throw DataError.invalid(label, "closes or slows a link (edge \(e)); roadmap candidates open or speed up") }
                guard c[e] < w0 else { continue }
                let a = Int(option.edgeTail[e]), b = Int(option.edgeHead[e])
                let k = Key(a: min(a, b), b: max(a, b))
                out[k] = min(out[k] ?? .infinity, c[e])
            }
            return out
        }
        var edgeSets: [[Key: Double]] = [], infos: [Candidate] = []
        for c in candidates {
            let option = try base.applying(c.scenario)
            let changed = try changes(option, "candidate \(c.id)")
            edgeSets.append(changed)
            var gates = book.gates(forScenario: c.id)
            for x in base.crossings where c.crossingIds.contains(x.id) { gates += book.gates(for: x) }
            let open = book.open(gates)
            let countries = Set(changed.keys.flatMap { [base.country(of: $0.a), base.country(of: $0.b)] }.compactMap { $0 })
            infos.append(Candidate(id: c.id, name: c.name, kind: c.kind, gates: open, gateBurden: book.burden(open),
                                   jurisdictions: countries.sorted(), aloneGainPercent: 0))
        }

        // Baseline distances from the places and from every end of a changed edge.
        let top = base.mostPopulousPlaces(pairPlaces)
        let placeNodes = top.map { Int(base.places[$0].node) }
        let pops = top.map { base.places[$0].population }
        let ends = Array(Set(edgeSets.flatMap { $0.keys.flatMap { [$0.a, $0.b] } })).sorted()
        let endIndex = Dictionary(uniqueKeysWithValues: ends.enumerated().map { ($1, $0) })
        let weights = base.graph.arcEdge.map { baseCosts[Int($0)] }
        let graph = base.graph
        let sources = placeNodes + ends
        let rows = Parallel.map(sources.count, threads: evaluator.threads, state: { Dijkstra(graph: graph) }) { d, k -> [Double] in
            d.run(from: [sources[k]], weights: weights)
            return (placeNodes + ends).map { d.distance(to: $0) }
        }
        let k = placeNodes.count, m = ends.count
        let beta = evaluator.beta
        let edgeLists: [[(Int, Int, Double)]] = edgeSets.map { $0.map { (endIndex[$0.key.a]!, endIndex[$0.key.b]!, $0.value) } }
        // Do candidates interact (one's link needs another's opening)? Then the union of
        // their edges is not the combined network, and the subset scores would be wrong.
        var note: String?
        let combined = Scenario(id: "all", name: "all", operations: candidates.flatMap(\.scenario.operations))
        var union: [Key: Double] = [:]
        for s in edgeSets { for (key, w) in s { union[key] = min(union[key] ?? .infinity, w) } }
        if candidates.count > 1, try changes(try base.applying(combined), "the candidates together") != union {
            note = "the candidates interact (together they open links none opens alone), so each subset is scored on its own network (one Dijkstra per place)"
        }
        let interacting = note != nil
        // V(S) directly: the subset applied, one Dijkstra per place.
        let direct: @Sendable ([Int]) -> Double = { subset in
            let s = Scenario(id: "subset", name: "subset", operations: subset.flatMap { candidates[$0].scenario.operations })
            guard let option = try? base.applying(s) else { return .nan }
            let c = option.edgeCosts(excluding: excluding)
            let w = option.graph.arcEdge.map { c[Int($0)] }
            let d = Dijkstra(graph: option.graph)
            var v = 0.0
            for i in 0..<k {
                d.run(from: [placeNodes[i]], weights: w)
                for j in (i + 1)..<max(i + 1, k) {
                    let t = d.distance(to: placeNodes[j])
                    if t.isFinite { v += pops[i] * pops[j] * exp(-beta * t / 3600) }
                }
            }
            return v
        }
        // V(S) for a subset given as candidate indices.
        let score: @Sendable ([Int]) -> Double = { subset in
            if interacting { return direct(subset) }
            var D = [Double](repeating: .infinity, count: m * m)
            for a in 0..<m { for b in 0..<m { D[a * m + b] = rows[k + a][k + b] } }
            for c in subset {
                for (a, b, w) in edgeLists[c] where w < D[a * m + b] { D[a * m + b] = w; D[b * m + a] = w }
            }
            for via in 0..<m {
                for a in 0..<m where D[a * m + via].isFinite {
                    let da = D[a * m + via]
                    for b in 0..<m where da + D[via * m + b] < D[a * m + b] { D[a * m + b] = da + D[via * m + b] }
                }
            }
            // h[i][b]: place i to end b through the subset's edges.
            var h = [Double](repeating: .infinity, count: k * m)
            for i in 0..<k {
                for a in 0..<m where rows[i][k + a].isFinite {
                    let da = rows[i][k + a]
                    for b in 0..<m where da + D[a * m + b] < h[i * m + b] { h[i * m + b] = da + D[a * m + b] }
                }
            }
            var v = 0.0
            for i in 0..<k {
                for j in (i + 1)..<max(i + 1, k) {
                    var t = rows[i][j]
                    for b in 0..<m { t = min(t, h[i * m + b] + rows[j][k + b]) }
                    if t.isFinite { v += pops[i] * pops[j] * exp(-beta * t / 3600) }
                }
            }
            return v
        }
        let v0 = score([])
        func percent(_ v: Double) -> Double { v0 > 0 ? (v - v0) / v0 * 100 : 0 }
        for i in infos.indices { infos[i].aloneGainPercent = percent(score([i])) }


        func total(_ order: [Int]) -> Double {
            var prefix: [Int] = [], sum = 0.0
            for c in order { prefix.append(c); sum += percent(score(prefix)) }
            return sum
        }
        // Easy first: gate burden, then jurisdictions, then the larger gain alone, then id.
        let easy = infos.indices.sorted {
            let a = infos[$0], b = infos[$1]
            return (a.gateBurden, a.jurisdictions.count, -a.aloneGainPercent, a.id) < (b.gateBurden, b.jurisdictions.count, -b.aloneGainPercent, b.id)
        }
        // Greedy: the largest next gain (ties: the easier).
        var greedyOrder: [Int] = [], left = Set(infos.indices)
        while !left.isEmpty {
            let pick = easy.filter(left.contains).max { a, b in score(greedyOrder + [a]) < score(greedyOrder + [b]) - 1e-9 * v0 }!
            greedyOrder.append(pick)
            left.remove(pick)
        }
        // Exact: best(S) = gain(S) + max over c in S of best(S \ c), over all 2^n subsets.
        var exactOrder: [Int]?
        var scored = 0
        if candidates.count > exactLimit {
            note = (note.map { $0 + "; " } ?? "") + "the exact search takes at most \(exactLimit) candidates (\(candidates.count) given)"
        } else if interacting && candidates.count > interactingExactLimit {
            note = (note ?? "") + "; the exact search over interacting candidates takes at most \(interactingExactLimit)"
        } else {
            let n = candidates.count
            let values = Parallel.map(1 << n, threads: evaluator.threads, state: { () }) { _, mask -> Double in
                score((0..<n).filter { mask & (1 << $0) != 0 })
            }
            scored = values.count
            var best = [Double](repeating: 0, count: 1 << n), last = [Int](repeating: -1, count: 1 << n)
            for mask in 1..<(1 << n) {
                var bestValue = -Double.infinity, bestLast = -1
                // Prefer the easier candidate last on a tie, so the easy one comes early.
                for c in easy.reversed() where mask & (1 << c) != 0 {
                    let v = best[mask ^ (1 << c)]
                    if v > bestValue + 1e-12 { bestValue = v; bestLast = c }
                }
                best[mask] = percent(values[mask]) + bestValue
                last[mask] = bestLast
            }
            var order: [Int] = [], mask = (1 << n) - 1
            while mask != 0 { order.insert(last[mask], at: 0); mask ^= 1 << last[mask] }
            exactOrder = order
        }

        // The stages of each order, measured by the incremental evaluation (cached by set).
        var cache: [[Int]: ScenarioEvaluation] = [:]
        func evaluation(_ set: [Int]) throws -> ScenarioEvaluation {
            let key = set.sorted()
            if let e = cache[key] { return e }
            let s = Scenario(id: key.map { candidates[$0].id }.joined(separator: "+"), name: "stage",
                             operations: key.flatMap { candidates[$0].scenario.operations })
            let e = try evaluator.evaluate(s)
            cache[key] = e
            return e
        }
        func order(_ method: String, _ indices: [Int]) throws -> Order {
            var stages: [Stage] = [], prefix: [Int] = []
            let g0 = evaluator.baseline.placeIds.indices.reduce(0.0) { $0 + base.places[$1].population * evaluator.baseline.gravityExponential[$1] }
            var previousGravity = evaluator.baseline.gravityExponential
            var previousReachable = 0
            for (step, c) in indices.enumerated() {
                prefix.append(c)
                let e = try evaluation(prefix)
                if step == 0 { previousReachable = e.pairs.reachableBefore }
                let after = e.places.map(\.gravityAfter)
                var gaining = 0.0, g1 = 0.0, gPrev = 0.0
                for (i, p) in e.places.enumerated() {
                    if after[i] > previousGravity[i] * (1 + 1e-9) { gaining += p.population }
                    g1 += p.population * after[i]
                    gPrev += p.population * previousGravity[i]
                }
                stages.append(Stage(step: step + 1, candidate: candidates[c].id, gateBurden: infos[c].gateBurden, jurisdictions: infos[c].jurisdictions.count,
                                    newlyReachablePairs: e.pairs.reachableAfter - previousReachable, populationGaining: gaining,
                                    gainPercent: g0 > 0 ? (g1 - gPrev) / g0 * 100 : 0, cumulativeGainPercent: e.gravityChangePercent))
                previousGravity = after
                previousReachable = e.pairs.reachableAfter
            }
            return Order(method: method, candidates: indices.map { candidates[$0].id }, totalGain: total(indices), stages: stages)
        }
        return Roadmap(candidates: infos, easyFirst: try order("easy-first", easy), greedy: try order("greedy", greedyOrder),
                       exact: try exactOrder.map { try order("exact", $0) }, exactNote: note, subsetsScored: scored, pairPlaces: k)
    }
}

extension RoadmapCandidate {
    /// A candidate as the command line names it: `preset:ID`, `crossing:ID` (open every mode)
    /// or a scenario file.
    /// - Parameters:
    ///   - spec: the candidate.
    ///   - presets: the region's presets.
    ///   - network: the network the crossing is opened on.
    /// - Throws: `DataError.invalid` naming an unknown preset (with a did-you-mean) or crossing,
    ///   or a bad scenario file.
    public init(parsing spec: String, presets: [ScenarioPreset], network: TransportNetwork) throws {
        if spec.hasPrefix("preset:") {
            let id = String(spec.dropFirst(7))
            guard let p = presets.first(where: { $0.id == id }) else {
                throw DataError.invalid("--candidate \(spec)", "no such preset" + PlaceName.didYouMean(id, among: presets.map(\.id)))
            }
            self.init(id: p.id, name: p.name, kind: "preset", scenario: try Scenario(preset: p))
        } else if spec.hasPrefix("crossing:") {
            self = try RoadmapCandidate.crossing(String(spec.dropFirst(9)), in: network)
        } else {
            let s = try Scenario(file: spec)
            self.init(id: s.id, name: s.name, kind: "scenario", scenario: s)
        }
    }
}
