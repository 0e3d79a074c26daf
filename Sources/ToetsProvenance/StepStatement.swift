import ToetsModel
import ToetsStore

/// The in-toto Statement (v1) Toets makes for each step: the artefacts it wrote or reused as
/// subjects, and as predicate what a second person needs to redo it: the stage kind and
/// version, parameters, input, file and code digests, the command of an external method, key
/// ids (never keys), the post fields a method declared, times, exit status and the tool that ran it.
///
/// The run number is not in the statement (it is in the log entry), so the same step on two
/// machines gives the same statement bytes apart from times and the tool's commit.
package enum StepStatement {
    package static let statementType = "https://in-toto.io/Statement/v1"
    /// The predicate type: a URN, because Toets publishes no web namespace of its own.
    package static let predicateType = "urn:toets:step-provenance:v1"

    /// The statement an earlier step made about the result a cached step reuses.
    package struct Origin: Sendable, Equatable {
        package var run: Int64
        package var stage: String
        /// The producing statement's log entry and payload digest, when it has one (steps
        /// recorded before the workspace kept provenance have none).
        package var logIndex: Int?
        package var statementDigest: Digest?

        package init(run: Int64, stage: String, logIndex: Int?, statementDigest: Digest?) {
            self.run = run
            self.stage = stage
            self.logIndex = logIndex
            self.statementDigest = statementDigest
        }
    }

    /// The statement for `step` of a run of `pipeline`.
    /// `sandboxRuntime` names the sandbox that ran an external command this step executed
    /// (`bubblewrap 0.8.0`, or `podman version 4.3.1` for a command in an image).
    package static func make(step: StepRecord, pipeline: String, pipelineDigest: Digest, tool: ToolIdentity,
                             reused origin: Origin?, sandboxRuntime: String? = nil) -> CanonicalJSON {
        let components = step.components
        func named(_ map: [String: Digest], _ field: String = "digest") -> CanonicalJSON {
            .array(map.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
                .object(["name": .string($0), field: .digestSet(map[$0]!)])
            })
        }
        var predicate: [String: CanonicalJSON] = [
            "schemaVersion": 1,
            "tool": tool.json,
            "pipeline": .object(["name": .string(pipeline), "digest": .digestSet(pipelineDigest)]),
            "stage": .object(["name": .string(step.stage), "kind": .string(components.kind),
                              "kindVersion": .int(Int64(components.kindVersion))]),
            "cacheKey": .digestSet(step.key),
            "parameters": parameters(components.parameters),
            "inputs": named(components.inputs),
            "files": named(components.files),
            "code": named(components.code),
            "environment": named(components.environment, "valueDigest"),
            "keyIds": .array(components.keyIDs.map(CanonicalJSON.string)),
            "status": .string(step.status.rawValue),
            "logs": .array(step.artefacts.filter { $0.role == .log }.map { .string($0.name) }.sorted { $0.text < $1.text }),
        ]
        if let command = components.command { predicate["command"] = .string(command) }
        if let sandbox = components.sandbox {
            // What the command could see (as in its key), and what enforced it.
            var fields: [String: CanonicalJSON] = ["view": .string(sandbox)]
            if let sandboxRuntime { fields["runtime"] = .string(sandboxRuntime) }
            predicate["sandbox"] = .object(fields)
        }
        // The post fields a method declared and was given, its posts projected to them.
        if let fields = components.postFields { predicate["postFields"] = .array(fields.map(CanonicalJSON.string)) }
        // The OCI image the command ran in: its archive's digest or its pinned reference.
        if let image = components.image { predicate["image"] = .string(image) }
        if let started = step.startedAt { predicate["startedOn"] = .string(started) }
        if let ended = step.endedAt { predicate["finishedOn"] = .string(ended) }
        if let code = step.exitCode { predicate["exitStatus"] = .int(Int64(code)) }
        if let origin {
            var reused: [String: CanonicalJSON] = ["run": .int(origin.run), "stage": .string(origin.stage)]
            if let index = origin.logIndex { reused["logEntry"] = .int(Int64(index)) }
            if let digest = origin.statementDigest { reused["statement"] = .digestSet(digest) }
            predicate["reusedFrom"] = .object(reused)
        }
        let subjects = step.artefacts.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map {
            CanonicalJSON.object(["name": .string(subjectName(stage: step.stage, artefact: $0.name)),
                                  "digest": .digestSet($0.digest)])
        }
        return .object([
            "_type": .string(statementType),
            "subject": .array(subjects),
            "predicateType": .string(predicateType),
            "predicate": .object(predicate),
        ])
    }

    /// A subject's name: `stage.artefact`, as inputs are named in keys.
    package static func subjectName(stage: String, artefact: String) -> String {
        stage + "." + artefact
    }

    /// The parameter tree rebuilt from its leaves, each leaf's canonical JSON parsed back.
    static func parameters(_ leaves: [ParameterLeaf]) -> CanonicalJSON {
        var root = CanonicalJSON.object([:])
        for leaf in leaves {
            let value = (try? CanonicalJSON(parsing: Array(leaf.value.utf8))) ?? .string(leaf.value)
            root = leaf.path.isEmpty ? value : inserting(value, at: leaf.path[...], into: root)
        }
        return root
    }

    private static func inserting(_ value: CanonicalJSON, at path: ArraySlice<String>,
                                  into node: CanonicalJSON) -> CanonicalJSON {
        var members = node.objectValue ?? [:]
        let key = path.first!
        members[key] = path.count == 1 ? value : inserting(value, at: path.dropFirst(), into: members[key] ?? .object([:]))
        return .object(members)
    }
}

/// What the verifier and the exporters read back from a statement.
package struct StatementContent: Sendable {
    package struct Subject: Sendable, Equatable {
        package var name: String
        package var digest: Digest
    }

    package var json: CanonicalJSON
    package var subjects: [Subject]
    package var stage: String
    package var kind: String
    package var kindVersion: Int
    package var status: String
    package var reusedFrom: StepStatement.Origin?

    package var predicate: CanonicalJSON { json["predicate"] ?? .null }

    /// The cache key the statement signs.
    package var cacheKey: Digest? { predicate["cacheKey"]?.sha256 }

    /// Reads a statement; the problem names the field that is wrong.
    package init(payload: [UInt8]) throws(EnvelopeProblem) {
        let json: CanonicalJSON
        do { json = try CanonicalJSON(parsing: payload) } catch { throw EnvelopeProblem("its statement is not JSON: \(error)") }
        guard json["_type"]?.stringValue == StepStatement.statementType else {
            throw EnvelopeProblem("its statement's _type is not \(StepStatement.statementType)")
        }
        guard json["predicateType"]?.stringValue == StepStatement.predicateType else {
            throw EnvelopeProblem("its statement's predicateType is not \(StepStatement.predicateType)")
        }
        guard let list = json["subject"]?.arrayValue else { throw EnvelopeProblem("its statement has no subject list") }
        var subjects: [Subject] = []
        for (position, item) in list.enumerated() {
            guard let name = item["name"]?.stringValue, let digest = item["digest"]?.sha256 else {
                throw EnvelopeProblem("subject \(position + 1) of its statement has no name or sha256 digest")
            }
            subjects.append(Subject(name: name, digest: digest))
        }
        let predicate = json["predicate"]
        guard let stage = predicate?["stage"]?["name"]?.stringValue, let kind = predicate?["stage"]?["kind"]?.stringValue,
              let version = predicate?["stage"]?["kindVersion"]?.intValue, let status = predicate?["status"]?.stringValue
        else { throw EnvelopeProblem("its statement's predicate lacks stage name, kind, version or status") }
        self.json = json
        self.subjects = subjects
        self.stage = stage
        self.kind = kind
        kindVersion = Int(version)
        self.status = status
        if let reused = predicate?["reusedFrom"], let run = reused["run"]?.intValue, let from = reused["stage"]?.stringValue {
            reusedFrom = StepStatement.Origin(run: run, stage: from, logIndex: reused["logEntry"]?.intValue.map { Int($0) },
                                              statementDigest: reused["statement"]?.sha256)
        }
    }

    /// The artefact name of a subject of this statement's stage.
    package func artefactName(_ subject: Subject) -> String {
        subject.name.hasPrefix(stage + ".") ? String(subject.name.dropFirst(stage.count + 1)) : subject.name
    }
}
