import Foundation

/// Work split over threads in contiguous blocks. Each item's value is computed by one worker
/// alone and comes back in item order, so results never depend on scheduling.
enum Parallel {
    /// `body(state, i)` for every `i` in `0..<count`; each worker builds its own `state`
    /// (e.g. a reusable Dijkstra query) once.
    static func map<State, T: Sendable>(_ count: Int, threads: Int, state: @escaping @Sendable () -> State,
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
