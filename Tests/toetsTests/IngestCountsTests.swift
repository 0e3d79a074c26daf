import Foundation
import Testing
import ToetsTestSupport

/// `toets run` says what each ingest stage read per archive, also when the stage was reused,
/// and which posts have no platform and how to set one.
@Suite struct IngestCountsTests {
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
}
