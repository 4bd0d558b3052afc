import CorridorAnalysis
import CorridorAppraisal
import CorridorData
import CorridorFlows
import CorridorGovernance
import CorridorNetwork
import Foundation

extension Study {
    /// The region's demand model against the counts, with held-out ports: road segments on the
    /// road crossings, a rail segment on the rail crossings (`corridor validate`, the report).
    /// - Parameters:
    ///   - folds: folds of ports for the held-out predictions.
    ///   - inbound: the country whose entries the counts record (default: the region's first).
    ///   - roadModel: the road model when one is built already (the report's flow baseline).
    ///   - session: the session the models' hierarchies go through (nil: each contracts its
    ///     own). A rail model re-customised in a road model's order is slow (rail-only weights
    ///     in an order found for roads), so `validate` leaves it nil.
    ///   - estimation: matrix estimation from the counts, checked in sample and held out (nil: none).
    ///   - criterion: how the parameters are picked on the training ports.
    ///   - threads: workers of the loadings.
    ///   - progress: progress lines.
    /// - Returns: one entry per segment and counted measure.
    public func validation(folds: Int = 5, inbound: String? = nil, roadModel: RegionFlowModel? = nil, session: AnalysisSession? = nil,
                           estimation: MatrixEstimation? = .standard, criterion: RegionValidation.FitCriterion = .logFit, threads: Int,
                           progress: (String) -> Void = { _ in }) throws -> [RegionValidation.Segment] {
        let region = try requireRegion(for: "validate")
        let defaults = try FlowDefaults.of(region)
        let facts = try self.facts()
        let inbound = inbound ?? region.manifest.countries.first ?? "USA"
        var out: [RegionValidation.Segment] = []
        for mode in [Mode.road, .rail] where defaults.segments.contains(where: { $0.crossingMode == mode }) {
            let model = try (mode == .road ? roadModel : nil)
                ?? RegionFlowModel(network: network, defaults: defaults, gdpPerCapita: facts.gdpPerCapita, threads: threads, mode: mode, session: session)
            out += try RegionValidation.run(model: model, ports: facts.ports, counts: facts.counts, folds: folds, inbound: inbound,
                                            criterion: criterion, estimation: estimation, threads: threads, progress: progress)
        }
        return out
    }

    /// What the planner's report shows, computed on one baseline: the region summary, each
    /// preset's appraisal and flow change, the validation and the governance summary.
    public struct ReportContent: Sendable {
        public var summary: RegionSummary
        public var appraisals: [OptionAppraisal]
        /// The flow baseline, each preset's change, the validation (nil without a demand model
        /// or with flows left out).
        public var flows: (model: RegionFlowModel, run: RegionFlowRun, changes: [(id: String, name: String, change: RegionFlowChange)],
                           validation: [RegionValidation.Segment])?
        public var governance: GovernanceSummary?
    }

    /// The report's content on the baseline (`corridor report`).
    /// - Parameters:
    ///   - options: the summary's places, lists and thresholds, and the options compared
    ///     (every preset of the region when `scenarios` is nil).
    ///   - flowGap: the relative gap of the flows' equilibria; nil leaves the flows out.
    ///   - progress: progress lines.
    /// - Throws: `DataError` for a study without a region; analysis errors.
    public func reportContent(_ options: RegionSummary.Options, flowGap: Double?, progress: @escaping (String) -> Void = { _ in }) throws -> ReportContent {
        let region = try requireRegion(for: "report")
        try network.requireTwoWay("report")
        // One baseline for the presets' gains, their appraisal and the governance summary.
        let evaluator = ScenarioEvaluator(base: network, excluding: options.excluding, withinHours: options.withinHours, beta: options.beta,
                                          pairPlaces: options.scenarioPairPlaces, threads: options.threads, session: session)
        let summary = try RegionSummary.compute(manifest: region.manifest, network: network, report: buildReport, inputs: try inputs(),
                                                options: options, evaluator: evaluator, progress: progress)
        let compared = try options.scenarios ?? presets.map { try Scenario(preset: $0) }
        // One baseline equilibrium and one per option, shared by the appraisal (its benefit
        // from traffic) and the flows section.
        let flowStudy: RegionFlowStudy? = try flowGap.flatMap { gap in
            region.manifest.flows == nil ? nil : try flows(gap: gap, threads: options.threads, progress: progress)
        }
        var traffic: TrafficAppraiser? = nil
        if let flowStudy, let defaults = region.manifest.appraisal, defaults.flowValues != nil {
            traffic = try TrafficAppraiser(flows: flowStudy, rail: try railFlows(defaults, base: network, gap: flowGap ?? 1e-3, threads: options.threads,
                                                                                progress: progress),
                                           defaults: defaults, incomes: try facts().incomes)
        }
        var appraisals: [OptionAppraisal] = []
        if let defaults = region.manifest.appraisal, !compared.isEmpty {
            var appraiser = try Appraiser(evaluator: evaluator, parameters: AppraisalParameters(defaults: defaults, beta: options.beta),
                                          incomes: try facts().incomes)
            appraiser.traffic = traffic
            appraiser.risk = RiskSettings()
            for s in compared {
                progress("appraisal \(s.id)")
                appraisals.append(try appraiser.appraise(s))
            }
        }
        var content = ReportContent(summary: summary, appraisals: appraisals, flows: nil, governance: nil)
        if let study = flowStudy {
            var changes: [(id: String, name: String, change: RegionFlowChange)] = []
            for s in compared {
                progress("flows \(s.id)")
                let option = try network.applying(s)
                let run = try traffic?.run(option: option).run ?? study.run(option: option) { _ in }.run
                changes.append((s.id, s.name, try RegionFlowModel.change(base: study.baseRun, option: run)))
            }
            let counted = try facts().counts.values.contains { !$0.isEmpty }
            let validation = counted ? try self.validation(folds: 5, inbound: study.inbound, roadModel: study.baseModel, session: session, estimation: nil,
                                                                threads: options.threads) {
                progress("validation, \($0)")
            } : []
            content.flows = (study.baseModel, study.baseRun, changes, validation)
        }
        if region.manifest.governance != nil {
            progress("governance")
            content.governance = try GovernanceSummary.compute(network: network, manifest: region.manifest, excluding: options.excluding,
                                                               evaluator: evaluator, day: configuration.asOf)
        }
        return content
    }
}
