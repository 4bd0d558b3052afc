/// A 2-D position. For geographic data `x` is longitude and `y` latitude in degrees
/// (RFC 7946 order); for projected data both are in the CRS's unit, usually metres.
public struct Coordinate: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Geographic convenience: `Coordinate(lon: 126.98, lat: 37.57)`.
    public init(lon: Double, lat: Double) {
        self.x = lon
        self.y = lat
    }

    public var lon: Double { x }
    public var lat: Double { y }

    /// True when both components are finite numbers.
    public var isFinite: Bool { x.isFinite && y.isFinite }
}

/// An axis-aligned bounding box.
public struct Envelope: Sendable, Hashable, Codable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest box holding every coordinate, or nil for none.
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var it = coordinates.makeIterator()
        guard let first = it.next() else { return nil }
        var e = Envelope(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let c = it.next() { e.expand(toInclude: c) }
        self = e
    }

    public mutating func expand(toInclude c: Coordinate) {
        minX = Swift.min(minX, c.x)
        minY = Swift.min(minY, c.y)
        maxX = Swift.max(maxX, c.x)
        maxY = Swift.max(maxY, c.y)
    }

    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    public func intersects(_ o: Envelope) -> Bool {
        !(o.minX > maxX || o.maxX < minX || o.minY > maxY || o.maxY < minY)
    }

    /// The box grown by `d` on every side.
    public func expanded(by d: Double) -> Envelope {
        Envelope(minX: minX - d, minY: minY - d, maxX: maxX + d, maxY: maxY + d)
    }
}
