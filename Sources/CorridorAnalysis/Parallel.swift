import Foundation

/// Work split over threads in contiguous blocks. Each item's value is computed by one worker
/// alone and comes back in item order, so results never depend on scheduling.
package enum Parallel {
    /// `body(state, i)` for every `i` in `0..<count`; each worker builds its own `state`
    /// (e.g. a reusable Dijkstra query) once.
    package static func map<State, T: Sendable>(_ count: Int, threads: Int, state: @escaping @Sendable () -> State,
                                        _ body: @escaping @Sendable (inout State, Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let out = SlotArray<T>(count)
        let workers = max(1, min(threads, count))
        let per = (count + workers - 1) / workers
        out.values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var s = state()
                for i in min(count, w * per)..<min(count, (w + 1) * per) { slots[i] = body(&s, i) }
            }
        }
        return out.values.map { $0! }
    }
}

extension Parallel {
    /// Like `map`, but workers take the next item as they finish one, so uneven items (a
    /// source in a small component, a source in the main one) do not leave a worker idle.
    /// Which worker computes an item varies from run to run; its value does not, as long as
    /// `body` depends only on the item (the state is scratch space), and values come back in
    /// item order.
    package static func dynamicMap<State, T: Sendable>(_ count: Int, threads: Int, state: @escaping @Sendable () -> State,
                                               _ body: @escaping @Sendable (inout State, Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let out = SlotArray<T>(count)
        let next = ItemCounter()
        let workers = max(1, min(threads, count))
        out.values.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                var s = state()
                while let i = next.take(below: count) { slots[i] = body(&s, i) }
            }
        }
        return out.values.map { $0! }
    }
}

/// Hands out 0, 1, 2, ... to whichever thread asks next.
package final class ItemCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    package func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}
