import Foundation
import Testing
import ToetsStore
import ToetsTestSupport

/// What `toets run` refuses before any stage runs, as a user meets it.
@Suite struct ChecksFirstCommandTests {
    static func project(key: String) throws -> TemporaryDirectory {
        let project = TemporaryDirectory()
        try project.write("shares.csv", "object_id,account_id,content_id,timestamp_share\nhttps://nos.nl/a,acct_1,post_1,1700000000\n")
        try project.write("p.yaml", """
            stages:
              data: {uses: source, with: {files: {shares.csv: shares.csv}}}
              posts: {uses: ingest, needs: data, with: {platforms: {shares.csv: x}}}
              anonymous:
                uses: anonymise
                needs: posts
                with: {key_file: \(key), k: 1}
            """)
        return project
    }

    @Test func aPseudonymisationKeyInAGitWorkTreeOrTheWorkspaceIsRefusedBeforeTheIngestRuns() throws {
        for place in ["repo", "workspace"] {
            let outside = TemporaryDirectory()
            let key = place == "repo" ? outside.path + "/repo/secrets/k" : outside.path + "/ws/k"
            let project = try Self.project(key: key)
            try FileSystem.makeDirectory(outside.path + (place == "repo" ? "/repo/.git" : "/ws/objects"))
            try outside.write(place == "repo" ? "repo/secrets/k" : "ws/k", String(repeating: "s", count: 32))
            chmod(key, 0o600)
            let result = try Toets.run(["run", "p.yaml", "--workspace", outside.path + "/ws"], in: project.path)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("p.yaml:7: stage 'anonymous', field 'with.key_file': the key file \(key) lies inside the "
                                           + (place == "repo" ? "git work tree \(outside.path)/repo" : "Toets workspace \(outside.path)/ws")),
                    "\(result.stderr)")
            #expect(result.stderr.contains("Nothing has run yet"))
            #expect(!result.stderr.contains("run      posts"), "the ingest ran first")
        }
    }

    @Test func everyValueOutOfRangeIsNamedInOneRun() throws {
        let project = TemporaryDirectory()
        try project.write("a.csv", "x\n")
        try project.write("p.yaml", """
            stages:
              data: {uses: source, with: {files: {posts: a.csv}}}
              copies:
                uses: method/near-duplicate
                needs: data
                with:
                  threshold: 1.5
                  shingle: 0
                  permutations: 4
            """)
        let result = try Toets.run(["run", "p.yaml"], in: project.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("the pipeline has 3 problems"))
        for (line, field) in [(7, "threshold"), (8, "shingle"), (9, "permutations")] {
            #expect(result.stderr.contains("p.yaml:\(line): stage 'copies', field 'with.\(field)'"), "\(result.stderr)")
        }
    }
}
