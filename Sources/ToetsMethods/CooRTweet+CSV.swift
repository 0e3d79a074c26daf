import ToetsModel

extension CooRTweet {
    /// The `time_window_<tw2>` column `flagSpeedShare` adds to the pairs table.
    package struct SpeedFlags: Sendable {
        package var tw2: Int64
        package var flags: [Bool]

        package init(tw2: Int64, flags: [Bool]) {
            self.tw2 = tw2
            self.flags = flags
        }
    }

    /// The pairs table as CSV, in the order of `pairs`: object_id, account_id, content_id,
    /// account_id_y, content_id_y, time_delta, and `time_window_<tw2>` (0/1) with `speed`.
    package static func pairsCSV(_ pairs: [Pair], speed: SpeedFlags? = nil) -> [UInt8] {
        precondition(speed == nil || speed!.flags.count == pairs.count, "speed flags must align with pairs")
        var header = ["object_id", "account_id", "content_id", "account_id_y", "content_id_y", "time_delta"]
        if let speed { header.append("time_window_\(speed.tw2)") }
        var out = CSVWriter()
        out.row(header)
        for (index, pair) in pairs.enumerated() {
            var fields = [pair.objectID, pair.accountID, pair.contentID, pair.accountIDY, pair.contentIDY, String(pair.timeDelta)]
            if let speed { fields.append(speed.flags[index] ? "1" : "0") }
            out.row(fields)
        }
        return out.bytes
    }

    /// The edges table as CSV: account_1, account_2, weight, avg_time_delta, weight_threshold,
    /// n_content_id, n_content_id_y, edge_symmetry_score; with a fast network each attribute
    /// twice, `_full` then `_fast`, NA where an edge has no fast pairs.
    package static func edgesCSV(_ network: Network) -> [UInt8] {
        let attributes = ["weight", "avg_time_delta", "weight_threshold", "n_content_id", "n_content_id_y", "edge_symmetry_score"]
        var header = ["account_1", "account_2"]
        if network.hasFast {
            header += attributes.map { $0 + "_full" } + attributes.map { $0 + "_fast" }
        } else {
            header += attributes
        }
        var out = CSVWriter()
        out.row(header)
        for edge in network.edges {
            var fields = [edge.account1, edge.account2] + fieldValues(edge.full)
            if network.hasFast {
                fields += edge.fast.map(fieldValues) ?? Array(repeating: "NA", count: attributes.count)
            }
            out.row(fields)
        }
        return out.bytes
    }

    /// The nodes table as CSV: account_id, component.
    package static func nodesCSV(_ network: Network) -> [UInt8] {
        var out = CSVWriter()
        out.row(["account_id", "component"])
        for node in network.nodes { out.row([node.accountID, String(node.component)]) }
        return out.bytes
    }

    private static func fieldValues(_ stats: EdgeStats) -> [String] {
        [String(stats.weight), ShortestDecimal.format(stats.avgTimeDelta), stats.weightThreshold ? "1" : "0",
         String(stats.nContentID), String(stats.nContentIDY), ShortestDecimal.format(stats.edgeSymmetryScore)]
    }

    /// Shares from a CSV table with the columns object_id, account_id, content_id and
    /// timestamp_share (any order, other columns ignored), as CooRTweet's prepared data has them.
    package static func readShares(csv bytes: [UInt8], source: String) throws(MethodsError) -> [Share] {
        let scanner = CSVScanner()
        return try bytes.withUnsafeBufferPointer { (buffer) throws(MethodsError) -> [Share] in
            guard !buffer.isEmpty else { throw .invalidShares(source: source, line: 1, reason: "the file is empty") }
            var line = 1
            var position = 0
            func next() throws(MethodsError) -> [String] {
                do {
                    let (fields, after) = try scanner.record(in: buffer, from: position)
                    position = after
                    return fields
                } catch {
                    throw .invalidShares(source: source, line: line, reason: error.description)
                }
            }
            let header = try next()
            var columns: [Int] = []
            for name in ["object_id", "account_id", "content_id", "timestamp_share"] {
                guard let column = header.firstIndex(of: name) else {
                    throw .invalidShares(source: source, line: 1, reason: "no column \(name) in the header")
                }
                columns.append(column)
            }
            let width = columns.max()! + 1
            var shares: [Share] = []
            while position < buffer.count {
                line += 1
                let fields = try next()
                if fields == [""] { continue }  // a blank line
                guard fields.count >= width else {
                    throw .invalidShares(source: source, line: line, reason: "\(fields.count) fields, header has \(header.count)")
                }
                guard let time = Int64(fields[columns[3]]) else {
                    throw .invalidShares(source: source, line: line, reason: "timestamp_share '\(fields[columns[3]])' is not an integer")
                }
                shares.append(Share(objectID: fields[columns[0]], accountID: fields[columns[1]], contentID: fields[columns[2]], time: time))
            }
            return shares
        }
    }
}

/// RFC 4180 output: a field is quoted only when it holds a separator, a quote or a line break;
/// lines end in LF.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.append(field, to: &bytes)
        }
        bytes.append(0x0A)
    }

    /// Appends `field`, quoted (inner quotes doubled) when it holds a comma, quote or line break.
    static func append(_ field: String, to bytes: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            bytes.append(contentsOf: field.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in field.utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
