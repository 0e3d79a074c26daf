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
                    + "https://www.utrecht.nl/verkiezingen,2009,extra1,1000\n")
        // A second collection holding the first page again: its three tweets are duplicates.
        let page = try fixture("twarc2.jsonl").split(separator: 0x0A, omittingEmptySubsequences: false)[0]
        try zip.add("again.jsonl", .file(Array(page) + [0x0A]))
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
        #expect(posts[0].contentID == "https://www.utrecht.nl/verkiezingen")
        #expect(lines.allSatisfy { $0.hasPrefix("{\"account_created_at\":") })
        let report = try JSONDocument(Array(try text(fixture, summary, "report").utf8)).root
        // Archives are read in input-name order (more.zip before x.tar.gz): the copies in
        // x.tar.gz of the three tweets in more.zip are dropped.
        #expect(report["duplicates_dropped"]?.int64 == 3)
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

    @Test func everyOutOfRangeValueIsReportedAtOnceInOrder() throws {
        let problems = IngestStage().parameterProblems([
            "limits": .map(["max_ratio": .double(0.5), "max_entries": .int(-1), "max_line_bytes": .double(1.5),
                            "max_total_bytes": .double(1e30), "max_ratoi": .int(5), "max_seconds": .string("1h")]),
            "platforms": .map(["a.zip": .string("")]), "allow_empty": .list([.int(3)]),
        ])
        #expect(problems.map(\.parameter) == ["allow_empty", "limits.max_entries", "limits.max_line_bytes", "limits.max_ratio",
                                              "limits.max_ratoi", "limits.max_seconds", "limits.max_total_bytes", "platforms.a.zip"])
        #expect(problems[3].problem == "must be a number from 1 to 1000000000000 (decompressed bytes per byte of archive); 0.5 is not")
        #expect(problems[5].problem.hasSuffix("not string"))
    }

    @Test func aPipelineWithSeveralBadLimitsGetsAnErrorForEachAtItsParameter() throws {
        let fixture = try PipelineFixture("""
            stages:
              archives:
                uses: source
                with: {files: {x.jsonl: x.jsonl}}
              ingest:
                uses: ingest
                needs: archives
                with:
                  strict: true
                  limits:
                    max_ratio: 0
                    max_entries: 2.5
            """)
        try fixture.directory.write("x.jsonl", "{}\n")
        #expect {
            try fixture.plan(registry: Self.registry)
        } throws: { error in
            guard let errors = (error as? PipelineErrors)?.errors else { return false }
            // Each at its own line, in the order of the file.
            return errors.map(\.field) == ["with.limits.max_ratio", "with.limits.max_entries"]
                && errors.map(\.line) == [11, 12] && errors.allSatisfy { $0.stage == "ingest" }
        }
    }

    @Test func namesUnderAllowEmptyAndPlatformsMustBeArchivesOfTheStage() async throws {
        let fixture = try project()
        for parameter in ["allow_empty: [nope.zip]", "platforms: {nope.zip/shares.csv: x}"] {
            try fixture.setPipeline("""
                stages:
                  archives:
                    uses: source
                    with: {files: {x.tar.gz: data/x.tar.gz, more.zip: data/more.zip}}
                  ingest:
                    uses: ingest
                    needs: archives
                    with: {\(parameter)}
                """)
            let summary = try await fixture.run(registry: Self.registry)
            #expect(summary.status == .failed)
            let reason = summary.stages.first { $0.stage == "ingest" }?.reason ?? ""
            #expect(reason.contains("names 'nope.zip"), "\(reason)")
            #expect(reason.contains("the archives are: more.zip, x.tar.gz"), "\(reason)")
        }
    }

    /// Pins the stage's output on a fixed input together with its version.
    @Test func outputDigestIsPinnedWithTheVersion() async throws {
        #expect(IngestStage().version == 4, "the version of ingest changed: update the digests below")
        let fixture = try project()
        let summary = try await fixture.run(registry: Self.registry)
        #expect(summary.output("ingest", "posts")?.hex == "9276d38805d3ca22f7b385e30f5a069a3b8f994424e4b30d884248a0f7be0f56")
        #expect(summary.output("ingest", "quarantine")?.hex == "5da9634246eba463c2e6f86f581960dd6577e7431770b765b0524c22c72a641f")
        #expect(summary.output("ingest", "report")?.hex == "0d254a0edf642f4a434c81aecddbd05b3562508db749cee36a4255fc35b80eaf")
    }
}
