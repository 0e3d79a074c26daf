import Foundation
import GRDB
import ToetsModel

extension Index {
    // MARK: Provenance

    /// Records where the statements of steps sit in the provenance log, in one transaction.
    ///
    /// A lookup, not a record: the transaction commits without waiting for the disk
    /// (`synchronous = NORMAL` in WAL mode), so a power cut may lose it, which only leaves a
    /// later reuse without a reference to its producer's statement.
    package func recordProvenanceEntries(_ entries: [ProvenanceEntryRecord]) throws {
        guard !entries.isEmpty else { return }
        try writeUnsynced { db in
            for entry in entries {
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO provenance_entries (step_id, log_index, statement_digest)
                    VALUES (?, ?, ?)
                    """).execute(arguments: [entry.stepID, entry.logIndex, entry.statementDigest.hex])
            }
        }
    }

    /// Steps with outputs whose statement is in no log entry the index knows of: a process
    /// killed between recording a step and logging its statement leaves one.
    ///
    /// Every run asks, so the question reads only `steps_by_key` (which holds each step's status
    /// and id; named, as SQLite's planner picks the table itself while it is small), never the
    /// steps' rows: a row's status lies after its key components, which span overflow pages, and
    /// reading every row made each run read the whole index (40 MB after 2,900 steps).
    package func stepsWithoutProvenance() throws -> [StepRecord] {
        try read { db in
            try Int64.fetchAll(db, sql: Self.unloggedStepsQuery).compactMap { try step(id: $0, db) }
        }
    }

    static let unloggedStepsQuery = """
        SELECT id FROM steps INDEXED BY steps_by_key WHERE status IN ('executed', 'cached')
        AND id NOT IN (SELECT step_id FROM provenance_entries) ORDER BY id
        """

    /// SQLite's plan for `sql` (each `?` bound to NULL), one line per step (`EXPLAIN QUERY PLAN`).
    func queryPlan(_ sql: String) throws -> String {
        let nulls = StatementArguments(Array(repeating: DatabaseValue.null, count: sql.filter { $0 == "?" }.count))
        return try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: nulls).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    /// Where the statement of step `id` sits in the provenance log, if it has one.
    package func provenanceEntry(step id: Int64) throws -> ProvenanceEntryRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM provenance_entries WHERE step_id = ?"), arguments: [id]).map {
                ProvenanceEntryRecord(stepID: $0["step_id"], logIndex: $0["log_index"],
                                      statementDigest: Digest(hex: $0["statement_digest"])!)
            }
        }
    }
}
