import Foundation
import Synchronization
import ToetsModel
import ToetsProcess
import ToetsStore

/// Executes one stage on this machine in a scratch folder of its own and hands its outputs to
/// the store: built-in stages in process, commands through the `ProcessLauncher` (in the sandbox).
/// A Slurm job runs its step with this executor too.
struct LocalExecutor: StageExecutor {
    let workspace: Workspace
    let keys: KeyBuilder
    let launcher: any ProcessLauncher
    let sandbox: SandboxPolicy

    var store: ObjectStore { workspace.store }

    func execute(_ step: StepRequest, progress: StageProgress) async -> StepOutcome {
        await execute(step.stage, inputs: step.inputs, components: step.components, run: step.runID, progress: progress)
    }

    /// `progress` is where the stage reports how far it is (a built-in stage through its
    /// context, a command through its standard error or its progress file). `run` names the
    /// run a command's container belongs to, and puts it in the workspace's container ledger
    /// (a Slurm job, run by no controller on this machine, gives none).
    func execute(_ stage: PlannedStage, inputs: [String: StepArtefact], components: KeyComponents, run: Int64? = nil,
                 progress: StageProgress) async -> StepOutcome {
        let scratch = store.temporaryPath("step-\(stage.name)")
        defer { try? FileSystem.removeTree(scratch) }
        do {
            try FileSystem.makeDirectory(scratch)
            let inputs = try projected(inputs, to: components.postFields, progress: progress)
            if let builtin = stage.builtin {
                return try await executeBuiltin(builtin, stage: stage, inputs: inputs, components: components,
                                                scratch: scratch, progress: progress)
            }
            guard case .command(let command) = stage.spec.action else { preconditionFailure("a stage is built in or a command") }
            return try await executeCommand(command, stage: stage, inputs: inputs, components: components, scratch: scratch,
                                            run: run, progress: progress)
        } catch is CancellationError {
            return StepOutcome(status: .interrupted, reason: "stopped by Ctrl-C", artefacts: [])
        } catch {
            // A full disk says where and how much space, whichever library ran out of it.
            let full = StoreError.diskFull(from: error, near: workspace.store.temporaryDirectory)
            return StepOutcome(status: .failed, reason: full?.description ?? "\(error)", artefacts: [])
        }
    }

    /// `inputs` with every `posts` artefact projected to `fields` (`PostFields.project`) and
    /// stored, and without the posts' binary form (which holds every field), so that a method
    /// that declared them finds no other field, in process or in its sandbox; `inputs` as they
    /// are when it declared none.
    private func projected(_ inputs: [String: StepArtefact], to fields: [String]?,
                           progress: StageProgress) throws -> [String: StepArtefact] {
        guard let fields else { return inputs }
        var result = inputs.filter { !$0.key.hasSuffix("." + PostColumns.artefactName) }
        for (name, input) in inputs.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".posts") {
            progress.begin("giving \(name) with only \(fields.joined(separator: ", "))", unit: "")
            guard let data = FileManager.default.contents(atPath: store.path(of: input.digest)) else {
                throw StoreError.missingObject(input.digest)
            }
            let bytes = try PostFields.project(Array(data), fields: fields, artefact: name)
            result[name] = StepArtefact(name: input.name, digest: try store.put(bytes: bytes), size: bytes.count, role: input.role)
        }
        return result
    }

    // MARK: Built-in stages

    private func executeBuiltin(_ builtin: any BuiltinStage, stage: PlannedStage, inputs: [String: StepArtefact],
                                components: KeyComponents, scratch: String, progress: StageProgress) async throws -> StepOutcome {
        let context = BuiltinContext(
            stageName: stage.name, parameters: stage.parameters,
            inputs: inputs.mapValues { Artefact(digest: $0.digest, path: store.path(of: $0.digest), size: $0.size) },
            scratchDirectory: scratch, store: store, keys: keys, fileDigests: components.files,
            declaredOutputs: Set(stage.outputs), progress: progress, postFields: components.postFields)
        try await builtin.run(context)
        try Task.checkCancellation()
        let artefacts = context.collected()
        let missing = Set(stage.outputs).subtracting(artefacts.map(\.name))
        guard missing.isEmpty else {
            return StepOutcome(status: .failed, reason: "stage kind \(stage.kind) did not write "
                               + missing.sorted().joined(separator: ", ") + " (a bug in Toets; please report it)",
                               artefacts: artefacts)
        }
        return StepOutcome(status: .executed, reason: "", artefacts: artefacts)
    }

    // MARK: Commands

    private func executeCommand(_ command: CommandLineSpec, stage: PlannedStage, inputs: [String: StepArtefact],
                                components: KeyComponents, scratch: String, run: Int64?,
                                progress: StageProgress) async throws -> StepOutcome {
        let layout = try CommandLayout(stage: stage, inputs: inputs, code: components.code, scratch: scratch,
                                       sandboxed: sandbox == .bubblewrap || stage.spec.image != nil, store: store, keys: keys)
        let arguments: [String]
        switch command {
        case .shell(let line):
            arguments = ["/bin/sh", "-c", CommandTemplate.fill(line) { CommandTemplate.shellQuoted(layout.value(of: $0)) }]
        case .arguments(let words):
            arguments = words.map { CommandTemplate.fill($0, layout.value) }
        }

        let before = inputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value, FileSystem.fileStatus(store.path(of: $0.value.digest))) }
        let stdoutPath = scratch + "/stdout"
        let stderrPath = scratch + "/stderr"
        // The command's own reports: its progress file (in its working folder, where it may
        // write anyway, and never an output) or else its standard error, read while it runs.
        let progressFile = CommandProgress(standardError: stderrPath, file: scratch + "/work/" + CommandProgress.fileName)
        progress.follow { progressFile.read() }
        var request = CommandRequest(
            arguments: arguments, environment: commandEnvironment(stage, layout: layout), workingDirectory: layout.work,
            standardOutputPath: stdoutPath, standardErrorPath: stderrPath, timeout: stage.spec.timeout,
            memoryLimit: stage.spec.memoryLimit, isolateNetwork: stage.role == .method, sandbox: layout.view)
        request.image = try containerImage(stage, inputs: inputs)
        if request.image != nil {
            request.containerName = ContainerLedger.containerName(run: run, stage: stage.name)
            request.containerLedger = run.map { _ in ContainerLedger(workspace: workspace) }
        }
        let result: CommandResult
        do {
            result = try await launcher.run(request)
        } catch let error as SpawnError {
            return StepOutcome(status: .failed, reason: error.description, artefacts: [])
        } catch let error as SandboxUnavailable {
            return StepOutcome(status: .failed, reason: error.description, artefacts: [])
        }
        var artefacts: [StepArtefact] = []
        for (name, path) in [("stdout", stdoutPath), ("stderr", stderrPath)] where FileSystem.isRegularFile(path) {
            let (digest, size) = try store.put(moving: path)
            artefacts.append(StepArtefact(name: name, digest: digest, size: size, role: .log))
        }
        let stderrTail = artefacts.first { $0.name == "stderr" }.flatMap { tail(ofLog: store.path(of: $0.digest)) }
        for (inputName, input, status) in before {
            let after = FileSystem.fileStatus(store.path(of: input.digest))
            if after?.st_size != status?.st_size || after?.st_mtim.tv_sec != status?.st_mtim.tv_sec
                || after?.st_mtim.tv_nsec != status?.st_mtim.tv_nsec {
                _ = try? store.quarantine(input.digest)
                return StepOutcome(
                    status: .failed,
                    reason: "the command changed its input \(inputName) (\(input.digest.short)); inputs are read-only: "
                        + "write results to {out.NAME}. The damaged object was moved to corrupt/ and is recomputed next run.",
                    artefacts: artefacts, stderrTail: stderrTail)
            }
        }
        let diagnosis = CommandDiagnosis(stage: stage, request: request, stderrTail: stderrTail, root: keys.pipeline.root,
                                         file: keys.pipeline.file)
        switch result.ending {
        case .cancelled:
            return StepOutcome(status: .interrupted, reason: "stopped by Ctrl-C", artefacts: artefacts)
        case .timedOut:
            let limit = Duration.seconds(stage.spec.timeout ?? 0)
            return StepOutcome(status: .failed, reason: "timed out after \(describe(limit)) (timeout: in the pipeline)",
                               artefacts: artefacts, stderrTail: stderrTail)
        case .signalled(let signal):
            return StepOutcome(status: .failed, reason: "the command was killed by signal \(signal)" + diagnosis.explanation,
                               artefacts: artefacts, stderrTail: stderrTail)
        case .exited(let code) where code != 0:
            let reason = diagnosis.startFailure(status: code) ?? diagnosis.outOfMemory(result)
                ?? ("the command exited with status \(code)" + diagnosis.explanation)
            return StepOutcome(status: .failed, reason: reason,
                               artefacts: artefacts, exitCode: Int(code), stderrTail: stderrTail)
        case .exited:
            break
        }
        for output in stage.outputs {
            let path = layout.outputDirectory + "/" + output
            guard let status = FileSystem.fileStatus(path) else {
                return StepOutcome(status: .failed, reason: "the command exited 0 but did not write {out.\(output)}",
                                   artefacts: artefacts, exitCode: 0, stderrTail: stderrTail)
            }
            // A link or a device would hand another file to the store: outputs are the files the command wrote.
            guard (status.st_mode & S_IFMT) == S_IFREG else {
                return StepOutcome(status: .failed, reason: "{out.\(output)} is not a regular file (a link, folder or device); "
                                   + "write the output itself there", artefacts: artefacts, exitCode: 0, stderrTail: stderrTail)
            }
            if status.st_uid != geteuid() || status.st_gid != getegid() {
                // Written by the sandbox's user: the store's objects belong to toets's.
                guard lchown(path, geteuid(), getegid()) == 0 else {
                    throw StoreError.system(operation: "chown", path: path, errno: errno)
                }
            }
            // A method's detections are checked before anything downstream reads them.
            if stage.role == .method && output == "detections" {
                do {
                    _ = try DetectionsFile.parse(try FileSystem.readSmallFile(path), file: "{out.detections}")
                } catch let problem as DetectionsFile.Problem {
                    return StepOutcome(status: .failed, reason: "the detections break the format: \(problem)",
                                       artefacts: artefacts, exitCode: 0, stderrTail: stderrTail)
                }
            }
            let (digest, size) = try store.put(moving: path)
            artefacts.append(StepArtefact(name: output, digest: digest, size: size, role: .output))
        }
        return StepOutcome(status: .executed, reason: "", artefacts: artefacts, exitCode: 0)
    }

    /// The image `stage` runs in, as this machine finds it: its archive in the store, or its reference.
    private func containerImage(_ stage: PlannedStage, inputs: [String: StepArtefact]) throws -> ContainerImage? {
        guard let image = stage.spec.image else { return nil }
        switch image.source {
        case .reference(let reference):
            return .reference(reference)
        case .archive:
            guard let name = image.archiveInput, let archive = inputs[name] else {
                throw ContainerUnavailable(reason: "the image archive \(image.archiveInput ?? "") is not among the step's inputs",
                                           hint: "Name a file of a source stage this stage needs.")
            }
            return .archive(path: store.path(of: archive.digest), digest: archive.digest)
        }
    }

    /// A small, fixed environment: what a command gets does not depend on the shell it was
    /// started from, except the PATH and the variables the stage declares (which enter its key).
    /// No key of toets's is ever in it.
    private func commandEnvironment(_ stage: PlannedStage, layout: CommandLayout) -> [String: String] {
        var environment = [
            "PATH": keys.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": layout.work,
            "TMPDIR": layout.temporary,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "TOETS_STAGE": stage.name,
            "TOETS_PROGRESS_FILE": layout.work + "/" + CommandProgress.fileName,
        ]
        for name in stage.spec.environment {
            environment[name] = keys.environment[name]
        }
        return environment
    }
}

/// The last lines of a log (of its last 4 KiB), for a failure message; nil if it is empty.
func tail(ofLog path: String, lines: Int = 12) -> String? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    let size = (try? handle.seekToEnd()) ?? 0
    try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
    let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    let kept = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
    let joined = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    return joined.isEmpty ? nil : joined
}

/// "90 s", "10 min", "1 h 30 min".
func describe(_ duration: Duration) -> String {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    if seconds < 60 { return seconds.rounded() == seconds ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds) }
    let minutes = Int(seconds / 60)
    if minutes < 60 { return "\(minutes) min" + (Int(seconds) % 60 == 0 ? "" : " \(Int(seconds) % 60) s") }
    return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min")
}

/// The `StageContext` a built-in stage runs with.
private struct BuiltinContext: StageContext {
    let stageName: String
    let parameters: [String: ParamValue]
    let inputs: [String: Artefact]
    let scratchDirectory: String
    let store: ObjectStore
    let keys: KeyBuilder
    let fileDigests: [String: Digest]
    let declaredOutputs: Set<String>
    let progress: StageProgress
    let postFields: [String]?
    private let artefacts = ArtefactCollector()

    init(stageName: String, parameters: [String: ParamValue], inputs: [String: Artefact], scratchDirectory: String,
         store: ObjectStore, keys: KeyBuilder, fileDigests: [String: Digest], declaredOutputs: Set<String>,
         progress: StageProgress, postFields: [String]?) {
        self.postFields = postFields
        self.stageName = stageName
        self.parameters = parameters
        self.inputs = inputs
        self.scratchDirectory = scratchDirectory
        self.store = store
        self.keys = keys
        self.fileDigests = fileDigests
        self.declaredOutputs = declaredOutputs
        self.progress = progress
    }

    var environment: [String: String] { keys.environment }

    func resolve(_ relativePath: String) -> String { keys.resolve(relativePath) }

    func expectedDigest(ofFile relativePath: String) -> Digest? { fileDigests[relativePath] }

    func storeOutput(_ name: String, fromFile path: String) async throws -> Digest {
        try checkDeclared(name)
        // Files the stage wrote in its scratch folder move into the store; others are copied.
        let (digest, size) = path.hasPrefix(scratchDirectory + "/") ? try store.put(moving: path) : try store.put(copyOf: path)
        record(StepArtefact(name: name, digest: digest, size: size))
        return digest
    }

    func storeOutput(_ name: String, bytes: [UInt8]) async throws -> Digest {
        try checkDeclared(name)
        let digest = try store.put(bytes: bytes)
        record(StepArtefact(name: name, digest: digest, size: bytes.count))
        return digest
    }

    private func checkDeclared(_ name: String) throws {
        guard declaredOutputs.contains(name) else {
            throw UndeclaredOutput(stage: stageName, name: name)
        }
    }

    private func record(_ artefact: StepArtefact) {
        artefacts.list.withLock { $0.append(artefact) }
    }

    func collected() -> [StepArtefact] {
        artefacts.list.withLock { $0 }.sorted { $0.name < $1.name }
    }
}

/// The outputs a built-in stage has stored so far; stages may store from several tasks.
private final class ArtefactCollector: Sendable {
    let list = Mutex<[StepArtefact]>([])
}

/// A built-in stage wrote an output it does not declare: a bug in that stage.
private struct UndeclaredOutput: Error, CustomStringConvertible {
    var stage: String
    var name: String
    var description: String { "stage '\(stage)' wrote output '\(name)', which its kind does not declare (a bug in Toets)" }
}
