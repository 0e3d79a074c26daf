import Foundation
import GRDB
import Synchronization
import ToetsModel

/// The workspace index (`index.sqlite`): runs, steps with their keys and key components,
/// artefacts and lineage. The only code in Toets that touches SQLite.
///
/// WAL mode lets `toets status` read while a run writes; a busy timeout makes two processes
/// wait for each other instead of failing; a step is recorded as executed in the same
/// transaction as its outputs, and only after those outputs are durable in the store.
package final class Index: Sendable {
    /// What a command may do with the index.
    package enum Access: Sendable {
        /// Run, gc, repair: the index is created, migrated and written.
        case readWrite
        /// verify, status, explain, outputs, export, audit: nothing is written, so they work on
        /// a copy an auditor cannot write to.
        case readOnly
    }

    let database: DatabaseQueue
    package let path: String
    package let access: Access
    /// A private copy of the index that a read-only open fell back to; removed on close.
    private let snapshot: String?
    /// Key components by their JSON, as this process read them: a run reads the same
    /// steps' components again and again (its cache lookups, its publication's facts and times),
    /// and decoding JSON is the dear part of reading a step.
    private let componentsByJSON = Mutex<[String: KeyComponents]>([:])
    /// The stored JSON of key components by their key, as this process read or wrote it: a
    /// step recorded with a key already stored gets the same text (equal keys mean equal
    /// components: every component enters the key), so a rerun that reuses a result neither
    /// decodes nor encodes its components.
    private let jsonByKey = Mutex<[Digest: String]>([:])

    /// Opens the index at `path`. A read-write open creates and migrates it; a read-only open
    /// writes nothing, and reads a private copy if SQLite cannot read it in place (a folder no
    /// one may write to, an older schema).
    ///
    /// `holdsResults` is asked only if the index is missing or has never issued a run: if
    /// it names what the workspace holds (objects, log entries), the index was lost, and opening
    /// fails with `.indexLost` instead of starting a fresh history (run numbers from 1).
    package init(path: String, access: Access = .readWrite, holdsResults: () -> String? = { nil }) throws {
        self.path = path
        self.access = access
        let size = FileSystem.fileStatus(path).map { Int64($0.st_size) }
        if size ?? 0 == 0, let evidence = holdsResults() { throw StoreError.indexLost(path: path, evidence: evidence) }
        do {
            if access == .readWrite {
                (database, snapshot) = (try Self.openForWriting(path), nil)
            } else if size ?? 0 > 0, let inPlace = try Self.openInPlace(path) {
                (database, snapshot) = (inPlace, nil)
            } else {
                let copy = try Self.snapshotCopy(of: path)
                (database, snapshot) = (try Self.openForWriting(copy + "/index.sqlite"), copy)
            }
            try Self.migrator.migrate(database)
            // An index that never issued a run, in a workspace that holds what runs leave: lost
            // and replaced by an empty or new database.
            if try database.read({ try Self.lastIssued($0, "run") }) == 0, let evidence = holdsResults() {
                throw StoreError.indexLost(path: path, evidence: evidence)
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// A private index in memory, for a cluster job: it caches file digests for the job's own
    /// key check and nothing else; the workspace's index is the controller's alone.
    package static func inMemory() throws -> Index {
        try Index(memory: ())
    }

    private init(memory: Void) throws {
        path = ":memory:"
        access = .readWrite
        snapshot = nil
        do {
            database = try DatabaseQueue()
            try Self.migrator.migrate(database)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    deinit {
        if let snapshot { try? FileSystem.removeTree(snapshot) }
    }

    /// Schema changes, appended only: a migration once released is never edited.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, steps, artefacts, lineage") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,
                    pipeline TEXT NOT NULL,          -- the pipeline's name
                    pipeline_file TEXT NOT NULL,     -- absolute path of the pipeline file
                    pipeline_digest TEXT NOT NULL,   -- SHA-256 of the pipeline file's bytes
                    command TEXT NOT NULL,           -- the toets command line
                    tool_version TEXT NOT NULL,
                    started_at TEXT NOT NULL,        -- ISO 8601, UTC
                    ended_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted'))
                );
                CREATE TABLE steps (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    stage TEXT NOT NULL,             -- the stage's name in the pipeline
                    kind TEXT NOT NULL,              -- built-in kind, or 'command'
                    key TEXT NOT NULL,               -- SHA-256 cache key
                    components TEXT NOT NULL,        -- JSON: what the key was computed from
                    status TEXT NOT NULL CHECK (status IN
                        ('running', 'executed', 'cached', 'failed', 'skipped', 'interrupted')),
                    reason TEXT NOT NULL,            -- why it ran, was reused, failed or skipped
                    started_at TEXT,
                    ended_at TEXT,
                    exit_code INTEGER,               -- external commands only
                    UNIQUE (run_id, stage)
                );
                CREATE INDEX steps_by_key ON steps(key, status);
                CREATE INDEX steps_by_stage ON steps(stage, id);
                CREATE TABLE artefacts (
                    digest TEXT PRIMARY KEY,         -- SHA-256; the object is objects/ab/cdef…
                    size INTEGER NOT NULL,
                    first_seen TEXT NOT NULL
                );
                CREATE TABLE step_outputs (
                    step_id INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    digest TEXT NOT NULL REFERENCES artefacts(digest),
                    role TEXT NOT NULL CHECK (role IN ('output', 'log')),
                    PRIMARY KEY (step_id, name)
                );
                CREATE TABLE step_inputs (
                    step_id INTEGER NOT NULL REFERENCES steps(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,              -- 'stage.artefact'
                    digest TEXT NOT NULL REFERENCES artefacts(digest),
                    PRIMARY KEY (step_id, name)
                );
                CREATE INDEX step_outputs_by_digest ON step_outputs(digest);
                CREATE INDEX step_inputs_by_digest ON step_inputs(digest);
                -- Lineage edges: artefact --(step of a run)--> artefact.
                CREATE VIEW lineage AS
                    SELECT i.digest AS input, i.name AS input_name, s.run_id, s.stage,
                           o.digest AS output, o.name AS output_name
                    FROM step_inputs i
                    JOIN steps s ON s.id = i.step_id
                    JOIN step_outputs o ON o.step_id = s.id AND o.role = 'output';
                -- Digests of files outside the store by stat signature: saves re-hashing
                -- unchanged source and code files; never part of a key.
                CREATE TABLE file_digests (
                    path TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    ctime_ns INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    digest TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: provenance log entries of steps") { db in
            try db.execute(sql: """
                -- Which provenance log entry holds each step's signed statement, so that a reused
                -- result can name the statement that produced it. The log is the authority;
                -- this is a lookup that `toets verify` never trusts.
                CREATE TABLE provenance_entries (
                    step_id INTEGER PRIMARY KEY REFERENCES steps(id) ON DELETE CASCADE,
                    log_index INTEGER NOT NULL,
                    statement_digest TEXT NOT NULL   -- SHA-256 of the statement (the DSSE payload)
                );
                """)
        }
        migrator.registerMigration("v3: run and step numbers never reused; runs gc forgot") { db in
            try db.execute(sql: """
                -- The highest run and step numbers ever issued. SQLite would hand out the number
                -- of a deleted newest row again; run and step numbers name checkpoints, log
                -- entries and report folders, so they are never reused, also after
                -- `toets gc --keep-runs 0`.
                CREATE TABLE issued (name TEXT PRIMARY KEY CHECK (name IN ('run', 'step')), last INTEGER NOT NULL);
                INSERT INTO issued SELECT 'run', COALESCE(MAX(id), 0) FROM runs;
                INSERT INTO issued SELECT 'step', COALESCE(MAX(id), 0) FROM steps;
                -- Runs `toets gc` deleted: their statements stay in the provenance log, which
                -- `toets verify` checks against the index both ways.
                CREATE TABLE forgotten_runs (
                    id INTEGER PRIMARY KEY,
                    forgotten_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4: a run's steps found by their run") { db in
            try db.execute(sql: """
                -- Every run reads its own steps (its summary, its publication, its provenance)
                -- and gc deletes old runs' steps: without this each of those scanned every
                -- step's row, which holds its key components (a page or more each).
                CREATE INDEX steps_by_run ON steps(run_id, id);
                """)
        }
        migrator.registerMigration("v5: a reused step names the step that holds its inputs and outputs") { db in
            try db.execute(sql: """
                -- A reused step's inputs and outputs are those of the step whose result it reuses
                -- (equal keys mean equal inputs): instead of copies of that step's rows, which
                -- made each reuse write a dozen index pages, its row names that step. NULL: the
                -- step has rows of its own. Such a step never names another that names a third;
                -- `toets gc` gives a kept step copies of the rows before deleting their holder.
                ALTER TABLE steps ADD COLUMN outputs_of INTEGER REFERENCES steps(id);
                CREATE INDEX steps_by_outputs_of ON steps(outputs_of) WHERE outputs_of IS NOT NULL;
                DROP VIEW lineage;
                CREATE VIEW lineage AS
                    SELECT i.digest AS input, i.name AS input_name, s.run_id, s.stage,
                           o.digest AS output, o.name AS output_name
                    FROM steps s
                    JOIN step_inputs i ON i.step_id = COALESCE(s.outputs_of, s.id)
                    JOIN step_outputs o ON o.step_id = COALESCE(s.outputs_of, s.id) AND o.role = 'output';
                """)
        }
        return migrator
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        guard access == .readWrite else {
            throw StoreError.readOnly(path: path, detail: "this command opened it read-only")
        }
        do { return try database.write(body) } catch { throw Self.storeError(error, path: path) }
    }

    /// Commits `body` without waiting for the disk (`synchronous = NORMAL`), for rows nothing
    /// outside the index names before the next synced commit, which makes them durable with it
    /// (the log is one file, synced whole): a run's start, its reused steps, log positions.
    func writeUnsynced<T>(_ body: (Database) throws -> T) throws -> T {
        guard access == .readWrite else {
            throw StoreError.readOnly(path: path, detail: "this command opened it read-only")
        }
        do {
            return try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                var result: T?
                try db.inTransaction {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    /// Reads through `body`. An index opened to write is read by the process that writes the
    /// workspace (a run, gc, a repair: they hold its lock), through one queue that runs one body
    /// at a time, so those reads go without a transaction of their own: each statement reads
    /// committed rows, and what a read puts together from several (a step's row and its outputs)
    /// does not change once the step has outputs. That saves a BEGIN and a COMMIT, compiled anew
    /// each time, per read: a no-op rerun of the demo makes about 180. An index opened read-only
    /// is read by a process without the lock while a run may write: its reads keep one.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return access == .readWrite ? try database.inDatabase(body) : try database.read(body)
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    // MARK: Runs

    /// Records the start of a run; returns its number: higher than every number this index has
    /// issued (also to runs gc deleted since) and than `after`, the highest the caller knows to
    /// be taken elsewhere (the provenance log, report folders).
    ///
    /// Not synced: nothing outside the index (a job, a log entry, a report folder) names the run
    /// before a synced commit (a step's start or end, the run's end) makes it durable too.
    package func beginRun(pipeline: String, pipelineFile: String, pipelineDigest: Digest,
                          command: String, toolVersion: String, after taken: Int64 = 0) throws -> Int64 {
        try writeUnsynced { db in
            let id = max(try Self.lastIssued(db, "run"), taken) + 1
            try db.execute(
                sql: """
                    INSERT INTO runs (id, pipeline, pipeline_file, pipeline_digest, command, tool_version,
                                      started_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'running')
                    """,
                arguments: [id, pipeline, pipelineFile, pipelineDigest.hex, command, toolVersion, Timestamp.now()])
            try Self.noteIssued(db, "run", id)
            return id
        }
    }

    /// The highest number of `name` (`run`, `step`) issued: the counter, or a higher row.
    static func lastIssued(_ db: Database, _ name: String) throws -> Int64 {
        let table = name == "run" ? "runs" : "steps"
        return try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT MAX((SELECT COALESCE(MAX(last), 0) FROM issued WHERE name = ?), (SELECT COALESCE(MAX(id), 0) FROM \(table)))
            """), arguments: [name]) ?? 0
    }

    static func noteIssued(_ db: Database, _ name: String, _ id: Int64) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO issued (name, last) VALUES (?, ?)").execute(arguments: [name, id])
    }

    /// The highest run number this index has issued, 0 if none.
    package func lastIssuedRun() throws -> Int64 {
        try read { db in try Self.lastIssued(db, "run") }
    }

    /// The runs `toets gc` deleted.
    package func forgottenRuns() throws -> Set<Int64> {
        try read { db in Set(try Int64.fetchAll(db, sql: "SELECT id FROM forgotten_runs")) }
    }

    package func finishRun(_ id: Int64, status: RunStatus) throws {
        try write { db in
            try db.execute(sql: "UPDATE runs SET status = ?, ended_at = ? WHERE id = ?",
                           arguments: [status.rawValue, Timestamp.now(), id])
        }
    }

    /// Marks runs and steps left `running` by a process that died as interrupted. Call only
    /// while holding the workspace lock, when no live run can be writing.
    @discardableResult
    package func closeAbandonedRuns() throws -> Int {
        try write { db in
            try db.execute(sql: Self.abandonedStepsUpdate, arguments: [Timestamp.now()])
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            return db.changesCount
        }
    }

    /// Every run asks (`closeAbandonedRuns`), so it reads `steps_by_key`, which holds each step's
    /// status, and only the rows it changes: a row's status lies after its key components, which
    /// span overflow pages, and a scan of the rows read the whole index on every run.
    static let abandonedStepsUpdate = """
        UPDATE steps INDEXED BY steps_by_key SET status = 'interrupted', ended_at = COALESCE(ended_at, ?),
            reason = reason || ' (its process ended before the step finished)'
        WHERE status = 'running'
        """

    package func run(_ id: Int64) throws -> RunRecord? {
        try read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM runs WHERE id = ?"), arguments: [id]).map(Self.run) }
    }

    /// Runs, newest first.
    package func runs(pipeline: String? = nil, limit: Int = 100) throws -> [RunRecord] {
        try read { db in
            if let pipeline {
                return try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE pipeline = ? ORDER BY id DESC LIMIT ?",
                                        arguments: [pipeline, limit]).map(Self.run)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(Self.run)
        }
    }

    private static func run(_ row: Row) -> RunRecord {
        RunRecord(
            id: row["id"], pipeline: row["pipeline"], pipelineFile: row["pipeline_file"],
            pipelineDigest: Digest(hex: row["pipeline_digest"])!, command: row["command"],
            toolVersion: row["tool_version"], startedAt: row["started_at"], endedAt: row["ended_at"],
            status: RunStatus(rawValue: row["status"]) ?? .interrupted)
    }

    // MARK: Steps

    /// Records a step as it starts (status running); returns its id.
    package func beginStep(run: Int64, stage: String, components: KeyComponents, reason: String) throws -> Int64 {
        try insertSteps(run: run, [DecidedStep(stage: stage, components: components, status: .running, reason: reason)])[0]
    }

    /// Records a step that is already decided (cached, skipped, failed before starting).
    @discardableResult
    package func recordStep(run: Int64, stage: String, components: KeyComponents, status: StepStatus,
                            reason: String, inputs: [String: Digest] = [:],
                            artefacts: [StepArtefact] = []) throws -> Int64 {
        try insertSteps(run: run, [DecidedStep(stage: stage, components: components, status: status, reason: reason,
                                               inputs: inputs, artefacts: artefacts)])[0]
    }

    /// Records reused steps, in this order, in one transaction, not synced: their statements are
    /// logged without a sync too, and the log is synced only after a synced commit of the index
    /// (a step's end, the run's end), which makes these durable first. Returns their ids.
    package func recordSteps(run: Int64, _ steps: [DecidedStep]) throws -> [Int64] {
        try insertSteps(run: run, steps, synced: false)
    }

    private func insertSteps(run: Int64, _ steps: [DecidedStep], synced: Bool = true) throws -> [Int64] {
        guard !steps.isEmpty else { return [] }
        let keys = steps.map(\.components.key)
        let json = try zip(steps, keys).map { step, key in
            if let known = jsonByKey.withLock({ $0[key] }) { return known }
            let json = String(decoding: try Self.encoder.encode(step.components), as: UTF8.self)
            remember(json, components: step.components, key: key)
            return json
        }
        func insert(_ db: Database) throws -> [Int64] {
            let now = Timestamp.now()
            var id = try Self.lastIssued(db, "step")
            var ids: [Int64] = []
            for (step, json) in zip(steps, json) {
                id += 1
                // The step that holds the reused result's rows: the reused step's holder if it
                // has one (never a chain), else that step; none (rows of its own) unless the index
                // holds it as a result of the same key.
                let holder = try step.reuses.flatMap { reused in
                    try Int64.fetchOne(db.cachedStatement(sql: """
                        SELECT COALESCE(outputs_of, id) FROM steps WHERE id = ? AND key = ? AND status IN ('executed', 'cached')
                        """), arguments: [reused, keys[ids.count].hex])
                }
                try db.cachedStatement(sql: """
                    INSERT INTO steps (id, run_id, stage, kind, key, components, status, reason, started_at, ended_at,
                                       outputs_of)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [id, run, step.stage, step.components.kind, keys[ids.count].hex, json,
                                             step.status.rawValue, step.reason, now, step.status == .running ? nil : now,
                                             holder])
                if holder == nil { try Self.attach(db, step: id, inputs: step.inputs, artefacts: step.artefacts) }
                ids.append(id)
            }
            try Self.noteIssued(db, "step", id)
            return ids
        }
        return try synced ? write(insert) : writeUnsynced(insert)
    }

    /// Finishes a running step. Outputs must already be durable in the store: they and the
    /// status are committed together, so the index never claims a result it does not have.
    package func finishStep(_ id: Int64, status: StepStatus, reason: String, exitCode: Int?,
                            inputs: [String: Digest], artefacts: [StepArtefact]) throws {
        try write { db in
            try db.execute(sql: "UPDATE steps SET status = ?, reason = ?, ended_at = ?, exit_code = ? WHERE id = ?",
                           arguments: [status.rawValue, reason, Timestamp.now(), exitCode, id])
            try Self.attach(db, step: id, inputs: inputs, artefacts: artefacts)
        }
    }

    static func attach(_ db: Database, step: Int64, inputs: [String: Digest],
                               artefacts: [StepArtefact]) throws {
        let now = Timestamp.now()
        for artefact in artefacts {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO artefacts (digest, size, first_seen) VALUES (?, ?, ?)")
                .execute(arguments: [artefact.digest.hex, artefact.size, now])
            try db.cachedStatement(sql: "INSERT INTO step_outputs (step_id, name, digest, role) VALUES (?, ?, ?, ?)")
                .execute(arguments: [step, artefact.name, artefact.digest.hex, artefact.role.rawValue])
        }
        for (name, digest) in inputs.sorted(by: { $0.key < $1.key }) {
            try db.cachedStatement(sql: "INSERT INTO step_inputs (step_id, name, digest) VALUES (?, ?, ?)")
                .execute(arguments: [step, name, digest.hex])
        }
    }

    /// The step that holds the result of `key`, from `steps_by_key` alone: every rerun adds a
    /// cached step of each key, and choosing among whole rows read each one with its key
    /// components (a page or more each), so a no-op cost grew with the runs before it. The newest
    /// execution, else the newest reuse: each a seek to the end of its (key, status) range, where
    /// one query over both statuses sorted every step of the key (a temporary B-tree per lookup,
    /// a tenth of a demo no-op's time with 240 runs behind it).
    static let cachedStepQuery = """
        SELECT COALESCE(
            (SELECT id FROM steps WHERE key = ? AND status = 'executed' ORDER BY id DESC LIMIT 1),
            (SELECT id FROM steps WHERE key = ? AND status = 'cached' ORDER BY id DESC LIMIT 1))
        """

    /// The step with outputs whose key is `key`, from any run or pipeline: the cache. The newest
    /// execution is preferred to a reuse, so a reuse names the run that computed the result.
    ///
    /// `components`, when the caller computed `key` from them, stand for the stored ones (equal
    /// keys mean equal components), which are then not decoded.
    package func cachedStep(forKey key: Digest, components: KeyComponents? = nil) throws -> StepRecord? {
        let known = components.flatMap { $0.key == key ? $0 : nil }
        return try read { db in
            try Int64.fetchOne(db.cachedStatement(sql: Self.cachedStepQuery), arguments: [key.hex, key.hex])
                .flatMap { try step(id: $0, db, components: known) }
        }
    }

    /// The newest step of `stage` in `pipeline`; `withOutputs` keeps only executed or cached ones.
    /// Without a pipeline, the newest step of a stage of that name in any pipeline.
    package func lastStep(pipeline: String?, stage: String, withOutputs: Bool) throws -> StepRecord? {
        try read { db in
            let filter = withOutputs ? "AND s.status IN ('executed', 'cached')" : "AND s.status != 'skipped'"
            return try Row.fetchOne(db, sql: """
                SELECT s.* FROM steps s JOIN runs r ON r.id = s.run_id
                WHERE (r.pipeline = ? OR ? IS NULL) AND s.stage = ? \(filter) ORDER BY s.id DESC LIMIT 1
                """, arguments: [pipeline, pipeline, stage]).map { try step($0, db) }
        }
    }

    static let stepsOfRunQuery = "SELECT * FROM steps WHERE run_id = ? ORDER BY id"

    /// Every step of a run, in the order they were recorded.
    package func steps(run: Int64) throws -> [StepRecord] {
        try read { db in
            try Row.fetchAll(db, sql: Self.stepsOfRunQuery, arguments: [run])
                .map { try step($0, db) }
        }
    }

    /// When step `id` started and ended, as recorded.
    package func stepTimes(_ id: Int64) throws -> (started: String?, ended: String?) {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT started_at, ended_at FROM steps WHERE id = ?"),
                                             arguments: [id])
            else { return (nil, nil) }
            return (row["started_at"], row["ended_at"])
        }
    }

    /// Decodes `json`, and remembers what it decoded to.
    private func decodeComponents(_ json: String) throws -> KeyComponents {
        let components = try JSONDecoder().decode(KeyComponents.self, from: Data(json.utf8))
        remember(json, components: components, key: nil)
        return components
    }

    /// Remembers that `json` holds `components` (whose key is `key`): at most a few thousand,
    /// past which it starts again (a command that reads every step of a long history decodes
    /// some twice rather than holding them all).
    private func remember(_ json: String, components: KeyComponents?, key: Digest?) {
        if let components {
            componentsByJSON.withLock { memo in
                if memo.count >= 4_096 { memo.removeAll(keepingCapacity: true) }
                memo[json] = components
            }
        }
        if let key {
            jsonByKey.withLock { memo in
                if memo.count >= 4_096 { memo.removeAll(keepingCapacity: true) }
                memo[key] = json
            }
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Step `id`'s whole record (its row, then its artefacts), if there is one.
    /// `components`, when given, are those of the step's key, taken for the stored ones.
    func step(id: Int64, _ db: Database, components: KeyComponents? = nil) throws -> StepRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM steps WHERE id = ?"), arguments: [id])
            .map { try step($0, db, components: components) }
    }

    /// `known`, when given, are the components of the row's key (the caller checked), taken for
    /// the stored ones.
    func step(_ row: Row, _ db: Database, components known: KeyComponents? = nil) throws -> StepRecord {
        let id: Int64 = row["id"]
        let key = Digest(hex: row["key"])!
        let json: String = row["components"]
        let components: KeyComponents
        if let known {
            components = known
            remember(json, components: known, key: key)
        } else {
            components = try componentsByJSON.withLock { $0[json] } ?? decodeComponents(json)
        }
        // A reuse's outputs are the rows of the step that holds them.
        let holder: Int64 = row["outputs_of"] ?? id
        let artefacts = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT o.name, o.digest, o.role, a.size FROM step_outputs o JOIN artefacts a ON a.digest = o.digest
            WHERE o.step_id = ? ORDER BY o.role DESC, o.name
            """), arguments: [holder]).map { output in
            StepArtefact(name: output["name"], digest: Digest(hex: output["digest"])!, size: output["size"],
                         role: ArtefactRole(rawValue: output["role"]) ?? .output)
        }
        return StepRecord(
            id: id, runID: row["run_id"], stage: row["stage"], kind: row["kind"], key: key,
            components: components, status: StepStatus(rawValue: row["status"]) ?? .interrupted,
            reason: row["reason"], startedAt: row["started_at"], endedAt: row["ended_at"],
            exitCode: row["exit_code"], artefacts: artefacts)
    }
}
