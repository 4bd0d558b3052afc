// Well-Known Binary (OGC 06-103r4 §8), the format GEOS and OGR exchange geometries in.
// We write 2-D little-endian WKB; we read either byte order and ISO or EWKB Z/M flavours,
// keeping x and y.

extension Shape {
    /// Little-endian 2-D WKB.
    public var wkb: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(9 + 16 * allCoordinates.count)
        Shape.append(self, to: &out)
        return out
    }

    /// Decodes WKB.
    /// - Throws: `GeoError.malformedGeometry` naming `context` when the bytes are cut short or
    ///   hold a kind this layer does not handle (curves, surfaces).
    public init(wkb bytes: [UInt8], context: String = "WKB") throws {
        var reader = WKBReader(bytes: bytes, context: context)
        self = try reader.readShape()
    }

    private static func append(_ shape: Shape, to out: inout [UInt8]) {
        out.append(1)  // little endian
        appendUInt32(shape.kind.rawValue, to: &out)
        switch shape {
        case .point(let c):
            appendCoordinate(c, to: &out)
        case .lineString(let cs):
            appendRing(cs, to: &out)
        case .polygon(let rings):
            appendUInt32(UInt32(rings.count), to: &out)
            for r in rings { appendRing(r, to: &out) }
        case .multiPoint(let cs):
            appendUInt32(UInt32(cs.count), to: &out)
            for c in cs { append(.point(c), to: &out) }
        case .multiLineString(let lines):
            appendUInt32(UInt32(lines.count), to: &out)
            for l in lines { append(.lineString(l), to: &out) }
        case .multiPolygon(let polys):
            appendUInt32(UInt32(polys.count), to: &out)
            for p in polys { append(.polygon(p), to: &out) }
        case .collection(let parts):
            appendUInt32(UInt32(parts.count), to: &out)
            for p in parts { append(p, to: &out) }
        }
    }

    private static func appendRing(_ cs: [Coordinate], to out: inout [UInt8]) {
        appendUInt32(UInt32(cs.count), to: &out)
        for c in cs { appendCoordinate(c, to: &out) }
    }

    private static func appendCoordinate(_ c: Coordinate, to out: inout [UInt8]) {
        appendUInt64(c.x.bitPattern, to: &out)
        appendUInt64(c.y.bitPattern, to: &out)
    }

    private static func appendUInt32(_ v: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendUInt64(_ v: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }
}

/// A cursor over WKB bytes. Every read checks bounds, so truncated input throws.
private struct WKBReader {
    let bytes: [UInt8]
    let context: String
    var offset = 0

    init(bytes: [UInt8], context: String) {
        self.bytes = bytes
        self.context = context
    }

    mutating func readShape(depth: Int = 0) throws -> Shape {
        guard depth < 32 else { throw fail("geometry nested more than 32 levels") }
        let littleEndian = try readByte() == 1
        let rawType = try readUInt32(littleEndian)
        // EWKB flags in the high bits; ISO codes as thousands (1000 Z, 2000 M, 3000 ZM).
        var hasZ = rawType & 0x8000_0000 != 0
        var hasM = rawType & 0x4000_0000 != 0
        let hasSRID = rawType & 0x2000_0000 != 0
        var base = rawType & 0x0FFF_FFFF
        switch base / 1000 {
        case 1: hasZ = true
        case 2: hasM = true
        case 3: hasZ = true; hasM = true
        default: break
        }
        base %= 1000
        if hasSRID { _ = try readUInt32(littleEndian) }
        let extra = (hasZ ? 1 : 0) + (hasM ? 1 : 0)
        guard let kind = ShapeKind(rawValue: base) else {
            throw fail("unsupported WKB geometry type \(rawType)")
        }
        switch kind {
        case .point:
            return .point(try readCoordinate(littleEndian, extra: extra))
        case .lineString:
            return .lineString(try readCoordinates(littleEndian, extra: extra))
        case .polygon:
            let n = try readCount(littleEndian, minimumBytesEach: 4)
            var rings: [[Coordinate]] = []
            rings.reserveCapacity(n)
            for _ in 0..<n { rings.append(try readCoordinates(littleEndian, extra: extra)) }
            return .polygon(rings)
        case .multiPoint, .multiLineString, .multiPolygon, .collection:
            let n = try readCount(littleEndian, minimumBytesEach: 5)
            var parts: [Shape] = []
            parts.reserveCapacity(n)
            for _ in 0..<n { parts.append(try readShape(depth: depth + 1)) }
            return try Self.assemble(kind, parts: parts, reader: self)
        }
    }

    static func assemble(_ kind: ShapeKind, parts: [Shape], reader: WKBReader) throws -> Shape {
        switch kind {
        case .multiPoint:
            return .multiPoint(try parts.map {
                guard case .point(let c) = $0 else { throw reader.fail("MultiPoint holds a non-point") }
                return c
            })
        case .multiLineString:
            return .multiLineString(try parts.map {
                guard case .lineString(let cs) = $0 else { throw reader.fail("MultiLineString holds a non-line") }
                return cs
            })
        case .multiPolygon:
            return .multiPolygon(try parts.map {
                guard case .polygon(let rings) = $0 else { throw reader.fail("MultiPolygon holds a non-polygon") }
                return rings
            })
        default:
            return .collection(parts)
        }
    }

    func fail(_ reason: String) -> GeoError {
        .malformedGeometry(context: context, reason: reason)
    }

    mutating func readByte() throws -> UInt8 {
        guard offset < bytes.count else { throw fail("truncated at byte \(offset)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32(_ littleEndian: Bool) throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail("truncated at byte \(offset)") }
        var v: UInt32 = 0
        for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * UInt32(i)) }
        offset += 4
        return littleEndian ? v : v.byteSwapped
    }

    mutating func readDouble(_ littleEndian: Bool) throws -> Double {
        guard offset + 8 <= bytes.count else { throw fail("truncated at byte \(offset)") }
        var v: UInt64 = 0
        for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Double(bitPattern: littleEndian ? v : v.byteSwapped)
    }

    /// A count, refused when the bytes left cannot possibly hold that many items.
    mutating func readCount(_ littleEndian: Bool, minimumBytesEach: Int) throws -> Int {
        let n = Int(try readUInt32(littleEndian))
        guard n <= (bytes.count - offset) / minimumBytesEach else {
            throw fail("count \(n) exceeds the \(bytes.count - offset) bytes left")
        }
        return n
    }

    mutating func readCoordinate(_ littleEndian: Bool, extra: Int) throws -> Coordinate {
        let x = try readDouble(littleEndian)
        let y = try readDouble(littleEndian)
        for _ in 0..<extra { _ = try readDouble(littleEndian) }
        return Coordinate(x: x, y: y)
    }

    mutating func readCoordinates(_ littleEndian: Bool, extra: Int) throws -> [Coordinate] {
        let n = try readCount(littleEndian, minimumBytesEach: 16 + 8 * extra)
        var cs: [Coordinate] = []
        cs.reserveCapacity(n)
        for _ in 0..<n { cs.append(try readCoordinate(littleEndian, extra: extra)) }
        return cs
    }
}
