import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsStore

@Suite struct IndexTests {
    let directory = TemporaryDirectory()

    func components(_ window: Int) -> KeyComponents {
        KeyComponents(kind: "command", kindVersion: 1, parameters: ParamValue.map(["window": .int(window)]).leaves())
    }

    func beginRun(_ index: Index) throws -> Int64 {
        try index.beginRun(pipeline: "p", pipelineFile: "p.yaml", pipelineDigest: Digest.sha256(of: []),
                           command: "toets run p.yaml", toolVersion: "test")
    }

    @Test func aStepIsCachedOnlyOnceItHasFinishedWithOutputs() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let run = try beginRun(index)
        let step = try index.beginStep(run: run, stage: "count", components: components(60), reason: "never run before")
        #expect(try index.cachedStep(forKey: components(60).key) == nil)
        let output = StepArtefact(name: "count", digest: Digest.sha256(of: [1]), size: 1)
        try index.finishStep(step, status: .executed, reason: "never run before", exitCode: 0, inputs: [:],
                             artefacts: [output])
        let cached = try #require(try index.cachedStep(forKey: components(60).key))
        #expect(cached.artefacts == [output])
        #expect(cached.components == components(60))
        #expect(try index.cachedStep(forKey: components(30).key) == nil)
    }

    @Test func aReuseNamesTheRunThatComputedTheResult() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let output = StepArtefact(name: "count", digest: Digest.sha256(of: [1]), size: 1)
        let first = try beginRun(index)
        try index.recordStep(run: first, stage: "count", components: components(60), status: .executed, reason: "",
                             artefacts: [output])
        let second = try beginRun(index)
        try index.recordStep(run: second, stage: "count", components: components(60), status: .cached, reason: "",
                             artefacts: [output])
        #expect(try index.cachedStep(forKey: components(60).key)?.runID == first)
        #expect(try index.lastStep(pipeline: "p", stage: "count", withOutputs: true)?.runID == second)
        // Every rerun adds a cached step of each key: the choice reads the index, not the rows.
        let plan = try index.queryPlan(Index.cachedStepQuery)
        #expect(plan.contains("COVERING INDEX steps_by_key"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "each status's newest step is a seek, not a sort: \(plan)")
    }

    @Test func aLookupGivenItsKeysComponentsSkipsDecodingOnlyWhenTheyHaveThatKey() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let output = StepArtefact(name: "count", digest: Digest.sha256(of: [1]), size: 1)
        let first = try beginRun(index)
        try index.recordStep(run: first, stage: "count", components: components(60), status: .executed, reason: "",
                             artefacts: [output])
        // Components of another key are not taken for the stored ones.
        let other = try #require(try index.cachedStep(forKey: components(60).key, components: components(30)))
        #expect(other.components == components(60))
        let same = try #require(try index.cachedStep(forKey: components(60).key, components: components(60)))
        #expect(same.components == components(60) && same.artefacts == [output] && same.runID == first)

        // A reuse recorded after the lookup stores the stored text, which reads back, in another
        // process, as the same components.
        let second = try beginRun(index)
        try index.recordStep(run: second, stage: "count", components: components(60), status: .cached, reason: "",
                             artefacts: [output])
        try index.recordStep(run: second, stage: "other", components: components(30), status: .cached, reason: "",
                             artefacts: [output])
        let reopened = try Index(path: directory.path + "/index.sqlite")
        let steps = try reopened.steps(run: second)
        #expect(steps.map(\.components) == [components(60), components(30)])
        #expect(steps.map(\.key) == [components(60).key, components(30).key])
    }

    @Test func everyCommitIsSyncedEvenThoughWALModeWouldLowerItToNormal() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        #expect(try index.synchronousSetting() == 2)  // FULL
        let reopened = try Index(path: directory.path + "/index.sqlite")
        #expect(try reopened.synchronousSetting() == 2)
    }

    @Test func decidedStepsRecordedTogetherGetNumbersInTheirOrderAndNeverReuseOne() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let run = try beginRun(index)
        let first = try index.recordStep(run: run, stage: "a", components: components(1), status: .failed, reason: "broken")
        let output = StepArtefact(name: "n", digest: Digest.sha256(of: [2]), size: 1)
        let ids = try index.recordSteps(run: run, [
            DecidedStep(stage: "b", components: components(2), status: .cached, reason: "reused", inputs: ["a.n": output.digest],
                        artefacts: [output]),
            DecidedStep(stage: "c", components: components(3), status: .skipped, reason: "needs 'b'"),
        ])
        #expect(ids == [first + 1, first + 2])
        let steps = try index.steps(run: run)
        #expect(steps.map(\.stage) == ["a", "b", "c"])
        #expect(steps[1].artefacts == [output] && steps[1].status == .cached && steps[1].components == components(2))
        #expect(try index.recordSteps(run: run, []) == [])
        #expect(try index.recordStep(run: run, stage: "d", components: components(4), status: .failed, reason: "") == first + 3)
        let plan = try index.queryPlan(Index.stepsOfRunQuery)
        #expect(plan.contains("USING INDEX steps_by_run"), "every run reads its steps: \(plan)")
    }

    @Test func stepsWithoutAStatementAreFoundWholeInOrderAndOnlyThoseWithOutputs() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let run = try beginRun(index)
        let output = StepArtefact(name: "n", digest: Digest.sha256(of: [3]), size: 1)
        let ids = try index.recordSteps(run: run, (1...5).map { window in
            DecidedStep(stage: "s\(window)", components: components(window), status: window == 4 ? .failed : .cached,
                        reason: "", artefacts: window == 4 ? [] : [output])
        })
        try index.recordProvenanceEntries([ids[0], ids[2]].enumerated().map { position, id in
            ProvenanceEntryRecord(stepID: id, logIndex: position, statementDigest: Digest.sha256(of: [UInt8(position)]))
        })
        let unlogged = try index.stepsWithoutProvenance()
        #expect(unlogged.map(\.id) == [ids[1], ids[4]])
        #expect(unlogged.map(\.components) == [components(2), components(5)])
        #expect(unlogged.allSatisfy { $0.artefacts == [output] && $0.status == .cached })
        try expectScansOnlyTheKeyIndex(Index.unloggedStepsQuery, index)
    }

    /// Every run asks `sql`: it must read the index of keys and statuses, not every step's row
    /// (whose status lies after its key components, on overflow pages).
    func expectScansOnlyTheKeyIndex(_ sql: String, _ index: Index) throws {
        let plan = try index.queryPlan(sql)
        let scans = plan.split(separator: "\n").filter { $0.hasPrefix("SCAN steps") }
        #expect(!scans.isEmpty && scans.allSatisfy { $0.contains("INDEX steps_by_key") }, "\(plan)")
    }

    @Test func stepsLeftRunningByADeadProcessAreMarkedInterrupted() throws {
        let path = directory.path + "/index.sqlite"
        let run: Int64
        do {
            let index = try Index(path: path)
            run = try beginRun(index)
            _ = try index.beginStep(run: run, stage: "slow", components: components(1), reason: "never run before")
        }
        let reopened = try Index(path: path)
        try reopened.closeAbandonedRuns()
        #expect(try reopened.run(run)?.status == .interrupted)
        let step = try #require(try reopened.steps(run: run).first)
        #expect(step.status == .interrupted)
        #expect(try reopened.cachedStep(forKey: components(1).key) == nil)
        try expectScansOnlyTheKeyIndex(Index.abandonedStepsUpdate, reopened)
    }

    @Test func deletingOldRunsKeepsTheNewestAndTheirArtefacts() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        var runs: [Int64] = []
        for window in 1...3 {
            let run = try beginRun(index)
            runs.append(run)
            try index.recordStep(run: run, stage: "count", components: components(window), status: .executed, reason: "",
                                 artefacts: [StepArtefact(name: "c", digest: Digest.sha256(of: [UInt8(window)]), size: 1)])
        }
        #expect(try index.deleteRuns(keepingNewest: 2) == 1)
        #expect(try index.runs().map(\.id) == [runs[2], runs[1]])
        #expect(try index.referencedDigests() == [Digest.sha256(of: [2]), Digest.sha256(of: [3])])
        #expect(try index.integrityProblems().isEmpty)
    }

    @Test func fileDigestsAreReusedOnlyForAnUnchangedSignature() throws {
        let index = try Index(path: directory.path + "/index.sqlite")
        let signature = FileSignature(size: 10, mtimeNanoseconds: 5, ctimeNanoseconds: 6, inode: 7)
        try index.recordFileDigest(path: "/x", signature: signature, digest: Digest.sha256(of: [9]))
        #expect(try index.cachedFileDigest(path: "/x", signature: signature) == Digest.sha256(of: [9]))
        var touched = signature
        touched.mtimeNanoseconds += 1
        #expect(try index.cachedFileDigest(path: "/x", signature: touched) == nil)
    }
}
