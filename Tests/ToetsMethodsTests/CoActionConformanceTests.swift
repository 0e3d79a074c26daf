import Testing
import ToetsModel
@testable import ToetsMethods

/// Toets against the network tables CNT 1.5.2 computed from the same input (fixtures from
/// scripts/oracles/cnt_conformance.py): the same edges and weights, except where `CoAction`
/// documents that it differs.
@Suite struct CoActionConformanceTests {
    @Test func theFixturesAreThere() {
        #expect(CNTFixtures.tables.count == 18)
        #expect(Set(CNTFixtures.tables.map(\.network)) == Set(CoActionNetwork.allCases))
    }

    /// CNT's raw co-link and co-tweet tables include the links through the empty URL and the
    /// empty text; fed an input in which those are a real URL and text, Toets gives the same
    /// table. So once self-loops are set aside, they are the only difference.
    @Test(arguments: CNTFixtures.tables)
    func edgesAndWeightsEqualCNTsWithoutSelfLoops(_ table: CNTFixtures.Table) throws {
        let cnt = try CNTFixtures.edges(table)
        let expected = cnt.filter { $0.user1 != $0.user2 }
        var posts = try CNTFixtures.posts()
        if table.removedBeforeCompute == nil && table.network == .coLink { posts = posts.map(Self.emptyURLAsAURL) }
        if table.removedBeforeCompute == nil && table.network == .coTweet { posts = posts.map(Self.emptyTextAsAText) }
        let toets = CoAction.network(table.network, of: CoActionInput(posts: posts), parameters: table.parameters)
        let equal = toets.edges == expected
        #expect(equal, "\(table.file): \(edgeDifference(toets.edges, expected))")
        #expect(expected.count > 100, "\(table.file) has too few edges to show much")
        // Every account with a message of the network's kind co-acts with itself in CNT.
        #expect(cnt.contains { $0.user1 == $0.user2 }, "\(table.file) has no self-loop to leave out")
    }

    /// The same tables read as Toets reads its input differ from CNT's raw ones: the fixture
    /// exercises both fixes.
    @Test(arguments: [CoActionNetwork.coLink, .coTweet])
    func emptyURLsAndTextsLinkAccountsInCNTButNotInToets(_ network: CoActionNetwork) throws {
        let posts = try CNTFixtures.posts()
        for table in CNTFixtures.tables where table.network == network {
            let cnt = try CNTFixtures.edges(table).filter { $0.user1 != $0.user2 }
            let toets = CoAction.network(network, of: CoActionInput(posts: posts), parameters: table.parameters)
            if table.removedBeforeCompute == nil {
                let fewer = toets.edges.count < cnt.count
                #expect(fewer, "\(table.file): \(edgeDifference(toets.edges, cnt))")
            } else {
                let equal = toets.edges == cnt
                #expect(equal, "\(table.file): \(edgeDifference(toets.edges, cnt))")
            }
        }
    }

    @Test(arguments: CoActionNetwork.allCases)
    func parallelTasksGiveTheSameEdgesAsOne(_ network: CoActionNetwork) throws {
        let input = CoActionInput(posts: try CNTFixtures.posts())
        let parameters = CoActionParameters(timeWindow: 60, minEdgeWeight: 1)
        let one = CoAction.network(network, of: input, parameters: parameters, parallelWork: .max)
        let many = CoAction.network(network, of: input, parameters: parameters, parallelWork: 0)
        #expect(one == many)
        #expect(!one.edges.isEmpty)
    }

    /// CNT's CSV preprocessing gives a row without URLs the URL "".
    static func emptyURLAsAURL(_ post: Post) -> Post {
        var post = post
        post.urls = post.urls.map { $0.isEmpty ? "cnt:empty-url" : $0 }
        return post
    }

    /// CNT's co-tweet matches texts that normalise to "" like any other.
    static func emptyTextAsAText(_ post: Post) -> Post {
        var post = post
        if post.kind != .repost && CoActionText.normalised(post.text ?? "").isEmpty { post.text = "cnt:empty-text" }
        return post
    }
}
