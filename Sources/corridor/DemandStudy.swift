import ArgumentParser
import CorridorStudy
import Foundation

/// The study of the commands that need a region's demand model (`demand`, `assign --region`,
/// `validate`): `--region NAME` (network from the cache) or `--network FILE` built from an
/// embedded region (its stored manifest).
func demandStudy(region: String?, network: String?, data: DataOptions, quiet: Bool) throws -> Study {
    let source: NetworkSource
    if let network { source = .file(network) } else if let region { source = .region(region) } else { throw ValidationError("give --region or --network") }
    var c = StudyConfiguration(source, cache: NetworkCache.forThisProgram())
    c.geoData = data.dataDir == nil ? nil : try data.directory()  // else found where needed
    let study = try OpenedStudies.study(c) { line in if !quiet { Progress.line(line, transient: false) } }
    guard study.region != nil else {
        throw ValidationError("--network \(network ?? ""): built from layers, not from an embedded region; flows need a region's demand model")
    }
    return study
}
