/// What the pipeline declares of each stage upstream of a stage that reads declarations (the
/// report): kind and version, parameters, code digests, command, and `about:`.
///
/// The runner gives them to such a stage as the parameter `declarations`, a mapping from stage
/// name to `StageDeclaration.value`. As a parameter they enter the stage's key (so a changed
/// team name or threshold upstream reruns the report, and `toets explain` names the field),
/// they are recorded in its provenance, and nothing machine-specific is in them: parameters
/// that do not enter keys (key file paths) are left out.
package enum StageDeclarations {
    /// The parameter that carries them.
    package static let parameter = "declarations"

    /// The declarations in a stage's parameters, by stage name; empty if it has none.
    package static func read(_ parameters: [String: ParamValue]) -> [String: StageDeclaration] {
        var result: [String: StageDeclaration] = [:]
        for (name, value) in parameters[parameter]?.mapValue ?? [:] {
            if let declaration = StageDeclaration(stage: name, value: value) { result[name] = declaration }
        }
        return result
    }
}

/// One stage as the pipeline declares it.
package struct StageDeclaration: Hashable, Sendable {
    package var stage: String
    /// `method/coortweet`, `score`, …, or `command` for a `run:` stage.
    package var kind: String
    /// The built-in kind's implementation version (1 for commands).
    package var kindVersion: Int
    package var role: StageRole
    /// The parameters that enter its key, as declared with defaults filled in.
    package var parameters: [String: ParamValue]
    /// Declared code files by path (relative to the pipeline root).
    package var code: [String: Digest]
    /// The command as written, for `run:` stages.
    package var command: String?
    /// For `run:` stages, what the sandbox let it see, or `none` when it ran unsandboxed
    /// (`KeyComponents.sandbox`).
    package var sandbox: String?
    /// For `run:` stages in an OCI image, the image (`KeyComponents.image`).
    package var image: String?
    /// The kind's own `about`, with the pipeline's fields in place of its own.
    package var about: StageAbout
    /// The post fields a method declared and received (`fields:`); nil: it received every field.
    package var postFields: [String]?

    package init(stage: String, kind: String, kindVersion: Int, role: StageRole, parameters: [String: ParamValue],
                 code: [String: Digest], command: String?, sandbox: String? = nil, image: String? = nil, about: StageAbout,
                 postFields: [String]? = nil) {
        self.postFields = postFields
        self.stage = stage
        self.kind = kind
        self.kindVersion = kindVersion
        self.role = role
        self.parameters = parameters
        self.code = code
        self.command = command
        self.sandbox = sandbox
        self.image = image
        self.about = about
    }

    /// Whether it is a command the pipeline runs rather than a kind built into Toets.
    package var isExternal: Bool { command != nil }

    /// Whether it is a command that ran without the sandbox (`toets run --unsandboxed`).
    package var ranUnsandboxed: Bool { isExternal && sandbox == "none" }

    /// As a parameter value.
    package var value: ParamValue {
        var map: [String: ParamValue] = [
            "kind": .string(kind), "version": .int(kindVersion), "role": .string(role.rawValue),
            "with": .map(parameters), "code": .map(code.mapValues { .string($0.hex) }), "about": about.value,
        ]
        if let command { map["command"] = .string(command) }
        if let sandbox { map["sandbox"] = .string(sandbox) }
        if let postFields { map["fields"] = .list(postFields.map(ParamValue.string)) }
        if let image { map["image"] = .string(image) }
        return .map(map)
    }

    /// Read back from `value`; nil if it is not one.
    package init?(stage: String, value: ParamValue) {
        guard let map = value.mapValue, let kind = map["kind"]?.stringValue, let version = map["version"]?.intValue,
              let role = map["role"]?.stringValue.flatMap(StageRole.init(rawValue:)) else { return nil }
        var code: [String: Digest] = [:]
        for (path, digest) in map["code"]?.mapValue ?? [:] {
            guard let digest = digest.stringValue.flatMap(Digest.init(hex:)) else { return nil }
            code[path] = digest
        }
        guard let about = try? StageAbout(map["about"]?.mapValue ?? [:]) else { return nil }
        self.init(stage: stage, kind: kind, kindVersion: version, role: role, parameters: map["with"]?.mapValue ?? [:],
                  code: code, command: map["command"]?.stringValue, sandbox: map["sandbox"]?.stringValue,
                  image: map["image"]?.stringValue, about: about, postFields: map["fields"]?.listValue?.compactMap(\.stringValue))
    }
}
