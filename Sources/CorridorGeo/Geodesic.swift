import CPROJ

/// Geodesics on an ellipsoid by Karney's algorithms (C. F. F. Karney, "Algorithms for
/// geodesics", J. Geodesy 87, 2013), as shipped inside PROJ. Accurate to about 15 nm.
/// Coordinates are longitude/latitude in degrees.
public struct Geodesic: Sendable {
    // geod_geodesic is a plain C struct of doubles, fixed after geod_init; the routines take
    // it by const pointer, so copies are safe to share across threads.
    private let g: geod_geodesic

    public init(equatorialRadiusMeters a: Double, flattening f: Double) {
        var g = geod_geodesic()
        geod_init(&g, a, f)
        self.g = g
    }

    /// The WGS 84 ellipsoid.
    public static let wgs84 = Geodesic(equatorialRadiusMeters: 6_378_137, flattening: 1 / 298.257223563)

    /// Solves the inverse problem: distance and forward azimuths between two points.
    public func inverse(from a: Coordinate, to b: Coordinate)
        -> (distanceMeters: Double, azimuth1Degrees: Double, azimuth2Degrees: Double)
    {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { geod_inverse($0, a.lat, a.lon, b.lat, b.lon, &s12, &azi1, &azi2) }
        return (s12, azi1, azi2)
    }

    /// Geodesic distance in metres.
    public func distanceMeters(_ a: Coordinate, _ b: Coordinate) -> Double {
        inverse(from: a, to: b).distanceMeters
    }

    /// Length in metres of a polyline whose vertices are joined by geodesics.
    public func lengthMeters(of line: [Coordinate]) -> Double {
        guard line.count > 1 else { return 0 }
        var total = 0.0
        withUnsafePointer(to: g) { gp in
            for i in 1..<line.count {
                var s12 = 0.0
                geod_inverse(gp, line[i - 1].lat, line[i - 1].lon, line[i].lat, line[i].lon, &s12, nil, nil)
                total += s12
            }
        }
        return total
    }

    /// Solves the direct problem: where a geodesic from `start` along `azimuthDegrees`
    /// ends after `distanceMeters`.
    public func destination(from start: Coordinate, azimuthDegrees: Double, distanceMeters: Double) -> Coordinate {
        var lat2 = 0.0, lon2 = 0.0
        withUnsafePointer(to: g) { geod_direct($0, start.lat, start.lon, azimuthDegrees, distanceMeters, &lat2, &lon2, nil) }
        return Coordinate(lon: lon2, lat: lat2)
    }

    /// Area in square metres of a polygon ring on the ellipsoid (absolute value).
    public func areaSquareMeters(ofRing ring: [Coordinate]) -> Double {
        var poly = geod_polygon()
        var area = 0.0
        withUnsafePointer(to: g) { gp in
            geod_polygon_init(&poly, 0)
            for c in ring { geod_polygon_addpoint(gp, &poly, c.lat, c.lon) }
            _ = geod_polygon_compute(gp, &poly, 0, 1, &area, nil)
        }
        return abs(area)
    }
}
