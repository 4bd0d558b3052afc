import CGEOS

/// A GEOS STRtree over a fixed list of geometries, answering "which items' boxes intersect
/// this geometry's box" and "which item is nearest". Items are reported by their index in the
/// list. Built once; confined to the thread of its context.
public final class SpatialIndex {
    let handle: OpaquePointer
    public let context: GEOSContext
    /// The indexed geometries; kept alive because the tree refers to them.
    public let geometries: [Geometry]

    /// Query item sentinel in nearest-neighbour callbacks: never an index + 1.
    private static var queryItem: UnsafeRawPointer { UnsafeRawPointer(bitPattern: Int.max)! }

    /// - Parameters:
    ///   - geometries: all from the same context.
    ///   - context: the GEOS context of `geometries`; the index is confined to its thread.
    ///   - nodeCapacity: the most children per tree node (the STRtree's branching factor).
    /// - Throws: `GeoError.geos` when GEOS cannot create the tree.
    /// - Complexity: O(n log n) to build on first query.
    public init(_ geometries: [Geometry], in context: GEOSContext, nodeCapacity: Int = 10) throws {
        // GEOSSTRtree_create_r returns NULL on exception.
        guard let tree = GEOSSTRtree_create_r(context.handle, nodeCapacity) else {
            throw context.error("STRtree create")
        }
        self.handle = tree
        self.context = context
        self.geometries = geometries
        for (i, g) in geometries.enumerated() {
            // Items are opaque pointers to GEOS; we store index + 1 so that none is NULL.
            GEOSSTRtree_insert_r(context.handle, tree, g.handle, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }

    /// Builds GEOS geometries from Swift values, then the tree.
    public convenience init(shapes: [Shape], in context: GEOSContext) throws {
        try self.init(shapes.enumerated().map { try context.geometry($0.element, context: "shape \($0.offset)") },
                      in: context)
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, handle)
    }

    /// Indices of the items whose envelope intersects `g`'s envelope, ascending.
    public func candidates(intersecting g: Geometry) -> [Int] {
        final class Hits { var items: [Int] = [] }
        let hits = Hits()
        withExtendedLifetime(hits) {
            GEOSSTRtree_query_r(context.handle, handle, g.handle, { item, userdata in
                guard let item, let userdata else { return }
                Unmanaged<Hits>.fromOpaque(userdata).takeUnretainedValue().items.append(Int(bitPattern: item) - 1)
            }, Unmanaged.passUnretained(hits).toOpaque())
        }
        return hits.items.sorted()
    }

    /// Indices of the items whose envelope intersects `envelope`, ascending.
    public func candidates(intersecting envelope: Envelope) throws -> [Int] {
        let box = try context.geometry(.polygon([[
            Coordinate(x: envelope.minX, y: envelope.minY), Coordinate(x: envelope.maxX, y: envelope.minY),
            Coordinate(x: envelope.maxX, y: envelope.maxY), Coordinate(x: envelope.minX, y: envelope.maxY),
            Coordinate(x: envelope.minX, y: envelope.minY),
        ]]))
        return candidates(intersecting: box)
    }

    /// The index of the item nearest to `g` by exact planar distance, or nil when empty.
    public func nearest(to g: Geometry) throws -> Int? {
        if geometries.isEmpty { return nil }
        final class Search {
            let geometries: [Geometry]
            let query: Geometry
            let ctx: GEOSContextHandle_t
            init(_ geometries: [Geometry], _ query: Geometry, _ ctx: GEOSContextHandle_t) {
                self.geometries = geometries
                self.query = query
                self.ctx = ctx
            }
            func geometry(_ item: UnsafeRawPointer) -> Geometry {
                item == SpatialIndex.queryItem ? query : geometries[Int(bitPattern: item) - 1]
            }
        }
        let search = Search(geometries, g, context.handle)
        let found = withExtendedLifetime(search) {
            // Returns the nearest item, or NULL on exception.
            GEOSSTRtree_nearest_generic_r(context.handle, handle, Self.queryItem, g.handle, { a, b, distance, userdata in
                // The distance callback returns 1 on success, 0 on failure.
                guard let a, let b, let distance, let userdata else { return 0 }
                let s = Unmanaged<Search>.fromOpaque(userdata).takeUnretainedValue()
                return GEOSDistance_r(s.ctx, s.geometry(a).handle, s.geometry(b).handle, distance)
            }, Unmanaged.passUnretained(search).toOpaque())
        }
        guard let found else { throw context.error("STRtree nearest") }
        return Int(bitPattern: found) - 1
    }

    /// The nearest item to a coordinate.
    public func nearest(to c: Coordinate) throws -> Int? {
        try nearest(to: context.point(c))
    }
}
