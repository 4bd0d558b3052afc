import CorridorData

/// Moves amounts between currencies and price years: to US dollars at the year's average rate,
/// then along the US price index to the target year, then to the target currency.
public struct MoneyConverter: Sendable {
    public let currency: String
    public let priceYear: Int
    let rates: [String: Double]
    let index: [Int: Double]

    public init(_ defaults: AppraisalDefaults) {
        currency = defaults.currency
        priceYear = defaults.priceYear
        rates = Dictionary(defaults.exchangeRates.map { ("\($0.currency)-\($0.year)", $0.perUSD) }, uniquingKeysWith: { a, _ in a })
        index = Dictionary(defaults.priceIndex.map { ($0.year, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func perUSD(_ c: String, _ year: Int) throws -> Double {
        if c == "USD" { return 1 }
        guard let r = rates["\(c)-\(year)"] else {
            throw DataError.invalid("\(c) \(year)", "no exchange rate in the region's appraisal table")
        }
        return r
    }

    /// `amount` in `from` of `year`, in this converter's currency and price year.
    /// - Throws: `DataError.invalid` when a rate or a price index entry is missing.
    public func convert(_ amount: Double, from: String, year: Int) throws -> Double {
        guard let p0 = index[year] else { throw DataError.invalid("price year \(year)", "no price index entry in the region's appraisal table") }
        guard let p1 = index[priceYear] else { throw DataError.invalid("price year \(priceYear)", "no price index entry") }
        let usd = amount / (try perUSD(from, year)) * p1 / p0
        return usd * (try perUSD(currency, priceYear))
    }
}
