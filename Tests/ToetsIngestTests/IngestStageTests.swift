import Foundation
import Testing
import ToetsModel
import ToetsRunner
import ToetsStore
import ToetsTestSupport
@testable import ToetsIngest

/// The `ingest` stage in a pipeline: outputs, determinism, duplicates, parameters.
@Suite struct IngestStageTests {
    static let registry = StageRegistry.core.adding([IngestStage()])

    /// A project with two archives that share one post.
    func project() throws -> PipelineFixture {
        let project = try PipelineFixture("""
            stages:
              archives:
                uses: source
                with: {files: {x.tar.gz: data/x.tar.gz, more.zip: data/more.zip}}
              ingest:
                uses: ingest
                needs: archives
                with:
                  platforms: {more.zip/shares.csv: x}
            """)
        try FileSystem.makeDirectory(project.directory.path + "/data")
        let tar = try ArchiveWriter(path: project.directory.path + "/data/x.tar.gz", format: .tarGzip)
        try tar.add("part1.jsonl", .file(try fixture("twarc2.jsonl")))
        try tar.finish()
        let zip = try ArchiveWriter(path: project.directory.path + "/data/more.zip", format: .zip)
        try zip.add("shares.csv", text: "object_id,account_id,content_id,timestamp_share\n"
                    + "1765000000000000001,2001,https://www.utrecht.nl/verkiezingen,1772356502\n"
                    + "extra1,2009,https://www.utrecht.nl/verkiezingen,1000\n")
        try zip.finish()
        return project
    }

    func text(_ fixture: PipelineFixture, _ summary: RunSummary, _ name: String) throws -> String {
        let digest = try #require(summary.output("ingest", name))
        return try String(contentsOfFile: fixture.workspace().store.path(of: digest), encoding: .utf8)
    }

    @Test func postsAreSortedDeduplicatedAndCanonical() async throws {
        let fixture = try project()
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.status == .succeeded)
        let lines = try text(fixture, summary, "posts").split(separator: "\n")
        let posts = try lines.map { try Post(json: JSONDocument(Array($0.utf8)).root) }
        #expect(posts.map(\.postID) == ["x:extra1", "x:1765000000000000001", "x:1765000000000000002",
                                        "x:1765000000000000003", "x:1765000000000000004"])
        // Archives are read in input-name order (archives.more.zip before archives.x.tar.gz), and
        // the first copy of a duplicate wins: here the CSV row.
        #expect(posts[1].sourceFormat == "coortweet-csv")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"account_created_at\":") })
        let report = try JSONDocument(Array(try text(fixture, summary, "report").utf8)).root
        #expect(report["duplicates_dropped"]?.int64 == 1)
        #expect(report["posts_written"]?.int64 == 5)
        #expect(report["quarantined"]?.int64 == 2)
        let quarantine = try text(fixture, summary, "quarantine").split(separator: "\n")
        #expect(quarantine.count == 2)
        #expect(quarantine.first?.contains("\"archive\":\"x.tar.gz\"") == true)
        #expect(quarantine.first?.contains("\"entry\":\"part1.jsonl\"") == true)
    }

    @Test func theOutputDoesNotDependOnThreadsOrBatchSize() throws {
        let data = try fixture("twarc2.jsonl") + (try fixture("zeeschuimer.ndjson"))
        var lines: [[UInt8]] = []
        for workers in [1, 2, 4] {
            for batchBytes in [64, 1000, 4 << 20] {
                var options = IngestOptions()
                options.workers = workers
                options.batchBytes = batchBytes
                let result = try ingest([("mixed.jsonl", .file(data))], options: options)
                lines.append(result.posts.flatMap(\.canonicalLine) + result.quarantine.flatMap(\.canonicalLine))
            }
        }
        #expect(Set(lines).count == 1)
    }

    @Test func unknownFormatsAndLimitsAreRefusedBeforeRunning() throws {
        let stage = IngestStage()
        #expect(throws: StageParameterError.self) {
            try stage.outputs(parameters: ["formats": .map(["a.zip": .string("twarc3")])])
        }
        #expect(throws: StageParameterError.self) {
            try stage.outputs(parameters: ["limits": .map(["max_ratoi": .int(5)])])
        }
        #expect(try stage.outputs(parameters: ["limits": .map(["max_ratio": .int(500)])]) == ["posts", "quarantine", "report"])
    }

    /// Pins the stage's output on a fixed input together with its version.
    @Test func outputDigestIsPinnedWithTheVersion() async throws {
        #expect(IngestStage().version == 1, "the version of ingest changed: update the digests below")
        let fixture = try project()
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.output("ingest", "posts")?.hex == "d94842732b36ffc3eef2f2cca259a44128c9737c7ed01b7ef258a656b3868b32")
        #expect(summary.output("ingest", "quarantine")?.hex == "5da9634246eba463c2e6f86f581960dd6577e7431770b765b0524c22c72a641f")
        #expect(summary.output("ingest", "report")?.hex == "0b1975a8e2dd1f0075f8543cde9ca7eb9d2645f1d38a5bc8c2b968e7b76865bb")
    }
}
