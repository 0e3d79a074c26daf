import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsTestSupport
@testable import ToetsMethods

/// Built-in methods in a pipeline: outputs, checks of parameters, and their bytes pinned with
/// their versions.
@Suite struct MethodStageTests {
    static let registry = StageRegistry.core.adding([MethodStage<NearDuplicate>(), MethodStage<AccountSignals>()])

    static let posts: [Post] = (0..<12).map { index in
        Post(platform: "x", sourceFormat: "t", postID: "p1.k.post\(index)", authorID: "p1.k.acct\(index % 4)",
             createdAt: 1_767_225_600 + Int64(index) * 20,
             text: "de burgemeester liegt over het nieuwe zwembad in het centrum " + (index % 2 == 0 ? "echt" : "zeker"),
             accountCreatedAt: 1_767_225_600 - Int64(index % 4) * 86_400, followers: 4)
    }

    func project(_ stages: String) throws -> PipelineFixture {
        let lines = Self.posts.map { String(decoding: $0.canonicalLine, as: UTF8.self) }.joined()
        return try PipelineFixture("stages:\n  data:\n    uses: source\n    with: {files: {posts: posts.ndjson}}\n" + stages,
                                   files: ["posts.ndjson": lines])
    }

    @Test func methodsWriteDetectionsEvidenceAndNetworksPinnedWithTheirVersions() async throws {
        let fixture = try project("""
              copies:
                uses: method/near-duplicate
                needs: data
              signals:
                uses: method/account-signals
                needs: data
            """)
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded, "\(summary.stages.map(\.reason))")
        let store = try fixture.workspace().store
        let detections = try DetectionsFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath:
            store.path(of: try #require(summary.output("copies", "detections")))))), file: "d")
        #expect(detections.count == 4 && detections.allSatisfy(\.flagged))
        #expect(NearDuplicate.version == 1 && AccountSignals.version == 1, "a version changed: update the digests below")
        let digests = summary.stages.flatMap { report in report.artefacts.filter { $0.role == .output }.map { "\(report.stage).\($0.name) \($0.digest.short)" } }
        #expect(digests.sorted() == [
            "copies.detections 91ff3a3e9358…", "copies.evidence b4b0290d55ad…", "copies.network.csv 112ea9337668…",
            "copies.network.graphml c63bb61303c9…", "data.posts 4e332fa8f79f…", "signals.detections a911672b5243…",
            "signals.evidence 0d99891e49fa…", "signals.network.csv 760c35376d36…", "signals.network.graphml e57a7ca11310…",
        ])
    }

    @Test func badParametersAreRefusedBeforeAnythingRuns() throws {
        let fixture = try project("""
              copies:
                uses: method/near-duplicate
                needs: data
                with: {threshold: 1.5, mode: fuzzy}
            """)
        #expect(throws: PipelineErrors.self) { try fixture.plan(registry: Self.registry) }
        do {
            _ = try fixture.plan(registry: Self.registry)
        } catch let error as PipelineErrors {
            // Both values out of range, each named.
            #expect(error.errors.map(\.problem) == ["must be lsh or exact", "must be above 0 and at most 1"])
            #expect(error.errors.map(\.field) == ["with.mode", "with.threshold"])
        }
    }
}
