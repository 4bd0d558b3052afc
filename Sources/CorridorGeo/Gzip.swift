import CGDAL
import Foundation

/// gzip through GDAL's virtual file systems (zlib underneath). The header GDAL writes carries
/// no name and a zero timestamp, so the same input always gives the same bytes.
public enum Gzip {
    /// Compresses `source` into a new gzip file at `destination` (replaced if present).
    public static func compress(_ source: String, to destination: String, label: String? = nil) throws {
        GDALRuntime.ensure()
        let what = label ?? destination
        let data = try readWhole(source)
        // VSIFOpenL returns NULL on failure; the handle is ours to VSIFCloseL.
        guard let out = VSIFOpenL("/vsigzip/" + destination, "wb") else {
            throw GeoError.writeFailed(path: what, message: "cannot open gzip stream: \(GDALRuntime.lastMessage())")
        }
        let written = data.withUnsafeBytes { VSIFWriteL($0.baseAddress, 1, data.count, out) }
        // VSIFCloseL returns 0 on success; it flushes the deflate stream.
        let closed = VSIFCloseL(out)
        guard written == data.count, closed == 0 else {
            unlink(destination)
            throw GeoError.writeFailed(path: what, message: "gzip write failed: \(GDALRuntime.lastMessage())")
        }
    }

    /// The decompressed bytes of a gzip file.
    public static func decompress(_ path: String) throws -> Data {
        try readWhole("/vsigzip/" + path, label: path)
    }

    private static func readWhole(_ path: String, label: String? = nil) throws -> Data {
        GDALRuntime.ensure()
        guard let f = VSIFOpenL(path, "rb") else { throw GeoError.fileNotFound(path: label ?? path) }
        defer { VSIFCloseL(f) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { VSIFReadL($0.baseAddress, 1, $0.count, f) }
            if n == 0 { break }
            // A small file can inflate without bound; refuse before it outgrows memory.
            try MemoryBudget.check(data.count + n, for: "\(label ?? path): the decompressed data")
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }
}
