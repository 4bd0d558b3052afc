import CorridorData
import CorridorNetwork
import Foundation

/// A corridor option as a value: presets of the region, scenario files, and crossings to
/// open, close or delay, combined in that order into one scenario applied on top of a study's
/// baseline. The empty option is the baseline itself.
public struct StudyOption: Sendable, Hashable {
    /// Presets of the region's manifest by id.
    public var presets: [String]
    /// Scenario JSON files (see `Scenario(file:)`).
    public var scenarioFiles: [String]
    /// Crossings opened (all their modes).
    public var open: [String]
    /// Crossings closed (all their modes).
    public var close: [String]
    /// New times to pass crossings, minutes by crossing id (applied in id order).
    public var delayMinutes: [String: Double]

    /// - Parameters:
    ///   - presets: preset ids of the region.
    ///   - scenarioFiles: scenario JSON files.
    ///   - open: crossings to open.
    ///   - close: crossings to close.
    ///   - delayMinutes: new times to pass crossings, by id.
    public init(presets: [String] = [], scenarioFiles: [String] = [], open: [String] = [], close: [String] = [],
                delayMinutes: [String: Double] = [:]) {
        self.presets = presets
        self.scenarioFiles = scenarioFiles
        self.open = open
        self.close = close
        self.delayMinutes = delayMinutes
    }

    /// True for the baseline (no change).
    public var isEmpty: Bool { presets.isEmpty && scenarioFiles.isEmpty && open.isEmpty && close.isEmpty && delayMinutes.isEmpty }

    /// A name for outputs: the presets', files' and lists' ids joined with "+".
    public var id: String {
        var parts = presets + scenarioFiles.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
        parts += open.map { "open:\($0)" } + close.map { "close:\($0)" }
        parts += delayMinutes.keys.sorted().map { "delay:\($0)=\(Self.minutesText(delayMinutes[$0]!))" }
        return parts.joined(separator: "+")
    }

    private static func minutesText(_ m: Double) -> String {
        m == m.rounded() && abs(m) < 1e15 ? String(Int(m)) : String(m)
    }

    /// The option as one scenario: the presets' operations, then the files', then open, close
    /// and delay; its cost is the single preset's or file's when there is exactly one.
    /// - Parameter preset: looks a preset up by id (a study's `preset(_:)`).
    /// - Returns: nil for the empty option.
    public func scenario(preset: (String) throws -> Scenario) throws -> Scenario? {
        guard !isEmpty else { return nil }
        let parts = try presets.map(preset) + scenarioFiles.map { try Scenario(file: $0) }
        var operations = parts.flatMap(\.operations)
        operations += open.map { .openCrossing(crossing: $0, mode: nil, delayMinutes: nil) }
        operations += close.map { .closeCrossing(crossing: $0, mode: nil) }
        for id in delayMinutes.keys.sorted() {
            let m = delayMinutes[id]!
            guard m.isFinite, m >= 0, m <= 100_000 else { throw DataError.invalid("--delay \(id)=\(m)", "minutes must be between 0 and 100000") }
            operations.append(.setDelay(crossing: id, mode: nil, delayMinutes: m))
        }
        let only = parts.count == 1 && open.isEmpty && close.isEmpty && delayMinutes.isEmpty ? parts.first : nil
        return Scenario(id: only?.id ?? id, name: only?.name ?? id, description: only?.description ?? "", operations: operations, cost: only?.cost)
    }

    /// Parses `ID=MINUTES` delay arguments.
    /// - Throws: `DataError.invalid` naming the argument at fault.
    public static func delays(parsing arguments: [String]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for a in arguments {
            let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let m = Double(parts[1]), m.isFinite, m >= 0, m <= 100_000 else {
                throw DataError.invalid("--delay \(a)", "give CROSSING=MINUTES with minutes between 0 and 100000")
            }
            guard out[parts[0]] == nil else { throw DataError.invalid("--delay \(a)", "crossing \(parts[0]) given twice") }
            out[parts[0]] = m
        }
        return out
    }
}
