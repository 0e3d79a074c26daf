#if canImport(Glibc)
import Glibc
#endif
import ToetsModel

extension PipelineRunner {
    /// Before anything runs: when the pipeline has `run:` stages and runs them sandboxed, no
    /// command would be shown the workspace (its raw posts, labels, index) or a key file through
    /// `code:` or `sandbox: read_only:`.
    ///
    /// Whether the sandbox starts on this machine is found when the first command executes
    /// (`LocalProcessLauncher` probes bwrap once, starting three processes): a rerun whose
    /// commands are all cached starts none, and a machine without bwrap fails that stage with
    /// `SandboxUnavailable`, which says what to install.
    func checkSandbox() throws {
        // A command in an image runs isolated even in an unsandboxed run.
        let commands = plan.stages.filter { $0.builtin == nil && (keys.sandbox == .bubblewrap || $0.spec.image != nil) }
        guard !commands.isEmpty else { return }
        let guarded = guardedPaths()
        var errors: [PipelineError] = []
        for stage in commands {
            let shown = stage.spec.code.map { ("code", $0) } + stage.spec.readOnlyPaths.map { ("sandbox", $0) }
            for (field, path) in shown {
                let real = Self.realPath(keys.resolve(path))
                for (what, secret) in guarded where secret == real || secret.hasPrefix(real + "/") || real.hasPrefix(secret + "/") {
                    errors.append(PipelineError(
                        file: plan.pipeline.file, line: stage.spec.line(of: field), stage: stage.name, field: field,
                        problem: "\(field == "code" ? "code:" : "sandbox: read_only:") path '\(path)' would show the "
                            + "command \(what) (\(secret))",
                        hint: "A command sees only its declared inputs and code; name the files it needs, not a folder "
                            + "that holds the workspace or a key."))
                }
            }
        }
        if !errors.isEmpty { throw PipelineErrors(errors: errors) }
    }

    /// What no command may see, with what to call it: the workspace, every key file a stage
    /// reads and the provenance signing key named by the environment.
    private func guardedPaths() -> [(String, String)] {
        var paths = [("the workspace", Self.realPath(workspace.root))]
        if let signing = keys.environment["TOETS_SIGNING_KEY_FILE"], !signing.isEmpty {
            paths.append(("a key file", Self.realPath(signing)))
        }
        for stage in plan.stages {
            for secret in stage.builtin?.secretFiles(parameters: stage.parameters, environment: keys.environment) ?? [] {
                paths.append(("a key file", Self.realPath(keys.resolve(secret.path))))
            }
        }
        return paths
    }

    /// `path` with links resolved where it exists, else as written.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return PipelineLoader.normalise(path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
