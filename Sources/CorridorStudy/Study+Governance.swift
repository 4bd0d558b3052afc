import Foundation

/// The governance questions on a study: the curation, the jurisdictions a network passes,
/// the gates of the named corridors and the docking hotspots.
extension Study {
    /// The governance curation (initiatives, gates, twin cities).
    /// - Parameter file: a governance file instead of the region's (docs/governance.md).
    /// - Returns: the file's curation, else the region's; nil when there is none.
    /// - Throws: `DataError` naming the file or entry at fault.
    public func governance(file: String? = nil) throws -> GovernanceSpec? {
        if let file { return try GovernanceSpec.load(path: file) }
        return region?.manifest.governance
    }

    /// The jurisdictions of a network (countries, admin-1 units, the curation's initiatives
    /// and any functional overlays) with the memberships as of the study's day.
    /// - Parameters:
    ///   - network: the study's network or one under an option (same nodes).
    ///   - governanceFile: a governance file instead of the region's.
    ///   - overlays: polygon layers of functional regions (metro areas, river basins), each an
    ///     extra jurisdiction level; each must carry a CRS.
    ///   - overlayNameField: the overlays' field naming each region.
    /// - Throws: `DataError` or GDAL errors naming the file at fault.
    public func jurisdictions(of network: TransportNetwork, governanceFile: String? = nil, overlays: [String] = [],
                              overlayNameField: String = "name") throws -> JurisdictionModel {
        let read = try overlays.map { try FunctionalOverlay.read(path: $0, nameField: overlayNameField, network: network) }
        return try JurisdictionModel(network: network, governance: governance(file: governanceFile), asOf: configuration.asOf, overlays: read)
    }

    /// The gates of the named corridors under an option: each corridor's continuity, the
    /// blocked stretches and the gates (or missing links) that block them.
    /// - Parameters:
    ///   - option: the option the corridors are operated under (the baseline by default).
    ///   - governanceFile: a governance file instead of the region's.
    ///   - overrides: what-if gate states (`GateBook.overrides(parsing:)`).
    ///   - excluding: modes closed for corridors naming none.
    /// - Throws: `DataError` when there is no curation, for an unknown gate or option; when the
    ///   network has one-way links.
    public func gates(under option: StudyOption = StudyOption(), governanceFile: String? = nil, overrides: [String: GateState] = [:],
                      excluding: Set<Mode> = []) throws -> GatesResult {
        try network.requireTwoWay("gates")
        guard let spec = try governance(file: governanceFile) else {
            throw DataError.invalid("gates", "no governance curation: give a governance file (the network's region has none)")
        }
        let book = try GateBook(spec, overrides: overrides)
        let statuses = try GateAnalysis.named(network, corridors: region?.manifest.corridors ?? [], book: book,
                                              presets: try presets.map { try Scenario(preset: $0) },
                                              scenario: scenario(for: option), excluding: excluding)
        return GatesResult(gates: book.gates, corridors: statuses)
    }

    /// The docking hotspots (the places and crossings most initiatives and corridors claim),
    /// the initiatives' membership overlaps and the twin cities joined on the network, as of
    /// the study's day.
    /// - Parameters:
    ///   - governanceFile: a governance file instead of the region's.
    ///   - overlays: functional-region layers, as for ``jurisdictions(of:governanceFile:overlays:overlayNameField:)``.
    ///   - overlayNameField: the overlays' field naming each region.
    ///   - modes: the modes the twin cities are joined on (every mode when nil).
    ///   - excluding: modes closed for the twin cities.
    /// - Throws: `DataError` for a file or mode at fault; when the network has one-way links.
    public func docking(governanceFile: String? = nil, overlays: [String] = [], overlayNameField: String = "name",
                        modes: ModeSelection? = nil, excluding: Set<Mode> = []) throws -> DockingResult {
        try network.requireTwoWay("docking")
        let model = try jurisdictions(of: network, governanceFile: governanceFile, overlays: overlays, overlayNameField: overlayNameField)
        let docking = DockingAnalysis.compute(model: model, corridors: region?.manifest.corridors ?? [])
        let view = try modes.map { try network.restricted(to: $0) } ?? network
        let twins = TwinCityLink.compute(view, pairs: model.governance.twinCities ?? [], excluding: excluding)
        return DockingResult(docking: docking, twinCities: twins.links, twinCitiesOutside: twins.missing)
    }

    /// An easy-first roadmap of openings: the candidates ordered by gate burden and
    /// jurisdictions with the gain of each stage, and the greedy and exact best orders by total
    /// pair-gravity gain.
    /// - Parameters:
    ///   - candidates: `preset:ID`, `crossing:ID` or scenario files (`RoadmapCandidate(parsing:presets:network:)`);
    ///     empty for the region's presets that open or speed up links and every closed curated crossing.
    ///   - governanceFile: a governance file instead of the region's (no gates without either).
    ///   - modes: the modes the network is seen with (every mode when nil).
    ///   - excluding: modes closed for the accessibility.
    ///   - pairPlaces: pairs among this many of the most populous places.
    ///   - threads: worker threads.
    ///   - progress: progress lines.
    /// - Throws: `DataError` for a candidate at fault or when there is none; when the network has one-way links.
    public func roadmap(candidates: [String] = [], governanceFile: String? = nil, modes: ModeSelection? = nil, excluding: Set<Mode> = [],
                        pairPlaces: Int = 100, threads: Int = 1, progress: (String) -> Void = { _ in }) throws -> Roadmap {
        try network.requireTwoWay("roadmap")
        let view = try modes.map { try network.restricted(to: $0) } ?? network
        let book = try GateBook(try governance(file: governanceFile) ?? GovernanceSpec(initiatives: [], gates: []))
        let chosen = try candidates.isEmpty ? RoadmapCandidate.defaults(view, presets: presets)
            : candidates.map { try RoadmapCandidate(parsing: $0, presets: presets, network: view) }
        guard !chosen.isEmpty else {
            throw DataError.invalid("roadmap", "no candidates: the network has no presets and no closed crossing; give candidates")
        }
        progress("baseline accessibility")
        let evaluator = ScenarioEvaluator(base: view, excluding: excluding, pairPlaces: pairPlaces, threads: threads, session: session)
        progress("roadmap over \(chosen.count) candidates")
        return try Roadmap.plan(chosen, evaluator: evaluator, book: book, pairPlaces: pairPlaces)
    }
}
