import Foundation
import ToetsModel
import ToetsStore

/// What a cluster job is handed (`toets step PLAN`): enough to run one step on another machine
/// against the store on the shared filesystem, and the key the controller computed, which the
/// job computes again before it runs anything.
package struct StepJobPlan: Codable, Sendable, Equatable {
    package static let schemaVersion = 1
    package var schema = Self.schemaVersion
    /// The pipeline file, absolute.
    package var pipeline: String
    /// The workspace folder, absolute.
    package var workspace: String
    package var stage: String
    package var sandboxed: Bool
    /// The outputs of every needed stage, as the controller computed the key from them.
    package var upstream: [String: [StepArtefact]]
    package var components: KeyComponents
    /// Where the job writes its `StepJobResult`.
    package var result: String

    package static func read(_ path: String) throws -> StepJobPlan {
        let plan = try JSONDecoder().decode(StepJobPlan.self, from: Data(try FileSystem.readSmallFile(path)))
        guard plan.schema == schemaVersion else { throw StepJobError.schema(path: path, found: plan.schema, expected: schemaVersion) }
        return plan
    }

    func write(to path: String) throws {
        try FileSystem.writeAtomically(Array(try Self.encoder.encode(self)), to: path)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

/// What a cluster job hands back, written atomically once its outputs are in the store.
package struct StepJobResult: Codable, Sendable, Equatable {
    package static let schemaVersion = 1
    package var schema = Self.schemaVersion
    package var stage: String
    /// The key of the plan it answers; the controller records the step only if it equals its own.
    package var key: Digest
    /// The node that ran it.
    package var host: String
    package var outcome: StepOutcome

    package init(stage: String, key: Digest, host: String, outcome: StepOutcome) {
        self.stage = stage
        self.key = key
        self.host = host
        self.outcome = outcome
    }

    package static func read(_ path: String) throws -> StepJobResult {
        let result = try JSONDecoder().decode(StepJobResult.self, from: Data(try FileSystem.readSmallFile(path)))
        guard result.schema == schemaVersion else {
            throw StepJobError.schema(path: path, found: result.schema, expected: schemaVersion)
        }
        return result
    }

    func write(to path: String) throws {
        try FileSystem.writeAtomically(Array(try StepJobPlan.encoder.encode(self)), to: path)
    }
}

/// A job that cannot run its step at all.
package enum StepJobError: Error, CustomStringConvertible {
    case schema(path: String, found: Int, expected: Int)
    case unknownStage(pipeline: String, stage: String)

    package var description: String {
        switch self {
        case .schema(let path, let found, let expected):
            "\(path) has schema \(found); this toets reads \(expected): the job ran a different build of toets "
                + "than the controller (the binary on the nodes must be the controller's)"
        case .unknownStage(let pipeline, let stage):
            "the pipeline \(pipeline) as this node reads it has no stage '\(stage)': it changed during the run"
        }
    }
}
