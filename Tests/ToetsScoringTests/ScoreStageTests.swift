import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsTestSupport
@testable import ToetsScoring

/// The `score` stage in a pipeline: its outputs pinned with its version, and each refusal.
@Suite struct ScoreStageTests {
    static let registry = StageRegistry.core.adding([ScoreStage()])

    static let files = [
        "alpha.csv": ScoreFixtures.csv(ScoreFixtures.alpha), "beta.csv": ScoreFixtures.csv(ScoreFixtures.beta),
        "gamma.csv": ScoreFixtures.csv(ScoreFixtures.gamma), "labels.csv": ScoreFixtures.labels,
        "posts.ndjson": ScoreFixtures.posts,
    ]

    static func pipeline(needs: String = "[alpha, beta, gamma, truth, posts]", with: String = "{replicates: 200, min_cell: 4}") -> String {
        """
        stages:
          alpha: {uses: source, with: {files: {detections: alpha.csv}}}
          beta: {uses: source, with: {files: {detections: beta.csv}}}
          gamma: {uses: source, with: {files: {detections: gamma.csv}}}
          truth: {uses: source, role: ground-truth, with: {files: {labels: labels.csv}}}
          posts: {uses: source, with: {files: {posts: posts.ndjson}}}
          score:
            uses: score
            needs: \(needs)
            with: \(with)
        """
    }

    @Test func scoreRunsInAPipelineAndItsOutputsArePinnedWithItsVersion() async throws {
        let fixture = try PipelineFixture(Self.pipeline(), files: Self.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded, "\(summary.stages.map { "\($0.stage): \($0.reason)" })")
        let store = try fixture.workspace().store
        let results = try #require(summary.output("score", "results"))
        let json = try JSONDocument(Array(try Data(contentsOf: URL(fileURLWithPath: store.path(of: results))))).root
        #expect(json["schema_version"]?.int64 == 4 && json["stage"]?.string == "score 5")
        #expect(json["parameters", "replicates"]?.int64 == 200)
        #expect(json["methods"]?.elements.map { $0["name"]?.string } == ["alpha", "beta", "gamma"])
        #expect(json["notes", "nothing-flagged"]?.string == MetricNote.nothingFlagged.description)

        // Rerun: nothing changes, nothing reruns.
        let again = try await fixture.run(registry: Self.registry)
        #expect(again.statuses["score"] == .cached)

        #expect(ScoreStage().version == 5, "the score stage's version changed: update the digests below")
        let digests = ScoreStage.outputs.map { "\($0) \(summary.output("score", $0)?.short ?? "missing")" }
        #expect(digests == [
            "results 2a935afa898a…", "accounts.csv 67fc5e44d19b…", "comparisons.csv da02f82528d2…",
            "curves.csv 9cd63b778a55…", "strata.csv 1b7cbeba0772…", "coordination.csv 05e6434f81e7…",
            "overlap.csv 9a386af4d05f…", "ordinary.csv d50da5b6480c…", "summary.txt ef1ed314fb40…",
        ])
    }

    @Test func badParametersAreRefusedBeforeAnythingRuns() throws {
        let fixture = try PipelineFixture(Self.pipeline(with: "{label_rule: most, top_k: [0]}"), files: Self.files)
        do {
            _ = try fixture.plan(registry: Self.registry)
            Issue.record("the plan was accepted")
        } catch let error as PipelineErrors {
            // Both values out of range, each named.
            #expect(error.errors.map(\.problem) == ["must be majority, all or any",
                                                    "must be a list of whole numbers of at least 1, such as [50, 100]"])
        }
    }

    @Test func aRefusalReachesTheRunReport() async throws {
        let fixture = try PipelineFixture(Self.pipeline(needs: "[alpha, posts]"), files: Self.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.statuses["score"] == .failed)
        #expect(summary.report("score")?.reason.contains("score: no labels; it needs exactly one artefact named labels") == true)
    }

    /// Artefacts written to a temporary folder, as a stage would see them.
    func artefacts(_ files: [String: String], in folder: TemporaryDirectory) throws -> [String: Artefact] {
        var artefacts: [String: Artefact] = [:]
        for (name, text) in files {
            let path = try folder.write(name, text)
            artefacts[name] = Artefact(digest: Digest.sha256(of: Array(text.utf8)), path: path, size: text.utf8.count)
        }
        return artefacts
    }

    func refusal(_ files: [String: String]) throws -> String {
        let folder = TemporaryDirectory("score-inputs")
        do {
            _ = try ScoreInputs.read(try artefacts(files, in: folder))
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test func eachRefusalSaysWhatIsWrongAndWhatToDo() throws {
        let labels = ScoreFixtures.labels, alpha = ScoreFixtures.csv(ScoreFixtures.alpha)
        #expect(try refusal(["truth.labels": labels, "posts.posts": ScoreFixtures.posts]) == ScoreError.noDetections(
            inputs: ["posts.posts", "truth.labels"]).description)
        #expect(try refusal(["alpha.detections": alpha]).hasPrefix("score: no labels; it needs exactly one artefact named labels"))
        #expect(try refusal(["alpha.detections": alpha, "a.labels": labels, "b.labels": labels])
            == "score: 2 artefacts named labels (a.labels, b.labels); it scores against exactly one ground truth. Need one labels stage")
        #expect(try refusal(["alpha.detections": alpha, "t.labels": labels, "a.posts": "", "b.posts": ""])
            .hasPrefix("score: 2 artefacts named posts (a.posts, b.posts)"))

        // Pseudonyms under another key than the labels'.
        let keyA = "p1.kaaaaaaaaaa.", keyB = "p1.kbbbbbbbbbb."
        let pseudonymLabels = labels.replacingOccurrences(of: "\nc", with: "\n\(keyA)c")
            .replacingOccurrences(of: "\nn", with: "\n\(keyA)n").replacingOccurrences(of: "\nu", with: "\n\(keyA)u")
        #expect(try refusal(["alpha.detections": ScoreFixtures.csv(ScoreFixtures.alpha, prefix: keyB), "truth.labels": pseudonymLabels])
            == "score: truth.labels holds pseudonyms made under key kaaaaaaaaaa but the detections of 'alpha' holds "
            + "pseudonyms made under key kbbbbbbbbbb, so no account would match. Pseudonymise the posts and the labels with "
            + "the same key (anonymise stages with one key file), and run the methods on those posts")
        #expect(try refusal(["alpha.detections": ScoreFixtures.csv(ScoreFixtures.alpha, prefix: keyA), "truth.labels": pseudonymLabels])
            == "accepted")
        // Raw ids against pseudonyms.
        #expect(try refusal(["alpha.detections": alpha, "truth.labels": pseudonymLabels])
            .contains("holds pseudonyms made under key kaaaaaaaaaa but the detections of 'alpha' holds raw account ids"))
        // Posts pseudonymised under another key.
        #expect(try refusal(["alpha.detections": alpha, "truth.labels": labels, "posts.posts": ScoreFixtures.posts
            .replacingOccurrences(of: #""author_id":""#, with: #""author_id":"\#(keyB)"#)])
            .contains("truth.labels holds raw account ids but posts.posts holds pseudonyms made under key kbbbbbbbbbb"))
        // One artefact mixing kinds.
        #expect(try refusal(["alpha.detections": alpha + "\(keyA)z,0.5,false,\n", "truth.labels": labels])
            == "score: the detections of 'alpha' mixes account ids of different kinds (pseudonyms made under key "
            + "kaaaaaaaaaa, raw account ids); pseudonymise everything with one key, once")

        // Broken files name the file and line.
        #expect(try refusal(["alpha.detections": alpha, "truth.labels": labels + "c9,maybe,,A1,0.5\n"])
            == "score: truth.labels line 25: label 'maybe' is neither campaign nor none")
        #expect(try refusal(["alpha.detections": "account_id,score\n", "truth.labels": labels])
            .hasPrefix("score: alpha.detections line 1: the header is account_id,score"))
        #expect(try refusal(["alpha.detections": alpha, "truth.labels": labels, "posts.posts": "{\"platform\":\"x\"}\n"])
            == "score: posts.posts line 1: field author_id: missing or not a string")
    }
}
