import Testing
@testable import ToetsModel

/// Field-level minimisation: a method that declares the post fields it reads gets posts with
/// only those keys, the same bytes however the work is split.
@Suite struct PostFieldsTests {
    @Test func aProjectionKeepsOnlyTheDeclaredKeysAndLeavesTheOthersOut() throws {
        let posts = PostLinesTests.posts(30)
        let projected = try PostFields.project(PostLinesTests.lines(posts), fields: ["created_at", "author_id"], artefact: "p.posts")
        let lines = projected.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
        #expect(lines.count == 30)
        #expect(lines[0] == #"{"author_id":"x:a0","created_at":1700000000}"#)
        // Absent, not blanked: the texts, kinds and links are nowhere in the bytes.
        let text = String(decoding: projected, as: UTF8.self)
        for absent in ["\"text\"", "tekst", "\"kind\"", "\"urls\"", "https://", "\"post_id\""] {
            #expect(!text.contains(absent), "\(absent)")
        }
    }

    @Test func theProjectionIsTheSameBytesWhereverTheBlocksFallAndReadsBackAsPosts() throws {
        let bytes = PostLinesTests.lines(PostLinesTests.posts(200))
        let fields = PostFields.canonical(["text", "author_id", "kind", "created_at", "post_id", "text"])
        #expect(fields == ["author_id", "created_at", "kind", "post_id", "text"])
        let whole = try PostFields.project(bytes, fields: fields, artefact: "p", blockSize: 1 << 20)
        for size in [1, 64, 1_000] {
            #expect(try PostFields.project(bytes, fields: fields, artefact: "p", blockSize: size) == whole, "block size \(size)")
        }
        let read = try Post.decodeLines(whole, artefact: "p", projected: true)
        #expect(read.map(\.text) == PostLinesTests.posts(200).map(\.text))
        #expect(read.map(\.kind) == PostLinesTests.posts(200).map(\.kind))
        // What was left out reads as empty, never as the value it had.
        #expect(read.allSatisfy { $0.platform.isEmpty && $0.urls.isEmpty })
        // Without `projected`, a post that lacks a required key is still an error.
        #expect(throws: PostsArtefactError.self) { try Post.decodeLines(whole, artefact: "p") }
    }

    @Test func aLineThatIsNotAnObjectIsNamedByArtefactAndLine() {
        var lines = PostLinesTests.posts(50).map(\.canonicalLine)
        lines[20] = Array("[1, 2]\n".utf8)
        lines[30] = Array("{oops\n".utf8)
        for size in [1, 100, 1 << 20] {
            let error = #expect(throws: PostsArtefactError.self) {
                try PostFields.project(lines.flatMap { $0 }, fields: ["author_id"], artefact: "posts.posts", blockSize: size)
            }
            #expect(error?.line == 21 && error?.artefact == "posts.posts", "block size \(size)")
        }
    }

    @Test func declaredFieldsEnterTheKeyAndExplainSaysSo() {
        let whole = KeyComponents(kind: "command", kindVersion: 1, command: "m {in.posts}", sandbox: "bwrap")
        var minimised = whole
        minimised.postFields = ["author_id", "created_at"]
        var other = whole
        other.postFields = ["author_id", "created_at", "text"]
        #expect(Set([whole.key, minimised.key, other.key]).count == 3)
        // The order they were written in does not matter.
        #expect(KeyComponents(kind: "command", kindVersion: 1, command: "m {in.posts}", sandbox: "bwrap",
                              postFields: ["created_at", "author_id"]).key == minimised.key)
        #expect(minimised.changes(since: whole).map(\.description)
                == ["post fields the method receives: every field → author_id, created_at"])
    }
}
