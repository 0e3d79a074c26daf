import Foundation
import ToetsMethods
import ToetsModel

/// Where a co-action stage's CPU time goes, measured in the bench's process on the posts
/// artefact the stage reads, with the calls `MethodStage` makes: reading the posts into the
/// method's input, counting the network (the core compute, what `toets co-action` does after
/// reading its CSV), the rest of detecting (the undirected graph, detections, evidence), and
/// writing the five tables. What the stage's process spends besides (its start, hashing and
/// storing the outputs, the index and provenance) is the stage's CPU time minus these.
struct MethodStagePhases {
    var read = 0.0
    var network = 0.0
    var detect = 0.0
    var write = 0.0
    var outputBytes = 0
    var edges = 0

    var total: Double { read + network + detect + write }

    /// The phases of `network` on the posts artefact at `path` (CPU seconds of this process, all
    /// threads), read from its binary form at `columns` (made from posts of digest `digest`) where
    /// there is one, as the stage reads it.
    static func measure(posts path: String, columns: String?, digest: Digest, network: CoActionNetwork,
                        window: Int64) throws -> MethodStagePhases {
        let method = try CoActionMethod(parameters: [
            "network": .string(network.rawValue), "window": .int(Int(window)), "min_edge_weight": .int(1),
            "similarity_threshold": .double(0.8), "min_document_size": .double(1), "flag_weight": .int(3),
            "groups": .string("components"), "seed": .int(1),
        ])
        let data = try Data(contentsOf: URL(fileURLWithPath: columns ?? path), options: .alwaysMapped)
        var phases = MethodStagePhases()
        var clock = processCPUSeconds()
        func lap() -> Double {
            let now = processCPUSeconds()
            defer { clock = now }
            return now - clock
        }
        let input = try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            columns == nil
                ? try CoActionInput(postsArtefact: raw.bindMemory(to: UInt8.self), artefact: path, columns: network.columns.union(.names))
                : CoActionInput(postColumns: try PostColumns(raw, posts: digest), columns: network.columns.union(.names))
        }
        phases.read = lap()
        let edgeCount = CoAction.network(network, of: input, parameters: CoActionParameters(
            timeWindow: window, minEdgeWeight: 1, similarityThreshold: 0.8, minDocumentSize: 1)).count
        phases.network = lap()
        let result = method.detect(input)
        // `detect` counts the network again: that part is the core's, not the rest's.
        phases.detect = max(0, lap() - phases.network)
        let edges = result.edges ?? result.network.edges
        let written = [DetectionsFile.write(result.detections), EvidenceRow.table(result.evidence),
                       NetworkExport.graphML(result.network, edges: edges, detections: result.detections),
                       NetworkExport.edgeTable(edges)]
        phases.write = lap()
        phases.outputBytes = written.reduce(0) { $0 + $1.count } + (result.extra["directed.csv"]?.count ?? 0)
        phases.edges = edgeCount
        return phases
    }
}

/// CPU seconds of this process so far, user and system, all threads.
func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
