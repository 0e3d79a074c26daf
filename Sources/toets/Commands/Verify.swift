import ArgumentParser
import Foundation
import ToetsProvenance
import ToetsStore

extension Toets {
    /// `toets verify`: re-hash every object and check the index against the store; then check
    /// the provenance log, its signatures and checkpoints, and re-hash a run's artefacts.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store, the index and the signed provenance; exit status 1 if anything is wrong.",
            discussion: """
                Re-hashes every stored object and checks the index. Then checks every entry of the provenance log \
                (its position, its link to the entry before, its statement and its signature against the trusted \
                keys), the workspace's checkpoints (every entry proven included) and, with --checkpoint, that the \
                log extends a checkpoint kept from earlier; and re-hashes the artefacts of a run against the digests \
                its statements sign. With --rerun, the run is recomputed in a fresh workspace and its outputs compared.
                """)

        @Flag(name: .long, help: "Move corrupt objects to corrupt/ so that the next run recomputes them.")
        var repair = false

        @Flag(name: .long, help: ArgumentHelp(
            "Rebuild a lost or damaged index from the signed provenance log and the stored objects (the old index is kept "
                + "beside it), then verify."))
        var rebuildIndex = false

        @Option(name: .long, help: ArgumentHelp(
            "Check the run's published report folders under this folder (as PIPELINE/run-N) instead of where they were "
                + "published.", valueName: "dir"))
        var reports: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("The run whose artefacts to re-hash (default: the newest).", valueName: "run"))
        var runID: Int64?

        @Flag(name: .long, help: "Recompute the run in a fresh temporary workspace and compare output digests.")
        var rerun = false

        @Option(name: .customLong("trusted-key"), help: ArgumentHelp(
            "A public key (file, base64 or hex) whose signatures count; repeatable. Default: the keys stored in the "
                + "workspace, which show damage but not forgery.", valueName: "pub"))
        var trustedKeys: [String] = []

        @Option(name: .long, help: ArgumentHelp("A checkpoint kept from earlier that the log must extend.", valueName: "file"))
        var checkpoint: String?

        @Option(name: .shortAndLong, help: "Stages that may execute at once with --rerun.")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var options: WorkspaceOptions

        private struct Combined: Encodable {
            var store: VerifyReport
            var provenance: ProvenanceReport

            enum Keys: String, CodingKey { case provenance }

            func encode(to encoder: any Encoder) throws {
                try store.encode(to: encoder)
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(provenance, forKey: .provenance)
            }
        }

        func run() async throws {
            try await reportingErrors {
                let keys = try trustedKeys.map { try PublicKey.parse($0) }
                let earlier = try checkpoint.map { path in
                    guard let bytes = try? FileSystem.readSmallFile(path) else {
                        throw ProvenanceError.checkpoint(source: path, problem: "cannot be read")
                    }
                    return (bytes: bytes, source: path)
                }
                let writes = repair || rebuildIndex
                let lock = writes ? try await WorkspaceLock.acquire(
                    at: Workspace.lockPath(FileSystem.absolute(options.workspace)),
                    purpose: "toets verify" + (repair ? " --repair" : "") + (rebuildIndex ? " --rebuild-index" : ""), wait: true
                ) { holder in writeError("waiting for the workspace: it is held by \(holder)") } : nil
                if rebuildIndex { try rebuild() }
                let workspace: Workspace
                do {
                    workspace = try options.openExisting(writes ? .readWrite : .readOnly)
                } catch let error as StoreError where error.isUnusableIndex {
                    // A lost or damaged index is a finding of verify's, not a failure to run it.
                    writeOut("INDEX    \(error)")
                    advice(for: error).map(writeOut)
                    throw ExitCode(ExitCodes.failed)
                }
                let start = ContinuousClock.now
                let report = try workspace.verify(repair: repair)
                withExtendedLifetime(lock) {}
                var provenance = try ProvenanceVerifier(workspace: workspace, trustedKeys: keys, earlierCheckpoint: earlier,
                                                        run: runID, reports: reports).verify()
                if rerun { try await recompute(workspace, into: &provenance) }
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                if options.json {
                    try printJSON(Combined(store: report, provenance: provenance))
                } else {
                    printStore(report, seconds: seconds)
                    printProvenance(provenance)
                }
                if !report.passed || !provenance.passed { throw ExitCode(ExitCodes.failed) }
            }
        }

        /// Rebuilds the index from the log (the lock is held) and says what it restored.
        private func rebuild() throws {
            let outcome = try IndexRebuild(workspaceRoot: options.workspace).rebuild()
            guard !options.json else { return }
            var text = "rebuilt the index from the provenance log: \(counted(outcome.runs, "run")), \(counted(outcome.steps, "step"))"
            if !outcome.deletedByGC.isEmpty {
                text += "; \(counted(outcome.deletedByGC.count, "run")) whose objects are all gone recorded as deleted by gc"
            }
            writeOut(text)
            if let kept = outcome.keptOldIndex { writeOut("the old index is kept as \(kept)") }
            for skipped in outcome.skipped { writeOut("not restored: log " + skipped) }
        }

        private func recompute(_ workspace: Workspace, into report: inout ProvenanceReport) async throws {
            guard let record = try report.run.flatMap({ try workspace.index.run($0) }) else {
                throw ProvenanceError.noRun(runID)
            }
            guard FileSystem.exists(record.pipelineFile) else {
                report.fail(.rerun, "run \(record.id)'s pipeline file \(record.pipelineFile) is not here; it cannot be recomputed")
                return
            }
            let (plan, bytes) = try loadPlan(record.pipelineFile)
            try await Rerun(workspace: workspace, run: record, plan: plan, pipelineBytes: bytes, jobs: max(1, jobs))
                .compare(into: &report)
        }

        private func printStore(_ report: VerifyReport, seconds: Double) {
            for corruption in report.corrupt {
                var line = "CORRUPT  \(corruption.digest.hex)  \(corruption.path)"
                if let actual = corruption.actual { line += "  (its bytes hash to \(actual.hex))" }
                if let moved = corruption.movedTo { line += "  moved to \(moved)" }
                writeOut(line)
            }
            for digest in report.missing {
                writeOut("MISSING  \(digest.hex)  referenced by the index, absent from the store")
            }
            for problem in report.indexProblems { writeOut("INDEX    \(problem)") }
            let summary = "checked \(report.objectsChecked) objects (\(formatBytes(report.bytesChecked))) "
                + "in \(formatSeconds(seconds)): "
            if report.passed {
                writeOut(summary + "all intact")
            } else {
                writeOut(summary + "\(report.corrupt.count) corrupt, \(report.missing.count) missing, "
                         + "\(report.indexProblems.count) index problems")
                if !repair && !report.corrupt.isEmpty {
                    writeOut("run `toets verify --repair` to move corrupt objects aside; the next run recomputes them")
                }
            }
        }

        private func printProvenance(_ report: ProvenanceReport) {
            for failure in report.failures { writeOut(failure.description) }
            for note in report.notes { writeOut("note: " + note) }
            var parts = ["\(report.logEntries) log entries",
                         "\(report.signaturesChecked) signatures against "
                            + (report.keys.isEmpty ? "no key" : "\(report.keys.count) \(report.keysTrusted ? "trusted" : "workspace") "
                               + "key\(report.keys.count == 1 ? "" : "s")"),
                         "\(report.inclusionProofsChecked) inclusion proofs", "\(report.checkpointsChecked) checkpoints"]
            if let run = report.run { parts.append("\(report.artefactsChecked) artefacts of run \(run) re-hashed") }
            if report.publicationsChecked > 0 {
                parts.append("\(counted(report.publicationsChecked, "published folder")) checked")
            }
            if rerun { parts.append("\(report.rerunOutputsCompared) outputs recomputed") }
            writeOut("provenance: " + parts.joined(separator: ", ") + ": "
                     + (report.passed ? "all intact" : "\(report.failures.count) failure\(report.failures.count == 1 ? "" : "s")"))
        }
    }
}
