import Foundation

/// A user class of traffic: its own demand, links it may not use, and its weight in the link
/// costs (passenger-car equivalents per vehicle).
public struct TrafficClass: Sendable {
    public var name: String
    public var demand: ODMatrix
    /// 0-based links closed to this class (trucks on a road closed to them, rail for cars).
    public var closedLinks: Set<Int>
    /// Each vehicle of the class counts this much in the flow the link costs see.
    public var passengerCarEquivalent: Double

    public init(name: String, demand: ODMatrix, closedLinks: Set<Int> = [], passengerCarEquivalent: Double = 1) {
        precondition(passengerCarEquivalent.isFinite && passengerCarEquivalent > 0, "a positive PCE")
        self.name = name
        self.demand = demand
        self.closedLinks = closedLinks
        self.passengerCarEquivalent = passengerCarEquivalent
    }
}

/// How flows move towards equilibrium.
public enum AssignmentAlgorithm: String, Sendable, CaseIterable, Codable {
    /// One all-or-nothing loading at free-flow costs.
    case allOrNothing = "aon"
    /// Method of successive averages: step 1/k towards each new loading.
    case msa
    /// Frank-Wolfe (1956) with an exact line search.
    case frankWolfe = "fw"
    /// Conjugate Frank-Wolfe (Mitradjieva & Lindberg 2013).
    case conjugateFrankWolfe = "cfw"
    /// Biconjugate Frank-Wolfe (Mitradjieva & Lindberg 2013).
    case biconjugateFrankWolfe = "bfw"
    /// Path-based gradient projection (Jayakrishnan et al. 1994): each OD pair's paths kept,
    /// flow moved between them by Newton steps.
    case gradientProjection = "gp"
}

/// How `TrafficAssignment.run` solves: the algorithm, when to stop (a target relative gap or
/// an iteration limit, whichever comes first), the worker threads, and the select-link queries
/// to trace.
public struct AssignmentOptions: Sendable {
    public var algorithm: AssignmentAlgorithm = .biconjugateFrankWolfe
    /// Stop once the relative gap is at or below this.
    public var targetRelativeGap: Double = 1e-4
    /// At most this many loadings move the flows (the first, at free flow, counts); one more
    /// loading then measures the final gap.
    public var maxIterations: Int = 500
    public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    public var selectLinks: [SelectLinkQuery] = []
    /// Loadings computed elsewhere (the link-based algorithms; no select-link queries): called
    /// for each all-or-nothing loading with the class, the link costs and the loading's number
    /// (1 for the free-flow loading); it returns the shares of that loading
    /// (``AllOrNothing/partial(network:demand:linkCosts:shard:threads:)`` of every share, in
    /// share order), or nil to load here. The result is bit for bit the local one.
    public var externalLoading: (@Sendable (_ classIndex: Int, _ linkCosts: [Double], _ loading: Int) throws -> [AllOrNothing.Partial]?)?

    public init(algorithm: AssignmentAlgorithm = .biconjugateFrankWolfe, targetRelativeGap: Double = 1e-4,
                maxIterations: Int = 500, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                selectLinks: [SelectLinkQuery] = []) {
        self.algorithm = algorithm
        self.targetRelativeGap = targetRelativeGap
        self.maxIterations = maxIterations
        self.threads = threads
        self.selectLinks = selectLinks
    }
}

/// One iteration k: a loading at the costs of the flows x(k−1) (at free flow for k = 1), which
/// measures their gap, then a step towards the search direction that gives x(k). The last
/// iteration only measures: it has step 0 and leaves the flows as they were.
public struct IterationRecord: Sendable, Codable, Hashable {
    public var iteration: Int
    /// (Σ v·c(v) − Σ trips · shortest cost) / Σ v·c(v) at x(k−1), the flows this iteration
    /// started from; nil for the first loading, which starts from no flows.
    public var relativeGap: Double?
    /// The Beckmann objective at x(k), after the step.
    public var beckmann: Double
    /// The step taken towards the search direction (0 when the iteration stopped).
    public var stepSize: Double
    /// How the direction's target mixes the new loading and the previous two targets
    /// (β0, β1, β2): (1, 0, 0) for a Frank-Wolfe step.
    public var directionWeights: [Double]
}

/// A select-link result for one class.
public struct SelectLinkResult: Sendable {
    public var query: SelectLinkQuery
    public var className: String
    /// Trips through the query's links by OD pair.
    public var trips: ODMatrix
    /// Their flow on every link.
    public var linkFlows: [Double]
}

/// What `TrafficAssignment.run` returns: the final link flows (total and per class) and
/// costs, the iteration history and the final gap, the objective and total cost, the trips
/// that found no path, the zone-to-zone costs and the select-link results.
public struct AssignmentResult: Sendable {
    public var algorithm: AssignmentAlgorithm
    /// Total flow per link in passenger-car equivalents (what the costs see).
    public var linkFlows: [Double]
    /// Flow per link of each class, in its own vehicles.
    public var classFlows: [[Double]]
    /// Link costs at the final flows.
    public var linkCosts: [Double]
    public var iterations: [IterationRecord]
    /// The relative gap of the final flows.
    public var relativeGap: Double
    public var converged: Bool
    /// The Beckmann objective of the final flows.
    public var beckmann: Double
    /// Σ flow · cost over the links: total travel time (or generalised cost).
    public var totalTravelCost: Double
    /// Trips with no open path, per class.
    public var unroutedTrips: [Double]
    /// Per class, zoneCount² shortest-path costs at the final flows for the pairs with trips.
    public var zoneCosts: [[Double]]
    public var selectLinks: [SelectLinkResult]
}

/// Static user equilibrium (Wardrop's first principle) by link-based methods: every used
/// path of an OD pair costs the same and no unused one costs less. Solves the Beckmann
/// program min Σ ∫₀^{v_a} c_a(u) du over the flows that meet the demand.
///
/// - Frank-Wolfe: move towards the all-or-nothing loading y at the current costs, with the
///   step from an exact line search on the objective.
/// - Conjugate FW: the target mixes y with the previous target so the direction is conjugate
///   to the previous one with respect to the objective's Hessian (diagonal: c'(v)).
/// - Biconjugate FW: conjugate to the previous two directions, found by solving the 2×2
///   conjugacy conditions. A mix that leaves the feasible hull (a negative weight) or is not
///   a descent direction falls back to the conjugate, then the plain FW direction.
///   (M. Mitradjieva and P. O. Lindberg, "The stiff is moving: conjugate direction Frank-Wolfe
///   methods with applications to traffic assignment", Transportation Science 47(2), 2013.)
///
/// Multi-class: every class is loaded on its own open links; costs see Σ PCE · class flow;
/// direction weights and steps come from those aggregate flows and apply to every class.
public enum TrafficAssignment {
    /// - Parameters:
    ///   - network: the links, their cost functions and the zones.
    ///   - classes: the traffic classes, each with its demand over the network's zones, its
    ///     closed links and its passenger-car equivalent; at least one.
    ///   - options: the algorithm, the stopping rule (target relative gap, iterations), the
    ///     threads and the select-link queries.
    ///   - progress: called after each iteration's loading (on the calling thread).
    /// - Throws: `FlowError.invalid` for no class, a demand over another number of zones, a
    ///   closed or selected link that is not a link of the network, an empty select-link query,
    ///   fewer than one iteration or a negative target gap.
    /// - Complexity: per iteration, one all-or-nothing loading per class plus O(links).
    public static func run(network: AssignmentNetwork, classes: [TrafficClass], options: AssignmentOptions,
                           progress: ((IterationRecord) -> Void)? = nil) throws -> AssignmentResult {
        guard !classes.isEmpty else { throw FlowError.invalid("assignment", "no traffic class") }
        for c in classes where c.demand.zoneCount != network.zoneCount {
            throw FlowError.invalid("class \(c.name)", "demand over \(c.demand.zoneCount) zones, network has \(network.zoneCount)")
        }
        for c in classes { for l in c.closedLinks where l < 0 || l >= network.linkCount {
            throw FlowError.invalid("class \(c.name)", "closed link \(l + 1) is not one of the \(network.linkCount) links")
        } }
        for q in options.selectLinks {
            guard !q.links.isEmpty else { throw FlowError.invalid("select link \(q.name)", "no links") }
            for l in q.links where l < 0 || l >= network.linkCount {
                throw FlowError.invalid("select link \(q.name)", "link \(l + 1) is not one of the \(network.linkCount) links")
            }
        }
        guard options.maxIterations >= 1 else { throw FlowError.invalid("assignment", "at least one iteration") }
        guard options.targetRelativeGap >= 0 else { throw FlowError.invalid("assignment", "a negative target gap") }
        if options.externalLoading != nil, options.algorithm == .gradientProjection || !options.selectLinks.isEmpty {
            throw FlowError.invalid("assignment", "loadings computed elsewhere need a link-based algorithm (aon, msa, fw, cfw, bfw) and no select-link query")
        }
        if options.algorithm == .gradientProjection {
            return PathAssignment(network: network, classes: classes, options: options).solve(progress: progress)
        }
        var solver = Solver(network: network, classes: classes, options: options)
        return try solver.solve(progress: progress)
    }
}

/// The iteration state: current loads, the last two direction targets, the last step.
private struct Solver {
    let network: AssignmentNetwork
    let classes: [TrafficClass]
    let options: AssignmentOptions
    let loaders: [AllOrNothingLoader]
    let pce: [Double]
    let linkCount: Int
    /// All-or-nothing loadings so far.
    var loadings = 0

    init(network: AssignmentNetwork, classes: [TrafficClass], options: AssignmentOptions) {
        self.network = network
        self.classes = classes
        self.options = options
        loaders = classes.map { AllOrNothingLoader(network: network, demand: $0.demand, selectLinks: options.selectLinks, threads: options.threads) }
        pce = classes.map(\.passengerCarEquivalent)
        linkCount = network.linkCount
    }

    /// Σ PCE · class flows.
    func aggregate(_ loads: [ClassLoad]) -> [Double] {
        var total = [Double](repeating: 0, count: linkCount)
        for (c, l) in loads.enumerated() {
            let w = pce[c]
            for a in 0..<linkCount { total[a] += w * l.flows[a] }
        }
        return total
    }

    /// Link costs for a class: the common costs with the class's closed links at +infinity.
    func costs(_ common: [Double], for c: Int) -> [Double] {
        guard !classes[c].closedLinks.isEmpty else { return common }
        var out = common
        for l in classes[c].closedLinks { out[l] = .infinity }
        return out
    }

    mutating func loadAll(_ common: [Double]) throws -> [Loading] {
        loadings += 1
        return try classes.indices.map { c in
            let linkCosts = costs(common, for: c)
            if let external = options.externalLoading, let parts = try external(c, linkCosts, loadings) {
                return try loaders[c].combine(parts)
            }
            return loaders[c].load(linkCosts: linkCosts)
        }
    }

    mutating func solve(progress: ((IterationRecord) -> Void)?) throws -> AssignmentResult {
        let cost = network.costs
        var records: [IterationRecord] = []
        func record(_ r: IterationRecord) { records.append(r); progress?(r) }
        // Iteration 1: all-or-nothing at free flow.
        var loads = try loadAll(cost.freeFlowCosts).map(\.load)
        var flows = aggregate(loads)
        record(IterationRecord(iteration: 1, relativeGap: nil, beckmann: cost.beckmann(at: flows), stepSize: 1, directionWeights: [1, 0, 0]))

        var previous: [ClassLoad]? = nil, beforePrevious: [ClassLoad]? = nil
        var previousStep = 1.0
        var gap = Double.infinity
        var last: [Loading] = []
        // All-or-nothing moves the flows once; a second loading only measures its gap.
        let moving = options.algorithm == .allOrNothing ? 1 : options.maxIterations
        for k in 2... {
            let linkCosts = cost.costs(at: flows)
            last = try loadAll(linkCosts)
            var tstt = 0.0
            for a in 0..<linkCount { tstt += flows[a] * linkCosts[a] }
            var sptt = 0.0
            for (c, l) in last.enumerated() { sptt += pce[c] * l.shortestPathCost }
            gap = tstt > 0 ? max(0, tstt - sptt) / tstt : 0
            if gap <= options.targetRelativeGap || k > moving {
                record(IterationRecord(iteration: k, relativeGap: gap, beckmann: cost.beckmann(at: flows), stepSize: 0, directionWeights: [1, 0, 0]))
                break
            }
            // Search direction: a target point s in the hull of loadings; direction s − x.
            let y = last.map(\.load)
            let yTotal = aggregate(y)
            var weights: [Double] = [1, 0, 0]
            let hessian = (0..<linkCount).map { a -> Double in
                let h = cost.derivative(a, flow: flows[a])
                return h.isFinite ? h : 0
            }
            // After a full step the previous direction is spent (s1 = x): start afresh.
            let memoryUsable = previousStep < 1 - 1e-12
            if options.algorithm == .biconjugateFrankWolfe, memoryUsable, let p = previous, let pp = beforePrevious {
                let s1 = aggregate(p)
                weights = biconjugateWeights(x: flows, y: yTotal, s1: s1, s2: aggregate(pp), tau: previousStep, h: hessian)
                    ?? conjugateWeights(x: flows, y: yTotal, s1: s1, h: hessian)
            } else if options.algorithm == .conjugateFrankWolfe || options.algorithm == .biconjugateFrankWolfe,
                      memoryUsable, let p = previous {
                weights = conjugateWeights(x: flows, y: yTotal, s1: aggregate(p), h: hessian)
            }
            var targets = mix(y: y, previous: previous, beforePrevious: beforePrevious, weights: weights)
            var targetTotal = aggregate(targets)
            let step: Double
            if options.algorithm == .msa {
                step = 1 / Double(k)
            } else {
                if weights != [1, 0, 0] && slope(flows, targetTotal) >= 0 {
                    // Not a descent direction: fall back to Frank-Wolfe.
                    weights = [1, 0, 0]
                    targets = y
                    targetTotal = yTotal
                }
                step = lineSearch(flows, targetTotal)
            }
            for c in loads.indices { loads[c].move(toward: targets[c], step: step) }
            flows = aggregate(loads)
            beforePrevious = previous
            previous = targets
            previousStep = step
            record(IterationRecord(iteration: k, relativeGap: gap, beckmann: cost.beckmann(at: flows), stepSize: step, directionWeights: weights))
        }
        let finalCosts = cost.costs(at: flows)
        var tstt = 0.0
        for a in 0..<linkCount { tstt += flows[a] * finalCosts[a] }
        var selectResults: [SelectLinkResult] = []
        for (q, query) in options.selectLinks.enumerated() {
            for (c, cls) in classes.enumerated() {
                // Convex combinations of non-negative loadings; max(0, ·) only clears rounding.
                let trips = (try? ODMatrix(zoneCount: network.zoneCount, trips: loads[c].selectTrips[q].map { max(0, $0) }))
                    ?? ODMatrix(zoneCount: network.zoneCount)
                selectResults.append(SelectLinkResult(query: query, className: cls.name, trips: trips, linkFlows: loads[c].selectFlows[q]))
            }
        }
        return AssignmentResult(
            algorithm: options.algorithm, linkFlows: flows, classFlows: loads.map(\.flows), linkCosts: finalCosts,
            iterations: records, relativeGap: gap, converged: gap <= options.targetRelativeGap,
            beckmann: cost.beckmann(at: flows), totalTravelCost: tstt, unroutedTrips: last.map(\.unroutedTrips),
            zoneCosts: last.map(\.zoneCosts), selectLinks: selectResults)
    }

    /// Per class, β0·y + β1·previous + β2·beforePrevious.
    func mix(y: [ClassLoad], previous: [ClassLoad]?, beforePrevious: [ClassLoad]?, weights: [Double]) -> [ClassLoad] {
        if weights == [1, 0, 0] { return y }
        return y.indices.map { c in
            var parts = [y[c]], w = [weights[0]]
            if let p = previous { parts.append(p[c]); w.append(weights[1]) }
            if let pp = beforePrevious, weights[2] != 0 { parts.append(pp[c]); w.append(weights[2]) }
            return ClassLoad.combination(parts, w)
        }
    }

    /// Conjugate FW: s = α·s1 + (1 − α)·y with (s1 − x)ᵀH(s − x) = 0, α clamped to [0, 1 − 1e-6].
    func conjugateWeights(x: [Double], y: [Double], s1: [Double], h: [Double]) -> [Double] {
        var num = 0.0, den = 0.0
        for a in 0..<linkCount {
            let d1 = s1[a] - x[a]
            num += h[a] * d1 * (y[a] - x[a])
            den += h[a] * d1 * (y[a] - s1[a])
        }
        guard den != 0, num.isFinite, den.isFinite else { return [1, 0, 0] }
        let alpha = min(max(num / den, 0), 1 - 1e-6)
        return [1 - alpha, alpha, 0]
    }

    /// Biconjugate FW: s = β0·y + β1·s1 + β2·s2 with s − x conjugate to the previous two
    /// directions as seen from x, d1 = s1 − x and d2 = τ·s1 + (1 − τ)·s2 − x (Mitradjieva &
    /// Lindberg's closed form, their μ and ν clamped at 0):
    ///   μ = −d2ᵀH(y − x) / d2ᵀH(s2 − s1),  ν = −d1ᵀH(y − x) / d1ᵀHd1 + μτ/(1 − τ),
    ///   β = (1, ν, μ) / (1 + ν + μ).
    func biconjugateWeights(x: [Double], y: [Double], s1: [Double], s2: [Double], tau: Double, h: [Double]) -> [Double]? {
        var muNum = 0.0, muDen = 0.0, nuNum = 0.0, nuDen = 0.0
        for a in 0..<linkCount {
            let d1 = s1[a] - x[a]
            let d2 = tau * s1[a] + (1 - tau) * s2[a] - x[a]
            let fw = y[a] - x[a]
            muNum += h[a] * d2 * fw
            muDen += h[a] * d2 * (s2[a] - s1[a])
            nuNum += h[a] * d1 * fw
            nuDen += h[a] * d1 * d1
        }
        let mu = muDen != 0 ? max(0, -muNum / muDen) : 0
        let nu = nuDen != 0 ? max(0, -nuNum / nuDen + mu * tau / (1 - tau)) : 0
        guard mu.isFinite, nu.isFinite else { return nil }
        let beta0 = 1 / (1 + mu + nu)
        return [beta0, nu * beta0, mu * beta0]
    }

    /// d/dτ of the objective at x along s − x: Σ c(x)·(s − x); negative for a descent direction.
    func slope(_ x: [Double], _ s: [Double]) -> Double {
        let cost = network.costs
        var g = 0.0
        for a in 0..<linkCount {
            let d = s[a] - x[a]
            if d != 0 { g += cost.cost(a, flow: x[a]) * d }
        }
        return g
    }

    /// The step τ ∈ [0, 1] minimising the objective along s − x: the root of the slope, which
    /// rises with τ (costs never fall with flow). Newton steps kept inside a shrinking bracket,
    /// bisection when Newton leaves it.
    func lineSearch(_ x: [Double], _ s: [Double]) -> Double {
        let cost = network.costs
        var index: [Int] = [], dir: [Double] = [], base: [Double] = []
        for a in 0..<linkCount where s[a] != x[a] { index.append(a); dir.append(s[a] - x[a]); base.append(x[a]) }
        func evaluate(_ tau: Double) -> (Double, Double) {
            var g = 0.0, dg = 0.0
            for i in index.indices {
                let a = index[i], d = dir[i], v = max(0, base[i] + tau * d)
                g += cost.cost(a, flow: v) * d
                dg += cost.derivative(a, flow: v) * d * d
            }
            return (g, dg)
        }
        if index.isEmpty { return 0 }
        let (g1, _) = evaluate(1)
        if g1 <= 0 { return 1 }
        let (g0, _) = evaluate(0)
        if g0 >= 0 { return 0 }
        var lo = 0.0, hi = 1.0
        var tau = g0 / (g0 - g1)  // secant start
        for _ in 0..<100 {
            if !(tau > lo && tau < hi) { tau = 0.5 * (lo + hi) }
            let (g, dg) = evaluate(tau)
            if g == 0 { return tau }
            if g < 0 { lo = tau } else { hi = tau }
            if hi - lo <= 1e-15 * max(1, hi) { break }
            let next = dg > 0 ? tau - g / dg : .nan
            tau = next.isFinite ? next : 0.5 * (lo + hi)
        }
        return (lo + hi) / 2
    }
}
