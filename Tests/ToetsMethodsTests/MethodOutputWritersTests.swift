import Testing
import ToetsModel
@testable import ToetsMethods

/// The byte writers of a method stage's outputs give exactly the bytes of the string forms they
/// replace, and the pair loops that skip work find exactly what a plain loop over every pair finds.
@Suite struct MethodOutputWritersTests {
    /// Values where CSV quoting and XML escaping have something to do, ASCII and beyond.
    static let awkward = ["", "plain", "a,b", #"say "hi""#, "\"\u{301}", "é,\"x\"", "line\r\nbreak", "cr\ronly", "<a href='x'>&\"",
                          "\"\u{301}<&", "naïve & <b>", "tab\tand\nnewline", "🏳️‍🌈,\"", "x:AB12CD"]

    @Test func csvFieldsAndXMLTextAreWrittenAsTheirStringForms() {
        for value in Self.awkward {
            var field: [UInt8] = [9]
            CSVScanner.appendField(value, to: &field)
            #expect(field == [9] + Array(CSVScanner.field(value).utf8), "\(value.debugDescription)")
            var xml: [UInt8] = []
            NetworkExport.appendEscaped(value, to: &xml)
            #expect(xml == Array(NetworkExport.escaped(value).utf8), "\(value.debugDescription)")
        }
    }

    @Test func numbersAreWrittenAsTheirStringForms() {
        for value in [0, -0.0, 3, -12, 0.1, 2.5, -1e-7, 1e15, -1e15, 1e16, 999_999_999_999_999, 123.456, .greatestFiniteMagnitude] {
            var out: [UInt8] = []
            DetectionsFile.appendNumber(value, to: &out)
            #expect(out == Array(DetectionsFile.formatNumber(value).utf8), "\(value)")
        }
        for value in [Int64.min, Int64.max, 0, -5, 7, 1_000_000] {
            var out: [UInt8] = [1]
            DetectionsFile.appendInteger(value, to: &out)
            #expect(out == [1] + Array(String(value).utf8))
        }
    }

    /// Accounts that co-post in bursts (some outside the window of each other), at times that
    /// repeat, with awkward ids.
    static func posts(accounts: Int = 12, count: Int = 400) -> [Post] {
        var random = SeededRandom(seed: 7)
        return (0..<count).map { index in
            let account = Int(random.next() % UInt64(accounts))
            let time = Int64(index / 7) * 45 + Int64(random.next() % 3)
            return Post(platform: "x", sourceFormat: "t", postID: "p\(index)", authorID: account % 5 == 0 ? "acct,\(account)" : "acct\(account)",
                        createdAt: time, kind: index % 3 == 0 ? .repost : .post, refPostID: "orig\(index % 2)")
        }.sorted(by: Post.canonicalOrder)
    }

    /// The evidence rows as every pair of posts gives them, at most five per edge, with no shortcut.
    static func evidenceOfEveryPair(_ group: [(key: String, posts: [Post])], linked: Set<String>, window: Int64) -> [EvidenceRow] {
        var perEdge: [String: Int] = [:]
        var rows: [EvidenceRow] = []
        for (key, posts) in group {
            for i in posts.indices {
                for j in posts.indices where j > i && abs(posts[i].createdAt - posts[j].createdAt) <= window {
                    let (first, second) = posts[i].authorID.utf8.lexicographicallyPrecedes(posts[j].authorID.utf8)
                        ? (posts[i], posts[j]) : (posts[j], posts[i])
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

    @Test func coPostEvidenceIsWhatEveryPairGivesInTimeOrderOrNot() throws {
        for window in [0, 30, 60, 500] as [Int] {
            let method = try CoActionMethod(parameters: ["network": .string("co_post"), "window": .int(window),
                                                         "similarity_threshold": .double(0.8), "flag_weight": .int(2),
                                                         "groups": .string("components")])
            let posts = Self.posts()
            let result = try method.detect(posts)
            let flagged = result.network.filter { $0 >= 2 }
            let linked = Set(flagged.edges.map { $0.account1 + "\u{0}" + $0.account2 })
            for order in [posts, posts.reversed()] {
                // The network's messages are in time order, those of one time in the order given.
                let inTime = order.enumerated().sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }.map(\.element)
                let group = inTime.filter { flagged.number(of: $0.authorID) != nil }
                let expected = Self.evidenceOfEveryPair([("posts", group)], linked: linked, window: Int64(window))
                let input = CoActionInput(posts: order, columns: .names)
                #expect(method.evidence(input, flagged: flagged) == expected, "window \(window)")
                #expect(!expected.isEmpty || window == 0)
            }
        }
    }

    @Test func theUndirectedNetworkKeepsTheStrongerDirectionOfEachPair() throws {
        let posts = Self.posts(accounts: 30, count: 900)
        for network in [CoActionNetwork.coPost, .coRetweet] {
            let table = CoAction.network(network, of: CoActionInput(posts: posts),
                                         parameters: CoActionParameters(timeWindow: 60, minEdgeWeight: 1, similarityThreshold: 0.8,
                                                                        minDocumentSize: 1))
            var strongest: [String: (a: String, b: String, weight: Int)] = [:]
            for edge in table.edges {
                let (a, b) = edge.user1.utf8.lexicographicallyPrecedes(edge.user2.utf8) ? (edge.user1, edge.user2) : (edge.user2, edge.user1)
                if edge.weight > strongest[a + "\u{0}" + b]?.weight ?? 0 { strongest[a + "\u{0}" + b] = (a, b, edge.weight) }
            }
            let expected = strongest.sorted { $0.key < $1.key }.map { "\($0.value.a) \($0.value.b) \($0.value.weight)" }
            let numbered = try #require(table.strongestUndirected())
            #expect(numbered.map { "\(table.accounts[Int($0.a)]) \(table.accounts[Int($0.b)]) \($0.weight)" } == expected)
            #expect(expected.count > 10)
        }
        // Ids beyond ASCII keep the order and equality of strings: the numbered shortcut steps aside.
        let accented = posts.map { post in
            var post = post
            post.authorID = post.authorID.replacingOccurrences(of: "acct", with: "accté")
            return post
        }
        let table = CoAction.network(.coPost, of: CoActionInput(posts: accented),
                                     parameters: CoActionParameters(timeWindow: 60, minEdgeWeight: 1, similarityThreshold: 0.8,
                                                                    minDocumentSize: 1))
        #expect(table.strongestUndirected() == nil)
    }
}
