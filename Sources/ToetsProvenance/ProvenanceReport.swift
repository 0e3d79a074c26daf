/// One thing `toets verify` found wrong with the provenance of a workspace, worded to say
/// which run, step, artefact, log entry, byte range or checkpoint line it is about.
package struct ProvenanceFailure: Sendable, Codable, Equatable, CustomStringConvertible {
    /// What kind of check failed.
    package enum Kind: String, Sendable, Codable {
        /// An artefact's stored bytes do not hash to the digest its statement signs, or it is gone.
        case artefact = "ARTEFACT"
        /// A signature does not verify: the signed bytes or the signature changed.
        case signature = "SIGNATURE"
        /// Signed by a key that is not trusted.
        case untrusted = "UNTRUSTED"
        /// No signature where trusted keys were given.
        case unsigned = "UNSIGNED"
        /// An entry does not record its predecessor's hash.
        case chain = "CHAIN"
        /// An entry at the wrong position.
        case order = "ORDER"
        /// A line of the log that is not an entry, or a cut-off tail.
        case entry = "ENTRY"
        /// A statement that cannot be read or contradicts its entry.
        case statement = "STATEMENT"
        /// A checkpoint that is unreadable or does not match the log.
        case checkpoint = "CHECKPOINT"
        /// An entry that no checkpoint proves included.
        case inclusion = "INCLUSION"
        /// The log does not extend an earlier checkpoint.
        case consistency = "CONSISTENCY"
        /// A step the index records without a statement, or whose outputs differ from its statement.
        case index = "INDEX"
        /// A recomputed output differs from the recorded one.
        case rerun = "RERUN"
        /// A file of a published report folder differs from, is missing from or was added to
        /// what the run published.
        case published = "PUBLISHED"
    }

    package var kind: Kind
    package var message: String

    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    package var description: String { kind.rawValue + "  " + message }
}

/// What the provenance part of `toets verify` checked and found.
package struct ProvenanceReport: Sendable, Codable {
    package var logEntries = 0
    /// The run whose artefacts were re-hashed.
    package var run: Int64?
    package var artefactsChecked = 0
    package var signaturesChecked = 0
    package var inclusionProofsChecked = 0
    package var checkpointsChecked = 0
    /// Published report folders compared with their publication statements.
    package var publicationsChecked = 0
    /// Runs whose statements are in the log but which `toets gc` deleted from the index.
    package var forgottenRuns = 0
    /// The key ids signatures were checked against.
    package var keys: [String] = []
    /// Whether those keys were given by the person verifying (true) or taken from the workspace.
    package var keysTrusted = false
    /// Outputs compared by `--rerun`.
    package var rerunOutputsCompared = 0
    package var notes: [String] = []
    package var failures: [ProvenanceFailure] = []

    package var passed: Bool { failures.isEmpty }

    package init() {}

    package mutating func fail(_ kind: ProvenanceFailure.Kind, _ message: String) {
        failures.append(ProvenanceFailure(kind, message))
    }
}
