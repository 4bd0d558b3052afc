/// A coordinate reference system as the user gives it: an authority code ("EPSG:4326"),
/// WKT, or a PROJ string. PROJ resolves it when a transform is made.
public struct CRS: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let definition: String

    public init(_ definition: String) {
        self.definition = definition
    }

    public init(stringLiteral value: String) {
        self.definition = value
    }

    /// EPSG:4326, in longitude/latitude order throughout this library.
    public static let wgs84 = CRS("EPSG:4326")
    /// EPSG:3857, Web Mercator.
    public static let webMercator = CRS("EPSG:3857")

    /// An EPSG code.
    public static func epsg(_ code: Int) -> CRS { CRS("EPSG:\(code)") }

    /// The WGS 84 UTM zone holding a longitude/latitude (EPSG:326zz north, 327zz south).
    public static func utmZone(containing c: Coordinate) -> CRS {
        let zone = min(60, max(1, Int(((c.lon + 180) / 6).rounded(.down)) + 1))
        return .epsg((c.lat >= 0 ? 32600 : 32700) + zone)
    }

    public var description: String { definition }
}
