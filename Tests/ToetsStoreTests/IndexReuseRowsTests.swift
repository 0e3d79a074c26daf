import Foundation
import GRDB
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsStore

/// A reused step's row names the step that holds its input and output rows instead of copying
/// them; readers, `gc` and the lineage view see the same facts as when they were copied.
@Suite struct IndexReuseRowsTests {
    let directory = TemporaryDirectory()

    let components = KeyComponents(kind: "command", kindVersion: 1, parameters: ParamValue.map(["window": .int(60)]).leaves())
    let input = Digest.sha256(of: [7])
    let output = StepArtefact(name: "count", digest: Digest.sha256(of: [1]), size: 1)
    let log = StepArtefact(name: "stderr", digest: Digest.sha256(of: [2]), size: 1, role: .log)

    func beginRun(_ index: Index) throws -> Int64 {
        try index.beginRun(pipeline: "p", pipelineFile: "p.yaml", pipelineDigest: Digest.sha256(of: []),
                           command: "toets run p.yaml", toolVersion: "test")
    }

    func rowCount(_ index: Index, _ sql: String) throws -> Int {
        try index.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    /// The artefact `input`, as the output of a step `a` of `run`.
    func recordInput(_ index: Index, run: Int64) throws {
        try index.recordStep(run: run, stage: "a", components: KeyComponents(kind: "command", kindVersion: 1),
                             status: .executed, reason: "", artefacts: [StepArtefact(name: "n", digest: input, size: 1)])
    }

    /// An executed step, then a reuse of it, then a reuse of the reuse; returns the three step ids.
    func executedThenReusedTwice(_ index: Index) throws -> [Int64] {
        let run = try beginRun(index)
        try recordInput(index, run: run)
        let first = try index.recordStep(run: run, stage: "count", components: components, status: .executed,
                                         reason: "", inputs: ["a.n": input], artefacts: [output, log])
        let second = try index.recordSteps(run: try beginRun(index), [
            DecidedStep(stage: "count", components: components, status: .cached, reason: "reused", inputs: ["a.n": input],
                        artefacts: [log, output], reuses: first),
        ])[0]
        let third = try index.recordSteps(run: try beginRun(index), [
            DecidedStep(stage: "count", components: components, status: .cached, reason: "reused", inputs: ["a.n": input],
                        artefacts: [log, output], reuses: second),
        ])[0]
        return [first, second, third]
    }

    @Test func aReuseReadsTheOutputsOfTheStepItNamesWithoutCopyingAnyRow() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let ids = try executedThenReusedTwice(index)
        #expect(try rowCount(index, "SELECT count(*) FROM step_outputs") == 3)
        #expect(try rowCount(index, "SELECT count(*) FROM step_inputs") == 1)
        // A reuse of a reuse names the holder itself: never a chain.
        let holders = try index.read { db in
            try Int64?.fetchAll(db, sql: "SELECT outputs_of FROM steps WHERE stage = 'count' ORDER BY id")
        }
        #expect(holders == [nil, ids[0], ids[0]])
        for run in try index.runs() {
            let step = try #require(try index.steps(run: run.id).last)
            #expect(step.artefacts == [output, log], "run \(run.id)")
        }
        #expect(try index.cachedStep(forKey: components.key)?.id == ids[0])
        #expect(try index.lastStep(pipeline: "p", stage: "count", withOutputs: true)?.artefacts == [output, log])
        // The lineage view still shows every run's step between the input and the output.
        let lineage = try index.read { db in
            try Row.fetchAll(db, sql: "SELECT input, run_id, output FROM lineage ORDER BY run_id")
                .map { [$0["input"] as String, "\($0["run_id"] as Int64)", $0["output"] as String] }
        }
        #expect(lineage == (try index.runs()).reversed().map { [input.hex, "\($0.id)", output.digest.hex] })
        #expect(try index.integrityProblems().isEmpty)
    }

    @Test func aReuseOfAStepTheIndexDoesNotHoldKeepsRowsOfItsOwn() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let run = try beginRun(index)
        try recordInput(index, run: run)
        let id = try index.recordSteps(run: run, [
            DecidedStep(stage: "count", components: components, status: .cached, reason: "", inputs: ["a.n": input],
                        artefacts: [output], reuses: 9_999),
        ])[0]
        #expect(try index.read { db in try Int64.fetchOne(db, sql: "SELECT outputs_of FROM steps WHERE id = ?", arguments: [id]) } == nil)
        #expect(try index.steps(run: run).last?.artefacts == [output])
        #expect(try rowCount(index, "SELECT count(*) FROM step_inputs") == 1)

        // Nor does a reuse that names a step of another key or without outputs: its outputs
        // would be taken from the wrong step.
        let other = KeyComponents(kind: "command", kindVersion: 2)
        let failed = try index.recordStep(run: run, stage: "broken", components: components, status: .failed, reason: "")
        let named = try index.recordSteps(run: try beginRun(index), [
            DecidedStep(stage: "other", components: other, status: .cached, reason: "", artefacts: [log], reuses: id),
            DecidedStep(stage: "count", components: components, status: .cached, reason: "", artefacts: [output],
                        reuses: failed),
        ])
        let holders = try index.read { db in
            try Int64?.fetchAll(db, sql: "SELECT outputs_of FROM steps WHERE id IN (?, ?) ORDER BY id", arguments: [named[0], named[1]])
        }
        #expect(holders == [nil, nil])
        #expect(try index.steps(run: try index.runs().first!.id).map(\.artefacts) == [[log], [output]])
    }

    @Test func gcCopiesTheRowsOfADeletedHolderToTheReusesItKeeps() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let ids = try executedThenReusedTwice(index)
        #expect(try index.deleteRuns(keepingNewest: 1) == 2)
        let kept = try #require(try index.steps(run: try index.runs().first!.id).first)
        #expect(kept.id == ids[2] && kept.artefacts == [output, log])
        #expect(try index.referencedDigests() == [input, output.digest, log.digest])
        #expect(try index.cachedStep(forKey: components.key)?.artefacts == [output, log])
        #expect(try rowCount(index, "SELECT count(*) FROM lineage") == 1)
        #expect(try rowCount(index, "SELECT count(*) FROM steps WHERE outputs_of IS NOT NULL") == 0)
        #expect(try index.integrityProblems().isEmpty)

        // Keeping the holder keeps the reference.
        let again = try Index(path: directory.path + "/again.sqlite")
        let moreIDs = try executedThenReusedTwice(again)
        #expect(try again.deleteRuns(keepingNewest: 3) == 0)
        #expect(try again.read { db in try Int64?.fetchAll(db, sql: "SELECT outputs_of FROM steps WHERE stage = 'count' ORDER BY id") }
                == [nil, moreIDs[0], moreIDs[0]])
    }

    @Test func aHolderCannotBeDeletedFromUnderAReuse() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let ids = try executedThenReusedTwice(index)
        // Deleting the holder's run without the copies gc makes first breaks the reference: refused.
        #expect(throws: (any Error).self) {
            try index.write { db in
                try db.execute(sql: "DELETE FROM runs WHERE id = (SELECT run_id FROM steps WHERE id = ?)", arguments: [ids[0]])
            }
        }
        #expect(try index.steps(run: try index.runs().first!.id).last?.artefacts == [output, log])
    }

    /// An index as main's schema (migrations v1–v4) wrote it, with a reuse that copied its rows.
    @Test func anIndexOfTheEarlierSchemaIsMigratedInPlaceAndReadsTheSame() throws {
        let path = directory.path + "/index.sqlite"
        do {
            let database = try DatabaseQueue(path: path, configuration: Index.configuration(readOnly: false))
            try Index.migrator.migrate(database, upTo: "v4: a run's steps found by their run")
            let json = String(decoding: try Index.encoder.encode(components), as: UTF8.self)
            try database.write { db in
                try db.execute(sql: "INSERT INTO artefacts (digest, size, first_seen) VALUES (?, 1, 't')", arguments: [input.hex])
                for run in 1...2 {
                    try db.execute(sql: """
                        INSERT INTO runs (id, pipeline, pipeline_file, pipeline_digest, command, tool_version, started_at,
                                          ended_at, status) VALUES (?, 'p', 'p.yaml', ?, 'toets run p.yaml', 'old', 't', 't', 'succeeded')
                        """, arguments: [run, Digest.sha256(of: []).hex])
                    try db.execute(sql: """
                        INSERT INTO steps (id, run_id, stage, kind, key, components, status, reason, started_at, ended_at)
                        VALUES (?, ?, 'count', 'command', ?, ?, ?, '', 't', 't')
                        """, arguments: [run, run, components.key.hex, json, run == 1 ? "executed" : "cached"])
                    try Index.attach(db, step: Int64(run), inputs: ["a.n": input], artefacts: [output, log])
                }
                try db.execute(sql: "INSERT OR REPLACE INTO issued (name, last) VALUES ('run', 2), ('step', 2)")
            }
        }
        let index = try Index(path: path)
        #expect(try index.read { db in try Index.migrator.hasCompletedMigrations(db) })
        for run: Int64 in [1, 2] {
            let step = try #require(try index.steps(run: run).first)
            #expect(step.artefacts == [output, log] && step.components == components)
        }
        #expect(try rowCount(index, "SELECT count(*) FROM lineage") == 2)
        // A reuse of the old copied reuse names it: it holds rows of its own.
        let id = try index.recordSteps(run: try beginRun(index), [
            DecidedStep(stage: "count", components: components, status: .cached, reason: "", inputs: ["a.n": input],
                        artefacts: [output, log], reuses: 2),
        ])[0]
        #expect(try index.read { db in try Int64.fetchOne(db, sql: "SELECT outputs_of FROM steps WHERE id = ?", arguments: [id]) } == 2)
        #expect(try index.steps(run: 3).first?.artefacts == [output, log])
        #expect(try index.deleteRuns(keepingNewest: 1) == 2)
        #expect(try index.steps(run: 3).first?.artefacts == [output, log])
        #expect(try index.integrityProblems().isEmpty)
    }
}
