import CorridorGeo
import FuzzDriver

@_cdecl("FuzzWKB_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in
        let input = bytes(data, size)
        if let shape = try? Shape(wkb: input, context: "fuzz") {
            // What decodes must encode and decode back to the same bytes (NaN-safe).
            let encoded = shape.wkb
            guard let again = try? Shape(wkb: encoded, context: "fuzz again"), again.wkb == encoded else {
                fatalError("WKB round trip changed \(shape)")
            }
        }
        return 0
    }
}
