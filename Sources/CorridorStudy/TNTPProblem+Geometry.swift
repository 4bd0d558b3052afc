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
}
