import ToetsModel
import ToetsStore

extension PipelineRunner {
    /// Refuses, before any stage runs, a secret a stage would fail on or should never be kept
    /// where it is: a pseudonymisation key that cannot be read, is readable by others or too
    /// short, or a key file inside the workspace or a git work tree. Every such stage at once,
    /// at the line that names the file (or the stage's, when the environment names it).
    func checkSecrets() throws {
        var errors: [PipelineError] = []
        let file = plan.pipeline.file
        for problem in keys.keyProblems {
            guard let stage = plan.stage(named: problem.stage) else { continue }
            let field = stage.builtin?.secretFiles(parameters: stage.parameters, environment: keys.environment)
                .compactMap(\.parameter).first.map { "with." + $0 }
            errors.append(PipelineError(file: file, line: field.map { stage.spec.line(of: $0) } ?? stage.spec.line,
                                        stage: stage.name, field: field, problem: problem.problem, hint: "Nothing has run yet."))
        }
        for stage in plan.stages {
            guard let builtin = stage.builtin else { continue }
            for secret in builtin.secretFiles(parameters: stage.parameters, environment: keys.environment) {
                var problem = FileSystem.secretLocationProblem(secret.path)
                if problem == nil, FileSystem.isInside(secret.path, folder: workspace.root) {
                    problem = "lies inside the workspace \(workspace.root)"
                }
                guard let problem else { continue }
                let field = secret.parameter.map { "with." + $0 }
                errors.append(PipelineError(
                    file: file, line: field.map { stage.spec.line(of: $0) } ?? stage.spec.line,
                    stage: stage.name, field: field,
                    problem: "the key file \(secret.path) \(problem)" + (field == nil ? " (named by the environment)" : "")
                        + ": a key kept there is copied, backed up or published with it",
                    hint: "Keep keys outside every repository and workspace, readable by you only (e.g. ~/.config/toets/, "
                        + "chmod 600). Nothing has run yet."))
            }
        }
        guard errors.isEmpty else { throw PipelineErrors(inLineOrder: errors) }
    }
}
