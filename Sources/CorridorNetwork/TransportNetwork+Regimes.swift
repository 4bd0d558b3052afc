import CorridorData
import Foundation

extension TransportNetwork {
    /// The network with its crossing delays as of `day` under the integration regimes: each
    /// crossing's delay is scaled by the factor of the regime covering its two countries on
    /// that day, over the factor of the regime in force now (the curated delays describe the
    /// present). Where several regimes cover a pair, the one that started last applies.
    /// - Throws: `DataError.invalid` for a day that is not YYYY-MM-DD.
    public func asOf(_ day: String, regimes: [IntegrationRegime]) throws -> TransportNetwork {
        guard CalendarDay.isValid(day) else {
            throw DataError.invalid("--as-of \(day)", "give a date as YYYY-MM-DD")
        }
        func factor(_ a: String, _ b: String, on d: String) -> Double {
            regimes.filter { $0.covers(a, b) && $0.isInForce(on: d) }.max { $0.from < $1.from }?.delayFactor ?? 1
        }
        var n = self
        for i in n.crossings.indices where n.crossings[i].countries.count == 2 {
            let (a, b) = (n.crossings[i].countries[0], n.crossings[i].countries[1])
            n.crossings[i].delaySeconds *= factor(a, b, on: day) / factor(a, b, on: "9999-12-31")
        }
        return n
    }
}
