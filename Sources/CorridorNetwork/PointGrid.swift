import CorridorGeo
import Foundation

/// A uniform grid over longitude/latitude for nearest-point queries among many points
/// (network nodes). Exact: rings of cells are searched until no closer point can remain.
package struct PointGrid {
    private let cellDegrees: Double
    private var cells: [Int64: [Int32]] = [:]
    private let lon: [Double]
    private let lat: [Double]
    private let members: [Int32]

    package init(lon: [Double], lat: [Double], members: [Int32], cellDegrees: Double = 0.1) {
        self.cellDegrees = cellDegrees
        self.lon = lon
        self.lat = lat
        self.members = members
        for m in members { cells[key(lon[Int(m)], lat[Int(m)]), default: []].append(m) }
    }

    private func cell(_ x: Double, _ y: Double) -> (Int64, Int64) {
        (Int64((x / cellDegrees).rounded(.down)), Int64((y / cellDegrees).rounded(.down)))
    }

    private func key(_ x: Double, _ y: Double) -> Int64 {
        let (cx, cy) = cell(x, y)
        return (cx << 32) ^ (cy & 0xFFFF_FFFF)
    }

    package var isEmpty: Bool { members.isEmpty }

    /// The member nearest to `c` by geodesic distance within `maxMeters`, ties to the lower id;
    /// only members that pass `accept` count.
    package func nearest(to c: Coordinate, maxMeters: Double, where accept: (Int) -> Bool = { _ in true }) -> (node: Int, meters: Double)? {
        guard !members.isEmpty else { return nil }
        let (cx, cy) = cell(c.lon, c.lat)
        // One cell spans at least cellDegrees * 111 km * cos(lat) east-west.
        let metersPerCell = cellDegrees * 111_000 * max(0.05, cos(min(89, abs(c.lat) + cellDegrees) * .pi / 180))
        let maxRing = Int(min(2000, (maxMeters / metersPerCell).rounded(.up) + 1))
        var best: (Int, Double)?
        for ring in 0...maxRing {
            if let b = best, Double(ring - 1) * metersPerCell > b.1 { break }
            for dx in -ring...ring {
                for dy in -ring...ring where abs(dx) == ring || abs(dy) == ring {
                    let k = ((cx + Int64(dx)) << 32) ^ ((cy + Int64(dy)) & 0xFFFF_FFFF)
                    guard let list = cells[k] else { continue }
                    for m in list where accept(Int(m)) {
                        let d = Geodesic.wgs84.distanceMeters(c, Coordinate(lon: lon[Int(m)], lat: lat[Int(m)]))
                        if d <= maxMeters, best == nil || d < best!.1 || (d == best!.1 && Int(m) < best!.0) {
                            best = (Int(m), d)
                        }
                    }
                }
            }
        }
        return best.map { (node: $0.0, meters: $0.1) }
    }
}
