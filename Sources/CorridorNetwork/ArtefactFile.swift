import Foundation

/// A cached artefact other than a network (a baseline equilibrium, say) in the layout of the
/// compiled network file: 8 bytes of magic, a `UInt32` format version, a `UInt32` header
/// length, the header's checksum (32 hex digits), a UTF-8 JSON header (the artefact's own
/// header and the table of array sections, each with its offset, length, element size and
/// checksum), then the arrays, each 8-byte aligned. A reader checks the magic, the version,
/// the header's checksum and every section's bounds and checksum, so a truncated, foreign or
/// damaged file is refused with one line naming it, never read in part.
public enum ArtefactFile {
    /// One array of the file: where it lies and what it holds.
    struct Section: Codable, Sendable {
        var name: String
        var offset: Int
        var count: Int
        var elementSize: Int
        var checksum: String
    }

    struct Envelope<Header: Codable>: Codable {
        var header: Header
        var sections: [Section]
    }

    /// Why a file cannot be read, one line naming it.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }

        /// - Parameters:
        ///   - path: the file.
        ///   - reason: what is wrong with it.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The header checksum's length: 32 hex digits.
    static let checksumLength = 32

    /// The JSON encoder of headers and cache keys: sorted keys (the same bytes in every
    /// process), non-finite numbers as the strings "inf", "-inf" and "nan".
    public static func jsonEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    /// Collects the arrays of a file, then writes it.
    public struct Writer {
        var body: [UInt8] = []
        var sections: [Section] = []

        public init() {}

        /// Adds an array (its elements' bytes as they lie in memory).
        /// - Parameters:
        ///   - name: the section's name, unique in the file.
        ///   - array: plain values (numbers).
        public mutating func append<T: BitwiseCopyable>(_ name: String, _ array: [T]) {
            while body.count % 8 != 0 { body.append(0) }
            let offset = body.count
            array.withUnsafeBytes { raw in
                body.append(contentsOf: raw)
                sections.append(Section(name: name, offset: offset, count: array.count, elementSize: MemoryLayout<T>.stride,
                                        checksum: NetworkFile.checksum(raw)))
            }
        }

        /// Writes the file to `path` (to a temporary file beside it, then renamed into place).
        /// - Parameters:
        ///   - magic: the file kind's 8 bytes.
        ///   - version: the file kind's format version.
        ///   - header: the artefact's header, stored as JSON.
        ///   - path: the destination; an existing file is replaced only once the new one is complete.
        /// - Throws: `GeoError.writeFailed` naming the path.
        public func write<H: Codable>(magic: [UInt8], version: UInt32, header: H, to path: String) throws {
            precondition(magic.count == 8, "eight bytes of magic")
            let json = Array(try jsonEncoder().encode(Envelope(header: header, sections: sections)))
            var file = magic
            withUnsafeBytes(of: version.littleEndian) { file.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(json.count).littleEndian) { file.append(contentsOf: $0) }
            file.append(contentsOf: json.withUnsafeBytes { Array(NetworkFile.checksum($0).utf8) })
            file.append(contentsOf: json)
            while file.count % 8 != 0 { file.append(0) }
            file.append(contentsOf: body)
            try NetworkFile.writeAtomically(file, to: path)
        }
    }

    /// A file opened for reading: its header, and its arrays on demand (each checked).
    public struct Reader<H: Codable> {
        public let path: String
        /// The artefact's header.
        public let header: H
        let data: Data
        let bodyStart: Int
        let sections: [String: Section]

        /// Opens `path`, checking the magic, the version and the header.
        /// - Parameters:
        ///   - path: the file.
        ///   - magic: the file kind's 8 bytes.
        ///   - version: the format version this program reads.
        /// - Throws: ``ArtefactFile/ReadError`` naming the file.
        public init(path: String, magic: [UInt8], version: UInt32) throws {
            self.path = path
            do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
                throw ReadError(path: path, reason: "cannot read (\((error as NSError).localizedDescription))")
            }
            guard data.count >= 16, Array(data.prefix(8)) == magic else { throw ReadError(path: path, reason: "not a file of this kind") }
            let d = data
            func u32(_ at: Int) -> UInt32 { d.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) } }
            guard u32(8) == version else { throw ReadError(path: path, reason: "format \(u32(8)), this program reads format \(version)") }
            let length = Int(u32(12)), headerStart = 16 + ArtefactFile.checksumLength
            guard headerStart + length <= data.count else { throw ReadError(path: path, reason: "header runs past the end of the file (truncated?)") }
            let json = data.subdata(in: headerStart..<(headerStart + length))
            let stored = String(decoding: data.subdata(in: 16..<headerStart), as: UTF8.self)
            guard json.withUnsafeBytes({ NetworkFile.checksum($0) }) == stored else { throw ReadError(path: path, reason: "the header fails its checksum (damaged)") }
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let envelope: Envelope<H>
            do { envelope = try decoder.decode(Envelope<H>.self, from: json) } catch {
                throw ReadError(path: path, reason: "damaged header (\(error))")
            }
            header = envelope.header
            sections = Dictionary(envelope.sections.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var start = headerStart + length
            while start % 8 != 0 { start += 1 }
            bodyStart = start
        }

        /// The array named `name`, its bounds and checksum checked.
        /// - Throws: ``ArtefactFile/ReadError`` for a missing, truncated or damaged section.
        public func array<T: BitwiseCopyable>(_ name: String, _ type: T.Type) throws -> [T] {
            guard let s = sections[name] else { throw ReadError(path: path, reason: "no section \(name)") }
            guard s.elementSize == MemoryLayout<T>.stride, s.elementSize > 0, s.count >= 0, s.offset >= 0 else {
                throw ReadError(path: path, reason: "section \(name) has elements of \(s.elementSize) bytes")
            }
            // Compared with what is left of the file, so no product or sum of stored numbers can overflow.
            guard s.offset <= data.count - bodyStart, s.count <= (data.count - bodyStart - s.offset) / s.elementSize,
                  (bodyStart + s.offset) % 8 == 0 else {
                throw ReadError(path: path, reason: "section \(name) runs past the end of the file (truncated?)")
            }
            let start = bodyStart + s.offset, length = s.count * s.elementSize
            return try data.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> [T] in
                let raw = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                guard NetworkFile.checksum(raw) == s.checksum else { throw ReadError(path: path, reason: "section \(name) fails its checksum (damaged)") }
                return [T](unsafeUninitializedCapacity: s.count) { buffer, initialized in
                    if length > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw) }
                    initialized = s.count
                }
            }
        }
    }
}
