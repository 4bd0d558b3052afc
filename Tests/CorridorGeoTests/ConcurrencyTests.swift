import CorridorGeo
import Dispatch
import Foundation
import Testing

/// The wrappers from several threads at once, each with its own GEOS context, PROJ transform
/// and GDAL dataset, give exactly the sequential result.
@Suite struct ConcurrencyTests {
    /// One unit of work touching all three libraries: read the derived crossings, project each
    /// to its UTM zone, buffer it by 2 km with GEOS and sum the areas and geodesic offsets.
    static func work(_ slice: Int, of slices: Int) throws -> [Double] {
        let geos = try GEOSContext()
        let data = try VectorDataset(path: TestPaths.shared("derived/neasia_border_crossings_derived.geojson")).layer().readAll()
        var out: [Double] = []
        for (i, f) in data.features.enumerated() where i % slices == slice {
            guard case .point(let c) = f.shape else { continue }
            let t = try CoordinateTransform(from: .wgs84, to: CRS.utmZone(containing: c))
            let p = try t.forward(c)
            let area = try geos.point(p).buffer(2000).planarArea()
            let back = try t.inverse(p)
            out.append(area + Geodesic.wgs84.distanceMeters(c, back) + Double(i))
        }
        return out
    }

    @Test func parallelWorkersMatchSequential() throws {
        let slices = 8
        let sequential = try (0..<slices).map { try Self.work($0, of: slices) }
        final class Results: @unchecked Sendable {
            // Each worker writes only its own slot; the array is sized before the loop.
            var slots: [Result<[Double], Error>?]
            init(_ n: Int) { slots = Array(repeating: nil, count: n) }
        }
        let results = Results(slices)
        results.slots.withUnsafeMutableBufferPointer { buf in
            nonisolated(unsafe) let base = buf
            DispatchQueue.concurrentPerform(iterations: slices) { s in
                base[s] = Result { try Self.work(s, of: slices) }
            }
        }
        for s in 0..<slices {
            let parallel = try #require(results.slots[s]).get()
            #expect(parallel == sequential[s])
            #expect(!parallel.isEmpty)
        }
    }
}
