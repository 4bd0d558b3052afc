import CorridorAnalysis
import CorridorGeo
import CorridorNetwork
import Foundation
import FuzzDriver

/// The fixture's layers; the input replaces one of them.
let kinds = ["borders": "borders", "countries": "countries", "crossings": "crossings", "places": "places",
             "ports": "ports", "rail": "rail", "road": "roads", "sea": "sea"].sorted { $0.key < $1.key }

@_cdecl("FuzzLayers_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        // First byte: which layer (mod 8); the rest: a GeoJSON file for it.
        guard let selector = input.first else { return 0 }
        let replaced = kinds[Int(selector) % kinds.count]
        let path = "/vsimem/fuzz/\(replaced.value).geojson"
        let specs = kinds.map { kind, file in
            "\(kind)=" + (kind == replaced.key ? path : "\(fixtureDirectory)/\(file).geojson")
        }
        _ = try? MemoryFile.with(path: path, bytes: Array(input.dropFirst())) {
            let (network, _) = try NetworkBuilder().build(try NetworkInputs.files(specs))
            // What builds must route: every place's tree from the first place.
            if let first = network.places.first {
                let d = Dijkstra(graph: network.graph)
                d.run(from: [Int(first.node)], weights: network.arcSeconds())
            }
        }
        return 0
    }
}
