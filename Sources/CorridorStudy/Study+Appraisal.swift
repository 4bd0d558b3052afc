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
    ///   - threads: worker threads.
    ///   - progress: progress lines.
    /// - Throws: `DataError` for an option that does not fit the network; when it has one-way links.
    public func appraise(_ scenarios: [Scenario], parameters: AppraisalParameters, modes: ModeSelection? = nil, excluding: Set<Mode> = [],
                         threads: Int = 1, progress: (String) -> Void = { _ in }) throws -> [OptionAppraisal] {
        try network.requireTwoWay("appraise")
        let base = try modes.map { try network.restricted(to: $0) } ?? network
        progress("baseline")
        let evaluator = ScenarioEvaluator(base: base, excluding: excluding, beta: parameters.beta, threads: threads, session: session)
        let appraiser = try Appraiser(evaluator: evaluator, parameters: parameters, incomes: try facts().incomes)
        var results: [OptionAppraisal] = []
        for s in scenarios {
            progress(s.id)
            results.append(try appraiser.appraise(s))
        }
        return results.sorted { $0.netPresentValue > $1.netPresentValue || ($0.netPresentValue == $1.netPresentValue && $0.scenario < $1.scenario) }
    }
}
