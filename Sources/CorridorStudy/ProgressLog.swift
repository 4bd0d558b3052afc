import Foundation

/// Progress on stderr, stamped with the seconds since the program started. On a terminal,
/// step lines overwrite each other (one live status line); elsewhere (logs, pipes, CI) every
/// line is kept as plain text.
public enum ProgressLog {
    /// The clock's start: the first use (the command line touches it at parse time).
    public static let start = Date()
    private static let isTerminal = isatty(STDERR_FILENO) != 0
    private static let lock = NSLock()
    nonisolated(unsafe) private static var live = false

    /// Writes one line.
    /// - Parameters:
    ///   - text: the line.
    ///   - transient: a step line, replaced by the next line on a terminal.
    public static func line(_ text: String, transient: Bool) {
        lock.lock(); defer { lock.unlock() }
        let stamp = String(format: "[%6.1f s] ", max(0, Date().timeIntervalSince(start)))
        var out = ""
        if isTerminal {
            if live { out += "\r\u{1B}[K" }
            out += stamp + text + (transient ? "" : "\n")
            live = transient
        } else {
            out = stamp + text + "\n"
        }
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// Ends a live status line, if one is showing.
    public static func finish() {
        lock.lock(); defer { lock.unlock() }
        if isTerminal && live { FileHandle.standardError.write(Data("\n".utf8)); live = false }
    }
}
