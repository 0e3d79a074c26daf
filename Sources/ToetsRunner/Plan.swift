import ToetsModel
import ToetsStore

/// A checked pipeline: stages in dependency order with everything resolved that can be
/// resolved before running: kinds, roles, parameters with defaults, outputs and placeholders.
package struct Plan: Sendable {
    package let pipeline: PipelineSpec
    /// Stages in a dependency order; among stages free to go, file order.
    package let stages: [PlannedStage]
    /// Where each stage is in `stages`, so that a lookup by name costs the same for 50,000 stages
    /// as for 5.
    private let positions: [String: Int]

    package init(pipeline: PipelineSpec, stages: [PlannedStage]) {
        self.pipeline = pipeline
        self.stages = stages
        positions = Dictionary(stages.enumerated().map { ($1.name, $0) }) { first, _ in first }
    }

    package func stage(named name: String) -> PlannedStage? {
        positions[name].map { stages[$0] }
    }

    /// Stages that need `name`, directly or through others, in plan order.
    package func downstream(of name: String) -> [String] {
        var reached: Set<String> = [name]
        var result: [String] = []
        for stage in stages where stage.needs.contains(where: reached.contains) {
            reached.insert(stage.name)
            result.append(stage.name)
        }
        return result
    }
}

/// One stage, resolved.
package struct PlannedStage: Sendable {
    package var spec: StageSpec
    /// A built-in kind, or `command`.
    package var kind: String
    package var version: Int
    package var role: StageRole
    package var builtin: (any BuiltinStage)?
    /// Parameters as declared, with the kind's defaults filled in.
    package var parameters: [String: ParamValue]
    /// The artefacts the stage writes.
    package var outputs: [String]
    /// Files outside the store whose content enters the key (relative to the pipeline root).
    package var externalFiles: [String]
    /// For commands: the placeholders, resolved.
    package var placeholders: [String: Placeholder]
    /// Sealed outputs of the stages it needs (`stage.artefact`) that it may not read: it is not an
    /// evaluation stage. They are neither its inputs nor part of its key.
    package var hidden: Set<String> = []

    /// Whether the stage reads `artefact` of the stage `need` it needs.
    package func reads(_ artefact: String, of need: String) -> Bool {
        !hidden.contains("\(need).\(artefact)")
    }

    /// The named input artefacts (`need.name`) the stage receives: its needed stages' outputs it
    /// may read. Its key, a local step, a reused one and a step on a cluster node all take these.
    package func inputs(from upstream: [String: [StepArtefact]]) -> [String: StepArtefact] {
        Dictionary(uniqueKeysWithValues: needs.flatMap { need in
            (upstream[need] ?? []).filter { $0.role == .output && reads($0.name, of: need) }.map { ("\(need).\($0.name)", $0) }
        })
    }

    package var name: String { spec.name }
    package var needs: [String] { spec.needs }
}

/// What a `{…}` in a command stands for.
package enum Placeholder: Hashable, Sendable {
    /// An input artefact: stage and artefact name.
    case input(stage: String, artefact: String)
    /// An output the command must write.
    case output(String)
    /// The canonical JSON file of the stage's parameters.
    case parameters
    /// One scalar parameter's value, as text.
    case parameter(String)
    /// The command's working directory.
    case scratch
    /// The pipeline root, for reaching declared `code:` files.
    case root
}
