import CorridorGeo
import Foundation

/// Turns the lines of one mode into nodes and edges. Lines meet where they share a vertex;
/// a dangling end within the snap tolerance of another line's node is joined to it. Lines
/// that merely cross (an overpass, a rail line under a road) are not joined.
struct LineTopology {
    struct Edge {
        var tail: Int
        var head: Int
        var shape: [Coordinate]
        var source: Int64
    }

    var nodes: [Coordinate] = []
    var edges: [Edge] = []
    /// Dangling ends joined to a nearby node.
    var snappedEnds = 0
    /// Edges dropped because they started and ended at the same node with no length.
    var droppedSelfLoops = 0

    private struct Key: Hashable {
        let x: UInt64
        let y: UInt64
        init(_ c: Coordinate) {
            x = (c.x + 0.0).bitPattern  // + 0.0 folds -0 into 0
            y = (c.y + 0.0).bitPattern
        }
    }

    /// - Complexity: O(V) expected for V vertices, plus the snapping search per dangling end.
    init(lines: [(id: Int64, parts: [[Coordinate]])], snapToleranceMeters: Double) {
        // 1. How often each vertex occurs; ends always count as nodes.
        var occurrences: [Key: Int] = [:]
        var isEnd = Set<Key>()
        var order: [Key] = []
        var coordinateOf: [Key: Coordinate] = [:]
        for line in lines {
            for part in line.parts where part.count >= 2 {
                for (i, c) in part.enumerated() {
                    let k = Key(c)
                    if occurrences[k] == nil { order.append(k); coordinateOf[k] = c }
                    occurrences[k, default: 0] += 1
                    if i == 0 || i == part.count - 1 { isEnd.insert(k) }
                }
            }
        }
        let nodeKeys = order.filter { isEnd.contains($0) || occurrences[$0]! > 1 }

        // 2. Snap dangling ends (occurring once) to another node within the tolerance.
        var canonical: [Key: Key] = [:]
        if snapToleranceMeters > 0 {
            let cellDegrees = max(snapToleranceMeters / 111_000, 1e-7)
            func cell(_ c: Coordinate) -> (Int64, Int64) {
                (Int64((c.x / cellDegrees).rounded(.down)), Int64((c.y / cellDegrees).rounded(.down)))
            }
            var grid: [Int64: [Key]] = [:]
            func gk(_ a: Int64, _ b: Int64) -> Int64 { (a << 32) ^ (b & 0xFFFF_FFFF) }
            for k in nodeKeys {
                let (a, b) = cell(coordinateOf[k]!)
                grid[gk(a, b), default: []].append(k)
            }
            // A dangling end snaps onto a junction, or onto a dangling end earlier in the
            // input, so the earlier of two facing ends stays where it is.
            let rank = Dictionary(uniqueKeysWithValues: nodeKeys.enumerated().map { ($0.element, $0.offset) })
            for k in nodeKeys where occurrences[k] == 1 {
                let c = coordinateOf[k]!
                let (a, b) = cell(c)
                // Longitude cells shrink towards the poles: widen the search east-west.
                let span = Int64(min(50, (1 / max(0.02, cos(c.lat * .pi / 180))).rounded(.up)))
                var best: (Key, Double)?
                for dx in -span...span {
                    for dy in Int64(-1)...1 {
                        for other in grid[gk(a + dx, b + dy)] ?? [] where other != k && (occurrences[other]! > 1 || rank[other]! < rank[k]!) {
                            let d = Geodesic.wgs84.distanceMeters(c, coordinateOf[other]!)
                            let better = best == nil || d < best!.1
                            if d <= snapToleranceMeters, better { best = (other, d) }
                        }
                    }
                }
                // Join a dangling end only to a node that will stay a node; never chain.
                if let (target, _) = best, canonical[target] == nil {
                    canonical[k] = target
                    snappedEnds += 1
                }
            }
        }

        // 3. Node ids in first-appearance order.
        var nodeId: [Key: Int] = [:]
        for k in nodeKeys where canonical[k] == nil {
            nodeId[k] = nodes.count
            nodes.append(coordinateOf[k]!)
        }
        func node(_ k: Key) -> Int? { nodeId[canonical[k] ?? k] }

        // 4. Split each line at its node vertices.
        for line in lines {
            for part in line.parts where part.count >= 2 {
                var shape = [part[0]]
                var tail = node(Key(part[0]))!
                for c in part.dropFirst() {
                    shape.append(c)
                    guard let head = node(Key(c)) else { continue }
                    if head == tail {
                        droppedSelfLoops += 1  // a zero-length step or a closed ring: no use to shortest paths
                    } else {
                        edges.append(Edge(tail: tail, head: head, shape: shape, source: line.id))
                    }
                    shape = [c]
                    tail = head
                }
            }
        }
    }
}

/// An edge of one mode's topology with what the builder needs to merge it: whether it may be
/// travelled only from tail to head, and its travel time when the line's own speed fixes it.
struct TopologyEdge {
    var tail: Int
    var head: Int
    var shape: [Coordinate]
    var source: Int64
    var oneWay: Bool
    var seconds: Double?
}

enum ChainSimplifier {
    /// Merges the edges meeting at a node that joins exactly two edges to two distinct other
    /// nodes, when both are two-way or both one-way passing through it (one enters, one
    /// leaves), and both or neither have their own travel time: OSMnx's rule for interstitial
    /// nodes. A merged edge has the joined shape, the summed time, and the first edge's source.
    /// Edges of a ring of such nodes stay as they are.
    /// - Parameters:
    ///   - nodes: the nodes.
    ///   - edges: the edges between them.
    /// - Returns: the nodes that remain (ends of a merged edge, junctions, dead ends, and nodes
    ///   with no edge) and the edges renumbered to them.
    /// - Complexity: O(V + E) plus the shapes copied.
    static func simplify(nodes: [Coordinate], edges: [TopologyEdge]) -> (nodes: [Coordinate], edges: [TopologyEdge]) {
        var incident = [[Int]](repeating: [], count: nodes.count)
        for (i, e) in edges.enumerated() { incident[e.tail].append(i); incident[e.head].append(i) }
        func other(_ e: Int, _ v: Int) -> Int { edges[e].tail == v ? edges[e].head : edges[e].tail }
        let removable: [Bool] = (0..<nodes.count).map { v in
            let inc = incident[v]
            guard inc.count == 2, inc[0] != inc[1] else { return false }
            let e1 = edges[inc[0]], e2 = edges[inc[1]]
            let a = other(inc[0], v), b = other(inc[1], v)
            guard a != v, b != v, a != b, (e1.seconds == nil) == (e2.seconds == nil), e1.oneWay == e2.oneWay else { return false }
            return !e1.oneWay || (e1.head == v) != (e2.head == v)
        }
        var consumed = [Bool](repeating: false, count: edges.count)
        var merged: [TopologyEdge] = []
        for start in 0..<edges.count where !consumed[start] {
            let e0 = edges[start]
            guard let s = [e0.tail, e0.head].first(where: { !removable[$0] }) else { continue }  // inside a chain or a ring
            var cur = s, edge = start
            var shape: [Coordinate] = [], seconds: Double? = e0.seconds.map { _ in 0 }
            var walkedForward = true
            while true {
                consumed[edge] = true
                let piece = edges[edge]
                let forward = piece.tail == cur
                if edge == start { walkedForward = forward }
                let part = forward ? piece.shape : piece.shape.reversed()
                shape.append(contentsOf: shape.isEmpty ? part[...] : part.dropFirst())
                if let t = piece.seconds { seconds! += t }
                let next = other(edge, cur)
                cur = next
                guard removable[next] else { break }
                edge = incident[next][0] == edge ? incident[next][1] : incident[next][0]
            }
            guard cur != s else { continue }  // a loop back to its junction: no use to shortest paths
            var out = TopologyEdge(tail: s, head: cur, shape: shape, source: e0.source, oneWay: e0.oneWay, seconds: seconds)
            if e0.oneWay && !walkedForward {
                out.tail = cur; out.head = s; out.shape.reverse()
            }
            merged.append(out)
        }
        // Rings of removable nodes: kept edge by edge.
        for i in 0..<edges.count where !consumed[i] { merged.append(edges[i]) }
        var keep = removable.map { !$0 }
        for e in merged { keep[e.tail] = true; keep[e.head] = true }
        var newId = [Int](repeating: -1, count: nodes.count)
        var kept: [Coordinate] = []
        for v in 0..<nodes.count where keep[v] { newId[v] = kept.count; kept.append(nodes[v]) }
        return (kept, merged.map { var e = $0; e.tail = newId[e.tail]; e.head = newId[e.head]; return e })
    }
}
