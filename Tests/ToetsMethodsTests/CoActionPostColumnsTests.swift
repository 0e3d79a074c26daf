import Testing
import ToetsModel
@testable import ToetsMethods

/// The co-action stage reads the posts' binary form (`PostColumns`) in place of their NDJSON:
/// every network must find on it byte for byte what it finds on the NDJSON it was made from.
@Suite struct CoActionPostColumnsTests {
    /// The awkward posts of the NDJSON reader's tests (escapes, text beyond ASCII, empty
    /// references, a repeated post id, repeated and empty URLs), with hashtags and mentions, a
    /// post without text, and an account and a link spelled two ways that `String` takes as one.
    static let posts: [Post] = {
        var posts = CoActionPostsReaderTests.posts
        let base = posts[7]
        func variant(_ index: Int, _ change: (inout Post) -> Void) -> Post {
            var post = base
            post.postID = "p1.k.columns\(index)"
            post.createdAt += Int64(index)
            change(&post)
            return post
        }
        posts += (0..<6).map { index in
            variant(index) {
                $0.kind = .post
                $0.authorID = index % 2 == 0 ? "p1.k.caf\u{E9}" : "p1.k.cafe\u{301}"
                $0.urls = [index % 2 == 0 ? "https://nieuws.nl/caf\u{E9}" : "https://nieuws.nl/cafe\u{301}"]
                $0.hashtags = ["zwembad"]
                $0.mentions = ["p1.k.linker0"]
                $0.text = index == 5 ? nil : "hetzelfde bericht over het zwembad"
            }
        }
        return posts.sorted(by: Post.canonicalOrder)
    }()

    static func detect(_ method: CoActionMethod, columnsOf posts: [Post]) throws -> MethodResult {
        let lines = Post.canonicalLines(posts)
        let digest = Digest.sha256(of: lines)
        let bytes = PostColumns.write(posts, postsDigest: digest)
        return try bytes.withUnsafeBytes { raw in
            try #require(try method.detect(postColumns: try PostColumns(raw, posts: digest), progress: nil))
        }
    }

    static func detect(_ method: CoActionMethod, ndjsonOf posts: [Post]) throws -> MethodResult {
        let lines = Post.canonicalLines(posts)
        return try lines.withUnsafeBufferPointer { buffer in
            try #require(try method.detect(postsArtefact: buffer, artefact: "a.posts", projected: false, progress: nil))
        }
    }

    @Test func everyNetworkFindsOnTheColumnsWhatItFindsOnTheirNDJSON() throws {
        let unique = Self.posts.enumerated().filter { index, post in
            !Self.posts[..<index].contains { Array($0.postID.utf8) == Array(post.postID.utf8) }
        }.map(\.element)
        #expect(unique.count == Self.posts.count - 1, "one repeated post id")
        // In time order without a repeat (the renumbering); with a repeat, and out of time order (through the builder).
        let shuffled = Self.posts.enumerated().sorted { ($0.offset * 37) % 101 < ($1.offset * 37) % 101 }.map(\.element)
        for network in CoActionNetwork.allCases {
            let method = try CoActionPostsReaderTests.method(network)
            for (label, posts) in [("unique", unique), ("repeated", Self.posts), ("shuffled", shuffled)] {
                let expected = MethodFieldsTests.outputs(try Self.detect(method, ndjsonOf: posts))
                #expect(expected["evidence"]!.count > 60, "\(network.rawValue): something to compare")
                #expect(MethodFieldsTests.outputs(try Self.detect(method, columnsOf: posts)) == expected, "\(network.rawValue), \(label)")
            }
        }
    }

    @Test func theInputHoldsWhatTheNDJSONReaderGivesEvenWhereStringsLookAlike() throws {
        let columns = CoActionInput.Columns.all.union(.names)
        for posts in [Self.posts, Array(Self.posts.reversed())] {
            let lines = Post.canonicalLines(posts)
            let digest = Digest.sha256(of: lines)
            let bytes = PostColumns.write(posts, postsDigest: digest)
            let read = try bytes.withUnsafeBytes { CoActionInput(postColumns: try PostColumns($0, posts: digest), columns: columns) }
            let described = CoActionPostsReaderTests.describe(read)
            #expect(described == CoActionPostsReaderTests.fast(lines))
            #expect(read.accounts.contains("p1.k.caf\u{E9}") && read.accounts.filter { $0 == "p1.k.caf\u{E9}" }.count == 2,
                    "two accounts whose ids differ in bytes")
        }
        let empty = PostColumns.write([], postsDigest: Digest.sha256(of: []))
        let none = try empty.withUnsafeBytes { CoActionInput(postColumns: try PostColumns($0, posts: Digest.sha256(of: [])), columns: columns) }
        #expect(none.messageCount == 0 && none.accountCount == 0)
    }
}
