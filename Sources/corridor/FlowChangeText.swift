import ArgumentParser
import CorridorAnalysis
import CorridorData
import CorridorFlows
import CorridorNetwork
import CorridorReport
import CorridorStudy
import Foundation

/// The change as text: per segment the cross-border trips and the hours saved, the
/// crossings whose volume moved most, and those left beyond capacity.
func printFlowChange(_ f: RegionFlowChange, indent: String = "   ") {
    print(indent + "flows at equilibrium (relative gap \(gapText(f.relativeGapBefore)) before, \(gapText(f.relativeGapAfter)) after):")
    for s in f.segments {
        print(indent + String(format: "  %@: %.0f → %.0f trips a year through a crossing; %.0f vehicle-hours a year saved on pairs connected before (rule of half); %.0f trips a year newly connected",
                                    s.name, s.crossBorderTripsBefore, s.crossBorderTripsAfter, s.hoursSaved, s.tripsNewlyConnected)
                    + (s.tripsCutOff > 0 ? String(format: ", %.0f cut off", s.tripsCutOff) : ""))
    }
    let moved = f.crossings.filter { zip($0.before, $0.after).contains { abs($1 - $0) >= 0.5 } }.prefix(8)
    if !moved.isEmpty {
        print(indent + "  crossing" + String(repeating: " ", count: 32) + f.segments.map { pad($0.name + " before → after", 30) }.joined() + "v/c after")
        for c in moved {
            print(indent + "  " + pad(String(c.name.prefix(38)), 40)
                        + zip(c.before, c.after).map { pad(String(format: "%.0f → %.0f", $0, $1), 30) }.joined()
                        + String(format: "%.2f", c.volumeCapacityAfter))
        }
    }
    if !f.overCapacity.isEmpty { print(indent + "  beyond capacity after: " + f.overCapacity.joined(separator: ", ")) }
}

/// A relative gap for people: below 1e-12 it is rounding (and differs between builds), so it
/// reads "< 1e-12".
func gapText(_ gap: Double) -> String {
    gap < 1e-12 ? "< 1e-12" : String(format: "%.1e", gap)
}
