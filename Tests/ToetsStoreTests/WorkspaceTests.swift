import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsStore

@Suite struct WorkspaceTests {
    let directory = TemporaryDirectory()

    @Test func aSecondLockerWithoutWaitingIsToldWhoHoldsTheWorkspace() async throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        let held = try await workspace.lock(purpose: "toets run a.yaml", wait: false)
        await #expect {
            _ = try await workspace.lock(purpose: "toets run b.yaml", wait: false)
        } throws: { error in
            guard case StoreError.locked(_, let holder) = error else { return false }
            return holder.contains("pid \(getpid())") && holder.contains("toets run a.yaml")
        }
        withExtendedLifetime(held) {}
    }

    @Test func aWaitingLockerGetsTheLockOnceItIsReleased() async throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        var held: WorkspaceLock? = try await workspace.lock(purpose: "first", wait: false)
        let waited = Task {
            try await workspace.lock(purpose: "second", wait: true)
        }
        try await Task.sleep(for: .milliseconds(100))
        held = nil
        _ = try await waited.value
        #expect(held == nil)
    }

    @Test func aWaitForTheLockEndsWhenTheTaskIsCancelled() async throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        let held = try await workspace.lock(purpose: "first", wait: false)
        let waiting = Task { try await workspace.lock(purpose: "second", wait: true) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        withExtendedLifetime(held) {}
    }

    @Test func verifyReportsCorruptAndMissingObjectsAndRepairMovesCorruptOnesAside() throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        let good = try workspace.store.put(bytes: Array("good".utf8))
        let bad = try workspace.store.put(bytes: Array("bad".utf8))
        let gone = try workspace.store.put(bytes: Array("gone".utf8))
        let run = try workspace.index.beginRun(pipeline: "p", pipelineFile: "p.yaml", pipelineDigest: good,
                                               command: "t", toolVersion: "t")
        try workspace.index.recordStep(
            run: run, stage: "s", components: KeyComponents(kind: "k", kindVersion: 1), status: .executed, reason: "",
            artefacts: [good, bad, gone].enumerated().map { StepArtefact(name: "o\($0)", digest: $1, size: 4) })
        try workspace.store.remove(gone)
        try flipFirstByte(workspace.store.path(of: bad))

        let report = try workspace.verify(repair: false)
        #expect(!report.passed)
        #expect(report.objectsChecked == 2)
        #expect(report.corrupt.map(\.digest) == [bad])
        #expect(report.missing == [gone])
        #expect(workspace.store.contains(bad))

        let repaired = try workspace.verify(repair: true)
        let moved = try #require(repaired.corrupt.first?.movedTo)
        #expect(FileSystem.exists(moved))
        #expect(!workspace.store.contains(bad))
    }

    @Test func verifyPassesOnAnUntouchedWorkspace() throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        try workspace.store.put(bytes: Array("fine".utf8))
        let report = try workspace.verify(repair: false)
        #expect(report.passed)
        #expect(report.bytesChecked == 4)
    }

    @Test func garbageCollectionDeletesOnlyWhatNoKeptRunRefersTo() throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        var digests: [Digest] = []
        for version in 1...3 {
            let digest = try workspace.store.put(bytes: Array("v\(version)".utf8))
            digests.append(digest)
            let run = try workspace.index.beginRun(pipeline: "p", pipelineFile: "p.yaml", pipelineDigest: digest,
                                                   command: "t", toolVersion: "t")
            try workspace.index.recordStep(
                run: run, stage: "s", components: KeyComponents(kind: "k", kindVersion: version), status: .executed,
                reason: "", artefacts: [StepArtefact(name: "o", digest: digest, size: 2)])
        }
        let stray = try workspace.store.put(bytes: Array("stray".utf8))
        let report = try workspace.collectGarbage(keepRuns: 2)
        #expect(report.runsDeleted == 1)
        #expect(report.objectsDeleted == 2)
        #expect(!workspace.store.contains(digests[0]) && !workspace.store.contains(stray))
        #expect(workspace.store.contains(digests[1]) && workspace.store.contains(digests[2]))
        #expect(try workspace.verify(repair: false).passed)
    }

    @Test func externalFileDigestsFollowTheContent() throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        let file = try directory.write("data.csv", "a\n")
        #expect(try workspace.digest(ofExternalFile: file) == Digest.sha256(of: Array("a\n".utf8)))
        try directory.write("data.csv", "b\n")
        #expect(try workspace.digest(ofExternalFile: file) == Digest.sha256(of: Array("b\n".utf8)))
    }

    @Test func aFileDigestIsRememberedOnlyOnceTheFileHasStoodStillForASecond() throws {
        let workspace = try Workspace(root: directory.path + "/ws")
        let file = try directory.write("lists.txt", "Jansen\n")
        func signature() -> FileSignature {
            var info = stat()
            _ = stat(file, &info)
            return FileSignature(size: Int64(info.st_size),
                                 mtimeNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                                 ctimeNanoseconds: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                                 inode: Int64(bitPattern: UInt64(info.st_ino)))
        }
        // Just written, it could be written again within the same tick of the file clock, with
        // the same size and times: hashed, not remembered.
        #expect(try workspace.digest(ofExternalFile: file) == Digest.sha256(of: Array("Jansen\n".utf8)))
        #expect(try workspace.index.cachedFileDigest(path: file, signature: signature()) == nil)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try workspace.digest(ofExternalFile: file) == Digest.sha256(of: Array("Jansen\n".utf8)))
        #expect(try workspace.index.cachedFileDigest(path: file, signature: signature()) != nil)
        // Changed in place with the same size and modification time: its change time tells.
        let old = signature()
        let fd = open(file, O_WRONLY)
        #expect(pwrite(fd, "P", 1, 0) == 1)
        var times = [timespec(tv_sec: Int(old.mtimeNanoseconds / 1_000_000_000), tv_nsec: Int(old.mtimeNanoseconds % 1_000_000_000))]
        times.append(times[0])
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(signature().mtimeNanoseconds == old.mtimeNanoseconds)
        #expect(try workspace.digest(ofExternalFile: file) == Digest.sha256(of: Array("Pansen\n".utf8)))
    }
}
