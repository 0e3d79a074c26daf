/// What a stage is for, which decides what it may read (DESIGN.md "Sealed evaluation").
package enum StageRole: String, Hashable, Sendable, Codable, CaseIterable {
    /// Brings in or transforms data: ingest, anonymise, source files.
    case data
    /// Holds the annotated labels; only evaluation stages may read it, directly or not.
    case groundTruth = "ground-truth"
    /// A detection method under evaluation; must never see the ground truth.
    case method
    /// Scoring and reporting: the only stages that may read the ground truth.
    case evaluation
}
