import Foundation

extension TNTPProblem {
    /// The node coordinates of the `_node` file, for writing the links as geometry.
    /// - Parameters:
    ///   - crs: the coordinates' CRS (EPSG code, WKT or PROJ string); nil takes EPSG:4326 when
    ///     every coordinate looks like lon/lat.
    ///   - output: the file the geometry is for, named in the errors.
    /// - Returns: one coordinate per node, and their CRS.
    /// - Throws: `DataError.invalid` naming `output` when there is no `_node` file or its
    ///   coordinates are not lon/lat and no CRS is given; `FlowError` for a bad `_node` file.
    public func nodeGeometry(crs: String?, for output: String) throws -> (coordinates: [Coordinate], crs: CRS) {
        guard let nodes = files.nodes else {
            throw DataError.invalid("-o \(output)", "geometry needs node coordinates, and there is no _node.tntp beside \(files.net); write .csv or .json")
        }
        let xy = try TNTP.readNodes(nodes, nodeCount: network.nodeCount)
        guard crs != nil || xy.allSatisfy({ abs($0.x) <= 180 && abs($0.y) <= 90 }) else {
            throw DataError.invalid("-o \(output)", "the coordinates of \(nodes) are not lon/lat; give their CRS with --node-crs")
        }
        return (xy.map { Coordinate(x: $0.x, y: $0.y) }, CRS(crs ?? "EPSG:4326"))
    }

    /// The bytes a sharded loading's parts depend on (their checksum): the network file, the
    /// trips (or OD file) and the link costs.
    /// - Parameters:
    ///   - odFile: the OD CSV used instead of the `_trips` file.
    ///   - linkCosts: the link costs file the parts are loaded at (free flow when nil).
    /// - Throws: `DataError.fileNotFound` for a file that cannot be read.
    public func inputData(odFile: String?, linkCosts: String?) throws -> [Data] {
        try ([files.net, odFile ?? files.trips] + (linkCosts.map { [$0] } ?? [])).map { p in
            guard let d = FileManager.default.contents(atPath: p) else { throw DataError.fileNotFound(p) }
            return d
        }
    }

    /// One shard of an all-or-nothing loading of the trips.
    /// - Parameters:
    ///   - linkCosts: a link costs file (``LinkCostsFile``) to load at; free flow when nil.
    ///   - shard: the share of the origin chunks.
    ///   - threads: worker threads.
    /// - Throws: `DataError` for a link costs file at fault.
    public func loadingPart(linkCosts: String?, shard: Shard, threads: Int) throws -> AssignmentPart {
        let costs = try linkCosts.map { try LinkCostsFile.read($0, count: network.linkCount) } ?? network.costs.freeFlowCosts
        return AssignmentPart(loading: AllOrNothing.partial(network: network, demand: demand, linkCosts: costs, shard: shard, threads: threads),
                              costsSHA256: LinkCostsFile.digest(costs))
    }

    /// The free-flow loading that parts of every shard make up, for an assignment's first iteration.
    /// - Parameter parts: the parts, in shard order.
    /// - Throws: `DataError.invalid` when a part was loaded at other link costs.
    public func freeFlowLoading(_ parts: [AssignmentPart]) throws -> [AllOrNothing.Partial] {
        let expected = LinkCostsFile.digest(network.costs.freeFlowCosts)
        guard parts.allSatisfy({ $0.costsSHA256 == expected }) else {
            throw DataError.invalid("merge", "the parts were loaded at other link costs (--link-costs); merge parts of a free-flow loading")
        }
        return parts.map(\.loading)
    }

    /// Loads the trips (one class) to equilibrium.
    /// - Parameters:
    ///   - options: the algorithm, gap, iterations, threads and (already set) select-link
    ///     queries and external loadings.
    ///   - progress: each iteration's record.
    /// - Returns: the result and its summary (timed).
    /// - Throws: `FlowError` for an assignment that cannot run.
    public func assign(_ options: AssignmentOptions, progress: ((IterationRecord) -> Void)? = nil) throws -> (AssignmentResult, AssignmentSummary) {
        var options = options
        options.selectLinks = queries
        let started = Date()
        let result = try TrafficAssignment.run(network: network, classes: [TrafficClass(name: "all", demand: demand)], options: options, progress: progress)
        let summary = AssignmentSummary(result, network: files.net, algorithm: options.algorithm, trips: demand.total, threads: options.threads,
                                        seconds: Date().timeIntervalSince(started))
        return (result, summary)
    }
}
