import ArgumentParser
import CorridorData
import Foundation

/// `--threads N`, validated once for every command that runs workers.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Worker threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard threads >= 1 && threads <= 1024 else { throw ValidationError("--threads \(threads): must be 1...1024") }
    }
}

/// `--land`: analyses without sea legs.
struct LandOption: ParsableArguments {
    @Flag(help: "Land only: no sea legs.")
    var land = false

    /// The modes closed for the analysis.
    var excluding: Set<Mode> { land ? [.sea] : [] }
}

/// Left-aligned in `width` columns (String(format:) ignores widths for %@ on Linux).
func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}
