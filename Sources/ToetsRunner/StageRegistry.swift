import ToetsModel

/// The built-in stage kinds a pipeline may name after `uses:`.
///
/// The command line builds it from every module that provides stages, so the runner never
/// depends on a stage's module.
package struct StageRegistry: Sendable {
    private var stages: [String: any BuiltinStage] = [:]

    package init(_ stages: [any BuiltinStage]) {
        for stage in stages { self.stages[stage.kind] = stage }
    }

    /// The kinds every workspace has: the ones this module implements.
    package static let core = StageRegistry([SourceStage()])

    package func stage(_ kind: String) -> (any BuiltinStage)? { stages[kind] }

    package var kinds: [String] { stages.keys.sorted() }

    /// Adds (or replaces) stage kinds.
    package func adding(_ more: [any BuiltinStage]) -> StageRegistry {
        var copy = self
        for stage in more { copy.stages[stage.kind] = stage }
        return copy
    }
}

/// What the runner calls an external command in keys and the index.
package enum CommandStage {
    /// The kind name of `run:` stages.
    package static let kind = "command"
    /// Bumped when the way commands run changes what they can produce (environment,
    /// placeholders, working directory). 2: in the sandbox, with its paths and environment.
    package static let version = 2
}
