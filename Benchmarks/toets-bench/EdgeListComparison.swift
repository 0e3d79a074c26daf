import Foundation
import ToetsModel

/// Two directed, weighted edge lists compared as sets of (user_1, user_2, weight): Toets's
/// `user_1,user_2,weight` CSV against CNT's export (`source,target,weight,edge_type`).
struct EdgeListComparison {
    var toetsEdges = 0
    var cntEdges = 0
    /// Edges in one list only, or in both with different weights.
    var onlyToets = 0
    var onlyCNT = 0
    var weightDiffers = 0
    /// A few differing edges, for the report.
    var examples: [String] = []

    var identical: Bool { onlyToets == 0 && onlyCNT == 0 && weightDiffers == 0 }

    init(toets: [UInt8], cnt: [UInt8]) throws {
        var number: [String: Int32] = [:]
        var names: [String] = []
        func account(_ name: String) -> Int32 {
            if let known = number[name] { return known }
            let new = Int32(names.count)
            number[name] = new
            names.append(name)
            return new
        }
        func read(_ bytes: [UInt8], header: [String], what: String) throws -> [(from: Int32, to: Int32, weight: Int64)] {
            var rows: [(from: Int32, to: Int32, weight: Int64)] = []
            try bytes.withUnsafeBufferPointer { buffer in
                let scanner = CSVScanner()
                var position = 0
                while position < buffer.count {
                    let (fields, next) = try scanner.record(in: buffer, from: position)
                    if position == 0 {
                        guard fields == header else { throw BenchError("\(what): unexpected header") }
                    } else {
                        guard fields.count >= 3, let weight = Int64(fields[2]) else {
                            throw BenchError("\(what): bad record at byte \(position)")
                        }
                        rows.append((account(fields[0]), account(fields[1]), weight))
                    }
                    position = next
                }
            }
            return rows
        }
        let ours = try read(toets, header: ["user_1", "user_2", "weight"], what: "Toets's edges")
        let theirs = try read(cnt, header: ["source", "target", "weight", "edge_type"], what: "CNT's export")
        toetsEdges = ours.count
        cntEdges = theirs.count

        let count = Int64(names.count)
        func sorted(_ rows: [(from: Int32, to: Int32, weight: Int64)]) -> [(key: Int64, weight: Int64)] {
            rows.map { (Int64($0.from) * count + Int64($0.to), $0.weight) }.sorted { $0.key < $1.key }
        }
        let a = sorted(ours), b = sorted(theirs)
        func edge(_ key: Int64) -> String { "\(names[Int(key / count)])→\(names[Int(key % count)])" }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].key < b[j].key) {
                onlyToets += 1
                if examples.count < 6 { examples.append("only Toets \(edge(a[i].key)):\(a[i].weight)") }
                i += 1
            } else if i == a.count || b[j].key < a[i].key {
                onlyCNT += 1
                if examples.count < 6 { examples.append("only CNT \(edge(b[j].key)):\(b[j].weight)") }
                j += 1
            } else {
                if a[i].weight != b[j].weight {
                    weightDiffers += 1
                    if examples.count < 6 { examples.append("\(edge(a[i].key)) Toets \(a[i].weight), CNT \(b[j].weight)") }
                }
                i += 1
                j += 1
            }
        }
    }
}
