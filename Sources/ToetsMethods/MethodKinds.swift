import ToetsModel

/// `method/co-action`: one of CNT 1.5.2's co-action networks (see `CoAction`). Besides the
/// common outputs it writes `directed.csv`, CNT's own `user_1,user_2,weight` table with its
/// directed weights, for row-by-row comparison. The undirected network and the flag use the
/// larger of the two directed weights; accounts on an edge of at least `flag_weight` are flagged.
package struct CoActionMethod: CoordinationMethod {
    package static let name = "co-action"
    package static let version = 2
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
        detect(CoActionInput(posts: posts, columns: network.columns.union(.names)))
    }

    package func detect(postsArtefact bytes: UnsafeBufferPointer<UInt8>, artefact: String, projected: Bool,
                        progress: StageProgress?) throws -> MethodResult? {
        let input = try CoActionInput(postsArtefact: bytes, artefact: artefact, projected: projected,
                                      columns: network.columns.union(.names))
        progress?.begin("detecting in \(input.messageCount) posts", unit: "")
        return detect(input)
    }

    package func detect(postColumns: PostColumns, progress: StageProgress?) throws -> MethodResult? {
        let input = CoActionInput(postColumns: postColumns, columns: network.columns.union(.names))
        progress?.begin("detecting in \(input.messageCount) posts", unit: "")
        return detect(input)
    }

    /// The network of `input` (read with this network's columns and `.names`), its detections and evidence.
    package func detect(_ input: CoActionInput) -> MethodResult {
        let table = CoAction.network(network, of: input, parameters: parameters)
        var graph = AccountGraph()
        if let strongest = table.strongestUndirected() {
            for edge in strongest { graph.addEdge(table.accounts[Int(edge.a)], table.accounts[Int(edge.b)], weight: Double(edge.weight)) }
        } else {
            var strongest: [String: (a: String, b: String, weight: Int)] = [:]
            for edge in table.edges {
                let (a, b) = edge.user1.utf8.lexicographicallyPrecedes(edge.user2.utf8) ? (edge.user1, edge.user2) : (edge.user2, edge.user1)
                let key = a + "\u{0}" + b
                if edge.weight > strongest[key]?.weight ?? 0 { strongest[key] = (a, b, edge.weight) }
            }
            for (_, edge) in strongest.sorted(by: { $0.key < $1.key }) { graph.addEdge(edge.a, edge.b, weight: Double(edge.weight)) }
        }
        let edges = graph.edges
        let strong = graph.filter(edges) { $0 >= Double(flagWeight) }
        let detections = graph.detections(seen: input.accounts + input.skippedAccounts, strong: strong, louvainSeed: louvainSeed)
        return MethodResult(detections: detections, evidence: evidence(input, flagged: strong), network: graph, edges: edges,
                            extra: ["directed.csv": table.csv])
    }

    /// Up to five shared objects behind each flagged edge: the reposted or replied-to post, the
    /// link, or the normalised text both accounts posted within the window. Co-post and
    /// co-similar-tweet edges name the two posts instead. The messages are the network's
    /// (`CoActionInput`: in time order, a repeated post id skipped whole), taken object by object
    /// in the order of the objects' names.
    func evidence(_ input: CoActionInput, flagged: AccountGraph) -> [EvidenceRow] {
        let vertexOf = input.accounts.map { flagged.number(of: $0) ?? -1 }
        // The messages of flagged accounts by the number of the object they share, and each object's name.
        var messages: [[Int32]] = []
        var names: [String] = []
        var numbers: [Int32: Int] = [:]
        var texts: [String: Int] = [:]
        func add(_ message: Int, object: Int32, name: @autoclosure () -> String) {
            if let index = numbers[object] { return messages[index].append(Int32(message)) }
            numbers[object] = names.count
            names.append(name())
            messages.append([Int32(message)])
        }
        for m in 0..<input.messageCount where vertexOf[Int(input.author[m])] >= 0 {
            switch network {
            case .coRetweet:
                if input.repostOf[m] >= 0 { add(m, object: input.repostOf[m], name: "repost of " + input.repostedNames.string(input.repostOf[m])) }
            case .coReply:
                if input.replyTo[m] >= 0 { add(m, object: input.replyTo[m], name: "reply to " + input.repliedNames.string(input.replyTo[m])) }
            case .coLink:
                for url in input.urls[Int(input.urlStart[m])..<Int(input.urlStart[m + 1])] {
                    add(m, object: url, name: "link " + input.urlNames.string(url))
                }
            case .coTweet:
                guard !input.isRepost[m] else { continue }
                let text = CoActionText.normalised(input.textBytes.withUnsafeBufferPointer {
                    String(decoding: $0[input.textStart[m]..<input.textStart[m + 1]], as: UTF8.self)
                })
                guard !text.isEmpty else { continue }
                let number = texts[text] ?? texts.count
                texts[text] = number
                add(m, object: Int32(number), name: "text " + text)
            case .coSimilarTweet, .coPost: add(m, object: 0, name: "posts")
            }
        }
        func postID(_ m: Int) -> String {
            input.postIDBytes.withUnsafeBufferPointer { String(decoding: $0[input.postIDStart[m]..<input.postIDStart[m + 1]], as: UTF8.self) }
        }
        // Edges by their accounts' vertex numbers: a pair of posts costs no string.
        var perEdge: [UInt64: Int] = [:]
        var rows: [EvidenceRow] = []
        for key in names.indices.sorted(by: { (names[$0], $0) < (names[$1], $1) }) {
            let group = messages[key].map(Int.init)
            for (i, m) in group.enumerated() {
                for n in group.dropFirst(i + 1) {
                    // In time order, no later message is within the window once one is not.
                    if input.time[n] - input.time[m] > parameters.timeWindow { break }
                    let (u, v) = (vertexOf[Int(input.author[m])], vertexOf[Int(input.author[n])])
                    guard u != v, flagged.hasEdge(u, v) else { continue }
                    let edge = UInt64(min(u, v)) << 32 | UInt64(max(u, v))
                    guard perEdge[edge, default: 0] < 5 else { continue }
                    perEdge[edge, default: 0] += 1
                    // Accounts are numbered in byte order of their ids.
                    let (first, second) = input.author[m] < input.author[n] ? (m, n) : (n, m)
                    let object = network == .coSimilarTweet || network == .coPost
                        ? "posts \(postID(first)) and \(postID(second))" : names[key]
                    rows.append(EvidenceRow(account1: input.accounts[Int(input.author[first])],
                                            account2: input.accounts[Int(input.author[second])], object: object,
                                            time1: input.time[first], time2: input.time[second]))
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
