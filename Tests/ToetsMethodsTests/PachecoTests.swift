import Testing
import ToetsModel
@testable import ToetsMethods

@Suite struct PachecoTests {
    func method(_ overrides: [String: ParamValue]) throws -> Pacheco {
        var parameters = Dictionary(uniqueKeysWithValues: Pacheco.parameters.map { ($0.name, $0.defaultValue!) })
        parameters.merge(overrides) { $1 }
        return try Pacheco(parameters: parameters)
    }

    /// Reposts as traces: a: r1 r1 r2 r3, b: r1 r2 r3, c: r2 r3 r4, d: r4 r5, e: r1 r5 r5.
    var posts: [Post] {
        let traces = [("a", ["r1", "r1", "r2", "r3"]), ("b", ["r1", "r2", "r3"]), ("c", ["r2", "r3", "r4"]), ("d", ["r4", "r5"]),
                      ("e", ["r1", "r5", "r5"])]
        var posts: [Post] = []
        for (account, reposted) in traces {
            for (index, original) in reposted.enumerated() {
                posts.append(Post(platform: "x", sourceFormat: "t", postID: "\(account)\(index)", authorID: account,
                                  createdAt: Int64(index * 100 + posts.count), kind: .repost, refPostID: original))
            }
        }
        return posts
    }

    @Test func similaritiesMatchScikitLearnsTfidfAndCosine() throws {
        // TfidfVectorizer(token_pattern=r"\S+") on the trace lists, then cosine_similarity (scikit-learn 1.x).
        let expected: [String: Double] = [
            "a-b": 0.9428090415820635, "a-c": 0.4395058676463724, "a-e": 0.3129949258235604, "b-c": 0.6215551587680542,
            "b-e": 0.22132083452681997, "c-d": 0.45853231996950244, "d-e": 0.65308929887614,
        ]
        let result = try method(["min_accounts": .int(1), "min_traces": .int(1), "percentile": .double(0)]).detect(posts)
        let found = Dictionary(uniqueKeysWithValues: result.network.edges.map { ("\($0.account1)-\($0.account2)", $0.weight) })
        #expect(Set(found.keys) == Set(expected.keys))
        for (edge, similarity) in expected { #expect(abs(found[edge]! - similarity) < 1e-12, "\(edge)") }

        // At the median (R type 7 over the seven similarities: c-d), four edges stay.
        let median = try method(["min_accounts": .int(1), "min_traces": .int(1), "percentile": .double(50)]).detect(posts)
        #expect(median.network.edges.map { "\($0.account1)-\($0.account2)" } == ["a-b", "b-c", "c-d", "d-e"])
        let a = try #require(median.detections.first { $0.accountID == "a" })
        #expect(a.flagged && a.group == "g1" && abs(a.score - 0.9428090415820635) < 1e-12)
        #expect(median.evidence.filter { $0.account1 == "a" && $0.account2 == "b" }.map(\.object) == ["repost of r1", "repost of r2", "repost of r3"])
    }

    @Test func supportFiltersDropRareTracesAndQuietAccounts() throws {
        // r4 and r5 are left by two accounts each; with min_accounts 3 only r1, r2, r3 count,
        // and d (no trace left) and e (one) fall below min_traces 2.
        let result = try method(["min_accounts": .int(3), "min_traces": .int(2), "percentile": .double(0)]).detect(posts)
        #expect(Set(result.network.accounts) == ["a", "b", "c"])
        #expect(result.detections.count == 5)
    }

    @Test func hashtagSequencesAndActivityBinsAreTraces() throws {
        let hashtags = try method(["trace": .string("hashtags")])
        var post = Post(platform: "x", sourceFormat: "t", postID: "1", authorID: "a", createdAt: 86_400 * 3 + 5,
                        hashtags: ["a", "b", "c", "d", "e"])
        #expect(hashtags.traceOf(post) == "day 3: #a #b #c #d #e")
        post.hashtags.removeLast()
        #expect(hashtags.traceOf(post) == nil)
        #expect(try method(["trace": .string("activity")]).traceOf(post) == "active 259200–261000")
        #expect(Pacheco.quantile([1, 2, 3, 4], 0.5) == 2.5 && Pacheco.quantile([], 0.5) == nil)
    }

    @Test func theStreamedQuantileEqualsTheSortedOne() {
        var random = SeededRandom(seed: 3)
        for count in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<count).map { _ in Double(random.int(0...20)) / 20 }  // many ties
            for p in [0, 0.01, 0.5, 0.9, 0.995, 1] {
                let streamed = Pacheco.quantile(count: count, p) { body in for value in values { body(0, 0, value) } }
                #expect(streamed == Pacheco.quantile(values.sorted(), p), "n \(count), p \(p)")
            }
        }
    }
}
