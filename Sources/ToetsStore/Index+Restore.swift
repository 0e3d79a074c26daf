import Foundation
import GRDB
import ToetsModel

extension Index {
    /// A step as the provenance log tells it, with the log entry that tells it.
    package struct RestoredStep: Sendable {
        package var step: StepRecord
        package var entry: ProvenanceEntryRecord

        package init(step: StepRecord, entry: ProvenanceEntryRecord) {
            self.step = step
            self.entry = entry
        }
    }

    /// Fills a new, empty index from what the provenance log holds: runs and steps under their
    /// own numbers, with their inputs (from the key components), artefacts and log entries; the
    /// runs gc had forgotten; and the highest run and step numbers taken, so that none is issued
    /// again.
    /// `size` gives an artefact's size (0 for one the store no longer has).
    package func restore(runs: [RunRecord], steps: [RestoredStep], forgotten: [Int64], lastIssued: (run: Int64, step: Int64),
                         size: (Digest) -> Int) throws {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") == 0 else {
                throw StoreError.index(path: path, message: "an index is rebuilt only into an empty one")
            }
            let now = Timestamp.now()
            for run in runs {
                try db.execute(sql: """
                    INSERT INTO runs (id, pipeline, pipeline_file, pipeline_digest, command, tool_version, started_at,
                                      ended_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.id, run.pipeline, run.pipelineFile, run.pipelineDigest.hex, run.command,
                                     run.toolVersion, run.startedAt, run.endedAt, run.status.rawValue])
            }
            for restored in steps {
                let step = restored.step
                let json = String(decoding: try Self.encoder.encode(step.components), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO steps (id, run_id, stage, kind, key, components, status, reason, started_at, ended_at,
                                       exit_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [step.id, step.runID, step.stage, step.kind, step.key.hex, json, step.status.rawValue,
                                     step.reason, step.startedAt, step.endedAt, step.exitCode])
                // Inputs may come from steps of runs gc forgot: their artefact rows come back too.
                for digest in step.components.inputs.values {
                    try db.execute(sql: "INSERT OR IGNORE INTO artefacts (digest, size, first_seen) VALUES (?, ?, ?)",
                                   arguments: [digest.hex, size(digest), now])
                }
                try Self.attach(db, step: step.id, inputs: step.components.inputs, artefacts: step.artefacts)
                try db.execute(sql: "INSERT INTO provenance_entries (step_id, log_index, statement_digest) VALUES (?, ?, ?)",
                               arguments: [step.id, restored.entry.logIndex, restored.entry.statementDigest.hex])
            }
            for run in forgotten {
                try db.execute(sql: "INSERT OR IGNORE INTO forgotten_runs (id, forgotten_at) VALUES (?, ?)",
                               arguments: [run, now])
            }
            try Self.noteIssued(db, "run", lastIssued.run)
            try Self.noteIssued(db, "step", max(lastIssued.step, steps.map(\.step.id).max() ?? 0))
        }
    }
}
