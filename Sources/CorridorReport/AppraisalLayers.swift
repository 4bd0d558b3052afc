import CorridorAppraisal
import CorridorGeo

/// Appraisal results as tables, units in the field names.
public enum AppraisalLayers {
    /// One row per option and country: benefit and cost shares, imbalance, compensation and
    /// Shapley value, with the option's NPV and BCR repeated on each row.
    public static func allocation(_ results: [OptionAppraisal]) -> VectorLayerData {
        func real(_ v: Double?) -> FieldValue { v.map { $0.isFinite ? FieldValue.real($0) : .null } ?? .null }
        var features: [Feature] = []
        for a in results {
            let unit = "\(a.currency)\(a.priceYear)"
            for s in a.shares {
                features.append(Feature(id: Int64(features.count), values: [
                    .string(a.scenario), .string(unit), real(a.netPresentValue), real(a.benefitCostRatio), .string(s.country),
                    .integer(s.isHost ? 1 : 0), real(s.firstYearBenefit), real(s.benefitShare), real(s.costShare), real(s.imbalance),
                    real(s.compensation), real(s.shapley), .string(a.costRule.rawValue),
                ], shape: nil))
            }
        }
        return VectorLayerData(name: "appraisal_allocation", geometryKind: nil, crs: nil, fields: [
            FieldDefinition("scenario", .string), FieldDefinition("currency_price_year", .string), FieldDefinition("npv", .real),
            FieldDefinition("bcr", .real), FieldDefinition("country", .string), FieldDefinition("is_host", .integer),
            FieldDefinition("first_year_benefit", .real), FieldDefinition("benefit_share", .real), FieldDefinition("cost_share", .real),
            FieldDefinition("imbalance", .real), FieldDefinition("compensation_pv", .real), FieldDefinition("shapley_npv", .real),
            FieldDefinition("cost_rule", .string),
        ], features: features)
    }
}
