import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsStore

/// The index under faults: deleted runs, a truncated, replaced or damaged file, a read-only
/// open, and a rebuild into its place.
@Suite struct IndexFaultTests {
    let directory = TemporaryDirectory()

    var root: String { directory.path + "/ws" }

    func beginRun(_ index: Index, after taken: Int64 = 0) throws -> Int64 {
        try index.beginRun(pipeline: "p", pipelineFile: "p.yaml", pipelineDigest: Digest.sha256(of: []),
                           command: "toets run p.yaml", toolVersion: "test", after: taken)
    }

    /// A workspace with one run whose step stored an object.
    func workspaceWithARun() throws -> Workspace {
        let workspace = try Workspace(root: root)
        let digest = try workspace.store.put(bytes: Array("result\n".utf8))
        let run = try beginRun(workspace.index)
        try workspace.index.recordStep(run: run, stage: "s", components: KeyComponents(kind: "command", kindVersion: 1),
                                       status: .executed, reason: "", artefacts: [StepArtefact(name: "x", digest: digest, size: 7)])
        return workspace
    }

    @Test func runAndStepNumbersAreNeverReusedAfterGCDeletesEveryRun() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        for _ in 1...2 {
            let run = try beginRun(index)
            try index.recordStep(run: run, stage: "s", components: KeyComponents(kind: "command", kindVersion: 1),
                                 status: .executed, reason: "")
        }
        #expect(try index.deleteRuns(keepingNewest: 0) == 2)
        #expect(try index.forgottenRuns() == [1, 2])
        let third = try beginRun(index)
        #expect(third == 3)
        let step = try index.recordStep(run: third, stage: "s", components: KeyComponents(kind: "command", kindVersion: 1),
                                        status: .executed, reason: "")
        #expect(step == 3)
        // A number taken elsewhere (the log, a report folder) is skipped too.
        #expect(try beginRun(index, after: 10) == 11)
        #expect(try index.lastIssuedRun() == 11)
    }

    @Test func anIndexTruncatedToZeroBytesIsNotTakenForAFreshWorkspace() throws {
        _ = try workspaceWithARun()
        try Data().write(to: URL(fileURLWithPath: root + "/index.sqlite"))
        #expect {
            _ = try Workspace(root: root)
        } throws: { error in
            guard case StoreError.indexLost(_, let evidence) = error else { return false }
            return evidence.contains("stored objects")
        }
        // Nothing was made in its place.
        #expect(FileSystem.fileStatus(root + "/index.sqlite")?.st_size == 0)
        #expect(throws: StoreError.self) { _ = try Workspace.existing(at: root, access: .readOnly) }
    }

    @Test func aDeletedOrReplacedIndexIsNotTakenForAFreshWorkspace() throws {
        _ = try workspaceWithARun()
        for suffix in ["", "-wal", "-shm"] { try FileSystem.removeTree(root + "/index.sqlite" + suffix) }
        #expect(throws: StoreError.self) { _ = try Workspace(root: root) }
        // A new empty database in its place is no better.
        _ = try Index(path: root + "/index.sqlite", holdsResults: { nil })
        #expect {
            _ = try Workspace(root: root)
        } throws: { error in
            if case StoreError.indexLost = error { true } else { false }
        }
        #expect(try Workspace.existing(at: directory.path + "/nothing-here") == nil)
    }

    @Test func aDamagedIndexIsToldApartFromOtherFailures() throws {
        _ = try workspaceWithARun()
        try Data("this is not a database, it was overwritten".utf8).write(to: URL(fileURLWithPath: root + "/index.sqlite"))
        for suffix in ["-wal", "-shm"] { try FileSystem.removeTree(root + "/index.sqlite" + suffix) }
        #expect {
            _ = try Workspace(root: root)
        } throws: { error in
            guard case StoreError.indexDamaged(_, let detail) = error else { return false }
            return detail.contains("not a database") && !"\(error)".contains("SQLite error 26")
        }
    }

    @Test func pagesOverwrittenInTheMiddleAreReportedAsDamageOnUse() throws {
        do { _ = try workspaceWithARun() }
        let path = root + "/index.sqlite"
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        for page in stride(from: UInt64(4096), to: size, by: 4096) {
            try handle.seek(toOffset: page)
            handle.write(Data(repeating: 0xA5, count: 4096))
        }
        try handle.close()
        #expect {
            let workspace = try Workspace(root: root)
            _ = try workspace.index.runs()
            _ = try workspace.index.integrityProblems()
        } throws: { error in
            if case StoreError.indexDamaged = error { true } else { false }
        }
    }

    @Test func aReadOnlyOpenWritesNothingAndRefusesWrites() throws {
        do { _ = try workspaceWithARun() }
        let before = try FileSystem.readSmallFile(root + "/index.sqlite")
        let workspace = try Workspace(root: root, access: .readOnly)
        #expect(try workspace.index.runs().count == 1)
        #expect {
            _ = try beginRun(workspace.index)
        } throws: { error in
            if case StoreError.readOnly = error { true } else { false }
        }
        try workspace.index.recordFileDigest(path: "/x", signature: FileSignature(size: 1, mtimeNanoseconds: 1,
                                                                                   ctimeNanoseconds: 1, inode: 1),
                                             digest: Digest.sha256(of: []))
        #expect(try FileSystem.readSmallFile(root + "/index.sqlite") == before)
        // No workspace is made where there is none.
        #expect(throws: StoreError.self) { _ = try Workspace(root: directory.path + "/absent", access: .readOnly) }
        #expect(!FileSystem.exists(directory.path + "/absent"))
    }

    @Test func anOlderSchemaIsReadThroughAPrivateCopyWithoutMigratingTheOriginal() throws {
        do { _ = try workspaceWithARun() }
        // As an index written before run numbers were kept: the v3 tables and migration row gone.
        do {
            let index = try Index(path: root + "/index.sqlite")
            try index.write { db in
                try db.execute(sql: "DROP TABLE issued; DROP TABLE forgotten_runs")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3%'")
            }
        }
        let workspace = try Workspace(root: root, access: .readOnly)
        #expect(try workspace.index.runs().count == 1)
        #expect(try workspace.index.lastIssuedRun() == 1)
        let tables = try Index.openInPlace(root + "/index.sqlite")
        #expect(tables == nil, "the original was migrated by a read-only command")
    }

    @Test func aRebuiltIndexTakesThePlaceOfTheOldWhichIsKept() throws {
        do { _ = try workspaceWithARun() }
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: root + "/index.sqlite"))
        let kept = try Workspace.replaceIndex(root: root) { index in
            try index.restore(runs: [RunRecord(id: 7, pipeline: "p", pipelineFile: "", pipelineDigest: Digest.sha256(of: []),
                                               command: "", toolVersion: "t", startedAt: "", endedAt: nil, status: .succeeded)],
                              steps: [], forgotten: [3], lastIssued: (run: 9, step: 20)) { _ in 0 }
        }
        let keptPath = try #require(kept)
        #expect(try FileSystem.readSmallFile(keptPath) == Array("damaged".utf8))
        let workspace = try Workspace(root: root)
        #expect(try workspace.index.runs().map(\.id) == [7])
        #expect(try workspace.index.forgottenRuns() == [3])
        #expect(try beginRun(workspace.index) == 10)
        #expect(!FileSystem.exists(root + "/index.sqlite.rebuilding"))
    }
}
