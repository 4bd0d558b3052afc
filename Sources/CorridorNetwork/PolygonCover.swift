import CorridorGeo

/// Which polygon covers each point: the admin-1 unit of a node, the overlay region of a node.
package enum PolygonCover {
    /// The index of the first of `shapes` that covers each point `(lon[i], lat[i])` for
    /// which `include(i)` holds, -1 elsewhere. Candidates come from a spatial index; each
    /// polygon is prepared once, when first needed.
    package static func assign(lon: [Double], lat: [Double], shapes: [Shape], geos: GEOSContext,
                               include: (Int) -> Bool) throws -> [Int32] {
        let index = try SpatialIndex(shapes: shapes, in: geos)
        var prepared: [Int: PreparedGeometry] = [:]
        var out = [Int32](repeating: -1, count: lon.count)
        for v in lon.indices where include(v) {
            let c = Coordinate(lon: lon[v], lat: lat[v])
            for i in index.candidates(intersecting: try geos.point(c)) {
                if prepared[i] == nil { prepared[i] = try index.geometries[i].prepared() }
                if try prepared[i]!.covers(c) { out[v] = Int32(i); break }
            }
        }
        return out
    }
}
