import Foundation
import ToetsModel

/// How a run ended, or that it is still going.
package enum RunStatus: String, Sendable, Codable {
    case running, succeeded, failed, interrupted
}

/// What became of a step in a run.
package enum StepStatus: String, Sendable, Codable {
    /// Started and not finished: a live step, or one whose process was killed.
    case running
    /// Computed in this run; its outputs are in the store.
    case executed
    /// Its key matched an earlier result; the outputs were reused.
    case cached
    /// The stage failed: non-zero exit, time limit, missing output, an error.
    case failed
    /// Not run because something it needs failed.
    case skipped
    /// Stopped by Ctrl-C, or found unfinished after its process died.
    case interrupted

    /// Whether the step's outputs are in the store and usable downstream.
    package var hasOutputs: Bool { self == .executed || self == .cached }
}

/// Whether a stored file is a result downstream stages read, or a log kept for people.
package enum ArtefactRole: String, Sendable, Codable {
    case output, log
}

/// One artefact a step wrote or reused.
package struct StepArtefact: Hashable, Sendable, Codable {
    package var name: String
    package var digest: Digest
    package var size: Int
    package var role: ArtefactRole

    package init(name: String, digest: Digest, size: Int, role: ArtefactRole = .output) {
        self.name = name
        self.digest = digest
        self.size = size
        self.role = role
    }
}

/// A run as the index records it.
package struct RunRecord: Sendable, Codable {
    package var id: Int64
    package var pipeline: String
    package var pipelineFile: String
    package var pipelineDigest: Digest
    package var command: String
    package var toolVersion: String
    package var startedAt: String
    package var endedAt: String?
    package var status: RunStatus

    package init(id: Int64, pipeline: String, pipelineFile: String, pipelineDigest: Digest, command: String,
                 toolVersion: String, startedAt: String, endedAt: String?, status: RunStatus) {
        self.id = id
        self.pipeline = pipeline
        self.pipelineFile = pipelineFile
        self.pipelineDigest = pipelineDigest
        self.command = command
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
    }
}

/// A step as the index records it, with its artefacts.
package struct StepRecord: Sendable, Codable {
    package var id: Int64
    package var runID: Int64
    package var stage: String
    package var kind: String
    package var key: Digest
    package var components: KeyComponents
    package var status: StepStatus
    package var reason: String
    package var startedAt: String?
    package var endedAt: String?
    package var exitCode: Int?
    package var artefacts: [StepArtefact]

    package init(id: Int64, runID: Int64, stage: String, kind: String, key: Digest, components: KeyComponents,
                 status: StepStatus, reason: String, startedAt: String? = nil, endedAt: String? = nil, exitCode: Int?,
                 artefacts: [StepArtefact]) {
        self.id = id
        self.runID = runID
        self.stage = stage
        self.kind = kind
        self.key = key
        self.components = components
        self.status = status
        self.reason = reason
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.exitCode = exitCode
        self.artefacts = artefacts
    }

    /// The artefacts downstream stages read.
    package var outputs: [StepArtefact] { artefacts.filter { $0.role == .output } }
}

/// Where a step's signed statement sits in the provenance log.
package struct ProvenanceEntryRecord: Sendable, Equatable {
    package var stepID: Int64
    package var logIndex: Int
    package var statementDigest: Digest

    package init(stepID: Int64, logIndex: Int, statementDigest: Digest) {
        self.stepID = stepID
        self.logIndex = logIndex
        self.statementDigest = statementDigest
    }
}

/// Wall-clock times as the index stores them: ISO 8601 in UTC with milliseconds.
package enum Timestamp {
    package static func now() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Seconds from `start` to `end`, both as `now()` writes them; nil if either is not one.
    package static func seconds(from start: String, to end: String) -> Double? {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let first = try? style.parse(start), let last = try? style.parse(end) else { return nil }
        return last.timeIntervalSince(first)
    }
}

/// A step whose outcome is known before it is recorded (cached, skipped, failed before starting,
/// or running), as `Index.recordSteps` takes it.
package struct DecidedStep: Sendable {
    package var stage: String
    package var components: KeyComponents
    package var status: StepStatus
    package var reason: String
    package var inputs: [String: Digest]
    package var artefacts: [StepArtefact]
    /// For a reuse: the step whose result it reuses. Its input and output rows are then not
    /// copied: the row names the step that holds them (equal keys mean equal inputs, and the
    /// outputs are that step's), which keeps a no-op rerun's writes to the step rows themselves.
    package var reuses: Int64?

    package init(stage: String, components: KeyComponents, status: StepStatus, reason: String,
                 inputs: [String: Digest] = [:], artefacts: [StepArtefact] = [], reuses: Int64? = nil) {
        self.stage = stage
        self.components = components
        self.status = status
        self.reason = reason
        self.inputs = inputs
        self.artefacts = artefacts
        self.reuses = reuses
    }
}
