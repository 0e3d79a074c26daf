import ArgumentParser
import Dispatch
import Foundation
import ToetsProvenance
import ToetsRunner
import ToetsStore

extension Toets {
    /// `toets run PIPELINE`: executes what changed, reuses the rest.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline: execute the stages whose inputs changed, reuse the rest.")

        @Argument(help: ArgumentHelp("The pipeline file.", valueName: "pipeline.yaml"),
                  completion: .file(extensions: ["yaml", "yml"]))
        var pipeline: String

        @Option(name: .shortAndLong, help: ArgumentHelp(
            "Stages that may execute at once (default: the number of cores; with --executor slurm, jobs queued or running at once, default 50)."))
        var jobs: Int?

        @Option(name: .long, help: ArgumentHelp(
            "Where steps execute: local (this machine) or slurm (one batch job per step, against a workspace on a "
                + "filesystem every node shares; the pipeline's executor: block gives partition, account, qos, retries).",
            valueName: "local|slurm"))
        var executor: ExecutorKind = .local

        @Flag(name: .long, help: "Say what would run and why, without running anything.")
        var dryRun = false

        @Option(name: .long, help: ArgumentHelp("Execute this stage even if its result is cached (repeatable).", valueName: "stage"))
        var force: [String] = []

        @Flag(name: .long, help: "Fail at once if another toets process holds the workspace, instead of waiting.")
        var noWait = false

        @Option(name: .long, help: ArgumentHelp(
            "Sign the run's provenance with this key (default: $TOETS_SIGNING_KEY_FILE; without one it is logged unsigned).",
            valueName: "file"))
        var signingKey: String?

        @Option(name: .long, help: ArgumentHelp(
            "Where the run's reports are published, as PIPELINE/run-N/ (default: reports/ in the pipeline's root).",
            valueName: "dir"))
        var reports: String?

        @Flag(name: .long, help: ArgumentHelp(
            "Run run: stages without the sandbox, seeing all toets sees: for a trusted local experiment only. "
                + "Recorded in the cache keys, the provenance and the method cards."))
        var unsandboxed = false

        @Option(name: .long, help: ArgumentHelp(
            "When standard error is not a terminal (a pipe, a CI log): print each running stage's progress this often.",
            valueName: "seconds"))
        var progressEvery: Double = 10

        @OptionGroup var options: WorkspaceOptions

        func validate() throws {
            guard jobs ?? 1 >= 1 else { throw ValidationError("--jobs must be at least 1") }
            guard progressEvery > 0, progressEvery.isFinite else { throw ValidationError("--progress-every must be more than 0") }
        }

        func run() async throws {
            try await reportingErrors(asEvents: options.json && !dryRun) {
                let (plan, bytes) = try loadPlan(pipeline)
                let workspace = try options.open()
                let choice: ExecutorChoice = switch executor {
                case .local: .local
                case .slurm: .slurm(SlurmSettings(defaults: plan.pipeline.executor, toets: try currentExecutable()))
                }
                let runner = PipelineRunner(plan: plan, workspace: workspace, sandbox: unsandboxed ? .none : .bubblewrap,
                                            executor: choice)
                if unsandboxed && plan.stages.contains(where: { $0.builtin == nil }) {
                    writeError("toets: WARNING: --unsandboxed: run: stages see everything toets sees (the store with the raw "
                               + "posts and labels, key files, other processes); their results are marked unsandboxed in "
                               + "the cache keys, the provenance and the method cards")
                }
                if dryRun {
                    let predictions = try runner.predict(force: Set(force))
                    if options.json { try printJSON(predictions) } else { printPredictions(predictions, pipeline: plan.pipeline.name) }
                    return
                }
                let key = try SigningKey.resolve(file: signingKey, environment: ProcessInfo.processInfo.environment)
                let monitor = RunMonitor(pipeline: plan.pipeline.name, stageCount: plan.stages.count)
                let progress = ProgressPrinter(total: plan.stages.count, monitor: monitor, quiet: options.json,
                                               interval: .seconds(progressEvery))
                let events = options.json ? RunEventWriter(monitor: monitor, stages: plan.stages.map(\.name), emit: writeOut) : nil
                // The monitor first: the others read what it knows of each event.
                let observer = RunObservers([monitor, events ?? progress])
                let live = LiveRunFile(workspace: workspace.root)
                defer { live.removeIfOurs() }
                let arguments = CommandLine.arguments.dropFirst().joined(separator: " ")
                let reportsFolder = FileSystem.absolute(reports ?? plan.pipeline.root + "/reports")
                let published = PublishedReports()
                let recorder = ProvenanceRecorder(workspace: workspace, key: key) { run in
                    try published.publish { try publishReports(run: run, workspace: workspace, into: reportsFolder) }
                }
                let defaultJobs = executor == .slurm ? 50 : ProcessInfo.processInfo.activeProcessorCount
                let runOptions = RunOptions(jobs: jobs ?? defaultJobs, force: Set(force), waitForLock: !noWait,
                                            commandLine: "toets " + arguments, recorder: recorder,
                                            runNumbersTaken: highestPublishedRun(pipeline: plan.pipeline.name,
                                                                                 reports: reportsFolder))
                let task = Task { try await runner.run(runOptions, pipelineBytes: bytes, observer: observer) }
                // Progress is sampled, never pushed: the terminal 5 times a second, the live file
                // (`toets status` from elsewhere) and --json's progress events once a second.
                let ticker = Task {
                    var ticks = 0
                    while !Task.isCancelled {
                        progress.tick()
                        if ticks % 5 == 0, let now = monitor.sample() {
                            try? live.write(now)
                            events?.sampleProgress(now)
                        }
                        ticks += 1
                        try? await Task.sleep(for: .milliseconds(200))
                    }
                }
                // Ctrl-C or kill: cancel the run, which stops running commands (and cancels Slurm
                // jobs) and records the interruption.
                signal(SIGINT, SIG_IGN)
                signal(SIGTERM, SIG_IGN)
                let interrupts = [SIGINT, SIGTERM].map { number in
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                    source.setEventHandler {
                        writeError("\ntoets: stopping (\(number == SIGINT ? "Ctrl-C" : "SIGTERM")): ending running stages…")
                        task.cancel()
                    }
                    source.resume()
                    return source
                }
                let summary = try await task.value
                ticker.cancel()
                for interrupt in interrupts { interrupt.cancel() }
                progress.finish()
                live.removeIfOurs()
                let (folders, failure) = published.outcome
                let notes = runNotes(summary, plan: plan, workspace: workspace)
                if let events {
                    for note in notes { events.write(RunEvent.note(stage: note.stage, level: note.level, message: note.message)) }
                    events.write(RunEvent.finished(summary, reports: folders.map { $0 + "/" }))
                } else {
                    printSummary(summary)
                    for note in notes {
                        switch note.level {
                        case .info: writeOut("\(note.stage): \(note.message)")
                        case .warning: writeError("\(note.stage): WARNING: \(note.message)")
                        }
                    }
                    for folder in folders { writeOut("reports: " + folder + "/") }
                }
                if let failure {
                    writeError("toets: run \(summary.runID) succeeded and is stored, but its reports were not published: "
                               + publicationAdvice(failure))
                    throw ExitCode(ExitCodes.failed)
                }
                if !summary.provenanceProblems.isEmpty && summary.status == .succeeded { throw ExitCode(ExitCodes.failed) }
                switch summary.status {
                case .succeeded: return
                case .interrupted: throw ExitCode(ExitCodes.interrupted)
                case .failed, .running: throw ExitCode(ExitCodes.failed)
                }
            }
        }

        private func printSummary(_ summary: RunSummary) {
            var parts = ["\(summary.count(.executed)) executed", "\(summary.count(.cached)) cached"]
            for status in [StepStatus.failed, .skipped, .interrupted] where summary.count(status) > 0 {
                parts.append("\(summary.count(status)) \(status.rawValue)")
            }
            writeOut("run \(summary.runID) of \(summary.pipeline) \(summary.status.rawValue) in "
                     + "\(formatSeconds(summary.seconds)): \(parts.joined(separator: ", "))")
            for line in summary.provenance { writeOut("provenance: " + line) }
            for problem in summary.provenanceProblems { writeOut("PROVENANCE  " + problem) }
            for job in summary.cancelledLeftoverJobs {
                writeOut("cancelled Slurm job \(job), left running by an earlier run whose toets was killed")
            }
            if summary.status == .failed {
                writeOut("a failed stage's logs: `toets outputs STAGE`; what changed since it last worked: `toets explain STAGE`")
                if let free = FileSystem.freeBytes(near: options.workspace), free < Self.lowSpace {
                    writeOut("note: the disk holding \(FileSystem.absolute(options.workspace)) has only \(ByteCount(free)) free; "
                             + "a stage may have failed for want of space")
                }
            }
        }

        /// Free space below which a failed run's summary points at the disk.
        static let lowSpace: Int64 = 16 << 20
    }
}

/// Where `toets run` executes steps.
enum ExecutorKind: String, ExpressibleByArgument, CaseIterable {
    case local, slurm
}

/// This binary's path, for cluster jobs to run the same toets.
func currentExecutable() throws -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard count > 0 else {
        throw CommandFailure(message: "cannot tell where this toets binary is (/proc/self/exe), which Slurm jobs must run",
                             code: ExitCodes.failed)
    }
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Prints what the next run would do, a line per stage.
func printPredictions(_ predictions: [StagePrediction], pipeline: String) {
    let willRun = predictions.filter { $0.state != .upToDate }.count
    writeOut(willRun == 0 ? "pipeline \(pipeline) is up to date: every stage would be reused"
             : "pipeline \(pipeline): \(willRun) of \(predictions.count) stages would run")
    for prediction in predictions {
        let label = switch prediction.state {
        case .upToDate: "ok"
        case .willRun: "run"
        case .dependsOnUpstream: "maybe"
        }
        writeOut("  \(padded(label, 6)) \(padded(prediction.stage, 20)) \(prediction.reasons.joined(separator: "; "))")
    }
}
