import CGDAL
import Foundation

/// PostgreSQL/PostGIS through GDAL's PostgreSQL driver: layers read from a connection string
/// (`PG:host=... dbname=... tables=roads` names the table to read) and results written as
/// tables in one transaction, so a run that fails (or is interrupted: the connection closes
/// without a commit) leaves no table created or replaced.
public enum PostGIS {
    /// Whether a "path" is a GDAL PostgreSQL connection string (`PG:...`).
    public static func isConnection(_ path: String) -> Bool { path.hasPrefix("PG:") }

    /// The connection string and the table name of an output target: a trailing `table=NAME`
    /// keyword (not a libpq one) names the table; it is removed from the connection string.
    /// - Parameter target: `PG:host=... dbname=...[ table=NAME]`.
    public static func split(_ target: String) -> (connection: String, table: String?) {
        var parts = target.dropFirst(3).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var table: String?
        if let i = parts.firstIndex(where: { $0.hasPrefix("table=") }) {
            table = String(parts[i].dropFirst("table=".count))
            parts.remove(at: i)
        }
        return ("PG:" + parts.joined(separator: " "), table)
    }

    /// The connection string for messages, with any password masked.
    public static func label(_ connection: String) -> String {
        connection.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("password=") ? "password=***" : String($0) }.joined(separator: " ")
    }

    /// libpq's messages run over several lines: one line, without the "PQconnectdb failed."
    /// preamble, and only the server's ERROR lines when there are any (not the SQL echoed).
    static func oneLine(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "PQconnectdb failed." }
        let errors = lines.filter { $0.hasPrefix("ERROR:") }
        return (errors.isEmpty ? lines : errors).joined(separator: " ")
    }

    /// Writes layers as tables in one transaction: `NAME` for one layer when the target names
    /// a table, `NAME_layer` for several, else each layer's own name. Existing tables of those
    /// names are replaced, inside the same transaction.
    /// - Parameters:
    ///   - layers: the layers.
    ///   - target: `PG:...[ table=NAME]`.
    /// - Throws: `GeoError.writeFailed` naming the connection (password masked) and the table;
    ///   the transaction is rolled back first, so nothing is left behind.
    public static func write(_ layers: [VectorLayerData], to target: String) throws {
        GDALRuntime.ensure()
        let (connection, table) = split(target)
        let label = Self.label(connection)
        if let table, table.isEmpty || table.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
            throw GeoError.writeFailed(path: label, message: "table name '\(table)': letters, digits and _ only")
        }
        GDALRuntime.resetError()
        // GDALOpenEx returns NULL when the server cannot be reached or the database is missing.
        let opened = withCStringList(["PRELUDE_STATEMENTS=SET client_min_messages TO WARNING"]) { opts in
            GDALOpenEx(connection, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil,
                       opts.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) }, nil)
        }
        guard let ds = opened else {
            throw GeoError.writeFailed(path: label, message: oneLine(GDALRuntime.lastMessage(or: "cannot connect")))
        }
        defer { GDALClose(ds) }
        guard GDALDatasetStartTransaction(ds, 0) == OGRERR_NONE else {
            throw GeoError.writeFailed(path: label, message: "cannot start a transaction: \(oneLine(GDALRuntime.lastMessage()))")
        }
        do {
            for layer in layers {
                var named = layer
                if let table { named.name = layers.count == 1 ? table : "\(table)_\(layer.name)" }
                try VectorWriter.writeLayer(named, into: ds, format: .postgis, label: label, ownTransaction: false)
            }
            GDALRuntime.resetError()
            guard GDALDatasetCommitTransaction(ds) == OGRERR_NONE else {
                throw GeoError.writeFailed(path: label, message: "commit: \(oneLine(GDALRuntime.lastMessage()))")
            }
        } catch {
            _ = GDALDatasetRollbackTransaction(ds)
            throw error
        }
    }

    /// A command line with `--table NAME` folded into its PostGIS output: the option becomes
    /// the `-o PG:...` connection string's `table=NAME` keyword, so every command that writes
    /// `-o` takes it without an option of its own.
    /// - Parameter arguments: the command line without the program name.
    /// - Returns: the arguments unchanged without `--table`, else without it and with the keyword.
    /// - Throws: `PostGIS.TableOptionError` when `--table` has no value or there is no `PG:` output.
    public static func foldingTableOption(_ arguments: [String]) throws -> [String] {
        var args = arguments
        var table: String?
        if let i = args.firstIndex(where: { $0 == "--table" || $0.hasPrefix("--table=") }) {
            if args[i] == "--table" {
                guard i + 1 < args.count else { throw TableOptionError(message: "--table needs a table name") }
                table = args[i + 1]
                args.removeSubrange(i...(i + 1))
            } else {
                table = String(args[i].dropFirst("--table=".count))
                args.remove(at: i)
            }
        }
        guard let table else { return args }
        for i in args.indices.dropLast() where ["-o", "--output"].contains(args[i]) && args[i + 1].hasPrefix("PG:") {
            args[i + 1] += " table=\(table)"
            return args
        }
        if let i = args.firstIndex(where: { ($0.hasPrefix("-o=") || $0.hasPrefix("--output=")) && $0.contains("=PG:") }) {
            args[i] += " table=\(table)"
            return args
        }
        throw TableOptionError(message: "--table \(table): applies to a PostGIS output (-o PG:...)")
    }

    /// A misused `--table` option (a usage error).
    public struct TableOptionError: Error, CustomStringConvertible {
        /// The one line that says what is wrong.
        public var message: String
        public var description: String { message }
    }
}
