/// A set of ids in `0 ..< capacity` that empties in O(1): an id is a member while its stamp
/// equals the current generation, and `removeAll()` starts a new generation. The reached,
/// settled and target marks of the searches, reset between runs without touching the nodes.
///
/// The stamps and the generation are allocated once and owned here (freed in deinit), reached
/// through `let` pointers so membership tests run without exclusivity checks, and `@inlinable`
/// so the searches of other modules test membership without a call. When the 32-bit generation
/// wraps (once every 2^32 resets) the stamps are cleared, so an old stamp never matches again.
public final class TimestampedSet {
    @usableFromInline let stamps: UnsafeMutableBufferPointer<UInt32>
    /// The stamp of the current members; never 0, the stamp of no member.
    @usableFromInline let generation: UnsafeMutablePointer<UInt32>

    /// An empty set for ids `0 ..< capacity`.
    public init(capacity: Int) {
        stamps = .allocate(capacity: max(1, capacity))
        stamps.initialize(repeating: 0)
        generation = .allocate(capacity: 1)
        generation.initialize(to: 1)
    }

    deinit {
        stamps.deallocate()
        generation.deallocate()
    }

    @inlinable
    public func contains(_ id: Int) -> Bool { stamps[id] == generation.pointee }

    @inlinable
    public func insert(_ id: Int) { stamps[id] = generation.pointee }

    /// Empties the set.
    /// - Complexity: O(1), O(capacity) once every 2^32 calls.
    public func removeAll() {
        generation.pointee &+= 1
        if generation.pointee == 0 {
            stamps.update(repeating: 0)
            generation.pointee = 1
        }
    }
}
