import CorridorData
import CorridorGeo
import CorridorGovernance
import CorridorNetwork
import Foundation

private func hours(_ h: Double) -> String { h.isFinite ? String(format: "%.1f h", h) : "unreachable" }

/// The governance results as text, as the commands print them.
public enum GovernanceText {
    /// A profile as text lines.
    public static func profile(_ r: GovernanceProfileResult) -> String {
        let (name, id, modes, day) = (r.name, r.id, r.modes, r.day)
        let (legsThroughClosedCrossings, legsMissing) = (r.legsThroughClosedCrossings, r.legsMissing)
        let p = r.profile
        var lines = [String(format: "%@ (%@)%@: %.0f km, %@", name, id, modes.map { " by \($0)" } ?? "", p.kilometers, hours(p.hours))]
        if !legsThroughClosedCrossings.isEmpty { lines.append("   through closed crossings (every crossing opened): \(legsThroughClosedCrossings.joined(separator: ", "))") }
        if !legsMissing.isEmpty { lines.append("   no link even with every crossing open: \(legsMissing.joined(separator: ", "))") }
        for l in p.levels {
            let seq = l.sequence.count > 12 ? l.sequence.prefix(6).joined(separator: " → ") + " → … → " + l.sequence.suffix(3).joined(separator: " → ")
                : l.sequence.joined(separator: " → ")
            lines.append(String(format: "   %@: %@ (%d distinct, %d boundary crossings, %d re-entries, %.2f per 100 km)",
                                l.level, seq, l.distinct, l.boundaryCrossings, l.reEntries, l.crossingsPer100Kilometers))
            lines.append(String(format: "      length: Herfindahl %.3f, effective number %.2f, entropy %.3f; time: %.3f, %.2f, %.3f",
                                l.lengthFragmentation.herfindahl, l.lengthFragmentation.effectiveNumber, l.lengthFragmentation.normalizedEntropy,
                                l.timeFragmentation.herfindahl, l.timeFragmentation.effectiveNumber, l.timeFragmentation.normalizedEntropy))
        }
        if let s = p.commonSuperior {
            lines.append("   common superior: \(s) (\(p.commonSuperiorLevel))")
        } else {
            lines.append("   common superior: none" + (p.frameworks.isEmpty ? "; no initiative in force covers every country"
                                                       : "; frameworks in force on \(day): \(p.frameworks.joined(separator: "; "))"))
        }
        let terms = p.complexityTerms.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f", $0.key, $0.value) }
        lines.append(String(format: "   coordination complexity %.1f", p.complexity) + (terms.isEmpty ? "" : " (\(terms.joined(separator: ", ")))"))
        return lines.joined(separator: "\n")
    }

    /// A hold-up analysis as text lines.
    public static func holdUp(_ r: HoldUpResult) -> String {
        let (name, id, modes) = (r.name, r.id, r.modes)
        let h = r.holdUp
        var lines = ["\(name) (\(id))\(modes.map { " by \($0)" } ?? ""), \(h.level) level: passes \(h.jurisdictions.joined(separator: ", "))"]
        for l in h.legs { lines.append("   \(l.from)–\(l.to): \(hours(l.hours))") }
        lines.append("   cut points of the \(h.level) graph: " + (h.articulationPoints.isEmpty ? "none" : h.articulationPoints.joined(separator: ", ")))
        for w in h.withdrawals {
            var s = "   \(w.jurisdiction) withdraws: "
            let rest = h.legs.filter { $0.hours.isFinite }.count - w.legsCut.count
            s += w.legsCut.isEmpty ? String(format: "no leg cut, +%.1f h", w.hoursAdded)
                : "cuts \(w.legsCut.joined(separator: ", "))" + (rest > 0 ? String(format: "; +%.1f h on the rest", w.hoursAdded) : "")
            if w.holdsEndpoint { s += " (holds an end)" }
            if w.cutPoint { s += "; cut point" }
            s += "; \(w.alternativesAvoiding)\(w.alternativesCapped ? "+" : "") alternative\(w.alternativesAvoiding == 1 ? "" : "s") avoid it"
            if let n = w.network {
                s += String(format: "; network: %d top-place pairs cut, others lose %.2f%% of gravity access", n.pairsCut, n.othersGravityLossPercent)
            }
            lines.append(s)
        }
        return lines.joined(separator: "\n")
    }
}

extension GatesResult {
    /// The gates and each corridor's continuity and blocked stretches, as text lines.
    public func text() -> String {
        var lines = ["Gates:"]
        for g in gates {
            lines.append(String(format: "   %@ %@ (weight %.1f): %@", pad(g.id, 30), pad(g.state, 7), g.weight ?? 1, g.name))
        }
        for c in corridors {
            var head = String(format: "%@ (%@)%@%@: continuity %.0f%% of links, %.0f%% of length",
                              c.name, c.id, c.modes.map { " by \($0)" } ?? "", c.scenario.map { " under \($0)" } ?? "",
                              c.continuity * 100, c.continuityByLength * 100)
            if c.blockedOnlyByGates { head += "; blocked only by gates {\(c.gates.joined(separator: ", "))}" }
            if c.gateBurden > 0 { head += String(format: "; gate burden %.1f", c.gateBurden) }
            lines.append(head)
            for s in c.blocked {
                var line = String(format: "   %@ %@ %.1f km", pad(s.leg, 26), pad(s.kind, 7), s.kilometers)
                if !s.crossings.isEmpty { line += " at \(s.crossings.joined(separator: ", "))" }
                if !s.providedBy.isEmpty { line += "; built by \(s.providedBy.joined(separator: ", "))" }
                if !s.gates.isEmpty { line += "; gates \(s.gates.joined(separator: ", "))" }
                lines.append(line)
            }
            if !c.conditionalOn.isEmpty { lines.append("   operating conditions not met: \(c.conditionalOn.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n")
    }
}

extension DockingResult {
    /// The hotspots, overlaps and twin cities as text lines.
    /// - Parameter top: how many hotspots and overlaps.
    public func text(top: Int = 10) -> String {
        var lines = ["Docking hotspots on \(docking.day) (initiatives claiming each; corridors through it):"]
        for h in docking.hotspots.prefix(top) {
            lines.append("   \(pad(h.name, 28)) \(pad(h.kind, 8)) \(h.initiatives.count): \(h.initiatives.joined(separator: ", "))"
                         + (h.corridors.isEmpty ? "" : "; corridors \(h.corridors.joined(separator: ", "))"))
        }
        lines.append("Membership overlap (Jaccard):")
        for o in docking.overlaps.prefix(top) {
            lines.append(String(format: "   %@ %@ %.2f", pad(o.a, 26), pad(o.b, 26), o.jaccard))
        }
        if !twinCities.isEmpty { lines.append("Twin and sister cities:") }
        for t in twinCities {
            var s = String(format: "   %@ %@ %6.0f km apart: ", pad("\(t.a)–\(t.b)", 36), pad(t.relation, 6), t.straightKilometers)
            if t.joined && t.crossings.isEmpty && t.countries[0] != t.countries[1] {
                s += "\(hours(t.hours)) without passing a crossing (the places' access links meet across the border)"
            } else if t.joined {
                s += String(format: "%@, border adds %.1f h", hours(t.hours), t.borderHours) + (t.crossings.isEmpty ? "" : " (\(t.crossings.joined(separator: ", ")))")
            } else {
                s += "not joined" + (t.hoursIfOpened.map { String(format: "; %.1f h were %@ open", $0, (t.wouldUse ?? []).joined(separator: ", ")) } ?? "")
            }
            lines.append(s)
        }
        if !twinCitiesOutside.isEmpty { lines.append("   outside this network: \(twinCitiesOutside.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}

extension GovernanceText {
    /// A roadmap as text lines.
    public static func roadmap(_ r: Roadmap) -> String {
        let (candidates, easyFirst, greedy, exact, exactNote) = (r.candidates, r.easyFirst, r.greedy, r.exact, r.exactNote)
        var lines = ["Candidates (gates not met, burden, countries, gain alone):"]
        for c in candidates {
            lines.append(String(format: "   %@ burden %.1f, %d countries, %+.3f%% alone%@", pad(c.id, 30), c.gateBurden, c.jurisdictions.count, c.aloneGainPercent,
                                c.gates.isEmpty ? "" : "; gates \(c.gates.joined(separator: ", "))"))
        }
        for o in [easyFirst, greedy] + (exact.map { [$0] } ?? []) {
            lines.append(String(format: "%@ order (total gain %.3f%%-stages): %@", o.method, o.totalGain, o.candidates.joined(separator: " → ")))
            for s in o.stages {
                lines.append(String(format: "   %d. %@ burden %.1f, %d countries: +%d pairs, %@ people gain, %+.3f%% (cumulative %+.3f%%)",
                                    s.step, pad(s.candidate, 30), s.gateBurden, s.jurisdictions, s.newlyReachablePairs, PlannerReport.grouped(s.populationGaining),
                                    s.gainPercent, s.cumulativeGainPercent))
            }
        }
        if let n = exactNote { lines.append("exact order: \(n)") }
        return lines.joined(separator: "\n")
    }
}

/// Left-aligned in `width` columns (String(format:) ignores widths for %@ on Linux); the
/// command line's text tables use it too.
package func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

/// Governance results as GIS layers.
public enum GovernanceLayers {
    /// Each profiled path as one multi-line with its profile's numbers.
    public static func profiles(_ results: [GovernanceProfileResult], network: TransportNetwork) -> VectorLayerData {
        VectorLayerData(name: "jurisdiction_profiles", geometryKind: .multiLineString, crs: .wgs84, fields: [
            FieldDefinition("id", .string), FieldDefinition("name", .string), FieldDefinition("modes", .string),
            FieldDefinition("km", .real), FieldDefinition("hours", .real), FieldDefinition("countries", .string),
            FieldDefinition("border_crossings", .integer), FieldDefinition("admin1_units", .integer), FieldDefinition("admin1_crossings", .integer),
            FieldDefinition("re_entries", .integer), FieldDefinition("common_superior", .string), FieldDefinition("hhi_time_country", .real),
            FieldDefinition("entropy_time_country", .real), FieldDefinition("complexity", .real),
        ], features: results.enumerated().map { k, r in
            let c = r.profile.level(.country), a = r.profile.level(.admin1)
            return Feature(id: Int64(k), values: [
                .string(r.id), .string(r.name), r.modes.map(FieldValue.string) ?? .null, .real(r.profile.kilometers),
                r.profile.hours.isFinite ? .real(r.profile.hours) : .null, .string((c?.sequence ?? []).joined(separator: ">")),
                .integer(Int64(c?.boundaryCrossings ?? 0)), .integer(Int64(a?.distinct ?? 0)), .integer(Int64(a?.boundaryCrossings ?? 0)),
                .integer(Int64((c?.reEntries ?? 0) + (a?.reEntries ?? 0))), .string(r.profile.commonSuperior ?? "none"),
                .real(c?.timeFragmentation.herfindahl ?? 0), .real(c?.timeFragmentation.normalizedEntropy ?? 0), .real(r.profile.complexity),
            ], shape: .multiLineString(r.edges.map { network.shape(of: $0) }))
        })
    }

    /// The blocked stretches of every corridor (a missing one as a straight line between its ends).
    public static func blockedStretches(_ statuses: [CorridorGateStatus], network: TransportNetwork) -> VectorLayerData {
        var features: [Feature] = []
        for c in statuses {
            for s in c.blocked {
                let shape: Shape = s.edges.isEmpty ? .multiLineString([s.ends.map { Coordinate(lon: $0[0], lat: $0[1]) }])
                    : .multiLineString(s.edges.map { network.shape(of: $0) })
                features.append(Feature(id: Int64(features.count), values: [
                    .string(c.id), .string(c.name), .string(s.leg), .string(s.kind), .real(s.kilometers), .string(s.crossings.joined(separator: ";")),
                    .string(s.gates.joined(separator: ";")), .string(s.providedBy.joined(separator: ";")), .real(c.continuity),
                    .integer(c.blockedOnlyByGates ? 1 : 0),
                ], shape: shape))
            }
        }
        return VectorLayerData(name: "blocked_stretches", geometryKind: .multiLineString, crs: .wgs84, fields: [
            FieldDefinition("corridor", .string), FieldDefinition("corridor_name", .string), FieldDefinition("leg", .string),
            FieldDefinition("kind", .string), FieldDefinition("km", .real), FieldDefinition("crossings", .string),
            FieldDefinition("gates", .string), FieldDefinition("built_by", .string), FieldDefinition("continuity", .real),
            FieldDefinition("blocked_only_by_gates", .integer),
        ], features: features)
    }

    /// Docking hotspots as points.
    public static func hotspots(_ d: DockingAnalysis) -> VectorLayerData {
        VectorLayerData(name: "docking_hotspots", geometryKind: .point, crs: .wgs84, fields: [
            FieldDefinition("rank", .integer), FieldDefinition("kind", .string), FieldDefinition("id", .string), FieldDefinition("name", .string),
            FieldDefinition("country", .string), FieldDefinition("initiatives", .integer), FieldDefinition("initiative_ids", .string),
            FieldDefinition("corridors", .string), FieldDefinition("as_of", .string),
        ], features: d.hotspots.enumerated().map { k, h in
            Feature(id: Int64(k), values: [
                .integer(Int64(k + 1)), .string(h.kind), .string(h.id), .string(h.name), .string(h.country), .integer(Int64(h.initiatives.count)),
                .string(h.initiatives.joined(separator: ";")), .string(h.corridors.joined(separator: ";")), .string(d.day),
            ], shape: .point(Coordinate(lon: h.lon, lat: h.lat)))
        })
    }

    /// Twin and sister cities as straight lines with their network times.
    public static func twinCities(_ links: [TwinCityLink]) -> VectorLayerData {
        func real(_ v: Double?) -> FieldValue { v.map { $0.isFinite ? FieldValue.real($0) : .null } ?? .null }
        return VectorLayerData(name: "twin_cities", geometryKind: .lineString, crs: .wgs84, fields: [
            FieldDefinition("a", .string), FieldDefinition("b", .string), FieldDefinition("relation", .string), FieldDefinition("straight_km", .real),
            FieldDefinition("hours", .real), FieldDefinition("joined", .integer), FieldDefinition("border_hours", .real),
            FieldDefinition("hours_if_opened", .real), FieldDefinition("crossings", .string),
        ], features: links.enumerated().map { k, t in
            Feature(id: Int64(k), values: [
                .string(t.a), .string(t.b), .string(t.relation), .real(t.straightKilometers), real(t.hours), .integer(t.joined ? 1 : 0),
                real(t.borderHours), real(t.hoursIfOpened), .string(t.crossings.joined(separator: ";")),
            ], shape: .lineString(t.ends.map { Coordinate(lon: $0[0], lat: $0[1]) }))
        })
    }
}
