import CorridorAppraisal
import Foundation

/// The command line's text of appraisals (the JSON carries the same values in full).
public enum AppraisalText {
    /// Ranked options: NPV, BCR, IRR, switching values, shares by country and admin-1,
    /// spillovers, equity and the sensitivity table; money in millions of `currency`.
    public static func ranking(_ ranked: [OptionAppraisal], currency: String, priceYear: Int) -> String {
        var out: [String] = []
        let unit = "\(currency) \(priceYear)"
        func money(_ x: Double) -> String { String(format: "%.1f M", x / 1e6) }
        for (rank, a) in ranked.enumerated() {
            out.append("#\(rank + 1) \(a.name) (\(a.scenario)), \(unit)")
            out.append("   NPV \(money(a.netPresentValue)), BCR \(a.benefitCostRatio.map { String(format: "%.2f", $0) } ?? "-"), IRR \(a.internalRateOfReturn.map { String(format: "%.1f%%", $0 * 100) } ?? "-"), first-year return \(a.firstYearRateOfReturn.map { String(format: "%.1f%%", $0 * 100) } ?? "-")")
            out.append("   PV benefits \(money(a.presentBenefits)), PV costs \(money(a.presentCosts)); capital \(money(a.capitalCost)); NPV 0 at costs \(a.switchingCostIncreasePercent.map { String(format: "%+.0f%%", $0) } ?? "-") or benefits \(a.switchingBenefitFallPercent.map { String(format: "%+.0f%%", -$0) } ?? "-")")
            out.append("   cost: \(a.costSource)")
            if let t = a.traffic {
                // Traffic first: the trips and hours every dollar comes from.
                out.append("   traffic in the first operating year (full traffic; ramp-up \(t.rampUp.isEmpty ? "none" : t.rampUp.map { String(format: "%.0f%%", $0 * 100) }.joined(separator: ", "))):")
                out.append("     segment   trips through a crossing   hours saved   km saved    new trips   value/veh-h   time       op. cost   tolls     new links  total")
                for g in t.segments {
                    out.append("     " + pad(g.name, 9) + " " + pad(String(format: "%.0f -> %.0f", g.crossBorderTripsBefore, g.crossBorderTripsAfter), 26)
                               + String(format: " %11.0f %10.0f %11.0f %13.2f ", g.hoursSaved, g.kilometersSaved, g.tripsNewlyConnected - g.tripsCutOff, g.valueOfTimePerVehicleHour)
                               + [g.timeBenefit, g.operatingCostBenefit, g.tollUserBenefit + g.tollRevenueChange, g.newConnectionBenefit, g.total].map { pad(money($0), 10) }.joined(separator: " "))
                }
                let top = t.countries.sorted { abs($0.benefit) > abs($1.benefit) }.prefix(6)
                out.append("   first-year benefit by country (as origin / as destination): " + top.map { "\($0.country) \(money($0.asOrigin)) / \(money($0.asDestination))" }.joined(separator: ", "))
            }
            if let r = a.risk {
                out.append("   risk (\(r.draws) draws, seed \(r.seed), reference class \(r.referenceClass ?? "-")): NPV P10 \(money(r.netPresentValueP10)), P50 \(money(r.netPresentValueP50)), P90 \(money(r.netPresentValueP90)); P(BCR > 1) \(String(format: "%.0f%%", r.probabilityBenefitCostRatioAboveOne * 100))")
            }
            out.append("   country  host  benefit %   cost %   imbalance   compensation (PV)   Shapley (NPV)")
            for s in a.shares where s.isHost || abs(s.benefitShare) >= 0.0005 {
                out.append("   \(pad(s.country, 8)) \(pad(s.isHost ? "yes" : "", 5))" + String(format: "%9.1f %8.1f %+11.1f", s.benefitShare * 100, s.costShare * 100, s.imbalance * 100)
                      + "   " + pad(money(s.compensation), 19) + " " + (s.shapley.map(money) ?? "-"))
            }
            out.append(String(format: "   dissimilarity D %.3f (cost rule: %@); Shapley %@", a.dissimilarity, a.costRule.rawValue, a.shapleyMethod))
            for host in a.hosts {
                let units = a.admin1Shares.filter { $0.country == host }
                let hosting = units.filter(\.isHost).map { "\($0.admin1) \(String(format: "%.0f%%", $0.costShareWithinCountry * 100))" }
                let gaining = units.prefix(3).map { "\($0.admin1) \(String(format: "%.0f%%", $0.benefitShareWithinCountry * 100))" }
                out.append("   \(host) admin-1: cost in \(hosting.isEmpty ? "-" : hosting.joined(separator: ", ")); benefit to \(gaining.joined(separator: ", "))")
            }
            for sp in a.spillovers {
                out.append("   spillover from \(sp.host): \(String(format: "%.0f%%", sp.spilloverRatio * 100)) of its parts' benefits fall outside it" + (sp.underProvisionRisk ? "; under-provision risk" : ""))
            }
            let e = a.equity
            out.append(String(format: "   equity: Gini %.4f -> %.4f, Theil %.4f -> %.4f (between countries %.4f -> %.4f); lagging share %.1f%%", e.giniBefore, e.giniAfter,
                         e.theilBefore, e.theilAfter, e.theilBetweenCountriesBefore, e.theilBetweenCountriesAfter, e.laggingShare * 100))
            out.append("   sensitivity (NPV at low / high):")
            for row in a.sensitivity {
                out.append("     \(pad(row.parameter, 28)) \(pad(row.low, 7)) \(pad(money(row.npvLow), 12)) \(pad(row.high, 7)) \(money(row.npvHigh))")
            }
        }
        out.append("benefits: \(ranked.first?.benefitMethod ?? "")")
        return out.joined(separator: "\n")
    }
}
