/// The parameters of a co-action network, named and defaulted as CNT 1.5.2's `compute` command.
package struct CoActionParameters: Hashable, Sendable {
    /// Seconds (`--time_window`): actions at most this far apart co-occur; both ends inclusive.
    package var timeWindow: Int64
    /// The least weight an edge is kept with (`--min_edge_weight`).
    package var minEdgeWeight: Int
    /// co-similar-tweet only (`--similarity_threshold`): the least Jaccard similarity of two
    /// messages' word sets for them to count as the same message.
    package var similarityThreshold: Double
    /// co-similar-tweet only (`--min_document_size_similarity`): a message with fewer distinct
    /// words than this is similar to nothing (similarity 0). At 0 or below, CNT's plain Jaccard.
    package var minDocumentSize: Double

    package init(timeWindow: Int64 = 1, minEdgeWeight: Int = 2, similarityThreshold: Double = 0.8,
                 minDocumentSize: Double = 1) {
        self.timeWindow = timeWindow
        self.minEdgeWeight = minEdgeWeight
        self.similarityThreshold = similarityThreshold
        self.minDocumentSize = minDocumentSize
    }
}
