import ToetsModel

/// Networks for Gephi and for row-by-row comparison with peer tools: GraphML (with account
/// attributes) and CSV edge tables.
package enum NetworkExport {
    /// GraphML 1.0: an undirected graph with a `weight` on each edge and, per account, the given
    /// attributes (`score` as a number, others as text). Sorted, so the same graph gives the same bytes.
    package static func graphML(_ graph: AccountGraph, edges: [(account1: String, account2: String, weight: Double)]? = nil,
                                detections: [Detection] = []) -> [UInt8] {
        let byAccount = Dictionary(detections.map { ($0.accountID, $0) }) { first, _ in first }
        let edges = edges ?? graph.edges
        var out = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
              <key id="score" for="node" attr.name="score" attr.type="double"/>
              <key id="flagged" for="node" attr.name="flagged" attr.type="boolean"/>
              <key id="group" for="node" attr.name="group" attr.type="string"/>
              <graph id="coordination" edgedefault="undirected">

            """.utf8)
        out.reserveCapacity(out.count + graph.accounts.count * 120 + edges.count * 110)
        func append(_ text: StaticString) {
            text.withUTF8Buffer { out.append(contentsOf: $0) }
        }
        for account in graph.accounts.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            append("    <node id=\"")
            appendEscaped(account, to: &out)
            append("\">")
            if let detection = byAccount[account] {
                append("<data key=\"score\">")
                DetectionsFile.appendNumber(detection.score, to: &out)
                append(detection.flagged ? "</data><data key=\"flagged\">true</data>" : "</data><data key=\"flagged\">false</data>")
                if let group = detection.group {
                    append("<data key=\"group\">")
                    appendEscaped(group, to: &out)
                    append("</data>")
                }
            }
            append("</node>\n")
        }
        for edge in edges {
            append("    <edge source=\"")
            appendEscaped(edge.account1, to: &out)
            append("\" target=\"")
            appendEscaped(edge.account2, to: &out)
            append("\"><data key=\"weight\">")
            DetectionsFile.appendNumber(edge.weight, to: &out)
            append("</data></edge>\n")
        }
        append("  </graph>\n</graphml>\n")
        return out
    }

    /// `user_1,user_2,weight`, one row per edge, as CNT's network tables.
    package static func edgeTable(_ edges: [(account1: String, account2: String, weight: Double)]) -> [UInt8] {
        var out = Array("user_1,user_2,weight\n".utf8)
        out.reserveCapacity(out.count + edges.count * 64)
        for edge in edges {
            CSVScanner.appendField(edge.account1, to: &out)
            out.append(UInt8(ascii: ","))
            CSVScanner.appendField(edge.account2, to: &out)
            out.append(UInt8(ascii: ","))
            DetectionsFile.appendNumber(edge.weight, to: &out)
            out.append(0x0A)
        }
        return out
    }

    /// Appends the bytes of `escaped(text)` to `out`; ASCII text without making a string.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        // Beyond ASCII a markup character can be part of a larger character, which `escaped` leaves as it is.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return out.append(contentsOf: escaped(text).utf8) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&apos;".utf8)
            default: out.append(byte)
            }
        }
    }

    /// Text made safe for an XML attribute or element.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// The evidence behind a method's edges: per edge, the shared objects and the times of the two
/// shares (DESIGN.md "Formats"): CSV `account_1,account_2,object,time_1,time_2`.
package struct EvidenceRow: Hashable, Sendable {
    package var account1: String
    package var account2: String
    package var object: String
    package var time1: Int64
    package var time2: Int64

    package init(account1: String, account2: String, object: String, time1: Int64, time2: Int64) {
        self.account1 = account1
        self.account2 = account2
        self.object = object
        self.time1 = time1
        self.time2 = time2
    }

    package static let header = "account_1,account_2,object,time_1,time_2\n"

    /// The rows, sorted, as CSV.
    package static func table(_ rows: [EvidenceRow]) -> [UInt8] {
        // In the order of (account1, account2, object, time1, time2) as `String`s compare: the
        // accounts are ranked once (ids that compare equal share a rank), so rows are ordered by
        // two integers, and only rows of the same two accounts compare their objects.
        var rank: [String: Int] = [:]
        for row in rows {
            rank[row.account1] = 0
            rank[row.account2] = 0
        }
        for (position, account) in rank.keys.sorted().enumerated() { rank[account] = position }
        let accounts = rows.map { (rank[$0.account1] ?? 0, rank[$0.account2] ?? 0) }
        let order = rows.indices.sorted { a, b in
            if accounts[a] != accounts[b] { return accounts[a] < accounts[b] }
            return (rows[a].object, rows[a].time1, rows[a].time2) < (rows[b].object, rows[b].time1, rows[b].time2)
        }
        var out = Array(header.utf8)
        out.reserveCapacity(out.count + rows.count * 120)
        for row in order.lazy.map({ rows[$0] }) {
            CSVScanner.appendField(row.account1, to: &out)
            out.append(UInt8(ascii: ","))
            CSVScanner.appendField(row.account2, to: &out)
            out.append(UInt8(ascii: ","))
            CSVScanner.appendField(row.object, to: &out)
            out.append(UInt8(ascii: ","))
            DetectionsFile.appendInteger(row.time1, to: &out)
            out.append(UInt8(ascii: ","))
            DetectionsFile.appendInteger(row.time2, to: &out)
            out.append(0x0A)
        }
        return out
    }
}

extension AccountGraph {
    /// Detections from a coordination network: every account the method saw gets its strength
    /// (the summed weight of its edges) as score; accounts on an edge of at least `threshold`
    /// are flagged and grouped by the connected components (or, with `louvainSeed`, the Louvain
    /// communities) of those edges.
    package func detections(seen: some Sequence<String>, threshold: Double, louvainSeed: UInt64? = nil) -> [Detection] {
        detections(seen: seen, strong: filter { $0 >= threshold }, louvainSeed: louvainSeed)
    }

    /// `detections(seen:threshold:louvainSeed:)` given the graph of the edges at or above the threshold.
    package func detections(seen: some Sequence<String>, strong: AccountGraph, louvainSeed: UInt64? = nil) -> [Detection] {
        let strength = strengths
        let labels = louvainSeed.map { strong.louvain(seed: $0).labels } ?? strong.components()
        var result: [Detection] = []
        for account in Set(seen).union(accounts) {
            let score = number(of: account).map { strength[$0] } ?? 0
            if let vertex = strong.number(of: account) {
                result.append(Detection(accountID: account, score: score, flagged: true, group: "g\(labels[vertex])"))
            } else {
                result.append(Detection(accountID: account, score: score, flagged: false))
            }
        }
        return result.sorted { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }
    }
}
