import Foundation
import Testing
import ToetsModel
@testable import ToetsMethods

/// Each rule of the co-action networks on posts made by hand.
@Suite struct CoActionRuleTests {
    static let start: Int64 = 1_700_000_000

    static func post(_ id: String, by author: String, at offset: Int64, _ kind: Post.Kind = .post, ref: String? = nil,
                     text: String? = nil, urls: [String] = []) -> Post {
        Post(platform: "test", sourceFormat: "test", postID: id, authorID: author, createdAt: start + offset,
             text: text, kind: kind, refPostID: ref, urls: urls)
    }

    static func edges(_ network: CoActionNetwork, _ posts: [Post], window: Int64 = 60, minEdgeWeight: Int = 1,
                      threshold: Double = 0.8, minDocumentSize: Double = 1) -> [String] {
        let parameters = CoActionParameters(timeWindow: window, minEdgeWeight: minEdgeWeight,
                                            similarityThreshold: threshold, minDocumentSize: minDocumentSize)
        return CoAction.networks([network], of: posts, parameters: parameters)[0].edges
            .map { "\($0.user1)>\($0.user2):\($0.weight)" }
    }

    @Test func theWindowIncludesBothEnds() {
        let posts = [
            Self.post("1", by: "a", at: 0, .repost, ref: "x"),
            Self.post("2", by: "b", at: 60, .repost, ref: "x"),
            Self.post("3", by: "c", at: 121, .repost, ref: "x"),
        ]
        // b is exactly 60 s from a and 61 s from c.
        #expect(Self.edges(.coRetweet, posts) == ["a>b:1", "b>a:1"])
        #expect(Self.edges(.coRetweet, posts, window: 61) == ["a>b:1", "b>a:1", "b>c:1", "c>b:1"])
        #expect(Self.edges(.coPost, posts, window: 59).isEmpty)
    }

    @Test func weightsCountTheFirstAccountsMessagesSoTheyAreDirected() {
        let posts = [
            Self.post("1", by: "a", at: 0, .repost, ref: "x"),
            Self.post("2", by: "a", at: 10, .repost, ref: "x"),
            Self.post("3", by: "a", at: 20, .repost, ref: "x"),
            Self.post("4", by: "b", at: 5, .repost, ref: "x"),
        ]
        #expect(Self.edges(.coRetweet, posts) == ["a>b:3", "b>a:1"])
        #expect(Self.edges(.coRetweet, posts, minEdgeWeight: 2) == ["a>b:3"])
        #expect(Self.edges(.coRetweet, posts, minEdgeWeight: 4).isEmpty)
    }

    @Test func anAccountNeverLinksToItself() {
        let posts = [
            Self.post("1", by: "a", at: 0, .repost, ref: "x"),
            Self.post("2", by: "a", at: 1, .repost, ref: "x"),
            Self.post("3", by: "a", at: 2, text: "same", urls: ["https://e.example/1"]),
            Self.post("4", by: "a", at: 3, text: "same", urls: ["https://e.example/1"]),
        ]
        for network in CoActionNetwork.allCases {
            #expect(Self.edges(network, posts).isEmpty, "\(network)")
        }
    }

    @Test func emptyURLsLinkNoOne() {
        let posts = [
            Self.post("1", by: "a", at: 0, text: "one", urls: [""]),
            Self.post("2", by: "b", at: 1, text: "two", urls: ["", ""]),
            Self.post("3", by: "c", at: 2, text: "three"),
            Self.post("4", by: "c", at: 3, text: "four", urls: ["", "https://e.example/1"]),
            Self.post("5", by: "d", at: 4, text: "five", urls: ["https://e.example/1"]),
        ]
        #expect(Self.edges(.coLink, posts) == ["c>d:1", "d>c:1"])
    }

    @Test func textsThatNormaliseToNothingAreNotTheSameText() {
        let posts = [
            Self.post("1", by: "a", at: 0, text: nil),
            Self.post("2", by: "b", at: 1, text: ""),
            Self.post("3", by: "c", at: 2, text: "@only @mentions"),
            Self.post("4", by: "d", at: 3, text: " \t "),
            Self.post("5", by: "e", at: 4, text: "Same  TEXT @x"),
            Self.post("6", by: "f", at: 5, text: "same text"),
        ]
        #expect(Self.edges(.coTweet, posts) == ["e>f:1", "f>e:1"])
    }

    @Test func aMessageSharingSeveralURLsCountsOnce() {
        let posts = [
            Self.post("1", by: "a", at: 0, urls: ["u1", "u2", "u1"]),
            Self.post("2", by: "b", at: 1, urls: ["u1"]),
            Self.post("3", by: "b", at: 2, urls: ["u2"]),
        ]
        #expect(Self.edges(.coLink, posts) == ["a>b:1", "b>a:2"])
    }

    @Test func repostsOnlyCoRetweetAndCoPost() {
        let posts = [
            Self.post("1", by: "a", at: 0, .repost, ref: "x", text: "RT same", urls: ["u1"]),
            Self.post("2", by: "b", at: 1, .repost, ref: "x", text: "RT same", urls: ["u1"]),
        ]
        #expect(Self.edges(.coRetweet, posts) == ["a>b:1", "b>a:1"])
        #expect(Self.edges(.coPost, posts) == ["a>b:1", "b>a:1"])
        for network in [CoActionNetwork.coTweet, .coLink, .coSimilarTweet, .coReply] {
            #expect(Self.edges(network, posts).isEmpty, "\(network)")
        }
    }

    @Test func onlyRepliesCoReplyAndQuotesArePlainPosts() {
        let posts = [
            Self.post("1", by: "a", at: 0, .reply, ref: "x", text: "yes"),
            Self.post("2", by: "b", at: 1, .reply, ref: "x", text: "no"),
            Self.post("3", by: "c", at: 2, .quote, ref: "x", text: "yes"),
            Self.post("4", by: "d", at: 3, .comment, ref: "x", text: "maybe"),
            Self.post("5", by: "e", at: 4, .reply, ref: "y", text: "other"),
        ]
        #expect(Self.edges(.coReply, posts) == ["a>b:1", "b>a:1"])
        #expect(Self.edges(.coTweet, posts) == ["a>c:1", "c>a:1"])
        #expect(Self.edges(.coRetweet, posts).isEmpty)
    }

    @Test func similarityAtTheThresholdCounts() {
        // "," is a word of its own, so b has {one, two, ",", three, four}. Jaccard: a–b 4/5,
        // a–c 4/5, b–c 4/6.
        let posts = [
            Self.post("1", by: "a", at: 0, text: "one two three four"),
            Self.post("2", by: "b", at: 1, text: "One two, three four"),
            Self.post("3", by: "c", at: 2, text: "one two three four five"),
        ]
        #expect(Self.edges(.coSimilarTweet, posts) == ["a>b:1", "a>c:1", "b>a:1", "c>a:1"])
        #expect(Self.edges(.coSimilarTweet, posts, threshold: 0.6) == ["a>b:1", "a>c:1", "b>a:1", "b>c:1", "c>a:1", "c>b:1"])
        // a has four words, too few to be similar to anything.
        #expect(Self.edges(.coSimilarTweet, posts, threshold: 0.6, minDocumentSize: 5) == ["b>c:1", "c>b:1"])
        let empty = [Self.post("1", by: "a", at: 0, text: ""), Self.post("2", by: "b", at: 0, text: "")]
        #expect(Self.edges(.coSimilarTweet, empty, threshold: 0.5, minDocumentSize: 0).isEmpty)
    }

    @Test func aRepeatedPostIDCountsOnce() {
        let first = Self.post("1", by: "a", at: 0, .repost, ref: "x")
        let posts = [first, first, first, Self.post("2", by: "b", at: 1, .repost, ref: "x"),
                     Self.post("2", by: "c", at: 1, .repost, ref: "x")]
        #expect(Self.edges(.coRetweet, posts) == ["a>b:1", "b>a:1"])
    }

    @Test func edgesComeInByteOrderOfAccountIDs() {
        let posts = ["é", "Z", "a", "b10", "b9"].enumerated().map { index, author in
            Self.post("\(index)", by: author, at: Int64(index), .repost, ref: "x")
        }
        let users = Self.edges(.coRetweet, posts).map { $0.split(separator: ">")[0] }
        #expect(users.first == "Z")
        #expect(users.last == "é")
        #expect(Self.edges(.coRetweet, posts).prefix(4) == ["Z>a:1", "Z>b10:1", "Z>b9:1", "Z>é:1"])
    }

    /// Among thousands of accounts, an account's few neighbours are put in order by sorting;
    /// here a finds them latest first (d, c, b).
    @Test func edgesComeInByteOrderAmongManyAccounts() {
        let filler = (0..<6_000).map { Self.post("f\($0)", by: "filler\($0)", at: 10_000 + Int64($0) * 100, .repost, ref: "y\($0)") }
        let posts = filler + [
            Self.post("1", by: "a", at: 10, .repost, ref: "x"),
            Self.post("2", by: "d", at: 9, .repost, ref: "x"),
            Self.post("3", by: "c", at: 8, .repost, ref: "x"),
            Self.post("4", by: "b", at: 7, .repost, ref: "x"),
        ]
        #expect(Self.edges(.coRetweet, posts, window: 3) == ["a>b:1", "a>c:1", "a>d:1", "b>a:1", "b>c:1", "b>d:1",
                                                            "c>a:1", "c>b:1", "c>d:1", "d>a:1", "d>b:1", "d>c:1"])
    }

    @Test func theCSVHasCNTsColumnsAndQuotesOnlyWhenItMust() {
        let table = CoActionEdgeTable(network: .coLink, parameters: CoActionParameters(), edges: [
            CoActionEdge(user1: "a", user2: "b,c", weight: 2),
            CoActionEdge(user1: "say \"hi\"", user2: "d", weight: 10),
        ])
        #expect(String(decoding: table.csv, as: UTF8.self) == "user_1,user_2,weight\na,\"b,c\",2\n\"say \"\"hi\"\"\",d,10\n")
    }

    /// The file is formatted in pieces, a few at a time, from the parts the edges were counted in.
    @Test func theFileWrittenInPiecesHoldsTheCSV() throws {
        let posts = (0..<300).map { Self.post("\($0)", by: "a\($0 % 40)", at: Int64($0), .repost, ref: "x") }
        let table = CoAction.network(.coPost, of: CoActionInput(posts: posts),
                                     parameters: CoActionParameters(timeWindow: 5, minEdgeWeight: 1), parallelWork: 0)
        #expect(table.parts.count > 1)
        let path = FileManager.default.temporaryDirectory.path + "/toets-edges-\(UInt64.random(in: 0...UInt64.max)).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        for rowsPerPiece in [1, 7, 1 << 20] {
            try table.writeCSV(to: path, rowsPerPiece: rowsPerPiece)
            let same = FileManager.default.contents(atPath: path).map(Array.init) == table.csv
            #expect(same, "\(rowsPerPiece) rows per piece")
        }
        #expect(table.csv.count > 1_000)
    }
}
