import Dispatch
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

    nonisolated(unsafe) private static var signalSources: [DispatchSourceSignal] = []

    /// Makes Ctrl-C and SIGTERM remove the temporary files being written: the output that was
    /// there stays, one line on stderr says so, and the process exits with 128 + the signal.
    /// Call it once, at the start of a program.
    public static func removeOnInterrupt() {
        lock.lock(); defer { lock.unlock() }
        guard signalSources.isEmpty else { return }
        let queue = DispatchQueue(label: "corridor.interrupts")
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                removeAll()
                let name = sig == SIGINT ? "interrupted" : "terminated"
                FileHandle.standardError.write(Data("\ncorridor: \(name); temporary files removed\n".utf8))
                _exit(128 + sig)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
