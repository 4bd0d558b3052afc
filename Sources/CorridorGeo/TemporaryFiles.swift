import Foundation

/// The temporary files being written (an output's `.NAME.tmp-...` before its rename), so an
/// interrupted command can remove them: `removeAll()` unlinks each with the journal files
/// SQLite-based formats leave beside it (`-journal`, `-wal`, `-shm`) and its `.gz`.
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []

    /// Records a temporary file before it is created.
    /// - Parameter path: the temporary file's path.
    public static func register(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        paths.insert(path)
    }

    /// Forgets a temporary file once it is renamed into place or removed.
    /// - Parameter path: the path given to `register`.
    public static func unregister(_ path: String) {
        lock.lock(); defer { lock.unlock() }
        paths.remove(path)
    }

    /// Removes every registered temporary file (and its journals); returns how many were registered.
    @discardableResult
    public static func removeAll() -> Int {
        lock.lock(); defer { lock.unlock() }
        for p in paths {
            for suffix in ["", "-journal", "-wal", "-shm", ".gz"] { unlink(p + suffix) }
        }
        let n = paths.count
        paths.removeAll()
        return n
    }
}
