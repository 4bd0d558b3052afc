@testable import CorridorNetwork
import Testing

/// The shared priority queue against a plain twin: a dictionary of keys scanned for the
/// smallest (key, id) on every pop.
@Suite struct IndexedMinHeapTests {
    /// A small fixed-seed generator, so a failure replays.
    struct Draws {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Random inserts, decreases, raises, pops and clears with keys from a small set (ties on
    /// nearly every pop, zero and negative zero among them): the heap pops exactly what the
    /// twin pops, smallest id first among equal keys.
    @Test(arguments: [1, 2, 3])
    func popsLikeTheTwin(_ seed: UInt64) {
        let capacity = 200
        let heap = IndexedMinHeap(capacity: capacity)
        var twin: [Int: Double] = [:]
        var draws = Draws(state: seed)
        let keys: [Double] = [-0.0, 0, 1, 1.5, 2, 7, 7, 1e9]
        for step in 0..<20_000 {
            let id = draws.next(capacity), key = keys[draws.next(keys.count)]
            switch draws.next(10) {
            case 0...3:
                if twin[id] == nil { heap.insert(id, key: key); twin[id] = key }
            case 4:
                if let old = twin[id], key <= old { heap.decreaseKey(of: id, to: key); twin[id] = key }
            case 5:
                heap.update(id, key: key); twin[id] = key
            case 6...8:
                let want = twin.min { ($0.value, $0.key) < ($1.value, $1.key) }
                #expect(heap.min?.id == want?.key && heap.min?.key == want?.value, "step \(step)")
                let got = heap.popMin()
                #expect(got?.id == want?.key && got?.key == want?.value, "step \(step)")
                if let w = want { twin[w.key] = nil }
            default:
                if draws.next(50) == 0 { heap.removeAll(); twin.removeAll() }
            }
            #expect(heap.count == twin.count)
            #expect(heap.contains(id) == (twin[id] != nil))
        }
        while let want = twin.min(by: { ($0.value, $0.key) < ($1.value, $1.key) }) {
            let got = heap.popMin()
            #expect(got?.id == want.key && got?.key == want.value)
            twin[want.key] = nil
        }
        #expect(heap.isEmpty && heap.popMin() == nil)
    }

    /// `removeAll` leaves every id absent, so the ids can go in again.
    @Test func clearsPositions() {
        let heap = IndexedMinHeap(capacity: 10)
        for v in 0..<10 { heap.insert(v, key: Double(10 - v)) }
        _ = heap.popMin()
        heap.removeAll()
        #expect(heap.isEmpty && (0..<10).allSatisfy { !heap.contains($0) })
        for v in 0..<10 { heap.insert(v, key: 1) }
        #expect((0..<10).map { _ in heap.popMin()!.id } == Array(0..<10))
    }
}

@Suite struct TimestampedSetTests {
    @Test func emptiesInOneStep() {
        let set = TimestampedSet(capacity: 5)
        set.insert(1); set.insert(3)
        #expect((0..<5).map(set.contains) == [false, true, false, true, false])
        set.removeAll()
        #expect(!(0..<5).contains(where: set.contains))
        set.insert(4)
        #expect((0..<5).map(set.contains) == [false, false, false, false, true])
    }

    /// When the generation wraps, old stamps are cleared instead of matching again.
    @Test func survivesTheWrap() {
        let set = TimestampedSet(capacity: 3)
        set.generation.pointee = UInt32.max - 1
        set.insert(0)
        set.removeAll()  // generation UInt32.max
        set.insert(1)
        set.removeAll()  // wraps: stamps cleared, generation 1
        #expect(!(0..<3).contains(where: set.contains))
        set.removeAll()
        #expect(!(0..<3).contains(where: set.contains))
        set.insert(2)
        #expect((0..<3).map(set.contains) == [false, false, true])
    }
}
