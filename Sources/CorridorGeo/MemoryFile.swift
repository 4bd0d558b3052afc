import CGDAL

/// A file held in GDAL's in-memory file system (`/vsimem/`), so bytes that never touched the
/// disk (a network download, a fuzzer's input) can be opened like any path.
public enum MemoryFile {
    /// Makes `bytes` readable at `path` (which must start with `/vsimem/`) for the duration of
    /// `body`, then removes it.
    /// - Throws: `GeoError.unreadableDataset` when GDAL refuses the path; rethrows `body`'s error.
    public static func with<T>(path: String, bytes: [UInt8], _ body: () throws -> T) throws -> T {
        GDALRuntime.ensure()
        guard path.hasPrefix("/vsimem/") else {
            throw GeoError.unreadableDataset(path: path, message: "an in-memory file's path starts with /vsimem/")
        }
        // An empty input still gets a valid (one-byte) buffer; the file's size stays 0.
        let storage = bytes.isEmpty ? [0] : bytes
        return try storage.withUnsafeBufferPointer { buffer in
            // VSIFileFromMemBuffer does not copy (bTakeOwnership FALSE): the buffer outlives the
            // file because the file is unlinked before this closure returns. It returns NULL
            // when the path is not in /vsimem/.
            let base = UnsafeMutablePointer(mutating: buffer.baseAddress!)
            guard let handle = VSIFileFromMemBuffer(path, base, vsi_l_offset(bytes.count), 0) else {
                throw GeoError.unreadableDataset(path: path, message: GDALRuntime.lastMessage(or: "GDAL refused the in-memory file"))
            }
            VSIFCloseL(handle)
            defer { VSIUnlink(path) }
            return try body()
        }
    }
}
