import Foundation
import GRDB
import ToetsModel

extension Index {
    // MARK: Artefacts and garbage collection

    /// Every digest the index refers to, as input or output of any step.
    package func referencedDigests() throws -> Set<Digest> {
        try read { db in
            let hexes = try String.fetchAll(db, sql: "SELECT digest FROM step_outputs UNION SELECT digest FROM step_inputs")
            return Set(hexes.compactMap(Digest.init(hex:)))
        }
    }

    /// Deletes all but the newest `keep` runs with their steps, and artefacts no step refers
    /// to any more; returns how many runs were deleted.
    package func deleteRuns(keepingNewest keep: Int) throws -> Int {
        try write { db in
            // A kept step that reuses the result of a step about to go gets copies of its rows.
            let departing = """
                SELECT s.id, s.outputs_of FROM steps s WHERE s.outputs_of IS NOT NULL
                AND s.run_id IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?1)
                AND (SELECT p.run_id FROM steps p WHERE p.id = s.outputs_of)
                    NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?1)
                """
            try db.execute(sql: """
                INSERT INTO step_outputs (step_id, name, digest, role)
                SELECT d.id, o.name, o.digest, o.role FROM (\(departing)) d JOIN step_outputs o ON o.step_id = d.outputs_of
                """, arguments: [keep])
            try db.execute(sql: """
                INSERT INTO step_inputs (step_id, name, digest)
                SELECT d.id, i.name, i.digest FROM (\(departing)) d JOIN step_inputs i ON i.step_id = d.outputs_of
                """, arguments: [keep])
            try db.execute(sql: "UPDATE steps SET outputs_of = NULL WHERE id IN (SELECT id FROM (\(departing)))",
                           arguments: [keep])
            try db.execute(sql: """
                INSERT OR IGNORE INTO forgotten_runs (id, forgotten_at)
                SELECT id, ? FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)
                """, arguments: [Timestamp.now(), keep])
            try db.execute(sql: """
                DELETE FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT ?)
                """, arguments: [keep])
            let deleted = db.changesCount
            try db.execute(sql: """
                DELETE FROM artefacts WHERE digest NOT IN
                    (SELECT digest FROM step_outputs UNION SELECT digest FROM step_inputs)
                """)
            return deleted
        }
    }

    /// A `PRAGMA integrity_check` and a check that every reference has its artefact row.
    package func integrityProblems() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            problems += try String.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return problems
        }
    }

    // MARK: File digest cache

    /// The digest recorded for `path` if its stat signature is unchanged since.
    package func cachedFileDigest(path: String, signature: FileSignature) throws -> Digest? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM file_digests WHERE path = ?"), arguments: [path]).flatMap { row in
                let recorded = FileSignature(size: row["size"], mtimeNanoseconds: row["mtime_ns"],
                                             ctimeNanoseconds: row["ctime_ns"], inode: row["inode"])
                return recorded == signature ? Digest(hex: row["digest"]) : nil
            }
        }
    }

    /// Remembers a file's digest; a read-only index forgets it (the next command hashes again).
    package func recordFileDigest(path: String, signature: FileSignature, digest: Digest) throws {
        guard access == .readWrite else { return }
        try write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO file_digests (path, size, mtime_ns, ctime_ns, inode, digest)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [path, signature.size, signature.mtimeNanoseconds, signature.ctimeNanoseconds,
                                 signature.inode, digest.hex])
        }
    }
}

/// What `stat` says of a file, enough to tell that it has not changed since it was hashed.
package struct FileSignature: Hashable, Sendable {
    package var size: Int64
    package var mtimeNanoseconds: Int64
    package var ctimeNanoseconds: Int64
    package var inode: Int64
}
