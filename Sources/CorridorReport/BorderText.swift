import CorridorAnalysis
import Foundation

/// The command line's text of the cross-border measures (the JSON carries the same values in full).
public enum BorderText {
    /// Land against sea: the land share by country pair, and the crossings by pairs carried.
    public static func landSea(_ r: LandSeaCompetition, top: Int) -> String {
        var out: [String] = []
        out.append(String(format: "%d cross-border pairs among the %d most populous places: land wins %.1f%% (gravity-weighted)", r.pairs, r.places, r.landShare * 100))
        out.append("countries   pairs  land share  mean h by land  mean h by sea")
        for c in r.byCountryPair {
            out.append(String(format: "%@ %6d %10.1f%% %15@ %14@", pad(c.countries, 9), c.pairs, c.landShare * 100,
                         c.meanLandHours.map { String(format: "%.1f", $0) } ?? "-", c.meanSeaHours.map { String(format: "%.1f", $0) } ?? "-"))
        }
        out.append("crossings by pairs carried by land, with their land capture share:")
        for c in r.byCrossing.prefix(top) {
            out.append(String(format: "   %@ %5d pairs  %5.1f%%", pad(c.crossing, 40), c.pairs, c.landCaptureShare * 100))
        }
        return out.joined(separator: "\n")
    }

    /// A cluster's cohesion: mean and longest hours, shares within 1 and 2 hours, redundancy.
    public static func cohesion(_ r: ClusterCohesion) -> String {
        var out: [String] = []
        out.append(String(format: "%@ (%d cities, %d of %d pairs connected): mean %.2f h, max %.2f h; within 1 h %.0f%%, within 2 h %.0f%%",
                     r.name, r.cities.count, r.connectedPairs, r.pairs.count, r.meanHours, r.maxHours, r.shareWithin1Hour * 100, r.shareWithin2Hours * 100))
        out.append(String(format: "   redundancy: %.0f%% of pairs have a link-disjoint alternative", r.shareWithAlternative * 100)
              + (r.meanAlternativeRatio.map { String(format: ", %.2f times as long on average", $0) } ?? ""))
        for p in r.pairs {
            out.append(String(format: "   %@ %6.2f h   alternative %@", pad("\(p.from)–\(p.to)", 34), p.hours,
                         p.alternativeHours.isFinite ? String(format: "%.2f h", p.alternativeHours) : "none"))
        }
        return out.joined(separator: "\n")
    }

    /// Border friction by country pair (time ratio, hours added, equivalent km) and the delay sweep.
    public static func borderEffect(_ r: BorderEffect) -> String {
        var out: [String] = []
        out.append("\(r.crossBorderPairs) cross-border pairs among the \(r.places) most populous places (by land)")
        out.append("countries   pairs  time ratio  hours added  equivalent km")
        for c in r.byCountryPair {
            out.append(String(format: "%@ %6d %10.2f %12.2f %14.0f", pad(c.countries, 9), c.pairs, c.weightedMeanRatio, c.weightedMeanHoursAdded, c.equivalentKilometers))
        }
        out.append("delay scale  mean hours  interaction change")
        for s in r.sweep {
            out.append(String(format: "%10.2f %11.2f %+18.2f%%", s.scale, s.weightedMeanHours, s.interactionChangePercent))
        }
        return out.joined(separator: "\n")
    }

    /// Crossings' two-sided catchments (populations, binding side, balance, trunk), then the
    /// seaports' domestic feeders, weakest first, when given.
    public static func catchments(_ all: [CrossingCatchment], feeders: [GatewayFeeder]?, top: Int, withinHours: Double) -> String {
        var out = ["crossing                                  status       side A population  side B population  binding  balance  trunk (h to largest place)"]
        for c in all.prefix(top) {
            let a = c.sides.first, b = c.sides.count > 1 ? c.sides[1] : nil
            func pop(_ s: CrossingCatchment.Side?) -> String { s.map { String(format: "%@ %11.0f", $0.country, $0.populationWithin) } ?? "-" }
            func trunk(_ s: CrossingCatchment.Side?) -> String {
                guard let s, let h = s.hoursToLargestReachablePlace, let name = s.largestReachablePlace else { return "\(s?.country ?? "-") none" }
                return String(format: "%@ %.1f (%@)", s.country, h, name)
            }
            out.append(String(format: "%@ %@ %@  %@  %@  %6.2f   %@; %@", pad(String(c.name.prefix(40)), 41), pad(c.status, 10), pad(pop(a), 17), pad(pop(b), 17),
                              pad(c.bindingSide ?? "-", 7), c.balance, trunk(a), trunk(b)))
        }
        if let feeders {
            out.append("seaports, weakest domestic feeder first (Σ P·exp(−0.1 t) over the own country's places, by land):")
            for f in feeders.prefix(top) {
                out.append(String(format: "   %@ %@ %14.0f  %12.0f within %.0f h  largest: %@", pad(String(f.name.prefix(30)), 31), pad(f.country, 4),
                                  f.domesticGravity, f.populationWithin, withinHours,
                                  f.largestReachablePlace.map { "\($0) \(String(format: "%.1f", f.hoursToLargestReachablePlace ?? 0)) h" } ?? "none"))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Each border zone (length, crossings, gaps, reach, dyad, sides), then the zones by dyad
    /// class when there is more than one.
    public static func zones(_ zones: [BorderZoneInventory]) -> String {
        var out: [String] = []
        for z in zones {
            out.append(String(format: "%@: %.0f km of border in %d lines; band %.0f km each side (%@)", z.border, z.borderKilometers, z.borderParts,
                              z.widthKilometers, z.metricCRS))
            out.append("   crossings: " + z.crossingsByStatus.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                       + String(format: "; %.2f open per 100 km", z.openCrossingsPer100Kilometers))
            if let g = z.largestGap {
                out.append(String(format: "   gaps between open crossings: mean %.0f km, largest %.0f km (%@ – %@, around %.2f, %.2f)",
                                  z.meanGapKilometers ?? 0, g.kilometers, g.from, g.to, g.lon, g.lat))
            }
            out.append(String(format: "   %.0f%% of the border is more than %.0f km from an open crossing", z.shareBeyondReach * 100, z.reachKilometers))
            if let d = z.dyad {
                out.append(String(format: "   dyad: %@ (GDP per capita %@), asymmetry %.1f", d.dyadClass,
                                  zip(z.sides, d.gdpPerCapita).map { "\($0.country) \(Int($1))" }.joined(separator: " / "), d.asymmetry))
            }
            out.append("   side     band km²   places    population  seaports   road km   rail km")
            for s in z.sides {
                out.append(String(format: "   %@ %10.0f %8d %13.0f %9d %9.0f %9.0f", pad(s.country, 6), s.areaSquareKilometers, s.places, s.population, s.seaports,
                                  s.kilometersByMode["road"] ?? 0, s.kilometersByMode["rail"] ?? 0))
            }
        }
        let groups = BorderZone.byDyadClass(zones)
        if groups.count > 1 {
            out.append("by dyad class (development levels of the two sides, richer first):")
            for g in groups {
                out.append(String(format: "   %@ %6.0f km  %.2f open crossings per 100 km  mean asymmetry %.1f  (%@)", pad(g.dyadClass, 26),
                                  g.borderKilometers, g.openCrossingsPer100Kilometers, g.meanAsymmetry, g.borders.joined(separator: ", ")))
            }
        }
        return out.joined(separator: "\n")
    }
}
