import Foundation

/// A field value as read from or written to a vector layer.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case real(Double)
    case string(String)
    case null

    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .string(let v): return v
        case .null: return ""
        }
    }

    /// The value as a Double when it is numeric (or a string holding a number).
    public var doubleValue: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        case .null: return nil
        }
    }

    /// The value as an Int64 when it is integral.
    public var integerValue: Int64? {
        switch self {
        case .integer(let v): return v
        case .real(let v): return v.rounded() == v && abs(v) < 9e18 ? Int64(v) : nil
        case .string(let s): return Int64(s.trimmingCharacters(in: .whitespaces))
        case .null: return nil
        }
    }

    /// The value as text, nil for null.
    public var stringValue: String? {
        if case .null = self { return nil }
        return description
    }
}

/// The storage type of a field.
public enum FieldType: String, Sendable, Hashable, Codable {
    case integer
    case real
    case string
}

/// A field's name and type.
public struct FieldDefinition: Sendable, Hashable {
    public var name: String
    public var type: FieldType

    public init(_ name: String, _ type: FieldType) {
        self.name = name
        self.type = type
    }
}

/// One feature: an id, attribute values in the layer's field order, and an optional geometry.
public struct Feature: Sendable, Hashable {
    /// The feature id the source gave, or the position when writing.
    public var id: Int64
    public var values: [FieldValue]
    public var shape: Shape?

    public init(id: Int64, values: [FieldValue], shape: Shape?) {
        self.id = id
        self.values = values
        self.shape = shape
    }
}

/// A whole layer in memory: schema, CRS and features. What readers return and writers take.
public struct VectorLayerData: Sendable {
    public var name: String
    /// The geometry kind written to the layer's definition; nil for a table without geometry.
    public var geometryKind: ShapeKind?
    public var crs: CRS?
    public var fields: [FieldDefinition]
    public var features: [Feature]

    public init(name: String, geometryKind: ShapeKind?, crs: CRS?, fields: [FieldDefinition], features: [Feature] = []) {
        self.name = name
        self.geometryKind = geometryKind
        self.crs = crs
        self.fields = fields
        self.features = features
    }

    /// The index of a field by name (exact, then case-insensitive).
    public func fieldIndex(_ name: String) -> Int? {
        fields.firstIndex { $0.name == name } ?? fields.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// A feature's value for a named field, `.null` when the layer has no such field.
    public func value(_ feature: Feature, _ field: String) -> FieldValue {
        guard let i = fieldIndex(field), i < feature.values.count else { return .null }
        return feature.values[i]
    }
}
