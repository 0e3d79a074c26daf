import Foundation
import Testing
import ToetsModel
import ToetsTestSupport
@testable import ToetsRunner

/// `fields:`: a method that declares the post fields it reads is given posts with only those,
/// in its sandbox; the declaration is checked, keyed and recorded.
@Suite struct PostFieldsRunnerTests {
    static let posts = #"{"author_id":"a1","created_at":10,"kind":"post","platform":"x","post_id":"x:1","source_format":"t","text":"bel 06-12345678","urls":[]}"#
        + "\n" + #"{"author_id":"a2","created_at":11,"kind":"repost","platform":"x","post_id":"x:2","ref_post_id":"x:1","source_format":"t","text":"RT bel","urls":["https://e.nl/p"]}"#
        + "\n"

    func fixture(fields: String) throws -> PipelineFixture {
        try PipelineFixture("""
            stages:
              data:
                uses: source
                with: {files: {posts: posts.ndjson}}
              m:
                role: method
                needs: data
            \(fields)
                run: cat {in.posts} > {out.seen}; grep -c '"text"' {in.posts} > {out.texts} || true
            """, files: ["posts.ndjson": Self.posts])
    }

    func read(_ summary: RunSummary, _ fixture: PipelineFixture, _ output: String) throws -> String {
        let digest = try #require(summary.output("m", output))
        return try String(contentsOfFile: fixture.workspace().store.path(of: digest), encoding: .utf8)
    }

    @Test func aMethodThatLooksForAnUndeclaredFieldFindsNothing() async throws {
        let fixture = try fixture(fields: "    fields: [created_at, author_id]")
        let summary = try await fixture.run()
        #expect(summary.statuses["m"] == .executed, "\(summary.stages.map(\.reason))")
        #expect(try read(summary, fixture, "seen") == #"{"author_id":"a1","created_at":10}"# + "\n" + #"{"author_id":"a2","created_at":11}"# + "\n")
        // Looking for the text key, it finds no line that has one (absent, not blanked).
        #expect(try read(summary, fixture, "texts") == "0\n")
    }

    @Test func withoutFieldsAMethodGetsEveryFieldAndDeclaringThemRerunsIt() async throws {
        let fixture = try fixture(fields: "")
        let whole = try await fixture.run()
        #expect(try read(whole, fixture, "seen") == Self.posts)
        #expect(try read(whole, fixture, "texts") == "2\n")
        try fixture.setPipeline(String(decoding: try Data(contentsOf: URL(fileURLWithPath: fixture.pipelinePath)), as: UTF8.self)
            .replacingOccurrences(of: "    needs: data\n", with: "    needs: data\n    fields: [text, author_id]\n"))
        let minimal = try await fixture.run()
        #expect(minimal.statuses["m"] == .executed)
        #expect(minimal.report("m")?.reason == "post fields the method receives: every field → author_id, text")
        #expect(try read(minimal, fixture, "seen").contains(#"{"author_id":"a1","text":"bel 06-12345678"}"#))
        // The same declaration again is a cache hit: the projection is deterministic.
        let again = try await fixture.run()
        #expect(again.statuses["m"] == .cached)
    }

    @Test func anUnknownFieldIsRefusedNamingFileLineFieldAndTheKnownOnes() throws {
        let fixture = try fixture(fields: "    fields:\n      - author_id\n      - txt")
        #expect(throws: PipelineErrors.self) { try fixture.plan() }
        do { _ = try fixture.plan() } catch let error as PipelineErrors {
            let problem = try #require(error.errors.first)
            #expect(error.errors.count == 1)
            #expect(problem.line == 10 && problem.stage == "m" && problem.field == "fields")
            #expect(problem.description.hasPrefix(fixture.pipelinePath + ":10: stage 'm', field 'fields': unknown post field 'txt'."))
            #expect(problem.description.contains("Did you mean 'text'?"))
            #expect(problem.description.contains("A post has the fields: account_created_at, author_handle, author_id"))
        }
    }

    @Test func fieldsAreForMethodsOnly() throws {
        let fixture = try PipelineFixture("""
            stages:
              data:
                uses: source
                with: {files: {posts: posts.ndjson}}
                fields: [author_id]
              e:
                role: evaluation
                needs: data
                fields: [author_id]
                run: cat {in.posts} > {out.x}
            """, files: ["posts.ndjson": Self.posts])
        do {
            _ = try fixture.plan()
            Issue.record("planned")
        } catch let error as PipelineErrors {
            #expect(error.errors.map(\.line) == [5, 9])
            #expect(error.errors.allSatisfy { $0.problem.hasPrefix("fields: is for method stages") })
        }
    }
}
