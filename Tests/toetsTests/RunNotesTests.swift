import Foundation
import Testing
import ToetsTestSupport

/// After a run, `toets run` says what the reader must not miss in the stages' reports, also when
/// the stages were reused: what each ingest stage read per archive and which posts have no
/// platform, and each method whose declared operating point flags nothing.
@Suite struct RunNotesTests {
    @Test func everyRunPrintsPerArchiveCountsAndPostsWithoutAPlatform() throws {
        let project = TemporaryDirectory()
        try project.write("shares.csv", "object_id,account_id,content_id,timestamp_share\n"
            + "https://a.example,acc1,r1,1000\nhttps://b.example,acc2,r2,1001\nbroken\n")
        try project.write("p.yaml", """
            stages:
              data:
                uses: source
                with: {files: {shares.csv: shares.csv}}
              posts:
                uses: ingest
                needs: data
            """)
        for run in ["executed", "reused"] {
            let result = try Toets.run(["run", "p.yaml"], in: project.path)
            #expect(result.status == 0, "\(run): \(result.stderr)")
            #expect(result.stdout.contains("posts: shares.csv: 2 posts, 1 quarantined, 0 skipped, 0 refused"), "\(run)")
            #expect(result.stdout.contains("posts: 2 posts from shares.csv have platform unknown: coortweet-csv "
                                           + "does not name one; set it in the ingest stage with "
                                           + "`platforms: {shares.csv: x}`"), "\(run): \(result.stdout)")
        }
    }

    @Test func everyRunWarnsOfAMethodWhoseOperatingPointFlagsNothing() throws {
        let project = TemporaryDirectory()
        var labels = "account_id,label,campaign,annotator,confidence\n"
        var loud = "account_id,score,flagged,group\n", silent = loud, posts = ""
        for index in 0..<8 {
            let campaign = index < 4
            labels += "acct-\(index),\(campaign ? "campaign" : "none"),\(campaign ? "C1" : ""),A1,0.9\n"
            loud += "acct-\(index),\(campaign ? "0.9" : "0.1"),\(campaign),\(campaign ? "g" : "")\n"
            silent += "acct-\(index),0.2,false,\n"
            posts += #"{"author_id":"acct-\#(index)","language":"nl","platform":"x","post_id":"p\#(index)"}"# + "\n"
        }
        try project.write("labels.csv", labels)
        try project.write("loud.csv", loud)
        try project.write("silent.csv", silent)
        try project.write("posts.ndjson", posts)
        try project.write("p.yaml", """
            stages:
              loud: {uses: source, with: {files: {detections: loud.csv}}}
              silent: {uses: source, with: {files: {detections: silent.csv}}}
              truth: {uses: source, role: ground-truth, with: {files: {labels: labels.csv}}}
              posts: {uses: source, with: {files: {posts: posts.ndjson}}}
              score: {uses: score, needs: [loud, silent, truth, posts], with: {replicates: 50, min_cell: 2}}
            """)
        for run in ["executed", "reused"] {
            let result = try Toets.run(["run", "p.yaml"], in: project.path)
            #expect(result.status == 0, "\(run): \(result.stderr)")
            #expect(result.stderr.contains("score: WARNING: silent's declared operating point flags no account"),
                    "\(run): \(result.stderr)")
            #expect(!result.stderr.contains("WARNING: loud"), "\(run)")
        }
        // Scripts get the same warning as a `note` event before `run-finished`, and nothing on stderr.
        let result = try Toets.run(["run", "p.yaml", "--json"], in: project.path)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let events = result.stdout.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        }
        let notes = events.filter { $0["event"] as? String == "note" }
        #expect(notes.count == 1, "\(result.stdout)")
        #expect(notes.first?["stage"] as? String == "score" && notes.first?["level"] as? String == "warning")
        #expect((notes.first?["message"] as? String)?.hasPrefix("silent's declared operating point flags no account") == true)
        #expect(events.last?["event"] as? String == "run-finished")
    }
}
