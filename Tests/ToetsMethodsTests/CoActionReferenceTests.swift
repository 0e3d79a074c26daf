import Testing
import ToetsModel
@testable import ToetsMethods

/// Every network against a plain reading of CNT's rule on random posts: for accounts A ≠ B, the
/// weight A → B is the number of A's messages with at least one message of B that has the same
/// key (or, for co-similar-tweet, a similar enough text) at most `window` seconds apart.
@Suite struct CoActionReferenceTests {
    /// Many accounts, a few of them busy, so that both ways of putting an account's
    /// neighbours in order are taken; texts, links and posts drawn from small pools.
    static let posts: [Post] = {
        var random = SeededRandom(seed: 11)
        let words = ["vote", "Vote", "now", "fraud", "de", "stem", "@bob", "nep,", "echt", "'t", "3.14", "naïve"]
        return (0..<3_000).map { index in
            let busy = random.chance(0.3)
            let author = busy ? Int.random(in: 0..<20, using: &random) : Int.random(in: 0..<5_000, using: &random)
            let draw = Int.random(in: 0..<10, using: &random)
            let kind: Post.Kind = draw < 3 ? .repost : draw < 5 ? .reply : draw < 6 ? .quote : .post
            let text = (0..<Int.random(in: 0...5, using: &random)).map { _ in words.randomElement(using: &random)! }
                .joined(separator: random.chance(0.2) ? "  " : " ")
            let urls = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                random.chance(0.1) ? "" : "https://e.example/\(Int.random(in: 0..<30, using: &random))"
            }
            return Post(platform: "test", sourceFormat: "test", postID: "p\(index)", authorID: "acc\(author)",
                        createdAt: Int64.random(in: 0..<6_000, using: &random), text: random.chance(0.05) ? nil : text,
                        kind: kind, refPostID: kind == .post ? nil : "r\(Int.random(in: 0..<40, using: &random))", urls: urls)
        }
    }()

    static let cases: [(CoActionNetwork, CoActionParameters)] = CoActionNetwork.allCases.flatMap { network in
        [CoActionParameters(timeWindow: 60, minEdgeWeight: 1), CoActionParameters(timeWindow: 600, minEdgeWeight: 2)]
            .map { (network, $0) }
    } + [(.coSimilarTweet, CoActionParameters(timeWindow: 60, minEdgeWeight: 1, similarityThreshold: 0.5, minDocumentSize: 3)),
         (.coSimilarTweet, CoActionParameters(timeWindow: 60, minEdgeWeight: 1, similarityThreshold: 0, minDocumentSize: 2)),
         (.coSimilarTweet, CoActionParameters(timeWindow: 60, minEdgeWeight: 1, similarityThreshold: 0.6, minDocumentSize: 0))]

    @Test(arguments: cases)
    func edgesAreWhatAPlainReadingOfTheRuleGives(_ network: CoActionNetwork, _ parameters: CoActionParameters) {
        let toets = CoAction.network(network, of: CoActionInput(posts: Self.posts), parameters: parameters).edges
            .map { "\($0.user1)>\($0.user2):\($0.weight)" }
        let reference = Self.reference(network, Self.posts, parameters)
        #expect(toets == reference)
        #expect(!reference.isEmpty)
    }

    /// The keys a post has in a network; co-similar-tweet and co-post have one key for all.
    static func keys(_ network: CoActionNetwork, _ post: Post) -> Set<String> {
        let reference = post.refPostID.flatMap { $0.isEmpty ? nil : $0 }
        switch network {
        case .coRetweet: return post.kind == .repost ? Set(reference.map { [$0] } ?? []) : []
        case .coReply: return post.kind == .reply ? Set(reference.map { [$0] } ?? []) : []
        case .coLink: return post.kind == .repost ? [] : Set(post.urls.filter { !$0.isEmpty })
        case .coTweet:
            let text = CoActionText.normalised(post.text ?? "")
            return post.kind == .repost || text.isEmpty ? [] : [text]
        case .coSimilarTweet: return post.kind == .repost ? [] : [""]
        case .coPost: return [""]
        }
    }

    static func reference(_ network: CoActionNetwork, _ posts: [Post], _ parameters: CoActionParameters) -> [String] {
        let keys = posts.map { Self.keys(network, $0) }
        let words = posts.map { Set(CoActionText.tokens($0.text ?? "")) }
        func similar(_ i: Int, _ j: Int) -> Bool {
            guard network == .coSimilarTweet else { return true }
            let (a, b) = (words[i], words[j])
            let size = parameters.minDocumentSize
            let similarity = size > 0 && (Double(a.count) < size || Double(b.count) < size) || a.union(b).isEmpty ? 0
                : Double(a.intersection(b).count) / Double(a.union(b).count)
            return similarity >= parameters.similarityThreshold
        }
        // Per message, the other accounts it co-acts with; pairs are looked for among the
        // messages in time order, as far as the window reaches.
        let order = posts.indices.sorted { posts[$0].createdAt < posts[$1].createdAt }
        var partners = [Set<String>](repeating: [], count: posts.count)
        for (p, i) in order.enumerated() {
            for j in order[(p + 1)...] {
                guard posts[j].createdAt - posts[i].createdAt <= parameters.timeWindow else { break }
                guard posts[i].authorID != posts[j].authorID && !keys[i].isDisjoint(with: keys[j]) else { continue }
                if similar(i, j) { partners[i].insert(posts[j].authorID) }
                if similar(j, i) { partners[j].insert(posts[i].authorID) }
            }
        }
        var weight: [String: Int] = [:]
        for (i, accounts) in partners.enumerated() {
            for account in accounts { weight[posts[i].authorID + ">" + account, default: 0] += 1 }
        }
        return weight.filter { $0.value >= parameters.minEdgeWeight }
            .map { (edge: $0.key.split(separator: ">").map { Array($0.utf8) }, row: "\($0.key):\($0.value)") }
            .sorted { $0.edge[0] != $1.edge[0] ? $0.edge[0].lexicographicallyPrecedes($1.edge[0]) : $0.edge[1].lexicographicallyPrecedes($1.edge[1]) }
            .map(\.row)
    }
}
