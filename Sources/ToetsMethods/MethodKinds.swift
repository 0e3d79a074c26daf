import ToetsModel

/// `method/co-action`: one of CNT 1.5.2's co-action networks (see `CoAction`). Besides the
/// common outputs it writes `directed.csv`, CNT's own `user_1,user_2,weight` table with its
/// directed weights, for row-by-row comparison. The undirected network and the flag use the
/// larger of the two directed weights; accounts on an edge of at least `flag_weight` are flagged.
package struct CoActionMethod: CoordinationMethod {
    package static let name = "co-action"
    package static let version = 1
    package static let parameters = [
        ParameterSpec("network", .string, default: .string(CoActionNetwork.coRetweet.rawValue),
                      summary: CoActionNetwork.allCases.map(\.rawValue).joined(separator: ", ")),
        ParameterSpec("window", .integer, default: .int(60), summary: "seconds between two co-acting posts at most (inclusive)"),
        ParameterSpec("min_edge_weight", .integer, default: .int(1), summary: "lighter directed edges are dropped, as CNT's option"),
        ParameterSpec("similarity_threshold", .number, default: .double(0.8), summary: "co_similar_tweet: the smallest Jaccard"),
        ParameterSpec("min_document_size", .number, default: .double(1), summary: "co_similar_tweet: shorter word sets never match"),
        ParameterSpec("flag_weight", .integer, default: .int(3), summary: "operating point: the smallest edge weight flagged"),
    ] + Grouping.parameters
    package static let extraOutputs = ["directed.csv"]

    var network: CoActionNetwork
    var parameters: CoActionParameters
    var flagWeight: Int
    var louvainSeed: UInt64?

    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        guard let network = parameters.string("network").flatMap(CoActionNetwork.init) else {
            throw StageParameterError(parameter: "network", problem: "must be one of "
                + CoActionNetwork.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let window = parameters.integer("window"), window >= 0 else {
            throw StageParameterError(parameter: "window", problem: "must be a whole number of seconds, 0 or more")
        }
        guard let threshold = parameters.number("similarity_threshold"), (0...1).contains(threshold) else {
            throw StageParameterError(parameter: "similarity_threshold", problem: "must be between 0 and 1")
        }
        self.network = network
        self.parameters = CoActionParameters(timeWindow: Int64(window), minEdgeWeight: max(parameters.integer("min_edge_weight") ?? 1, 1),
                                             similarityThreshold: threshold,
                                             minDocumentSize: parameters.number("min_document_size") ?? 1)
        flagWeight = max(parameters.integer("flag_weight") ?? 3, 1)
        louvainSeed = try Grouping.louvainSeed(parameters)
    }

    package func detect(_ posts: [Post]) throws -> MethodResult {
        let table = CoAction.network(network, of: CoActionInput(posts: posts), parameters: parameters)
        var strongest: [String: (a: String, b: String, weight: Int)] = [:]
        for edge in table.edges {
            let (a, b) = edge.user1.utf8.lexicographicallyPrecedes(edge.user2.utf8) ? (edge.user1, edge.user2) : (edge.user2, edge.user1)
            let key = a + "\u{0}" + b
            if edge.weight > strongest[key]?.weight ?? 0 { strongest[key] = (a, b, edge.weight) }
        }
        var graph = AccountGraph()
        for (_, edge) in strongest.sorted(by: { $0.key < $1.key }) { graph.addEdge(edge.a, edge.b, weight: Double(edge.weight)) }
        let detections = graph.detections(seen: posts.map(\.authorID), threshold: Double(flagWeight), louvainSeed: louvainSeed)
        return MethodResult(detections: detections, evidence: evidence(posts, flagged: graph.filter { $0 >= Double(flagWeight) }),
                            network: graph, extra: ["directed.csv": table.csv])
    }

    /// Up to five shared objects behind each flagged edge: the reposted or replied-to post, the
    /// link, or the normalised text both accounts posted within the window. Co-post and
    /// co-similar-tweet edges name the two posts instead.
    func evidence(_ posts: [Post], flagged: AccountGraph) -> [EvidenceRow] {
        var byKey: [String: [Post]] = [:]
        for post in posts where flagged.number(of: post.authorID) != nil {
            switch network {
            case .coRetweet: if post.kind == .repost, let id = post.refPostID { byKey["repost of " + id, default: []].append(post) }
            case .coReply: if post.kind == .reply, let id = post.refPostID { byKey["reply to " + id, default: []].append(post) }
            case .coLink: if post.kind != .repost { for url in Set(post.urls) where !url.isEmpty { byKey["link " + url, default: []].append(post) } }
            case .coTweet:
                if post.kind != .repost {
                    let text = CoActionText.normalised(post.text ?? "")
                    if !text.isEmpty { byKey["text " + text, default: []].append(post) }
                }
            case .coSimilarTweet, .coPost: byKey["posts", default: []].append(post)
            }
        }
        let linked = Set(flagged.edges.map { $0.account1 + "\u{0}" + $0.account2 })
        var perEdge: [String: Int] = [:]
        var rows: [EvidenceRow] = []
        for (key, group) in byKey.sorted(by: { $0.key < $1.key }) {
            for i in group.indices {
                for j in group.indices where j > i && abs(group[i].createdAt - group[j].createdAt) <= parameters.timeWindow {
                    let (first, second) = group[i].authorID.utf8.lexicographicallyPrecedes(group[j].authorID.utf8)
                        ? (group[i], group[j]) : (group[j], group[i])
                    let edge = first.authorID + "\u{0}" + second.authorID
                    guard linked.contains(edge), perEdge[edge, default: 0] < 5 else { continue }
                    perEdge[edge, default: 0] += 1
                    let object = key == "posts" ? "posts \(first.postID) and \(second.postID)" : key
                    rows.append(EvidenceRow(account1: first.authorID, account2: second.authorID, object: object,
                                            time1: first.createdAt, time2: second.createdAt))
                }
            }
        }
        return rows
    }
}

/// `method/coortweet`: CooRTweet 2.1.3's `detect_groups` and `generate_coordinated_network`
/// (see `CooRTweet`). A share is a post and the object it shares: its `content_id` where the
/// data names one (CooRTweet's own tables), else the post a repost reposts (`object: auto`), or
/// each link or hashtag. Besides the common outputs it writes CooRTweet's `pairs` and `edges`
/// tables. Accounts on an edge above the weight quantile (CooRTweet's `weight_threshold`) are
/// flagged and grouped by the connected components of those edges, as CooRTweet's subgraph 1.
package struct CooRTweetMethod: CoordinationMethod {
    package static let name = "coortweet"
    package static let version = 1
    package static let parameters = [
        ParameterSpec("object", .string, default: .string("auto"),
                      summary: "what is shared: auto (content_id, else the reposted post), content, repost, link or hashtag"),
        ParameterSpec("time_window", .integer, default: .int(10), summary: "seconds between two shares at most (inclusive)"),
        ParameterSpec("min_participation", .integer, default: .int(2), summary: "shares an account needs"),
        ParameterSpec("edge_weight", .number, default: .double(0.5), summary: "operating point: the quantile edges must exceed"),
        ParameterSpec("fast_window", .integer, default: .int(0), summary: "seconds of the speed flag (flag_speed_share); 0: off"),
    ]
    package static let extraOutputs = ["pairs", "edges"]

    var object: String
    var timeWindow: Int64
    var minParticipation: Int
    var edgeWeight: Double
    var fastWindow: Int64

    package init(parameters: [String: ParamValue]) throws(StageParameterError) {
        guard let object = parameters.string("object"), ["auto", "content", "repost", "link", "hashtag"].contains(object) else {
            throw StageParameterError(parameter: "object", problem: "must be auto, content, repost, link or hashtag")
        }
        guard let edgeWeight = parameters.number("edge_weight"), (0...1).contains(edgeWeight) else {
            throw StageParameterError(parameter: "edge_weight", problem: "must be a quantile between 0 and 1")
        }
        guard let window = parameters.integer("time_window"), window >= 0 else {
            throw StageParameterError(parameter: "time_window", problem: "must be a whole number of seconds, 0 or more")
        }
        self.object = object
        timeWindow = Int64(window)
        minParticipation = max(parameters.integer("min_participation") ?? 2, 1)
        self.edgeWeight = edgeWeight
        fastWindow = Int64(max(parameters.integer("fast_window") ?? 0, 0))
    }

    func shares(_ posts: [Post]) -> [CooRTweet.Share] {
        let useContent = object == "content" || (object == "auto" && posts.contains { $0.contentID != nil })
        var shares: [CooRTweet.Share] = []
        for post in posts {
            var objects: [String] = []
            if useContent {
                objects = post.contentID.map { [$0] } ?? []
            } else if object == "auto" || object == "repost" {
                if post.kind == .repost, let id = post.refPostID { objects = [id] }
            } else if object == "link" {
                objects = post.urls.filter { !$0.isEmpty }.map { "url_" + $0 }
            } else {
                objects = post.hashtags.map { "hashtag_" + $0 }
            }
            for id in objects {
                shares.append(CooRTweet.Share(objectID: id, accountID: post.authorID, contentID: post.postID, time: post.createdAt))
            }
        }
        return shares
    }

    package func detect(_ posts: [Post]) throws -> MethodResult {
        try detect(posts, progress: nil)
    }

    package func detect(_ posts: [Post], progress: StageProgress?) throws -> MethodResult {
        let shares = shares(posts)
        let pairs = CooRTweet.detectGroups(shares, timeWindow: timeWindow, minParticipation: minParticipation, progress: progress)
        progress?.begin("building the network", unit: "")
        let fast = fastWindow > 0 ? CooRTweet.flagSpeedShare(shares, pairs, minParticipation: minParticipation, tw2: fastWindow) : nil
        let network = CooRTweet.generateCoordinatedNetwork(pairs, edgeWeight: edgeWeight, fast: fast)
        var graph = AccountGraph()
        for edge in network.edges { graph.addEdge(edge.account1, edge.account2, weight: Double(edge.full.weight)) }
        let flaggedEdges = network.edges.filter(\.full.weightThreshold)
        var strong = AccountGraph()
        for edge in flaggedEdges { strong.addEdge(edge.account1, edge.account2, weight: Double(edge.full.weight)) }
        let labels = strong.components()
        let strength = graph.strengths
        var detections: [Detection] = []
        for account in Set(posts.map(\.authorID)) {
            let score = graph.number(of: account).map { strength[$0] } ?? 0
            let group = strong.number(of: account).map { "g\(labels[$0])" }
            detections.append(Detection(accountID: account, score: score, flagged: group != nil, group: group))
        }
        detections.sort { $0.accountID.utf8.lexicographicallyPrecedes($1.accountID.utf8) }
        // Evidence: the pairs behind flagged edges, with the older share's time.
        let timeOf = Dictionary(shares.map { ($0.contentID, $0.time) }) { first, _ in first }
        let flaggedKeys = Set(flaggedEdges.map { $0.account1 + "\u{0}" + $0.account2 })
        var evidence: [EvidenceRow] = []
        for pair in pairs {
            let (a, b) = pair.accountID.utf8.lexicographicallyPrecedes(pair.accountIDY.utf8)
                ? (pair.accountID, pair.accountIDY) : (pair.accountIDY, pair.accountID)
            guard flaggedKeys.contains(a + "\u{0}" + b), let time = timeOf[pair.contentID] else { continue }
            let times = a == pair.accountID ? (time, time + pair.timeDelta) : (time + pair.timeDelta, time)
            evidence.append(EvidenceRow(account1: a, account2: b, object: pair.objectID, time1: times.0, time2: times.1))
        }
        return MethodResult(detections: detections, evidence: evidence, network: graph,
                            extra: ["pairs": CooRTweet.pairsCSV(pairs, speed: fast.map { .init(tw2: fastWindow, flags: $0) }),
                                    "edges": CooRTweet.edgesCSV(network)])
    }
}
