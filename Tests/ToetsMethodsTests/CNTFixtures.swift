import Foundation
import ToetsModel
@testable import ToetsMethods

/// The CNT 1.5.2 conformance fixtures that scripts/oracles/cnt_conformance.py writes.
enum CNTFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/cnt")

    /// One network table CNT computed, and the parameters it was computed with.
    struct Table: Sendable, CustomStringConvertible {
        var file: String
        var network: CoActionNetwork
        var parameters: CoActionParameters
        /// What was deleted from CNT's database before computing: nil, `without_empty_urls`,
        /// `without_empty_texts`.
        var removedBeforeCompute: String?
        var description: String { file }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static let tables: [Table] = {
        guard let bytes = try? bytes("manifest.json"), let manifest = try? JSONDocument(bytes) else { return [] }
        return manifest.root["tables"]?.elements.compactMap { table in
            guard let file = table["file"]?.string, let network = table["network"]?.string.flatMap(CoActionNetwork.init),
                  let window = table["time_window"]?.int64, let minEdgeWeight = table["min_edge_weight"]?.int64,
                  let threshold = table["similarity_threshold"]?.double,
                  let minDocumentSize = table["min_document_size_similarity"]?.double else { return nil }
            return Table(file: file, network: network,
                         parameters: CoActionParameters(timeWindow: window, minEdgeWeight: Int(minEdgeWeight),
                                                        similarityThreshold: threshold, minDocumentSize: minDocumentSize),
                         removedBeforeCompute: table["removed_before_compute"]?.string)
        } ?? []
    }()

    /// The rows of CNT's input CSV as posts, mapped as `CoActionInput` documents: a row with a
    /// `repost_id` is a repost, else one with a `reply_id` a reply. The `urls` field is split on
    /// single spaces as CNT splits it, empty strings included.
    static func posts() throws -> [Post] {
        let rows = try CSV.rows(bytes("input.csv"))
        guard rows.first == ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"] else {
            throw FixtureError("input.csv: unexpected header \(rows.first ?? [])")
        }
        return try rows.dropFirst().map { row in
            guard row.count == 8, let time = Int64(row[6]) else { throw FixtureError("input.csv: bad row \(row)") }
            let kind: Post.Kind = !row[3].isEmpty ? .repost : !row[4].isEmpty ? .reply : .post
            return Post(platform: "cnt", sourceFormat: "cnt-csv", postID: row[0], authorID: row[1], authorHandle: row[2],
                        createdAt: time, text: row[5], kind: kind,
                        refPostID: kind == .repost ? row[3] : kind == .reply ? row[4] : nil,
                        urls: row[7].split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        }
    }

    /// A table's rows, as CNT left them (self-loops included), in table order.
    static func edges(_ table: Table) throws -> [CoActionEdge] {
        let rows = try CSV.rows(bytes(table.file))
        guard rows.first == ["user_1", "user_2", "weight"] else { throw FixtureError("\(table.file): unexpected header") }
        return try rows.dropFirst().map { row in
            guard row.count == 3, let weight = Int(row[2]) else { throw FixtureError("\(table.file): bad row \(row)") }
            return CoActionEdge(user1: row[0], user2: row[1], weight: weight)
        }.sorted(by: CoActionEdge.tableOrder)
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// RFC 4180 CSV as Python's `csv` module writes it: quoted fields may hold commas, quotes
/// (doubled) and line breaks; records end with `\n`.
enum CSV {
    static func rows(_ bytes: [UInt8]) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var index = 0
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") && field.isEmpty {
                quoted = true
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\n") {
                endField()
                rows.append(row)
                row = []
            } else {
                field.append(byte)
            }
            index += 1
        }
        guard !quoted else { throw CNTFixtures.FixtureError("unterminated quoted field") }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}

/// What differs between two edge lists, for failure messages: at most `limit` edges each way.
func edgeDifference(_ actual: [CoActionEdge], _ expected: [CoActionEdge], limit: Int = 8) -> String {
    let actualSet = Set(actual), expectedSet = Set(expected)
    let extra = actual.filter { !expectedSet.contains($0) }
    let missing = expected.filter { !actualSet.contains($0) }
    func show(_ edges: [CoActionEdge]) -> String {
        edges.prefix(limit).map { "\($0.user1)→\($0.user2):\($0.weight)" }.joined(separator: " ")
    }
    return "\(extra.count) only in Toets [\(show(extra))], \(missing.count) only in CNT [\(show(missing))]"
}
