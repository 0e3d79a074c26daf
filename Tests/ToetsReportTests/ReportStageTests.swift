import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsScoring
import ToetsTestSupport
@testable import ToetsReport

/// The `report` stage in a pipeline after a real `score` stage: outputs pinned with its version,
/// absent inputs shown as not available, and no raw identifier in any output.
@Suite struct ReportStageTests {
    static let registry = StageRegistry.core.adding([ScoreStage(), ReportStage()])

    /// Account ids long and odd enough that finding one in a document can only mean a leak; one is a
    /// canary of the demo world.
    static let ids = ["acct-zx81-c1", "acct-zx81-c2", "acct-zx81-c3", "acct-zx81-c4", "acct-zx81-n1",
                      "acct-zx81-n2", "acct-zx81-n3", "acct-zx81-n4", "acct-zx81-x1", canary]
    static var canary: String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/demo/canaries.txt").path
        let lines = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n") ?? []
        return lines.first.map(String.init) ?? "canary-missing"
    }

    static var files: [String: String] {
        let i = ids
        let labels = "account_id,label,campaign,annotator,confidence,coordination\n"
            + [(0, "campaign", "C1", ""), (1, "campaign", "C1", ""), (2, "campaign", "C2", ""), (3, "campaign", "C2", ""),
               (9, "campaign", "C2", ""), (4, "none", "", "fans"), (5, "none", "", "fans"), (6, "none", "", ""),
               (7, "none", "", "news_syndication")]
            .flatMap { index, label, campaign, kind in
                ["\(i[index]),\(label),\(campaign),A1,0.9,\(kind)\n", "\(i[index]),\(label),\(campaign),A2,0.8,\(kind)\n"]
            }.joined()
        func detections(_ rows: [(Int, Double, Bool, String?)]) -> String {
            String(decoding: DetectionsFile.write(rows.map {
                Detection(accountID: i[$0.0], score: $0.1, flagged: $0.2, group: $0.3)
            }), as: UTF8.self)
        }
        let posts = i.map { #"{"author_id":"\#($0)","language":"nl","platform":"x","post_id":"p-\#($0)"}"# }
            .joined(separator: "\n") + "\n"
        return [
            "alpha.csv": detections([(0, 0.9, true, "g1"), (1, 0.8, true, "g1"), (2, 0.4, false, nil), (9, 0.7, true, "g2"),
                                     (4, 0.6, true, "g2"), (5, 0.1, false, nil), (6, 0.2, false, nil), (8, 0.9, true, "g3")]),
            "beta.csv": detections([(0, 0.3, false, nil), (2, 0.9, true, "b"), (3, 0.8, true, "b"), (5, 0.7, true, "b"),
                                    (7, 0.1, false, nil)]),
            "labels.csv": labels, "posts.ndjson": posts,
        ]
    }

    static func pipeline(report: String = "{pipeline: fixture, date: \"2026-03-25\", pdf: false}") -> String {
        """
        stages:
          alpha:
            uses: source
            with: {files: {detections: alpha.csv}}
            about: {team: Team Alpha, version: "2.0", summary: Flags what it flags., operating_point: the flagged column.}
          beta: {uses: source, with: {files: {detections: beta.csv}}}
          truth:
            uses: source
            role: ground-truth
            with: {files: {labels: labels.csv}}
            about: {team: The fixture's annotators, summary: Two annotators labelled every account.}
          posts: {uses: source, with: {files: {posts: posts.ndjson}}}
          score: {uses: score, needs: [alpha, beta, truth, posts], with: {replicates: 100, min_cell: 2}}
          report:
            uses: report
            needs: [score]
            with: \(report)
        """
    }

    /// The stored bytes of every output of `report`.
    static func outputs(_ fixture: PipelineFixture, _ summary: RunSummary) throws -> [(String, String)] {
        let store = try fixture.workspace().store
        return try ReportStage.documents.map { name in
            let digest = try #require(summary.output("report", name))
            return (name, try String(contentsOfFile: store.path(of: digest), encoding: .utf8))
        }
    }

    @Test func reportRunsAfterScoreAndItsOutputsArePinnedWithItsVersion() async throws {
        let fixture = try PipelineFixture(Self.pipeline(), files: Self.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded, "\(summary.stages.map { "\($0.stage): \($0.reason)" })")
        let outputs = try Self.outputs(fixture, summary)
        let english = try #require(outputs.first { $0.0 == "klankbord.en.html" }?.1)
        #expect(english.contains("alpha") && english.contains("beta"))
        // Neither an anonymise nor an ingest report was an input: their annexes say so.
        #expect(english.contains("not available"))
        #expect(try #require(outputs.first { $0.0 == "klankbord.nl.html" }?.1).contains("niet beschikbaar"))
        let cards = try #require(outputs.first { $0.0 == "method-cards.en.html" }?.1)
        #expect(cards.contains("card-alpha") && cards.contains("card-beta"))
        // alpha's declaration reaches its card; beta declared nothing about itself.
        #expect(cards.contains("<dd>Team Alpha</dd>") && cards.contains("<dd>2.0</dd>") && cards.contains("<dd>Flags what it flags.</dd>"))
        #expect(cards.contains("<dd>the flagged column.</dd>"))
        // The ground-truth stage's about: fills the datasheet.
        #expect(english.contains("<li>The fixture&#39;s annotators</li>") || english.contains("<li>The fixture's annotators</li>"))
        #expect(english.contains("Two annotators labelled every account. Label rule: majority"))
        // Seeds come from the declarations: the score stage's default seed, by stage and parameter.
        let input = try #require(outputs.first { $0.0 == "report-input.json" }?.1)
        #expect(input.contains("\"name\" : \"score.seed\""))

        let again = try await fixture.run(registry: Self.registry)
        #expect(again.statuses["report"] == .cached)

        // The error analysis reaches section 7: false positives by kind, and the overlap.
        // Counts under the minimum cell (2 here) are held back.
        #expect(english.contains("<th scope=\"row\">fans</th><td class=\"num\">2</td><td class=\"num\">&lt;\u{00A0}2</td>"
            + "<td class=\"num\">&lt;\u{00A0}2</td>"))
        #expect(english.contains("<th scope=\"row\">no method</th><td class=\"num\">0</td><td class=\"num\">2</td>"))
        #expect(english.contains("alpha alone finds 3 campaign accounts that no other method flags."))
        #expect(!english.contains("The labels name no kinds") && !english.contains("No overlap was computed."))

        // The score stage's false positives among ordinary accounts reach the error analysis.
        #expect(english.contains("id=\"ordinary\""), "\(english.components(separatedBy: "id=\"ordinary\"").last!.prefix(3000))")
        // The score stage's curves reach the charts.
        #expect(english.contains("id=\"chart-pr-title\""))
        // The rule is absent from this pipeline: no method is named better than another.
        #expect(english.contains("The pipeline declared no decision rule before scoring"))
        #expect(ReportStage().version == 11, "the report stage's version changed: update the digests below")
        let digests = ReportStage.documents.map { "\($0) \(summary.output("report", $0)?.short ?? "missing")" }
        #expect(digests == [
            "klankbord.en.html 0d2fb4565ef9…", "klankbord.nl.html 9ebb82bf53ab…", "kamerbrief.nl.html 284cfcf34ccd…",
            "method-cards.en.html 7bd04a41b4fc…", "method-cards.nl.html cfff42532670…",
            "algoritmeregister.json fb5ae508f17a…", "report-input.json 9f991c1704ff…",
        ])
    }

    @Test func noRawIdentifierOrCanaryReachesAnyOutput() async throws {
        let fixture = try PipelineFixture(Self.pipeline(), files: Self.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded)
        #expect(Self.canary != "canary-missing")
        for (name, text) in try Self.outputs(fixture, summary) {
            for id in Self.ids {
                #expect(!text.contains(id), "\(id) appears in \(name)")
            }
            #expect(!text.contains("acct-zx81"), "an account id appears in \(name)")
        }
    }

    @Test func aBadDateIsRefusedBeforeAnythingRuns() throws {
        let fixture = try PipelineFixture(Self.pipeline(report: "{date: 25-03-2026}"), files: Self.files)
        do {
            _ = try fixture.plan(registry: Self.registry)
            Issue.record("the plan was accepted")
        } catch let error as PipelineErrors {
            #expect(error.errors.map(\.problem) == ["must be a day as YYYY-MM-DD, or empty"])
        }
    }

    @Test func withoutResultsTheStageSaysWhatItNeeds() async throws {
        let fixture = try PipelineFixture(Self.pipeline().replacingOccurrences(of: "needs: [score]", with: "needs: [posts]"),
                                          files: Self.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.statuses["report"] == .failed)
        #expect(summary.report("report")?.reason.contains("report needs exactly one artefact named results") == true)
    }
}
