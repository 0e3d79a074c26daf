import Foundation
import Testing
import ToetsModel
@testable import ToetsMethods

@Suite struct MethodKindsTests {
    func defaults(_ specs: [ParameterSpec], _ overrides: [String: ParamValue] = [:]) -> [String: ParamValue] {
        Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0.defaultValue!) }).merging(overrides) { $1 }
    }

    /// CooRTweet's rows as ingest makes them: the row's content id is the post, its object the
    /// post's content id; the posts sorted by time and post id, as a posts artefact is.
    static func posts(_ shares: [CooRTweet.Share]) -> [Post] {
        shares.map { Post(platform: "x", sourceFormat: "coortweet-csv", postID: $0.contentID, authorID: $0.accountID,
                          createdAt: $0.time, contentID: $0.objectID) }.sorted(by: Post.canonicalOrder)
    }

    @Test(.enabled(if: CooRTweetRealDataTests.dataPresent, CooRTweetRealDataTests.skipNote))
    func theCoortweetStageGivesCooRTweetsEdgesAndFlagsOnTheRealData() throws {
        let run = try CooRTweetRealDataTests.run(named: "russian-tw10")
        let posts = Self.posts(try CooRTweetRealDataTests.shares(run.file))
        let result = try CooRTweetMethod(parameters: defaults(CooRTweetMethod.parameters)).detect(posts)
        // The edges table is in account order, so reading the rows in another order changes nothing.
        #expect(Digest.sha256(of: result.extra["edges"]!).hex == run.figures.edgesSha256)
        let pairs = String(decoding: result.extra["pairs"]!, as: UTF8.self).split(separator: "\n").dropFirst()
        #expect(pairs.count == run.figures.pairs)
        let flagged = result.detections.filter(\.flagged)
        #expect(flagged.count == run.figures.subgraph1Accounts)
        #expect(Set(flagged.compactMap(\.group)).count == run.figures.subgraph1Components)
        #expect(result.detections.count == Set(posts.map(\.authorID)).count)
        #expect(!result.evidence.isEmpty && result.evidence.allSatisfy { row in flagged.contains { $0.accountID == row.account1 } })
    }

    @Test func coActionFlagsAccountsThatRepostTogetherAndExplainsWhy() throws {
        var posts: [Post] = []
        for round in 0..<4 {
            for (offset, account) in ["a", "b", "c"].enumerated() {
                posts.append(Post(platform: "x", sourceFormat: "t", postID: "\(account)\(round)", authorID: account,
                                  createdAt: Int64(round * 1_000 + offset * 20), kind: .repost, refPostID: "orig\(round)"))
            }
        }
        posts.append(Post(platform: "x", sourceFormat: "t", postID: "late", authorID: "d", createdAt: 5_000, kind: .repost,
                          refPostID: "orig0"))
        let result = try CoActionMethod(parameters: defaults(CoActionMethod.parameters, ["window": .int(30)])).detect(posts)
        // a–b and b–c are 20 s apart each round; a–c 40 s, outside the window.
        #expect(result.network.edges.map { "\($0.account1)-\($0.account2):\(Int($0.weight))" } == ["a-b:4", "b-c:4"])
        #expect(result.detections.filter(\.flagged).map(\.accountID) == ["a", "b", "c"])
        #expect(result.detections.first { $0.accountID == "d" }?.flagged == false)
        #expect(String(decoding: result.extra["directed.csv"]!, as: UTF8.self).hasPrefix("user_1,user_2,weight\na,b,4\n"))
        #expect(result.evidence.filter { $0.account1 == "a" }.map(\.object) == ["repost of orig0", "repost of orig1", "repost of orig2", "repost of orig3"])
    }

    @Test func coortweetObjectsCanBeRepostsLinksOrHashtags() throws {
        let post = Post(platform: "x", sourceFormat: "t", postID: "1", authorID: "a", createdAt: 0, kind: .repost,
                        refPostID: "r", urls: ["https://nos.nl/1", ""], hashtags: ["gr26"])
        func objects(_ object: String) throws -> [String] {
            try CooRTweetMethod(parameters: defaults(CooRTweetMethod.parameters, ["object": .string(object)])).shares([post]).map(\.objectID)
        }
        #expect(try objects("auto") == ["r"])
        #expect(try objects("link") == ["url_https://nos.nl/1"])
        #expect(try objects("hashtag") == ["hashtag_gr26"])
        #expect(try objects("content") == [])
    }
}
