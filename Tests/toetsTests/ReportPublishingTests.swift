import Foundation
import Testing
import ToetsModel
import ToetsTestSupport

/// `toets run` publishes the run's reports with its machine-specific facts, beside the stored
/// copy that holds only what the inputs determine.
@Suite struct ReportPublishingTests {
    static let pipeline = """
        name: fixture
        stages:
          alpha:
            uses: source
            with: {files: {detections: alpha.csv}}
            about: {team: Team Alpha, version: "2.0"}
          truth: {uses: source, role: ground-truth, with: {files: {labels: labels.csv}}}
          posts: {uses: source, with: {files: {posts: posts.ndjson}}}
          score: {uses: score, needs: [alpha, truth, posts], with: {replicates: 50, min_cell: 2}}
          report: {uses: report, needs: [score], with: {pipeline: fixture, date: "2026-03-25", pdf: false}}
        """

    static func project() throws -> TemporaryDirectory {
        let project = TemporaryDirectory()
        let ids = (1...8).map { "acct-\($0)" }
        var labels = "account_id,label,campaign,annotator,confidence\n"
        var detections = "account_id,score,flagged,group\n"
        var posts = ""
        for (index, id) in ids.enumerated() {
            let campaign = index < 4
            labels += "\(id),\(campaign ? "campaign" : "none"),\(campaign ? "C1" : ""),A1,0.9\n"
            let flagged = index % 3 != 2
            detections += "\(id),\(flagged ? "0.9" : "0.1"),\(flagged ? "true" : "false"),\(flagged ? "g" : "")\n"
            posts += #"{"author_id":"\#(id)","language":"nl","platform":"x","post_id":"p\#(index)"}"# + "\n"
        }
        try project.write("labels.csv", labels)
        try project.write("alpha.csv", detections)
        try project.write("posts.ndjson", posts)
        try project.write("p.yaml", pipeline)
        return project
    }

    @Test func aRunPublishesItsReportsWithTheRunsFactsAndChecksums() throws {
        let project = try Self.project()
        let result = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(result.status == 0, "\(result.stderr)")
        let folder = project.path + "/reports/fixture/run-1"
        #expect(result.stdout.contains("reports: " + folder + "/"))
        let published = try String(contentsOfFile: folder + "/klankbord.en.html", encoding: .utf8)
        #expect(published.contains("toets run p.yaml"))
        #expect(published.contains("logical cores"))
        #expect(published.contains("alpha.detections"))  // every artefact of the run, by digest
        #expect(!published.contains("the report stage&#39;s own copy") && !published.contains("report stage's own copy"))
        #expect(try String(contentsOfFile: folder + "/method-cards.en.html", encoding: .utf8).contains("<dd>Team Alpha</dd>"))

        // SHA256SUMS names every other file with its digest.
        let sums = try String(contentsOfFile: folder + "/SHA256SUMS", encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "SHA256SUMS" }.sorted()
        #expect(files.count == 7)
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + parts[1]))
            #expect(Digest.sha256(of: Array(bytes)).hex == String(parts[0]))
        }
        #expect(sums.split(separator: "\n").map { String($0.split(separator: " ").last!) } == files)
        // The run's facts bring no account id with them.
        for file in files {
            let text = String(decoding: try #require(FileManager.default.contents(atPath: folder + "/" + file)), as: UTF8.self)
            #expect(!text.contains("acct-"), "an account id in \(file)")
        }

        // The stored copy says where the run's facts are instead of holding them.
        let copy = try Toets.run(["outputs", "report", "--copy-to", "stored"], in: project.path)
        #expect(copy.status == 0)
        let stored = try String(contentsOfFile: project.path + "/stored/klankbord.en.html", encoding: .utf8)
        #expect(stored.contains("own copy") && !stored.contains("logical cores") && !stored.contains("toets run p.yaml"))

        // A second run publishes its own folder; its times say the stages were computed in run 1.
        // Having reused everything, it publishes the very bytes the first run did, table rows in
        // the same order: a no-op publication is deterministic.
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let secondFolder = project.path + "/reports/fixture/run-2"
        let second = try String(contentsOfFile: secondFolder + "/klankbord.en.html", encoding: .utf8)
        #expect(second.contains("<td>run 1</td>") && !second.contains("<td>run 2</td>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: secondFolder).sorted() == (files + ["SHA256SUMS"]).sorted())
        for file in files + ["SHA256SUMS"] {
            #expect(FileManager.default.contents(atPath: secondFolder + "/" + file)
                        == FileManager.default.contents(atPath: folder + "/" + file), "\(file) differs between runs")
        }
        // The second publication was copied from what the first kept, not rendered again: one key.
        let kept = try FileManager.default.contentsOfDirectory(atPath: project.path + "/.toets/cache/published")
        #expect(kept.count == 1)
    }
}
