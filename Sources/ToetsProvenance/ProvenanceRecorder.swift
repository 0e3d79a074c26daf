#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import ToetsModel
import ToetsRunner
import ToetsStore

/// Writes a signed in-toto statement per step into the workspace's log while a pipeline runs,
/// and a signed checkpoint when the run ends. Without a signing key, statements and the
/// checkpoint are written unsigned (and `toets verify` says so).
package final class ProvenanceRecorder: StepRecorder {
    private struct State {
        var writer: LogWriter?
        /// Statement digests and log positions written in this run, by step id, for cache hits
        /// within the run and for the index at the end.
        var written: [ProvenanceEntryRecord] = []
        var executed = 0
        var reused = 0
        /// Statements of earlier steps that a killed run recorded but never logged.
        var backfilled = 0
    }

    /// Publishes a succeeded run's reports (outside the store) and says what it published;
    /// called before the run's checkpoint, so that the publication is logged and covered by it.
    package typealias Publisher = @Sendable (RunRecord) throws -> [Publication]

    package let workspace: Workspace
    package let key: SigningKey?
    package let tool: ToolIdentity
    package let publisher: Publisher?
    private let state = Mutex(State())

    package init(workspace: Workspace, key: SigningKey?, tool: ToolIdentity = .current(), publisher: Publisher? = nil) {
        self.workspace = workspace
        self.key = key
        self.tool = tool
        self.publisher = publisher
    }

    package var paths: ProvenancePaths { ProvenancePaths(workspaceRoot: workspace.root) }

    package func begin() throws {
        let writer = try LogWriter(paths: paths)
        if let key {
            // The public key beside the log lets `toets verify` check signatures without
            // arguments; an auditor trusts only the key given with --trusted-key.
            try FileSystem.makeDirectory(paths.keys)
            let path = paths.keys + "/" + key.publicKey.keyID + ".pub"
            if !FileSystem.exists(path) { try FileSystem.writeAtomically(Array(key.publicKey.fileText.utf8), to: path) }
        }
        state.withLock { $0.writer = writer }
        // A run killed between recording a step and logging its statement left a result no
        // statement signs: it gets its statement now (under this run's checkpoint), so that
        // every result the index can reuse is in the log.
        let unlogged = try workspace.index.stepsWithoutProvenance()
        for step in unlogged {
            guard let run = try workspace.index.run(step.runID) else { continue }
            let producer = step.status == .cached ? try workspace.index.cachedStep(forKey: step.key, components: step.components) : nil
            try record(step: step, run: run, reused: producer.flatMap { $0.id == step.id ? nil : $0 })
        }
        state.withLock { state in
            state.backfilled = unlogged.count
            (state.executed, state.reused) = (0, 0)
        }
    }

    /// The higher of the last entry's run and the highest checkpoint's.
    package func highestRecordedRun() throws -> Int64 {
        max(state.withLock { $0.writer?.lastEntryRun() } ?? 0, paths.highestCheckpointRun)
    }

    package func record(step: StepRecord, run: RunRecord, reused: StepRecord?) throws {
        try state.withLock { state in
            guard var writer = state.writer else { throw ProvenanceError.log(path: paths.log, problem: "not opened") }
            defer { state.writer = writer }
            let origin = try reused.map { producer in
                let entry = try state.written.first { $0.stepID == producer.id }
                    ?? workspace.index.provenanceEntry(step: producer.id)
                return StepStatement.Origin(run: producer.runID, stage: producer.stage, logIndex: entry?.logIndex,
                                           statementDigest: entry?.statementDigest)
            }
            let sandboxed = step.components.sandbox.map { $0 != SandboxPolicy.none.keyText } ?? false
            let runtime: String? = if reused != nil || !sandboxed { nil } else if step.components.image != nil {
                try? Podman.runtime.get().version
            } else {
                try? Bubblewrap.runtime.get().version
            }
            let statement = StepStatement.make(step: step, pipeline: run.pipeline, pipelineDigest: run.pipelineDigest,
                                               tool: tool, reused: origin, sandboxRuntime: runtime).bytes
            let entry = LogEntry(index: writer.count, previous: writer.lastHash, run: run.id, step: step.id,
                                 stage: step.stage, envelope: Envelope(payload: statement, signedWith: key))
            // An executed step's statement is made durable at once; a reuse costs no fsync of
            // its own (the run's end syncs the log before the checkpoint).
            try writer.append(entry.json.bytes, sync: step.status != .cached)
            state.written.append(ProvenanceEntryRecord(stepID: step.id, logIndex: entry.index,
                                                       statementDigest: Digest.sha256(of: statement)))
            if step.status == .cached { state.reused += 1 } else { state.executed += 1 }
        }
    }

    package func finish(run: RunRecord) throws -> [String] {
        let (writer, written, executed, reused, backfilled) = state.withLock { state in
            let result = (state.writer, state.written, state.executed, state.reused, state.backfilled)
            state.writer = nil
            state.written = []
            return result
        }
        guard var writer else { return [] }
        defer { writer.closeFile() }
        var lines: [String] = []
        if run.status == .succeeded, let publisher {
            do {
                for publication in try publisher(run) {
                    let statement = PublicationStatement.make(publication, run: run.id, pipeline: run.pipeline,
                                                              publishedOn: Timestamp.now()).bytes
                    let entry = LogEntry(index: writer.count, previous: writer.lastHash, run: run.id, step: publication.step,
                                         stage: publication.stage, envelope: Envelope(payload: statement, signedWith: key))
                    try writer.append(entry.json.bytes, sync: false)
                    lines.append("publication of \(publication.location)/ (\(publication.files.count) files) logged as entry "
                                 + "\(entry.index)")
                }
            } catch {
                // The publisher says why to the person who ran it; the log holds no publication.
                lines.append("no publication was logged: the reports were not published")
            }
        }
        try writer.sync()
        try writer.saveState()
        try workspace.index.recordProvenanceEntries(written)
        let checkpoint = Checkpoint(origin: writer.origin, size: writer.count, root: writer.tree.root, signedWith: key)
        let path = paths.checkpoint(run: run.id)
        try writeCheckpoint(Array(checkpoint.text.utf8), to: path)
        if backfilled > 0 {
            lines.append("logged the statements of \(backfilled) step\(backfilled == 1 ? "" : "s") an earlier killed run "
                         + "recorded but had not logged")
        }
        if writer.discardedTail > 0 {
            lines.append("the log ended in an entry cut off by an earlier killed run (\(writer.discardedTail) bytes); "
                         + "it was removed before appending")
        }
        let statements = "\(executed + reused) statement\(executed + reused == 1 ? "" : "s") "
            + "(\(executed) executed, \(reused) reused)"
        if let key {
            lines.append("\(statements) signed with key \(key.publicKey.keyID.prefix(16))…; "
                         + "checkpoint \(path) (log size \(checkpoint.size))")
        } else {
            lines.append("UNSIGNED: \(statements) and the checkpoint were logged without signatures: "
                         + "give --signing-key FILE or set $\(SigningKey.fileVariable) (make a key with `toets keygen`)")
        }
        return lines
    }

    /// Writes a checkpoint whole (synced, then linked under its name, which fails rather than
    /// replaces: a checkpoint is never overwritten). The folder is not synced: a checkpoint lost
    /// to a power cut is made good by the next run's, which covers the same entries; a
    /// half-written one would not be, so its bytes are synced first.
    private func writeCheckpoint(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        try FileSystem.writeNewFile(temporary) { fd in
            try bytes.withUnsafeBytes { try FileSystem.writeAll(fd, $0, path: temporary) }
        }
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else {
            if errno == EEXIST {
                throw ProvenanceError.log(path: path, problem: "a checkpoint of this run number exists already and is "
                                          + "never overwritten; the log's new entries wait for the next run's checkpoint")
            }
            throw FileSystem.failure("link", path: path, errno: errno)
        }
    }
}
