extension Dictionary where Key: Comparable, Value: BinaryFloatingPoint {
    /// The values added in ascending key order. Swift seeds hashing per process, so a
    /// dictionary's own order changes from run to run, and a floating-point sum depends on the
    /// order of its terms: every sum over a dictionary goes through here.
    public var sumInKeyOrder: Value { keys.sorted().reduce(0) { $0 + self[$1]! } }
}
