import Foundation
import ToetsModel
import ToetsStore

/// Where an external command finds what it is given. In the sandbox: fixed paths
/// (`SandboxLayout`) over mounts of store objects, declared code and the step's scratch
/// folder, which is all it sees. Unsandboxed: the host's paths, inputs linked under their own
/// names so that tools that look at a file's extension behave as they would on the original.
struct CommandLayout {
    /// The working directory, `{scratch}` and `HOME`, as the command sees it.
    let work: String
    /// `TMPDIR`, as the command sees it.
    let temporary: String
    /// Where the command's outputs are, on this machine.
    let outputDirectory: String
    /// What the sandbox shows; nil unsandboxed.
    private(set) var view: SandboxView?

    private let outputs: String
    private let parameters: String
    private let root: String
    private var inputPaths: [String: String] = [:]
    private let stage: PlannedStage

    init(stage: PlannedStage, inputs: [String: StepArtefact], code: [String: Digest], scratch: String, sandboxed: Bool,
         store: ObjectStore, keys: KeyBuilder) throws {
        self.stage = stage
        let hostWork = scratch + "/work", hostTemporary = scratch + "/tmp", hostParameters = scratch + "/params.json"
        outputDirectory = scratch + "/out"
        for directory in [hostWork, outputDirectory, hostTemporary] {
            try FileSystem.makeDirectory(directory)
        }
        try FileSystem.writeAtomically(Array(ParamValue.map(stage.parameters).canonicalJSON.utf8), to: hostParameters)
        guard sandboxed else {
            (work, temporary, outputs, parameters, root) = (hostWork, hostTemporary, outputDirectory, hostParameters,
                                                             keys.pipeline.root)
            try FileSystem.makeDirectory(scratch + "/in")
            for (placeholder, source, artefact, digest) in Self.inputs(of: stage, among: inputs) {
                let directory = scratch + "/in/" + source
                try FileSystem.makeDirectory(directory)
                let link = directory + "/" + artefact
                if !FileSystem.exists(link) {
                    guard symlink(store.path(of: digest), link) == 0 else {
                        throw StoreError.system(operation: "symlink", path: link, errno: errno)
                    }
                }
                inputPaths[placeholder] = link
            }
            return
        }
        (work, temporary, outputs, parameters, root) = (SandboxLayout.work, SandboxLayout.temporary, SandboxLayout.outputs,
                                                         SandboxLayout.parameters, SandboxLayout.root)
        var mounts: [SandboxView.Mount] = []
        func show(_ source: String, at path: String, writable: Bool = false) {
            if !mounts.contains(where: { $0.path == path }) {
                mounts.append(SandboxView.Mount(path: path, source: source, writable: writable))
            }
        }
        // Who is who and what localhost is, without the host's users or host names.
        let etc = scratch + "/etc"
        try FileSystem.makeDirectory(etc)
        let system = [
            "passwd": "root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:\(SandboxLayout.work):/usr/sbin/nologin\n",
            "group": "root:x:0:\nnogroup:x:65534:\n",
            "hosts": "127.0.0.1 localhost\n::1 localhost\n",
        ]
        for (name, text) in system.sorted(by: { $0.key < $1.key }) {
            try FileSystem.writeAtomically(Array(text.utf8), to: etc + "/" + name)
            show(etc + "/" + name, at: "/etc/" + name)
        }
        // The temporary folder first: a read-only folder the stage names below /tmp goes on top of it.
        show(hostTemporary, at: SandboxLayout.temporary, writable: true)
        show(hostParameters, at: SandboxLayout.parameters)
        for (placeholder, source, artefact, digest) in Self.inputs(of: stage, among: inputs) {
            let path = SandboxLayout.inputs + "/" + source + "/" + artefact
            show(store.path(of: digest), at: path)
            inputPaths[placeholder] = path
        }
        for path in code.keys.sorted() {
            show(keys.resolve(path), at: Self.codePath(path, root: keys.pipeline.root))
        }
        for path in stage.spec.readOnlyPaths {
            show(path, at: path)
        }
        show(hostWork, at: SandboxLayout.work, writable: true)
        show(outputDirectory, at: SandboxLayout.outputs, writable: true)
        view = SandboxView(mounts: mounts, processLimit: stage.spec.processLimit ?? SandboxLayout.defaultProcessLimit)
    }

    /// What a placeholder of the command stands for, as the command sees it.
    func value(of placeholder: String) -> String {
        switch stage.placeholders[placeholder] {
        case .input?: inputPaths[placeholder] ?? ""
        case .output(let output)?: outputs + "/" + output
        case .parameters?: parameters
        case .parameter(let parameter)?:
            switch stage.parameters[parameter] {
            case .string(let text)?: text
            case let value?: value.canonicalJSON
            case nil: ""
            }
        case .scratch?: work
        case .root?: root
        case nil: ""
        }
    }

    /// Each `{in.…}` placeholder with the stage, artefact and digest it names.
    private static func inputs(of stage: PlannedStage, among inputs: [String: StepArtefact])
        -> [(placeholder: String, stage: String, artefact: String, digest: Digest)] {
        stage.placeholders.sorted { $0.key < $1.key }.compactMap { placeholder, meaning in
            guard case .input(let source, let artefact) = meaning, let input = inputs["\(source).\(artefact)"] else { return nil }
            return (placeholder, source, artefact, input.digest)
        }
    }

    /// Where a declared code file appears: below `{root}` at its path relative to the pipeline
    /// root; a file outside the root, at its own absolute path.
    static func codePath(_ path: String, root: String) -> String {
        if path.hasPrefix("/") { return PipelineLoader.normalise(path) }
        let inside = PipelineLoader.normalise(SandboxLayout.root + "/" + path)
        return inside.hasPrefix(SandboxLayout.root + "/") ? inside : PipelineLoader.normalise(root + "/" + path)
    }
}
