import Foundation

/// What a process has read and built, counted for the load-once checks (`CORRIDOR_DIAGNOSTICS=1`
/// prints them when a command ends): a study reads its manifest once, and contracts one
/// hierarchy from scratch with every further weighting re-customised in its order.
public enum ProcessCounters {
    public enum Counter: String, CaseIterable, Sendable {
        /// Region manifests decoded from manifest.json.
        case manifestReads = "manifest reads"
        /// Contraction hierarchies contracted from scratch (node order found).
        case contractions = "hierarchies contracted"
        /// Hierarchies re-customised in a known node order.
        case recustomisations = "hierarchies re-customised"
        /// Distinct weightings an analysis session was asked for.
        case weightings = "distinct weightings"
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var counts: [Int] = Array(repeating: 0, count: Counter.allCases.count)

    /// Adds one to a counter.
    public static func increment(_ counter: Counter) {
        lock.lock()
        counts[Counter.allCases.firstIndex(of: counter)!] += 1
        lock.unlock()
    }

    /// A counter's value so far.
    public static func value(_ counter: Counter) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return counts[Counter.allCases.firstIndex(of: counter)!]
    }

    /// Every counter as "name value", comma-separated, in declaration order.
    public static var summary: String {
        Counter.allCases.map { "\($0.rawValue) \(value($0))" }.joined(separator: ", ")
    }
}
