/// A pipeline as declared in a `pipelines/*.yaml` file, before it is checked.
package struct PipelineSpec: Sendable {
    /// The version of the pipeline file format this model reads.
    package static let formatVersion = 1

    /// The pipeline's name (`name:`, or the file name without extension).
    package var name: String
    /// The file as the user named it, for messages.
    package var file: String
    /// The directory relative paths in the pipeline are resolved against.
    package var root: String
    /// The stages in the order the file declares them.
    package var stages: [StageSpec]
    /// Defaults for cluster jobs (`executor:`).
    package var executor: ExecutorDefaults
    /// Who is responsible and on which legal basis (`governance:`); nil when not declared.
    package var governance: Governance?

    package init(name: String, file: String, root: String, stages: [StageSpec], executor: ExecutorDefaults = ExecutorDefaults(),
                 governance: Governance? = nil) {
        self.governance = governance
        self.name = name
        self.file = file
        self.root = root
        self.stages = stages
        self.executor = executor
    }
}

/// One stage as declared, with the line of each field so that errors can point at it.
package struct StageSpec: Sendable {
    /// What the stage does.
    package enum Action: Hashable, Sendable {
        /// A built-in stage kind (`uses:`).
        case builtin(String)
        /// An external command (`run:`): a shell line, or an argument vector.
        case command(CommandLineSpec)
    }

    package var name: String
    package var line: Int
    package var action: Action
    package var needs: [String]
    package var parameters: [String: ParamValue]
    package var code: [String]
    package var environment: [String]
    /// The time limit in seconds, if any.
    package var timeout: Double?
    /// The address-space limit of a command, in bytes, if any.
    package var memoryLimit: Int?
    /// The most processes and threads a command may run at once in its sandbox, if set.
    package var processLimit: Int?
    /// System folders outside the sandbox's standard view a command may read (`sandbox:
    /// read_only:`), such as an interpreter installed in `/opt`; absolute paths.
    package var readOnlyPaths: [String]
    /// What its cluster job asks for (`resources:`).
    package var resources = StageResources()
    /// The OCI image a command runs in (`image:`); nil to run it in the host's system.
    package var image: ContainerImageSpec?
    /// The role declared with `role:`; built-in kinds have their own.
    package var role: StageRole?
    /// The post fields a method declares it reads (`fields:`), canonical (`PostFields.canonical`);
    /// nil when it declares none and so receives every field.
    package var postFields: [String]?
    /// What its authors say about it (`about:`), for the method cards.
    package var about: StageAbout
    /// The line of each field (`needs`, `with`, `with.window`, …) as written.
    package var lines: [String: Int]
    /// Values to sweep per parameter (`sweep:`), in the order written; `parameters` stays the
    /// operating point.
    package var sweep: [(parameter: String, values: [ParamValue])] = []
    /// The sweep point this stage is, when the pipeline made it from a declared stage's `sweep:`.
    package var variant: SweepVariant?

    package init(
        name: String, line: Int, action: Action, needs: [String] = [],
        parameters: [String: ParamValue] = [:], code: [String] = [], environment: [String] = [],
        timeout: Double? = nil, memoryLimit: Int? = nil, processLimit: Int? = nil, readOnlyPaths: [String] = [],
        role: StageRole? = nil, about: StageAbout = StageAbout(), lines: [String: Int] = [:]
    ) {
        self.memoryLimit = memoryLimit
        self.processLimit = processLimit
        self.readOnlyPaths = readOnlyPaths
        self.name = name
        self.line = line
        self.action = action
        self.needs = needs
        self.parameters = parameters
        self.code = code
        self.environment = environment
        self.timeout = timeout
        self.role = role
        self.about = about
        self.lines = lines
    }

    /// The line of `field`, else of the nearest field it is part of (`with.limits` for
    /// `with.limits.max_ratio`), else of the stage.
    package func line(of field: String) -> Int {
        nearestLine(of: field, in: lines) ?? line
    }
}

/// The line `lines` records for `field`, else for the nearest field it is part of
/// (`with.limits` for `with.limits.max_ratio`, `purposes[0]` for `purposes[0].name`); nil when
/// it records none of them.
package func nearestLine(of field: String, in lines: [String: Int]) -> Int? {
    var path = Substring(field)
    while true {
        if let found = lines[String(path)] { return found }
        guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
        path = path[..<cut]
    }
}

/// An external command as written under `run:`.
package enum CommandLineSpec: Hashable, Sendable {
    /// One line for `/bin/sh -c`; placeholders are replaced by shell-quoted paths.
    case shell(String)
    /// An argument vector run without a shell; placeholders are replaced verbatim.
    case arguments([String])

    /// The command as it enters the cache key: the template, never the filled-in paths.
    package var keyText: String {
        switch self {
        case .shell(let line): line
        case .arguments(let words): ParamValue.list(words.map(ParamValue.string)).canonicalJSON
        }
    }

    /// Every word of the template, for finding placeholders.
    package var templates: [String] {
        switch self {
        case .shell(let line): [line]
        case .arguments(let words): words
        }
    }
}
