import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsTestSupport
import ToetsStore
@testable import ToetsProvenance

@Suite struct StatementTests {
    @Test func aStatementNamesOutputsAndWhatMadeThem() async throws {
        let project = try await RecordedProject.make(runs: 1)
        let statement = try project.statement(project.position(of: "upper", run: 1))
        #expect(statement.json["_type"]?.stringValue == "https://in-toto.io/Statement/v1")
        #expect(statement.json["predicateType"]?.stringValue == StepStatement.predicateType)
        #expect(statement.subjects.map(\.name) == ["upper.stderr", "upper.stdout", "upper.upper.txt"])
        #expect(statement.subjects.last?.digest == Digest.sha256(of: Array("ALPHA\nBETA\n".utf8)))
        let predicate = statement.predicate
        #expect(predicate["stage"] == .object(["name": "upper", "kind": "command", "kindVersion": 2]))
        #expect(predicate["command"]?.stringValue == "sh {root}/tool.sh {in.rows} > {out.upper.txt}")
        #expect(predicate["code"]?.arrayValue?.first?["name"]?.stringValue == "tool.sh")
        #expect(predicate["code"]?.arrayValue?.first?["digest"]?.sha256
                == Digest.sha256(of: Array("tr a-z A-Z < \"$1\"\n".utf8)))
        #expect(predicate["inputs"]?.arrayValue?.first?["name"]?.stringValue == "data.rows")
        #expect(predicate["exitStatus"] == 0)
        #expect(predicate["logs"] == .array(["stderr", "stdout"]))
        #expect(predicate["tool"] == .object(["name": "toets", "version": .string(ToolIdentity(commit: "").version),
                                              "commit": "test"]))
        #expect(predicate["startedOn"]?.stringValue != nil && predicate["finishedOn"]?.stringValue != nil)
        // What the command could see, and what enforced it; built-in stages have no sandbox.
        #expect(predicate["sandbox"]?["view"]?.stringValue == "bubblewrap view 1")
        #expect(predicate["sandbox"]?["runtime"]?.stringValue?.hasPrefix("bubblewrap ") == true)
        let count = try project.statement(project.position(of: "count", run: 1))
        #expect(count.predicate["parameters"] == .object(["unit": "lines"]))
        let data = try project.statement(project.position(of: "data", run: 1))
        #expect(data.predicate["parameters"] == .object(["files": .object(["rows": "data.csv"])]))
        #expect(data.predicate["sandbox"] == nil)
    }

    @Test func aStatementRecordsThePostFieldsAMethodDeclaredAndReceived() throws {
        let components = KeyComponents(kind: "command", kindVersion: 2, command: "m {in.posts}", sandbox: "bubblewrap view 1",
                                       postFields: ["created_at", "author_id"])
        let step = StepRecord(id: 1, runID: 1, stage: "m", kind: "command", key: components.key, components: components,
                              status: .executed, reason: "", exitCode: 0, artefacts: [])
        let statement = StepStatement.make(step: step, pipeline: "p", pipelineDigest: Digest.sha256(of: []),
                                           tool: ToolIdentity(commit: "test"), reused: nil)
        #expect(statement["predicate"]?["postFields"] == .array(["author_id", "created_at"]))
        var whole = step
        whole.components.postFields = nil
        let undeclared = StepStatement.make(step: whole, pipeline: "p", pipelineDigest: Digest.sha256(of: []),
                                            tool: ToolIdentity(commit: "test"), reused: nil)
        #expect(undeclared["predicate"]?["postFields"] == nil)
    }

    @Test func aCacheHitRefersToTheStatementThatProducedTheResult() async throws {
        let project = try await RecordedProject.make()
        for stage in ["data", "count", "upper"] {
            let produced = try project.position(of: stage, run: 1)
            let reused = try project.statement(project.position(of: stage, run: 2))
            #expect(reused.status == "cached")
            #expect(reused.reusedFrom == StepStatement.Origin(
                run: 1, stage: stage, logIndex: produced,
                statementDigest: Digest.sha256(of: try project.entry(produced).envelope.payload)))
            #expect(reused.subjects == (try project.statement(produced)).subjects.map {
                StatementContent.Subject(name: $0.name, digest: $0.digest)
            })
        }
        // A reuse that names a statement of other artefacts is caught.
        let position = try project.position(of: "count", run: 2)
        var entry = try project.entry(position)
        var json = try CanonicalJSON(parsing: entry.envelope.payload)
        guard case .object(var members) = json, case .object(var predicate)? = members["predicate"],
              case .object(var reused)? = predicate["reusedFrom"] else { Issue.record("no reusedFrom"); return }
        reused["logEntry"] = .int(Int64(try project.position(of: "upper", run: 1)))
        predicate["reusedFrom"] = .object(reused)
        members["predicate"] = .object(predicate)
        json = .object(members)
        entry.envelope = Envelope(payload: json.bytes, signedWith: project.key)
        try project.replaceLine(position, with: entry.json.bytes)
        let statement = try project.verify().failures(.statement)
        #expect(statement.contains { $0.contains("reuses the statement") })
        #expect(statement.contains { $0.contains("reuses artefact 'count.txt'") })
    }

    @Test func statementsAreByteDeterministicApartFromTimes() async throws {
        let first = try await RecordedProject.make(runs: 1)
        let second = try await RecordedProject.make(runs: 1)
        for stage in ["data", "count", "upper"] {
            let a = try first.statement(first.position(of: stage, run: 1)).json
            let b = try second.statement(second.position(of: stage, run: 1)).json
            #expect(a != b, "the times differ")
            #expect(Self.withoutTimes(a).bytes == Self.withoutTimes(b).bytes, "stage \(stage)")
        }
    }

    static func withoutTimes(_ statement: CanonicalJSON) -> CanonicalJSON {
        guard case .object(var members) = statement, case .object(var predicate)? = members["predicate"] else { return statement }
        predicate["startedOn"] = nil
        predicate["finishedOn"] = nil
        members["predicate"] = .object(predicate)
        return .object(members)
    }

    @Test func canonicalJSONSortsKeysByBytesAndRoundTrips() throws {
        let value: CanonicalJSON = .object(["b": 1, "a": .array([true, .null, "x\n\"y\""]), "Z": .number("2.5"), "é": "ü"])
        #expect(value.text == #"{"Z":2.5,"a":[true,null,"x\n\"y\""],"b":1,"é":"ü"}"#)
        #expect(try CanonicalJSON(parsing: value.bytes) == value)
        #expect(try CanonicalJSON(parsing: Array(#"{ "b" : 1 , "a" : 2 }"#.utf8)).text == #"{"a":2,"b":1}"#)
    }
}

@Suite struct ToolIdentityTests {
    @Test func theCommitIsReadFromGitWithoutRunningGit() throws {
        let folder = TemporaryDirectory()
        let commit = String(repeating: "ab", count: 20)
        try folder.write("repo/.git/HEAD", "ref: refs/heads/main\n")
        try folder.write("repo/.git/refs/heads/main", commit + "\n")
        try FileSystem.makeDirectory(folder.path + "/repo/Sources/X")
        #expect(ToolIdentity.gitHead(from: folder.path + "/repo/Sources/X") == commit)
        // A worktree: a .git file pointing at its folder, refs in the common folder, packed.
        let other = String(repeating: "cd", count: 20)
        try folder.write("repo/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n")
        try folder.write("repo/.git/worktrees/wt/commondir", "../..\n")
        try folder.write("repo/.git/packed-refs", "# pack-refs with: peeled\n\(other) refs/heads/feature\n")
        try folder.write("wt/.git", "gitdir: \(folder.path)/repo/.git/worktrees/wt\n")
        #expect(ToolIdentity.gitHead(from: folder.path + "/wt") == other)
        #expect(ToolIdentity.gitHead(from: "/") == nil || ToolIdentity.gitHead(from: "/") != "")
        #expect(ToolIdentity(commit: "x").version == ToolVersion.current)
    }
}
