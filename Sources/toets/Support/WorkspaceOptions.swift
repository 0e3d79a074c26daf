import ArgumentParser
import Foundation
import ToetsAnonymise
import ToetsIngest
import ToetsMethods
import ToetsPlanting
import ToetsModel
import ToetsReport
import ToetsRunner
import ToetsScoring
import ToetsStore

/// Options every command that touches a workspace shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder (store and index).", valueName: "dir"), completion: .directory)
    var workspace: String = ProcessInfo.processInfo.environment["TOETS_WORKSPACE"] ?? ".toets"

    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false

    /// The workspace, created if needed.
    func open() throws -> Workspace {
        try Workspace(root: workspace)
    }

    /// The workspace if one exists; an error that says how to make one otherwise. Commands
    /// that only read open it `readOnly`, so that they work on a copy no one may write to.
    func openExisting(_ access: Index.Access = .readWrite) throws -> Workspace {
        guard let workspace = try Workspace.existing(at: workspace, access: access) else {
            throw CommandFailure(message: "no workspace at \(self.workspace): run `toets run PIPELINE` first, "
                                 + "or point --workspace at one", code: ExitCodes.badInput)
        }
        return workspace
    }
}

/// The stage kinds this build knows, from every module that provides some.
enum Stages {
    static let registry = StageRegistry.core.adding([
        IngestStage(), AnonymiseStage(), MethodStage<CoActionMethod>(), MethodStage<CooRTweetMethod>(), MethodStage<NearDuplicate>(), MethodStage<Pacheco>(),
        MethodStage<AccountSignals>(), PlantStage(), DecisionRuleStage(), ScoreStage(), ReportStage(),
    ])
}

/// Loads and checks a pipeline file.
func loadPlan(_ path: String) throws -> (plan: Plan, bytes: [UInt8]) {
    let (spec, bytes) = try PipelineLoader.load(path: path)
    return (try PipelineChecker(registry: Stages.registry).check(spec), bytes)
}

/// A runner for status, explain and audit, for the pipeline named on the command line, or for
/// the one the newest run used. An existing workspace is opened read-only.
func runner(for given: String?, options: WorkspaceOptions) throws -> PipelineRunner {
    let workspace = try Workspace.existing(at: options.workspace, access: .readOnly) ?? options.open()
    var path = given
    if path == nil {
        guard let last = try workspace.index.runs(limit: 1).first else {
            throw CommandFailure(message: "no pipeline given and no earlier run to take one from: name the pipeline file",
                                 code: ExitCodes.badInput)
        }
        guard !last.pipelineFile.isEmpty else {
            throw CommandFailure(message: "the index does not know the pipeline file of run \(last.id) (it was rebuilt from "
                                 + "the provenance log, which does not record it): name the pipeline file",
                                 code: ExitCodes.badInput)
        }
        guard FileSystem.exists(last.pipelineFile) else {
            throw CommandFailure(message: "the last run used \(last.pipelineFile), which is not here; name the pipeline file",
                                 code: ExitCodes.badInput)
        }
        path = last.pipelineFile
    }
    return PipelineRunner(plan: try loadPlan(path!).plan, workspace: workspace)
}

enum ToolInfo {
    static let version = ToolVersion.current
}
