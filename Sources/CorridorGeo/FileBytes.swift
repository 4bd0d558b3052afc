import CLZMA
import Foundation

/// Reads a whole file, decompressing `.xz` (liblzma) and `.gz` (zlib through GDAL) by extension.
public enum FileBytes {
    /// - Throws: `GeoError.fileNotFound`, or `GeoError.readFailed` naming the file when the
    ///   compressed stream is corrupt or truncated.
    public static func read(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else { throw GeoError.fileNotFound(path: path) }
        let lower = path.lowercased()
        if lower.hasSuffix(".gz") { return try Gzip.decompress(path) }
        guard let raw = FileManager.default.contents(atPath: path) else {
            throw GeoError.readFailed(path: path, message: "cannot read")
        }
        return lower.hasSuffix(".xz") ? try xz(raw, label: path) : raw
    }

    /// Decompresses an .xz stream with liblzma's stream decoder.
    static func xz(_ input: Data, label: String) throws -> Data {
        var stream = lzma_stream()
        // lzma_stream_decoder returns LZMA_OK on success; 4 GiB memory limit.
        // Flag 0x08 is LZMA_CONCATENATED (a macro Swift does not import): decode every stream.
        guard lzma_stream_decoder(&stream, 4 << 30, 0x08) == LZMA_OK else {
            throw GeoError.readFailed(path: label, message: "xz decoder could not start")
        }
        defer { lzma_end(&stream) }
        var output = Data()
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        return try input.withUnsafeBytes { (inBytes: UnsafeRawBufferPointer) -> Data in
            stream.next_in = inBytes.bindMemory(to: UInt8.self).baseAddress
            stream.avail_in = inBytes.count
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> lzma_ret in
                    stream.next_out = out.baseAddress
                    stream.avail_out = chunk
                    // lzma_code returns LZMA_OK while working, LZMA_STREAM_END when done.
                    let r = lzma_code(&stream, stream.avail_in == 0 ? LZMA_FINISH : LZMA_RUN)
                    output.append(out.baseAddress!, count: chunk - stream.avail_out)
                    return r
                }
                if status == LZMA_STREAM_END { return output }
                // A small file can inflate without bound; refuse before it outgrows memory.
                try MemoryBudget.check(output.count + chunk, for: "\(label): the decompressed data")
                guard status == LZMA_OK else {
                    throw GeoError.readFailed(path: label, message: "corrupt or truncated xz data (liblzma error \(status.rawValue))")
                }
            }
        }
    }
}
