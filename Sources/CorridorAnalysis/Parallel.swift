import Foundation

/// Work spread over threads. Workers take the next item as they finish one, so uneven items
/// (a source in a small component, a source in the main one) do not leave a worker idle. Each
/// item's value is computed by one worker alone and comes back in item order; which worker
/// computes an item varies from run to run, its value does not, as long as `body` depends only
/// on the item (the state is scratch space). So results never depend on scheduling or on the
/// thread count.
package enum Parallel {
    /// `body(state, i)` for every `i` in `0..<count`, in item order; each worker builds its own
    /// `state` (e.g. a reusable Dijkstra query) once.
    package static func map<State, T: Sendable>(_ count: Int, threads: Int, state: @escaping @Sendable () -> State,
                                                _ body: @escaping @Sendable (inout State, Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let out = SlotArray<T>(count)
        let workers = max(1, min(threads, count))
        if workers == 1 {
            var s = state()
            for i in 0..<count { out.values[i] = body(&s, i) }
            return out.values.map { $0! }
        }
        let next = ItemCounter()
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
