import Foundation

/// Refuses work that would need more memory than the machine has, with a clear line instead
/// of an out-of-memory kill. Inputs whose size is declared up front (a DIMACS header, a
/// decompressed stream, a many-to-many table) are checked before anything is allocated.
public enum MemoryBudget {
    /// `CORRIDOR_MEMORY_LIMIT` as bytes, when set and valid; read once per process.
    static let configuredBytes: Int? = ProcessInfo.processInfo.environment["CORRIDOR_MEMORY_LIMIT"].flatMap(parse)

    /// The bytes one computation may plan for: `CORRIDOR_MEMORY_LIMIT` (`512M`, `2G`, or bytes)
    /// when set, else the smaller of physical memory and the cgroup limit. Decompression checks
    /// it every chunk, so it is worked out once.
    public static let limitBytes: Int = configuredBytes ?? machineBytes

    /// Where the limit comes from, for messages.
    static var limitSource: String {
        configuredBytes != nil ? "CORRIDOR_MEMORY_LIMIT" : "this machine's memory; set CORRIDOR_MEMORY_LIMIT to change"
    }

    /// Physical memory, or the cgroup (v2) memory limit when lower.
    public static let machineBytes: Int = {
        let physical = Int(ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
            return min(physical, limit)
        }
        return physical
    }()

    /// `512M`, `2G`, `1.5G`, `1048576` (bytes).
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard let last = t.last else { return nil }
        let scale: Double
        var number = Substring(t)
        switch last {
        case "K": scale = 1024; number = t.dropLast()
        case "M": scale = 1_048_576; number = t.dropLast()
        case "G": scale = 1_073_741_824; number = t.dropLast()
        case "T": scale = 1_099_511_627_776; number = t.dropLast()
        default: scale = 1
        }
        guard let v = Double(number), v.isFinite, v > 0, v * scale < 9e18 else { return nil }
        return Int(v * scale)
    }

    /// "3.2 GB", "512 MB".
    public static func format(_ bytes: Int) -> String {
        let b = Double(bytes)
        if b >= 1e9 { return String(format: "%.1f GB", b / 1e9) }
        if b >= 1e6 { return String(format: "%.0f MB", b / 1e6) }
        return String(format: "%.0f kB", b / 1e3)
    }

    /// Throws when `bytes` exceed the limit.
    /// - Parameters:
    ///   - bytes: the memory asked for, in bytes (an estimate, e.g. from `bytes(_:each:)`).
    ///   - what: the file, feature or value that asks for the memory, and for what
    ///     ("roads.gr: line 1: a graph of 4000000000 nodes").
    /// - Throws: `ResourceError.memory` with the need, the limit and where the limit comes from.
    public static func check(_ bytes: Int, for what: String) throws {
        let limit = limitBytes
        guard bytes > limit else { return }
        throw ResourceError.memory(what: what, neededBytes: bytes, limitBytes: limit, source: limitSource)
    }

    /// Saturating byte arithmetic for estimates: count × size without overflow.
    public static func bytes(_ count: Int, each: Int) -> Int {
        let (r, overflow) = count.multipliedReportingOverflow(by: each)
        return overflow ? Int.max : r
    }
}

/// Work refused because it would not fit.
public enum ResourceError: Error, Sendable, Equatable, CustomStringConvertible {
    case memory(what: String, neededBytes: Int, limitBytes: Int, source: String)

    public var description: String {
        switch self {
        case let .memory(what, needed, limit, source):
            return "\(what) needs about \(MemoryBudget.format(needed)) of memory, more than the \(MemoryBudget.format(limit)) allowed (\(source))"
        }
    }
}
