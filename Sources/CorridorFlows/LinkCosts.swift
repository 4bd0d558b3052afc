import Foundation

/// Separable link cost functions of the BPR form (Bureau of Public Roads, 1964), one per link:
///
///     c(v) = fixed + t0 · (1 + b · (v / capacity)^power)
///
/// `fixed` is a flow-independent term (a generalised cost: length or toll times a weight, as
/// the Chicago Sketch network's best-known solution uses); `t0` the free-flow time. Costs are
/// non-decreasing in the flow, so the Beckmann objective is convex and the user equilibrium
/// unique in link flows.
///
/// Invariants (checked at construction): every array has one entry per link; t0, b, power and
/// fixed are finite and not negative; a link with a congestion term (b > 0 and t0 > 0) has a
/// finite capacity > 0.
public struct BPRCosts: Sendable, Hashable {
    public let freeFlowTime: [Double]
    public let b: [Double]
    public let power: [Double]
    public let capacity: [Double]
    public let fixedCost: [Double]
    /// t0 · b / capacity^power: the congestion term is coefficient · v^power (0 without one).
    let coefficient: [Double]
    /// The power as a small whole number (0...8) where it is one, else -1 (then `pow`).
    let wholePower: [Int8]

    public var linkCount: Int { freeFlowTime.count }

    /// - Throws: `FlowError.invalid` naming the link (0-based index) and the value at fault.
    public init(freeFlowTime: [Double], b: [Double], power: [Double], capacity: [Double], fixedCost: [Double]? = nil) throws {
        let n = freeFlowTime.count
        let fixed = fixedCost ?? Array(repeating: 0, count: n)
        guard b.count == n, power.count == n, capacity.count == n, fixed.count == n else {
            throw FlowError.invalid("link costs", "one free-flow time, b, power, capacity and fixed cost per link")
        }
        var coefficient = [Double](repeating: 0, count: n)
        var whole = [Int8](repeating: -1, count: n)
        for i in 0..<n {
            let t0 = freeFlowTime[i], bi = b[i], p = power[i], c = capacity[i], f = fixed[i]
            guard t0.isFinite, t0 >= 0 else { throw FlowError.invalid("link \(i)", "free-flow time \(t0) must be finite and >= 0") }
            guard bi.isFinite, bi >= 0 else { throw FlowError.invalid("link \(i)", "b \(bi) must be finite and >= 0") }
            guard p.isFinite, p >= 0 else { throw FlowError.invalid("link \(i)", "power \(p) must be finite and >= 0") }
            guard f.isFinite, f >= 0 else { throw FlowError.invalid("link \(i)", "fixed cost \(f) must be finite and >= 0") }
            if bi > 0 && t0 > 0 {
                guard c.isFinite, c > 0 else { throw FlowError.invalid("link \(i)", "capacity \(c) must be > 0 with a BPR term (b = \(bi))") }
                coefficient[i] = t0 * bi / Foundation.pow(c, p)
            }
            if p == p.rounded(), p <= 8 { whole[i] = Int8(p) }
        }
        self.freeFlowTime = freeFlowTime
        self.b = b
        self.power = power
        self.capacity = capacity
        self.fixedCost = fixed
        self.coefficient = coefficient
        self.wholePower = whole
    }

    @inline(__always)
    static func pow(_ v: Double, _ whole: Int8, _ p: Double) -> Double {
        switch whole {
        case 0: return 1
        case 1: return v
        case 2: return v * v
        case 3: return v * v * v
        case 4: let s = v * v; return s * s
        case 5: let s = v * v; return s * s * v
        case 6: let s = v * v * v; return s * s
        case 7: let s = v * v * v; return s * s * v
        case 8: let s = v * v; let q = s * s; return q * q
        default: return Foundation.pow(v, p)
        }
    }

    /// The cost of link `i` at flow `v`.
    @inline(__always)
    public func cost(_ i: Int, flow v: Double) -> Double {
        let k = coefficient[i]
        let base = fixedCost[i] + freeFlowTime[i]
        return k == 0 ? base : base + k * Self.pow(v, wholePower[i], power[i])
    }

    /// dc/dv of link `i` at flow `v` (the diagonal of the objective's Hessian).
    @inline(__always)
    public func derivative(_ i: Int, flow v: Double) -> Double {
        let k = coefficient[i], p = power[i]
        guard k != 0, p > 0 else { return 0 }
        if p == 1 { return k }
        return k * p * Self.pow(v, wholePower[i] > 0 ? wholePower[i] - 1 : -1, p - 1)
    }

    /// ∫₀^v c(u) du: link `i`'s term of the Beckmann objective.
    @inline(__always)
    public func integral(_ i: Int, flow v: Double) -> Double {
        let k = coefficient[i]
        let base = (fixedCost[i] + freeFlowTime[i]) * v
        guard k != 0 else { return base }
        let p = power[i]
        return base + k * v * Self.pow(v, wholePower[i], p) / (p + 1)
    }

    /// Costs of every link at `flows`.
    public func costs(at flows: [Double]) -> [Double] {
        precondition(flows.count == linkCount, "one flow per link")
        return (0..<linkCount).map { cost($0, flow: flows[$0]) }
    }

    /// Costs of every link with no flow: the costs of the first (free-flow) loading.
    public var freeFlowCosts: [Double] { costs(at: Array(repeating: 0, count: linkCount)) }

    /// The Beckmann objective Σ ∫₀^{v_a} c_a(u) du (Beckmann, McGuire and Winsten, 1956): the
    /// user equilibrium minimises it.
    public func beckmann(at flows: [Double]) -> Double {
        precondition(flows.count == linkCount, "one flow per link")
        var sum = 0.0
        for i in 0..<linkCount { sum += integral(i, flow: flows[i]) }
        return sum
    }
}

/// Bad flow input: one line naming what is at fault (a file and line, a link, a zone).
public enum FlowError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let what, let why): return "\(what): \(why)"
        }
    }
}
