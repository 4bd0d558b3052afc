/// Disjoint sets over 0..<n with path halving; unions keep the smaller root, so labels are
/// deterministic.
public struct UnionFind: Sendable {
    private var parent: [Int]

    public init(count: Int) {
        parent = Array(0..<count)
    }

    public mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    public mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    /// The root of every element.
    public mutating func roots() -> [Int] {
        (0..<parent.count).map { find($0) }
    }
}
