import Testing
import ToetsModel
@testable import ToetsMethods

@Suite struct AccountGraphTests {
    /// Two triangles joined by one edge, and a pair on its own.
    func graph() -> AccountGraph {
        var graph = AccountGraph()
        for (a, b) in [("f", "b"), ("b", "c"), ("c", "f"), ("d", "e"), ("e", "a"), ("a", "d"), ("c", "d"), ("y", "z")] {
            graph.addEdge(a, b, weight: 1)
        }
        return graph
    }

    @Test func edgesAccumulateAndSelfLoopsAreDropped() {
        var graph = AccountGraph()
        graph.addEdge("b", "a", weight: 1)
        graph.addEdge("a", "b", weight: 2)
        graph.addEdge("a", "a", weight: 5)
        #expect(graph.edges.map { "\($0.account1)-\($0.account2):\($0.weight)" } == ["a-b:3.0"])
        #expect(graph.strengths == [3, 3])
    }

    @Test func componentsAreNumberedBySmallestAccount() {
        let graph = graph()
        let labels = graph.components()
        #expect(Dictionary(uniqueKeysWithValues: zip(graph.accounts, labels)) == ["a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1, "y": 2, "z": 2])
    }

    @Test func louvainSeparatesTheTrianglesAndReportsTheirModularity() {
        let graph = graph()
        let (labels, modularity) = graph.louvain(seed: 7)
        let byAccount = Dictionary(uniqueKeysWithValues: zip(graph.accounts, labels))
        #expect(byAccount == ["a": 1, "d": 1, "e": 1, "b": 2, "c": 2, "f": 2, "y": 3, "z": 3])
        // Σ over communities of inside/2m − (total/2m)²: 2 × (6/16 − (7/16)²) + (2/16 − (2/16)²).
        #expect(abs(modularity - (2 * (6.0 / 16 - 49.0 / 256) + (2.0 / 16 - 4.0 / 256))) < 1e-12)
        for seed in [1, 2, 3, 99] as [UInt64] { #expect(graph.louvain(seed: seed).labels == labels) }
    }

    @Test func detectionsScoreEveryAccountAndFlagStrongEdges() {
        var graph = AccountGraph()
        graph.addEdge("a", "b", weight: 3)
        graph.addEdge("b", "c", weight: 1)
        let detections = graph.detections(seen: ["a", "b", "c", "quiet"], threshold: 2)
        #expect(detections == [
            Detection(accountID: "a", score: 3, flagged: true, group: "g1"),
            Detection(accountID: "b", score: 4, flagged: true, group: "g1"),
            Detection(accountID: "c", score: 1, flagged: false),
            Detection(accountID: "quiet", score: 0, flagged: false),
        ])
        let text = String(decoding: NetworkExport.graphML(graph, detections: detections), as: UTF8.self)
        #expect(text.contains("<node id=\"a\"><data key=\"score\">3</data><data key=\"flagged\">true</data><data key=\"group\">g1</data></node>"))
        #expect(text.contains("<edge source=\"a\" target=\"b\"><data key=\"weight\">3</data></edge>"))
        #expect(String(decoding: NetworkExport.edgeTable(graph.edges), as: UTF8.self) == "user_1,user_2,weight\na,b,3\nb,c,1\n")
    }
}
