import CorridorAnalysis
import CorridorData
import CorridorNetwork
import Foundation

/// The governance of a region's named corridors in one piece, for the report: each
/// corridor's jurisdiction profile and hold-up (country level, route only), the gates, the
/// docking hotspots, the twin cities and, over the region's presets, the easy-first roadmap.
public struct GovernanceSummary: Sendable, Codable {
    public var day: String
    public var profiles: [GovernanceProfileResult]
    public var holdUps: [HoldUpResult]
    public var gates: GatesResult
    public var docking: DockingAnalysis
    public var twinCities: [TwinCityLink]
    /// Over the region's presets that open or speed up (nil without an evaluator or such
    /// presets, or with more than `Roadmap.exactLimit`).
    public var roadmap: Roadmap?

    /// - Parameters:
    ///   - network: the region's network with every mode.
    ///   - manifest: the region's manifest (corridors, presets, governance curation).
    ///   - excluding: modes closed for corridors naming none (and the twin cities).
    ///   - evaluator: the incremental evaluator on `network` for the roadmap (none if nil).
    ///   - day: memberships as of this day (today when nil).
    /// - Throws: `DataError` for a corridor or preset that does not fit the network.
    public static func compute(network: TransportNetwork, manifest: RegionManifest, excluding: Set<Mode> = [],
                               evaluator: ScenarioEvaluator? = nil, day: String? = nil) throws -> GovernanceSummary {
        network.assumeTwoWay("the governance summary")
        let spec = manifest.governance ?? GovernanceSpec(initiatives: [], gates: [])
        let model = try JurisdictionModel(network: network, governance: spec, asOf: day)
        var profiles: [GovernanceProfileResult] = [], holdUps: [HoldUpResult] = []
        var views = CorridorViews(network, excluding: excluding)
        for c in manifest.corridors {
            let selection = try views.selection(c)
            let view = try views.view(selection, corridor: c.id)
            let legs = GovernanceLeg.through(try views.waypoints(c).map { network.places[$0] })
            let ex = views.excluding(selection)
            profiles.append(GovernanceProfileResult.profile(id: c.id, name: c.name, modes: selection?.description, legs: legs, network: view,
                                                            excluding: ex, model: model))
            holdUps.append(HoldUpResult(id: c.id, name: c.name, modes: selection?.description,
                                        holdUp: HoldUpAnalysis.analyse(model: model, legs: legs, network: view, excluding: ex)))
        }
        let book = try GateBook(spec)
        let presets = try manifest.scenarios.map { try Scenario(preset: $0) }
        let statuses = try GateAnalysis.named(network, corridors: manifest.corridors, book: book, presets: presets, excluding: excluding)
        let docking = DockingAnalysis.compute(model: model, corridors: manifest.corridors)
        let twins = TwinCityLink.compute(network, pairs: spec.twinCities ?? [], excluding: excluding).links
        var roadmap: Roadmap?
        let steps = try RoadmapCandidate.presets(network, manifest.scenarios)
        if let evaluator, !steps.isEmpty, steps.count <= Roadmap.exactLimit {
            roadmap = try Roadmap.plan(steps, evaluator: evaluator, book: book)
        }
        return GovernanceSummary(day: model.day, profiles: profiles, holdUps: holdUps, gates: GatesResult(gates: book.gates, corridors: statuses),
                                 docking: docking, twinCities: twins, roadmap: roadmap)
    }
}
