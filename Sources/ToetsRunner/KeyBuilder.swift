import Foundation
import ToetsModel
import ToetsStore

/// Computes a stage's key components from its plan and its upstream outputs: the one place
/// where what enters a cache key is decided (DESIGN.md "Caching").
struct KeyBuilder: Sendable {
    let workspace: Workspace
    let plan: Plan
    let environment: [String: String]
    let sandbox: SandboxPolicy
    /// Per stage, every pseudonymisation key id it and the stages upstream of it work under
    /// (with the first stage that does), or the first key that cannot be read; worked out once
    /// in plan order, so that checking a stage does not walk all of its upstream again.
    private let keysUpstream: [String: (ids: [String: String], problem: StageKeyProblem?)]
    /// The stages whose own key cannot be read, in plan order.
    let keyProblems: [StageKeyProblem]

    init(workspace: Workspace, plan: Plan, environment: [String: String], sandbox: SandboxPolicy) {
        self.workspace = workspace
        self.plan = plan
        self.environment = environment
        self.sandbox = sandbox
        var keysUpstream: [String: (ids: [String: String], problem: StageKeyProblem?)] = [:]
        var keyProblems: [StageKeyProblem] = []
        for stage in plan.stages {
            var ids: [String: String] = [:]
            var problem: StageKeyProblem?
            do {
                for id in try Self.keyIDs(of: stage, environment: environment) { ids[id] = stage.name }
            } catch {
                problem = error
                keyProblems.append(error)
            }
            for need in stage.needs {
                guard let upstream = keysUpstream[need] else { continue }
                ids.merge(upstream.ids) { own, _ in own }
                problem = problem ?? upstream.problem
            }
            keysUpstream[stage.name] = (ids, problem)
        }
        self.keysUpstream = keysUpstream
        self.keyProblems = keyProblems
    }

    var pipeline: PipelineSpec { plan.pipeline }

    /// The components for `stage`; `upstream` gives each needed stage's outputs. A needed stage
    /// missing from `upstream` is left out (used by explain when upstream has yet to run).
    func components(for stage: PlannedStage, upstream: [String: [StepArtefact]]) throws -> KeyComponents {
        let inputs = stage.inputs(from: upstream).mapValues(\.digest)
        var files: [String: Digest] = [:]
        for path in stage.externalFiles {
            files[path] = try workspace.digest(ofExternalFile: resolve(path))
        }
        do {
            let data = try stage.builtin?.externalData(parameters: stage.parameters, environment: environment,
                                                       fileDigest: workspace.digest(ofExternalFile:))
            for (name, digest) in data ?? [:] {
                files[name] = digest
            }
        } catch {
            throw StageKeyProblem(stage: stage.name, problem: "\(error)")
        }
        var code: [String: Digest] = [:]
        for path in stage.spec.code {
            try addCode(path, to: &code)
        }
        var environmentDigests: [String: Digest] = [:]
        for name in stage.spec.environment {
            environmentDigests[name] = KeyComponents.environmentDigest(environment[name])
        }
        let keyIDs = try self.keyIDs(of: stage)
        try checkOneKey(stage)
        return KeyComponents(
            kind: stage.kind, kindVersion: stage.version, parameters: ParamValue.map(keyParameters(stage)).leaves(),
            inputs: inputs, files: files, code: code, command: command(stage), environment: environmentDigests,
            keyIDs: keyIDs, sandbox: sandboxText(stage), postFields: stage.spec.postFields,
            image: try imageText(stage, inputs: inputs))
    }

    /// What a command can see, as it enters its key; nil for a built-in stage. A command in an
    /// image always runs in its container runtime, with the sandbox's view, `--unsandboxed` or not.
    func sandboxText(_ stage: PlannedStage) -> String? {
        guard stage.builtin == nil else { return nil }
        let isolated = sandbox == .bubblewrap || stage.spec.image != nil
        let view = stage.spec.image.map { "\($0.runtime) view \(SandboxView.version)" } ?? sandbox.keyText
        guard isolated, !stage.spec.readOnlyPaths.isEmpty else { return view }
        return view + "; read_only: " + stage.spec.readOnlyPaths.joined(separator: ", ")
    }

    /// The image a command runs in, as it enters its key: an archive by the digest of the
    /// source stage's output (`inputs`), or of its file while that stage has yet to run.
    func imageText(_ stage: PlannedStage, inputs: [String: Digest] = [:]) throws -> String? {
        guard let image = stage.spec.image else { return nil }
        guard case .archive(let source, let artefact) = image.source else { return image.keyText(archiveDigest: nil) }
        if let digest = inputs["\(source).\(artefact)"] { return image.keyText(archiveDigest: digest) }
        guard let path = plan.stage(named: source)?.parameters["files"]?.mapValue?[artefact]?.stringValue else { return nil }
        return image.keyText(archiveDigest: try workspace.digest(ofExternalFile: resolve(path)))
    }

    /// The parameters that enter `stage`'s key: all but those its kind says cannot (key file paths).
    private func keyParameters(_ stage: PlannedStage) -> [String: ParamValue] {
        stage.parameters.filter { name, _ in
            stage.builtin?.parameters.first { $0.name == name }?.entersKey ?? true
        }
    }

    private func command(_ stage: PlannedStage) -> String? {
        if case .command(let spec) = stage.spec.action { spec.keyText } else { nil }
    }

    /// `stage`, given the declarations of every stage upstream of it as its parameter
    /// `declarations` (and the pipeline's `governance:` as `governance`) if its kind reads them;
    /// otherwise `stage` as it is.
    func declared(_ stage: PlannedStage) throws -> PlannedStage {
        guard stage.builtin?.readsDeclarations == true else { return stage }
        var declarations: [String: ParamValue] = [:]
        var pending = stage.needs
        while let name = pending.popLast() {
            guard declarations[name] == nil, let upstream = plan.stage(named: name) else { continue }
            var code: [String: Digest] = [:]
            for path in upstream.spec.code {
                try addCode(path, to: &code)
            }
            var parameters = keyParameters(upstream)
            parameters[StageDeclarations.parameter] = nil
            let about = (upstream.builtin?.about ?? StageAbout()).overridden(by: upstream.spec.about)
            declarations[name] = StageDeclaration(
                stage: name, kind: upstream.kind, kindVersion: upstream.version, role: upstream.role,
                parameters: parameters, code: code, command: command(upstream), sandbox: sandboxText(upstream),
                image: try imageText(upstream), about: about, postFields: upstream.spec.postFields).value
            pending += upstream.needs
        }
        var result = stage
        result.parameters[StageDeclarations.parameter] = .map(declarations)
        // Only when declared, so that a pipeline without one keeps its keys.
        result.parameters[Governance.parameter] = pipeline.governance?.value
        return result
    }

    /// The key ids a stage works under; a key that cannot be read is an error naming the stage.
    private func keyIDs(of stage: PlannedStage) throws -> [String] {
        try Self.keyIDs(of: stage, environment: environment)
    }

    private static func keyIDs(of stage: PlannedStage, environment: [String: String]) throws(StageKeyProblem) -> [String] {
        do {
            return try stage.builtin?.keyIDs(parameters: stage.parameters, environment: environment) ?? []
        } catch {
            throw StageKeyProblem(stage: stage.name, problem: "\(error)")
        }
    }

    /// Pseudonyms made under different keys never meet: `stage` fails if the stages it reads,
    /// directly or not, together work under more than one key id.
    private func checkOneKey(_ stage: PlannedStage) throws {
        guard let (keyIDs, problem) = keysUpstream[stage.name] else { return }
        if let problem { throw problem }
        guard keyIDs.count > 1 else { return }
        throw MixedPseudonymKeys(stage: stage.name, keys: keyIDs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : pipeline.root + "/" + path
    }

    /// A code file by its digest; a folder by the digests of the files in it, recursively.
    /// Hidden entries and `__pycache__` are left out: they change without the code changing.
    private func addCode(_ path: String, to code: inout [String: Digest]) throws {
        let absolute = resolve(path)
        guard FileSystem.isDirectory(absolute) else {
            code[path] = try workspace.digest(ofExternalFile: absolute)
            return
        }
        for name in try FileSystem.contents(of: absolute) where !name.hasPrefix(".") && name != "__pycache__" {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            let childPath = resolve(child)
            if FileSystem.fileStatus(childPath).map({ ($0.st_mode & S_IFMT) == S_IFLNK && FileSystem.isDirectory(childPath) }) == true {
                continue  // a linked folder could loop; list its files explicitly instead
            }
            try addCode(child, to: &code)
        }
    }
}

/// A stage would join data pseudonymised under different keys, whose pseudonyms never match.
struct MixedPseudonymKeys: Error, CustomStringConvertible {
    let stage: String
    let keys: [(id: String, stage: String)]

    var description: String {
        "stage '\(stage)' would mix pseudonyms made under different keys: "
            + keys.map { "\($0.id) (stage '\($0.stage)')" }.joined(separator: ", ")
            + ". Pseudonymise posts and labels with one key; equal values then get equal pseudonyms."
    }
}

/// A stage's pseudonymisation key could not be read.
struct StageKeyProblem: Error, CustomStringConvertible {
    let stage: String
    let problem: String
    var description: String { "stage '\(stage)': \(problem)" }
}
