import Foundation
import Testing
import ToetsMethods
import ToetsModel
import ToetsRunner
import ToetsScoring
import ToetsStore
import ToetsTestSupport
@testable import ToetsPlanting

/// Planting and sweeps in a pipeline: every method runs once more on the planted posts, each
/// sweep point is a step of its own, the membership is sealed from methods, and the score stage
/// reports recall per tactic × strength and each sweep point beside the declared point.
@Suite struct PlantingPipelineTests {
    static let registry = StageRegistry.core.adding([PlantStage(), MethodStage<CoActionMethod>(), ScoreStage()])

    static var files: [String: String] {
        let posts = Population.posts(accounts: 300, seed: 4)
        var writer = CanonicalJSONWriter()
        for post in posts { post.write(to: &writer) }
        var labels = "account_id,label,campaign,annotator,confidence\n"
        for (index, account) in Set(posts.map(\.authorID)).sorted().prefix(80).enumerated() {
            labels += "\(account),\(index % 4 == 0 ? "campaign" : "none"),\(index % 4 == 0 ? "c1" : ""),A1,0.9\n"
        }
        return ["posts.ndjson": String(decoding: writer.bytes, as: UTF8.self), "labels.csv": labels]
    }

    static let pipeline = """
        stages:
          posts: {uses: source, with: {files: {posts: posts.ndjson}}}
          truth: {uses: source, role: ground-truth, with: {files: {labels: labels.csv}}}
          plants:
            uses: plant
            needs: posts
            with:
              seed: 7
              tactics: [retweet-ring, copy-pasta]
              strengths: [strong, {name: faint, accounts: 4, spread: 3600, edit_rate: 0.3, share: 0.2, rounds: 2}]
          co-retweet:
            uses: method/co-action
            needs: posts
            with: {network: co_retweet, window: 60, flag_weight: 2}
            sweep: {window: [10, 60, 600], flag_weight: [3]}
          score:
            uses: score
            needs: [co-retweet, truth, posts]
            with: {replicates: 50, min_cell: 2}
        """

    @Test func sweepPointsAndPlantedRunsAreStagesOfTheirOwn() throws {
        let (plan, _) = try PipelineFixture(Self.pipeline, files: Self.files).plan(registry: Self.registry)
        let names = plan.stages.map(\.name)
        // 60 is the operating point: it is the declared stage itself.
        #expect(names.contains("co-retweet@window=10") && names.contains("co-retweet@window=600")
            && names.contains("co-retweet@flag_weight=3") && !names.contains("co-retweet@window=60"))
        #expect(plan.stage(named: "co-retweet@window=600")?.parameters["window"] == .int(600))
        #expect(plan.stage(named: "co-retweet@window=600")?.parameters["flag_weight"] == .int(2))
        #expect(plan.stage(named: "co-retweet@plants")?.needs == ["plants"])
        let score = try #require(plan.stage(named: "score"))
        #expect(Set(score.needs).isSuperset(of: ["co-retweet@window=10", "co-retweet@plants", "plants"]))
        // The method's planted run cannot read who was planted; the score stage can.
        #expect(!(plan.stage(named: "co-retweet@plants")!.reads("membership", of: "plants")))
        #expect(score.reads("membership", of: "plants"))
        // What each is handed (locally, reused, on a cluster node, and in its key) follows.
        let upstream = ["plants": ["posts", "membership"].map { StepArtefact(name: $0, digest: Digest.sha256(of: Array($0.utf8)), size: 1) }
                            + [StepArtefact(name: "log", digest: Digest.sha256(of: [9]), size: 1, role: .log)]]
        #expect(Set(plan.stage(named: "co-retweet@plants")!.inputs(from: upstream).keys) == ["plants.posts"])
        #expect(Set(score.inputs(from: upstream).keys) == ["plants.posts", "plants.membership"])
    }

    @Test func theScoreReportsRecallPerTacticAndStrengthAndEverySweepPoint() async throws {
        let fixture = try PipelineFixture(Self.pipeline, files: Self.files)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded, "\(summary.stages.map { "\($0.stage): \($0.reason)" })")
        let store = try fixture.workspace().store
        let results = try #require(summary.output("score", "results"))
        let json = try JSONDocument(Array(try Data(contentsOf: URL(fileURLWithPath: store.path(of: results))))).root
        let robustness = try #require(json["robustness"])
        let planted = try #require(robustness["planted"]?.elements.first)
        #expect(planted["campaigns"]?.elements.count == 4)
        let recall = try #require(planted["methods"]?["co-retweet"]?["recall"]?.elements)
        #expect(recall.count == 4)
        // A ring of 24 reposting each other's posts within a minute, eight times, is found.
        let ring = try #require(recall.first { $0["tactic"]?.string == "retweet-ring" && $0["strength"]?.string == "strong" })
        #expect((ring["value"]?.double ?? 0) > 0.9)
        // Copy-pasta is no co-retweet: the method finds none of it.
        let pasta = try #require(recall.first { $0["tactic"]?.string == "copy-pasta" && $0["strength"]?.string == "strong" })
        #expect(pasta["flagged"]?.int64 == 0)
        let points = try #require(robustness["sweep"]?["methods"]?["co-retweet"]?.elements)
        #expect(points.map { $0["value"]?.string ?? "" } == ["3", "10", "600"])
        #expect(robustness["sweep"]?["judged"]?.string?.contains("declared operating points") == true)
        // The methods' ranking without sweep points: one method, so no rank to be sure of.
        #expect(json["methods"]?.elements.count == 1)
    }

    @Test func aMethodThatReadsPostsAndPlantedPostsIsRefused() throws {
        let yaml = Self.pipeline.replacingOccurrences(of: "score:\n    uses: score", with: """
            sneaky:
                needs: [posts, plants]
                run: cat {in.posts.posts} {in.plants.posts} > {out.detections}
              score:
                uses: score
            """)
        do {
            _ = try PipelineFixture(yaml, files: Self.files).plan(registry: Self.registry)
            Issue.record("a method reading both posts was accepted")
        } catch let errors as PipelineErrors {
            #expect(errors.errors.contains { $0.stage == "sneaky" && $0.description.contains("difference names the planted accounts") })
        }
    }

    @Test func aCommandNamingTheMembershipIsRefused() throws {
        let yaml = Self.pipeline.replacingOccurrences(of: "score:\n    uses: score", with: """
            peek:
                needs: [plants]
                run: cat {in.plants.membership} > {out.detections}
              score:
                uses: score
            """)
        do {
            _ = try PipelineFixture(yaml, files: Self.files).plan(registry: Self.registry)
            Issue.record("a method naming the membership was accepted")
        } catch let errors as PipelineErrors {
            #expect(errors.errors.contains { $0.stage == "peek" && $0.description.contains("sealed") })
        }
    }

    @Test func aSweepOnAStageThatIsNoMethodIsRefused() throws {
        let yaml = Self.pipeline.replacingOccurrences(of: "with: {replicates: 50, min_cell: 2}",
                                                      with: "with: {replicates: 50, min_cell: 2}\n    sweep: {replicates: [10, 20]}")
        do {
            _ = try PipelineFixture(yaml, files: Self.files).plan(registry: Self.registry)
            Issue.record("a swept score stage was accepted")
        } catch let errors as PipelineErrors {
            #expect(errors.errors.contains { $0.stage == "score" && $0.field == "sweep" })
        }
    }
}
