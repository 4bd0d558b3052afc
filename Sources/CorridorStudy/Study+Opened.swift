import Foundation

extension Study {
    private static let openedLock = NSLock()
    nonisolated(unsafe) private static var openedStudies: [(key: String, study: Study)] = []

    /// The study this process opened for `configuration`, opened now when it is the first ask:
    /// every part of a program (a command's options, flows, report sections) then shares one
    /// manifest, network and set of hierarchies.
    /// - Parameters:
    ///   - configuration: the source, day, opened crossings and build overrides (the cache is
    ///     not part of the identity).
    ///   - log: progress lines of the first opening.
    /// - Throws: what ``Study/init(_:log:)`` throws.
    public static func opened(_ configuration: StudyConfiguration, log: @escaping @Sendable (String) -> Void = { _ in }) throws -> Study {
        let c = configuration
        let key = "\(c.source)|\(c.geoData?.path ?? "")|\(c.countriesOf ?? "")|\(c.crs ?? "")|\(String(describing: c.snapMeters))|"
            + "\(String(describing: c.openUnknownCrossingsMinutes))|\(c.applyRepairs)|\(c.asOf ?? "")|\(c.open)|\(c.readCache)"
        openedLock.lock()
        defer { openedLock.unlock() }
        if let s = openedStudies.first(where: { $0.key == key }) { return s.study }
        let s = try Study(configuration, log: log)
        openedStudies.append((key, s))
        return s
    }
}
