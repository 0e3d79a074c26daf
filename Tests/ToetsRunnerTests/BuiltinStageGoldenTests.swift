import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsRunner

/// Pins each built-in stage's output on a fixed fixture together with its version: changing
/// what a stage writes without bumping its version (which would let stale cached results
/// pass for new ones) fails here.
@Suite struct BuiltinStageGoldenTests {
    struct GoldenCase: Sendable {
        var kind: String
        var version: Int
        var pipeline: String
        var files: [String: String]
        /// `stage.artefact` → SHA-256 of the expected bytes (checked against coreutils sha256sum).
        var outputs: [String: String]
    }

    static let cases = [
        GoldenCase(
            kind: "source", version: 1,
            pipeline: "stages:\n  s:\n    uses: source\n    with: {files: {posts: in/posts.csv, labels: labels.csv}}\n",
            files: ["in/posts.csv": "object_id,account_id\n1,a\n", "labels.csv": "account_id,label\na,1\n"],
            outputs: [
                "s.posts": "e9d82865333ab11c46ec78fcbe685b70cf1f62a3be148d3fe4177e360e9c5c0d",
                "s.labels": "27c6ea128cbf1563b388d500e1f01d2dcd0c35db68355c9073d19f75f2b6bbb6",
            ]),
    ]

    @Test func everyBuiltinStageKindHasAGoldenCase() {
        #expect(StageRegistry.core.kinds == Self.cases.map(\.kind).sorted())
    }

    @Test(arguments: cases.map(\.kind))
    func outputDigestIsPinnedWithTheVersion(kind: String) async throws {
        let golden = try #require(Self.cases.first { $0.kind == kind })
        #expect(StageRegistry.core.stage(kind)?.version == golden.version,
                "the version of \(kind) changed: update this golden case with the new output digests")
        let fixture = try PipelineFixture(golden.pipeline, files: golden.files)
        let summary = try await fixture.run()
        var outputs: [String: String] = [:]
        for report in summary.stages {
            for artefact in report.artefacts where artefact.role == .output {
                outputs["\(report.stage).\(artefact.name)"] = artefact.digest.hex
            }
        }
        #expect(outputs == golden.outputs, "\(kind) v\(golden.version) writes different bytes: bump its version")
    }
}
