import CorridorFlows
import Foundation

/// The appraisal on a study: what each option is worth and how its costs and benefits fall
/// across countries.
extension Study {
    /// The region's appraisal defaults: discount rate, horizon, growth, trip rate and value
    /// of time, each with its source or labelled an assumption.
    /// - Throws: `DataError` without a region or when its manifest has no "appraisal" section.
    public func appraisalDefaults() throws -> AppraisalDefaults {
        let region = try requireRegion(for: "appraise")
        guard let defaults = region.manifest.appraisal else {
            throw DataError.invalid("\(region.name)/manifest.json", "no \"appraisal\" section (rebuild the region with corridor import)")
        }
        return defaults
    }

    /// Appraises options on one baseline (the study's network seen with `modes`): each
    /// option's NPV, BCR and IRR, and its costs and benefits by country, ranked by NPV (ties
    /// by id).
    /// - Parameters:
    ///   - scenarios: the options.
    ///   - parameters: the defaults (with any overrides), the accessibility decay and the cost rule.
    ///   - modes: the modes the network is seen with (every mode when nil).
    ///   - excluding: modes closed for the accessibility.
    ///   - benefit: flows (the rule of half on the demand model's trips) or accessibility;
    ///     nil: flows where the region has a demand model and unit values for it.
    ///   - risk: Monte Carlo draws and seed (nil: none).
    ///   - flowGap: the relative gap of the flows' equilibria.
    ///   - threads: worker threads.
    ///   - progress: progress lines.
    /// - Throws: `DataError` for an option that does not fit the network; when it has one-way
    ///   links; for flows asked of a region without a demand model or unit values.
    public func appraise(_ scenarios: [Scenario], parameters: AppraisalParameters, modes: ModeSelection? = nil, excluding: Set<Mode> = [],
                         benefit: BenefitMethod? = nil, risk: RiskSettings? = nil, flowGap: Double = 1e-4,
                         threads: Int = 1, progress: @escaping (String) -> Void = { _ in }) throws -> [OptionAppraisal] {
        try network.requireTwoWay("appraise")
        let base = try modes.map { try network.restricted(to: $0) } ?? network
        progress("baseline")
        let evaluator = ScenarioEvaluator(base: base, excluding: excluding, beta: parameters.beta, threads: threads, session: session)
        var appraiser = try Appraiser(evaluator: evaluator, parameters: parameters, incomes: try facts().incomes)
        appraiser.risk = risk
        if let traffic = try trafficAppraiser(benefit, defaults: parameters.defaults, base: base, gap: flowGap, threads: threads, progress: progress) {
            appraiser.traffic = traffic
        }
        var results: [OptionAppraisal] = []
        for s in scenarios {
            progress(s.id)
            results.append(try appraiser.appraise(s))
        }
        return results.sorted { $0.netPresentValue > $1.netPresentValue || ($0.netPresentValue == $1.netPresentValue && $0.scenario < $1.scenario) }
    }

    /// The traffic appraiser on `base` when the benefit is (or defaults to) flows; nil for the
    /// accessibility benefit.
    /// - Throws: `DataError.invalid` when flows are asked of a region without a demand model
    ///   or without unit values for it.
    func trafficAppraiser(_ benefit: BenefitMethod?, defaults: AppraisalDefaults, base: TransportNetwork, gap: Double, threads: Int,
                          progress: @escaping (String) -> Void) throws -> TrafficAppraiser? {
        let region = try requireRegion(for: "appraise")
        let hasDemand = region.manifest.flows != nil && defaults.flowValues != nil
        let method = benefit ?? (hasDemand ? .flows : .accessibility)
        guard method == .flows else { return nil }
        guard region.manifest.flows != nil else {
            throw DataError.invalid("--benefit flows", "\(region.name) has no demand model; use --benefit accessibility")
        }
        guard defaults.flowValues != nil else {
            throw DataError.invalid("\(region.name)/manifest.json", "the appraisal has no \"flowValues\" for the demand model's segments; use --benefit accessibility")
        }
        let flows = try self.flows(on: base, gap: gap, threads: threads, progress: progress)
        return try TrafficAppraiser(flows: flows, rail: try railFlows(defaults, base: base, gap: gap, threads: threads, progress: progress),
                                    defaults: defaults, incomes: try facts().incomes)
    }

    /// The rail segments' baseline when the region has rail segments and unit values for them
    /// all (nil otherwise: the rail segments are then left out of the benefit).
    func railFlows(_ defaults: AppraisalDefaults, base: TransportNetwork, gap: Double, threads: Int,
                   progress: @escaping (String) -> Void) throws -> RegionFlowStudy? {
        let rail = try FlowDefaults.of(try requireRegion(for: "appraise")).segments.filter { $0.crossingMode == .rail }
        guard !rail.isEmpty, rail.allSatisfy({ s in defaults.flowValues?.contains { $0.segment == s.name } == true }) else { return nil }
        return try flows(on: base, gap: gap, threads: threads, mode: .rail) { progress("rail " + $0) }
    }
}
