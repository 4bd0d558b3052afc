import CGDAL
import Foundation

/// SHA-256 digests (GDAL's `CPL_SHA256`), for the checksums of sharded parts that other tools
/// (Python's `hashlib`, `sha256sum`) verify.
public enum SHA256 {
    /// The lowercase hex digest of `data`.
    /// - Parameter data: the bytes to digest.
    public static func hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { raw in
            digest.withUnsafeMutableBufferPointer { out in
                CPL_SHA256(raw.baseAddress, raw.count, out.baseAddress)
            }
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
