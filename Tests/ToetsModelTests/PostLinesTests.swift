import Foundation
import Testing
@testable import ToetsModel

/// Posts artefacts are parsed on every core in blocks of lines: the result and the line an error
/// names must not depend on where the blocks fall.
@Suite struct PostLinesTests {
    static func posts(_ count: Int) -> [Post] {
        (0..<count).map { index -> Post in
            let text: String? = index % 3 == 0 ? "tekst \(index)\nmet regel" : nil
            let urls: [String] = index % 5 == 0 ? ["https://e.nl/\(index)"] : []
            let kind: Post.Kind = index % 2 == 0 ? .post : .repost
            return Post(platform: "x", sourceFormat: "twarc2", postID: "x:\(index)", authorID: "x:a\(index % 7)",
                        createdAt: 1_700_000_000 + Int64(index), text: text, kind: kind, urls: urls)
        }
    }

    static func lines(_ posts: [Post]) -> [UInt8] { posts.flatMap(\.canonicalLine) }

    @Test func blocksOfAnySizeGiveThePostsInFileOrder() throws {
        let posts = Self.posts(200)
        let bytes = Self.lines(posts)
        for size in [1, 7, 100, 1_000, 1 << 20] {
            #expect(try Post.decodeLines(bytes, artefact: "a.posts", blockSize: size) == posts, "block size \(size)")
        }
        // Blank lines and a last line without its newline are read as before.
        let loose = Array("\n".utf8) + bytes + Array("\n".utf8) + posts[0].canonicalLine.dropLast()
        #expect(try Post.decodeLines(loose, artefact: "a.posts", blockSize: 64) == posts + [posts[0]])
        #expect(try Post.decodeLines([], artefact: "a.posts").isEmpty)
    }

    /// Each block's posts are placed by a count of its lines that are not empty: blank lines
    /// anywhere (runs of them, at block edges, first and last) and lines the strict reader takes
    /// must not shift a post or leave a place unfilled.
    @Test func blankLinesAndStrictlyReadLinesAnywhereKeepEveryPostInItsPlace() throws {
        let posts = Self.posts(90)
        var bytes: [UInt8] = Array("\n\n".utf8)
        for (index, post) in posts.enumerated() {
            // Every fourth line written with spaces, which only the strict reader takes.
            bytes += index % 4 == 1 ? Array(String(decoding: post.canonicalLine, as: UTF8.self)
                .replacingOccurrences(of: "\":", with: "\": ").utf8) : post.canonicalLine
            bytes += Array(String(repeating: "\n", count: index % 3).utf8)
        }
        for size in [1, 2, 9, 333, 1 << 20] {
            #expect(try Post.decodeLines(bytes, artefact: "a.posts", blockSize: size) == posts, "block size \(size)")
        }
        #expect(try Post.decodeLines(Array("\n\n\n".utf8), artefact: "a.posts", blockSize: 1).isEmpty)
    }

    @Test func theFirstBadLineInTheFileIsNamedWhereverTheBlocksFall() {
        var lines = Self.posts(120).map(\.canonicalLine)
        lines[40] = Array("{\"post_id\": 1}\n".utf8)
        lines[90] = Array("not json\n".utf8)
        let bytes = lines.flatMap { $0 }
        for size in [1, 50, 500, 1 << 20] {
            let error = #expect(throws: PostsArtefactError.self) {
                try Post.decodeLines(bytes, artefact: "a.posts", blockSize: size)
            }
            #expect(error?.line == 41 && error?.artefact == "a.posts", "block size \(size)")
        }
        // The bad line last, without a newline.
        let last = Self.lines(Self.posts(3)) + Array("{".utf8)
        let error = #expect(throws: PostsArtefactError.self) { try Post.decodeLines(last, artefact: "b", blockSize: 10) }
        #expect(error?.line == 4)
    }
}
