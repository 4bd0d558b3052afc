import CorridorData
import CorridorNetwork
import Foundation
import FuzzDriver

/// The two-countries fixture network, built once; every scenario is applied to it.
nonisolated(unsafe) let network: TransportNetwork = {
    let kinds = ["road": "roads", "rail": "rail", "sea": "sea", "borders": "borders", "crossings": "crossings",
                 "ports": "ports", "places": "places", "countries": "countries"]
    let specs = kinds.sorted { $0.key < $1.key }.map { "\($0.key)=\(fixtureDirectory)/\($0.value).geojson" }
    return try! NetworkBuilder().build(NetworkInputs.files(specs)).0
}()

@_cdecl("FuzzScenario_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = network
    return runFuzzer(argc, argv) { data, size in
        guard let scenario = try? Scenario(data: Data(bytes(data, size)), source: "fuzz.json") else { return 0 }
        if let changed = try? network.applying(scenario) {
            _ = changed.arcSeconds()
        }
        return 0
    }
}
