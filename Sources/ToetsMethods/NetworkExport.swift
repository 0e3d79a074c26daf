import ToetsModel

/// Networks for Gephi and for row-by-row comparison with peer tools: GraphML (with account
/// attributes) and CSV edge tables.
package enum NetworkExport {
    /// GraphML 1.0: an undirected graph with a `weight` on each edge and, per account, the given
    /// attributes (`score` as a number, others as text). Sorted, so the same graph gives the same bytes.
    package static func graphML(_ graph: AccountGraph, detections: [Detection] = []) -> [UInt8] {
        let byAccount = Dictionary(detections.map { ($0.accountID, $0) }) { first, _ in first }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
              <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
              <key id="score" for="node" attr.name="score" attr.type="double"/>
              <key id="flagged" for="node" attr.name="flagged" attr.type="boolean"/>
              <key id="group" for="node" attr.name="group" attr.type="string"/>
              <graph id="coordination" edgedefault="undirected">

            """
        for account in graph.accounts.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            out += "    <node id=\"\(escaped(account))\">"
            if let detection = byAccount[account] {
                out += "<data key=\"score\">\(DetectionsFile.formatNumber(detection.score))</data>"
                out += "<data key=\"flagged\">\(detection.flagged)</data>"
                if let group = detection.group { out += "<data key=\"group\">\(escaped(group))</data>" }
            }
            out += "</node>\n"
        }
        for edge in graph.edges {
            out += "    <edge source=\"\(escaped(edge.account1))\" target=\"\(escaped(edge.account2))\">"
                + "<data key=\"weight\">\(DetectionsFile.formatNumber(edge.weight))</data></edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return Array(out.utf8)
    }

    /// `user_1,user_2,weight`, one row per edge, as CNT's network tables.
    package static func edgeTable(_ edges: [(account1: String, account2: String, weight: Double)]) -> [UInt8] {
        var out = "user_1,user_2,weight\n"
        for edge in edges {
            out += "\(CSVScanner.field(edge.account1)),\(CSVScanner.field(edge.account2)),\(DetectionsFile.formatNumber(edge.weight))\n"
        }
        return Array(out.utf8)
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
        let sorted = rows.sorted {
            ($0.account1, $0.account2, $0.object, $0.time1, $0.time2) < ($1.account1, $1.account2, $1.object, $1.time1, $1.time2)
        }
        var out = header
        for row in sorted {
            out += [CSVScanner.field(row.account1), CSVScanner.field(row.account2), CSVScanner.field(row.object),
                    String(row.time1), String(row.time2)].joined(separator: ",") + "\n"
        }
        return Array(out.utf8)
    }
}

extension AccountGraph {
    /// Detections from a coordination network: every account the method saw gets its strength
    /// (the summed weight of its edges) as score; accounts on an edge of at least `threshold`
    /// are flagged and grouped by the connected components (or, with `louvainSeed`, the Louvain
    /// communities) of those edges.
    package func detections(seen: some Sequence<String>, threshold: Double, louvainSeed: UInt64? = nil) -> [Detection] {
        let strength = strengths
        let strong = filter { $0 >= threshold }
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
