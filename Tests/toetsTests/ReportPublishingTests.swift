import Foundation
import Testing
import ToetsModel
import ToetsStore
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

        // A second run that reused everything would publish the very bytes the first run did (its
        // times say the stages were computed in run 1, table rows in the same order): it writes
        // nothing, and names and logs the first run's folder as its publication.
        let rerun = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("reports: " + folder + "/ (as an earlier run published them"), "\(rerun.stdout)")
        #expect(!FileSystem.exists(project.path + "/reports/fixture/run-2"))
        let first = try String(contentsOfFile: folder + "/klankbord.en.html", encoding: .utf8)
        #expect(first.contains("<td>run 1</td>") && !first.contains("<td>run 2</td>"))
        let verify = try Toets.run(["verify", "--run", "2"], in: project.path)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("1 published folder checked"), "\(verify.stdout)")
        // Nothing was rendered for the second run: one key kept.
        let kept = try FileManager.default.contentsOfDirectory(atPath: project.path + "/.toets/cache/published")
        #expect(kept.count == 1)
    }

    @Test func aRerunPublishesItsOwnFolderWhenTheEarlierOneNoLongerHoldsTheSameDocuments() throws {
        let project = try Self.project()
        #expect(try Toets.run(["run", "p.yaml"], in: project.path).status == 0)
        let folder = project.path + "/reports/fixture/run-1"
        let original = try FileSystem.readSmallFile(folder + "/kamerbrief.nl.html")

        // A file altered, one added, one removed: each time the rerun writes its own folder, the
        // very documents the first run published, and leaves the earlier folder as it is.
        let alterations: [(String, (String) throws -> Void)] = [
            ("altered", { try project.write($0 + "/kamerbrief.nl.html", "<p>changed</p>\n") }),
            ("added", { try project.write($0 + "/notes.txt", "mine\n") }),
            ("removed", { try FileSystem.removeTree(project.path + "/" + $0 + "/SHA256SUMS") }),
        ]
        var newest = "reports/fixture/run-1"
        for (run, (what, alter)) in alterations.enumerated() {
            try alter(newest)
            let rerun = try Toets.run(["run", "p.yaml"], in: project.path)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            let own = "reports/fixture/run-\(run + 2)"
            #expect(rerun.stdout.contains("reports: " + project.path + "/" + own + "/\n"), "\(what): \(rerun.stdout)")
            #expect(try FileSystem.readSmallFile(project.path + "/" + own + "/kamerbrief.nl.html") == original, "\(what)")
            #expect(try FileSystem.contents(of: project.path + "/" + own).count == 8, "\(what)")
            newest = own
        }
        #expect(try project.read("reports/fixture/run-1/kamerbrief.nl.html") == "<p>changed</p>\n")
    }

    @Test func noOpRerunsUnderOtherCommandLinesPublishTheDocumentsOfTheRunThatComputedThem() throws {
        let project = try Self.project()
        let commands = [["run", "p.yaml"], ["run", "p.yaml", "--jobs", "1"], ["run", "p.yaml", "--no-wait"]]
        for (run, command) in (commands + commands).enumerated() {
            let result = try Toets.run(command, in: project.path)
            #expect(result.status == 0, "\(result.stderr)")
            // A run that computed nothing names the command that computed its results: the first
            // run's folder holds its documents, whatever the rerun's command line.
            let folder = project.path + "/reports/fixture/run-1/"
            #expect(result.stdout.contains("reports: " + folder + (run == 0 ? "\n" : " (as an earlier run")),
                    "run \(run + 1): \(result.stdout)")
        }
        #expect(try FileSystem.contents(of: project.path + "/reports/fixture") == ["run-1"])
        #expect(try String(contentsOfFile: project.path + "/reports/fixture/run-1/klankbord.en.html", encoding: .utf8)
            .contains("<code>toets run p.yaml</code>"))
        // Nothing was rendered for the reruns: one key kept.
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path + "/.toets/cache/published").count == 1)
        #expect(try Toets.run(["verify"], in: project.path).status == 0)

        // A run that executes a step computed its results: its documents name its own command.
        let forced = try Toets.run(["run", "p.yaml", "--jobs", "1", "--force", "score"], in: project.path)
        #expect(forced.status == 0, "\(forced.stderr)")
        let own = project.path + "/reports/fixture/run-7"
        #expect(forced.stdout.contains("reports: " + own + "/\n"), "\(forced.stdout)")
        #expect(try String(contentsOfFile: own + "/klankbord.en.html", encoding: .utf8)
            .contains("<code>toets run p.yaml --jobs 1 --force score</code>"))
        // Its no-op rerun under the first command line names the forced run's command.
        let after = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(after.stdout.contains("reports: " + own + "/ (as an earlier run"), "\(after.stdout)")
    }
}
