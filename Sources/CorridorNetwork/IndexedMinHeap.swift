/// A 4-ary min-heap of ids in `0 ..< capacity` keyed by `Double`, with each id's position so a
/// key can be lowered or raised in place (decrease-key): the priority queue of every search in
/// the package (`Dijkstra`, the contraction's witness searches and node order, Brandes'
/// betweenness).
///
/// Ties: entries compare by (key, id), so of equal keys the smaller id leaves first. A search's
/// settle order, and with it every choice between equal shortest paths (the trees of traffic
/// assignment, the routes, the contraction order), then depends only on its input, never on
/// the order of insertion or the shape of the heap. Keys must not be NaN.
///
/// Storage for `capacity` ids is allocated once and owned here (freed in deinit): the keys and
/// the ids of the entries in two arrays (a node's four children's keys sit in 32 bytes, and
/// the scan for the smallest compares keys alone, looking at ids only when keys are equal),
/// each id's index in them (-1 when absent), and the count. All are reached through `let`
/// pointers, so the operations run without copy-on-write or exclusivity checks. Sifting moves a
/// hole: one write per level. `removeAll()` costs the entries left, not the capacity, so a
/// search that stops early resets cheaply.
///
/// The type is public and its operations `@inlinable` so that the searches, which live in
/// another module (CorridorAnalysis), inline them: with a call per heap operation in their
/// inner loops, traffic assignment (Chicago Sketch) took 45 % and korea's betweenness 50 %
/// longer in the build the tests use (`CORRIDOR_OPTIMIZE_DEBUG=1`, optimised file by file, so
/// nothing inlines across files but `@inlinable` code of another module).
public final class IndexedMinHeap {
    @usableFromInline let keys: UnsafeMutableBufferPointer<Double>
    @usableFromInline let ids: UnsafeMutableBufferPointer<UInt32>
    /// Index of each id in `keys` and `ids`, or -1 when absent.
    @usableFromInline let position: UnsafeMutableBufferPointer<Int32>
    /// How many entries the heap holds: `keys[0 ..< count]`, `ids[0 ..< count]`.
    @usableFromInline let countPointer: UnsafeMutablePointer<Int>

    /// An empty heap for ids `0 ..< capacity`.
    public init(capacity: Int) {
        precondition(capacity < Int(Int32.max), "ids and positions are 32-bit")
        let n = max(1, capacity)
        keys = .allocate(capacity: n)
        keys.initialize(repeating: 0)
        ids = .allocate(capacity: n)
        ids.initialize(repeating: 0)
        position = .allocate(capacity: n)
        position.initialize(repeating: -1)
        countPointer = .allocate(capacity: 1)
        countPointer.initialize(to: 0)
    }

    deinit {
        keys.deallocate()
        ids.deallocate()
        position.deallocate()
        countPointer.deallocate()
    }

    /// How many ids the heap holds.
    @inlinable
    public var count: Int { countPointer.pointee }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Whether `id` is in the heap.
    @inlinable
    public func contains(_ id: Int) -> Bool { position[id] >= 0 }

    /// The smallest entry (smallest id among equal keys), nil when empty.
    @inlinable
    public var min: (id: Int, key: Double)? {
        count == 0 ? nil : (Int(ids[0]), keys[0])
    }

    /// Adds `id`, which must not be in the heap.
    /// - Complexity: O(log₄ n).
    @inlinable
    public func insert(_ id: Int, key: Double) {
        precondition(position[id] < 0, "the id is already in the heap")
        let i = count
        countPointer.pointee = i &+ 1
        siftUp(from: i, key, UInt32(truncatingIfNeeded: id))
    }

    /// Lowers the key of `id`, which must be in the heap with a key no smaller than `key`.
    /// - Complexity: O(log₄ n).
    @inlinable
    public func decreaseKey(of id: Int, to key: Double) {
        let i = Int(position[id])
        precondition(i >= 0, "the id is not in the heap")
        siftUp(from: i, key, UInt32(truncatingIfNeeded: id))
    }

    /// Sets the key of `id`: inserts it when absent, else lowers or raises its key in place.
    /// - Complexity: O(log₄ n).
    @inlinable
    public func update(_ id: Int, key: Double) {
        let i = Int(position[id])
        if i < 0 {
            insert(id, key: key)
        } else if key < keys[i] {
            siftUp(from: i, key, UInt32(truncatingIfNeeded: id))
        } else {
            siftDown(from: i, key, UInt32(truncatingIfNeeded: id))
        }
    }

    /// Removes and returns the smallest entry (smallest id among equal keys); nil when empty.
    /// - Complexity: O(log₄ n).
    @inlinable @inline(__always)
    public func popMin() -> (id: Int, key: Double)? {
        let n = count &- 1
        guard n >= 0 else { return nil }
        let top = ids[0], topKey = keys[0]
        position[Int(top)] = -1
        countPointer.pointee = n
        if n > 0 { siftDown(from: 0, keys[n], ids[n]) }
        return (Int(top), topKey)
    }

    /// Empties the heap.
    /// - Complexity: O(count).
    @inlinable
    public func removeAll() {
        for i in 0..<count { position[Int(ids[i])] = -1 }
        countPointer.pointee = 0
    }

    /// Whether (key `a`, id `i`) comes before (key `b`, id `j`). Keys decide; ids only when keys
    /// are equal, which is rare, so the branch costs little.
    @inlinable @inline(__always)
    static func precedes(_ a: Double, _ i: UInt32, _ b: Double, _ j: UInt32) -> Bool {
        if a != b { return a < b }
        return i < j
    }

    /// Puts (key, id) at index `start` or above, moving the parents it precedes down.
    @inlinable @inline(__always)
    func siftUp(from start: Int, _ key: Double, _ id: UInt32) {
        var i = start
        while i > 0 {
            let p = (i &- 1) >> 2
            let pk = keys[p], pid = ids[p]
            if !Self.precedes(key, id, pk, pid) { break }
            keys[i] = pk; ids[i] = pid; position[Int(pid)] = Int32(truncatingIfNeeded: i)
            i = p
        }
        keys[i] = key; ids[i] = id; position[Int(id)] = Int32(truncatingIfNeeded: i)
    }

    /// Puts (key, id) at index `start` or below, moving the smallest child up while it precedes.
    @inlinable @inline(__always)
    func siftDown(from start: Int, _ key: Double, _ id: UInt32) {
        var i = start
        let n = count
        while true {
            let first = 4 &* i &+ 1
            if first >= n { break }
            let end = Swift.min(first &+ 4, n)
            // The smallest key, first of equals; then, only if some keys were equal, the
            // smallest id among the smallest keys.
            var m = first, mk = keys[first], tie = false
            var c = first &+ 1
            while c < end {
                let ck = keys[c]
                tie = tie || ck == mk
                if ck < mk { m = c; mk = ck }
                c &+= 1
            }
            if tie {
                c = first
                while c < end {
                    if keys[c] == mk && ids[c] < ids[m] { m = c }
                    c &+= 1
                }
            }
            let mid = ids[m]
            if !Self.precedes(mk, mid, key, id) { break }
            keys[i] = mk; ids[i] = mid; position[Int(mid)] = Int32(truncatingIfNeeded: i)
            i = m
        }
        keys[i] = key; ids[i] = id; position[Int(id)] = Int32(truncatingIfNeeded: i)
    }
}
