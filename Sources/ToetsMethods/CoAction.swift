import ToetsModel

/// The co-action networks of coordination-network-toolkit (CNT) 1.5.2, computed in memory.
///
/// Semantics, as CNT's queries in `compute_networks.py` have them: two messages of different
/// accounts co-act when they share the network's key (see `CoActionNetwork`) and their times
/// are at most `timeWindow` seconds apart, both ends inclusive (`between t - w and t + w`). The
/// edge A → B weighs the number of distinct messages of A that co-act with at least one message
/// of B (`count(distinct e_1.message_id)`), so A → B and B → A can differ; edges lighter than
/// `minEdgeWeight` are dropped. Reposts take part in co-retweet and co-post only. How posts map
/// to CNT's input is on `CoActionInput`.
///
/// Where Toets differs from CNT 1.5.2, on purpose:
/// 1. Empty URLs link no one. CNT's CSV preprocessing splits the `urls` field on single
///    spaces, so a post without URLs (or with two spaces between URLs) gets the URL "", and
///    co-link ties every such post to every other within the window.
/// 2. No self-loops. Every message of CNT co-acts with itself, so its tables hold A → A with
///    the account's message count (its export drops them unless `--include_self_loops`).
///    Edges A → B between different accounts are not affected.
/// 3. Texts that normalise to nothing (no text, only mentions, only blanks) are not a shared
///    text: CNT's co-tweet ties all such posts within the window, for the same reason as 1.
/// 4. Two empty word sets have similarity 0; CNT divides by zero and stops, which happens only
///    with `minDocumentSize` at 0 or below (its default, 1, gives them 0 as well).
/// 5. A repeated post id is skipped whole. CNT keeps the first row's message but still adds
///    the URLs of later rows with that id, with the later row's time and account.
/// 6. Lower-casing is Python 3.11's (Unicode 14.0.0), which CNT runs under here: scalars
///    assigned later stay as they are. Under a newer Python, CNT would lower-case some of them.
///    Word boundaries use the property tables of the `regex` module CNT tokenises with.
/// Times are whole seconds (`Post.createdAt`); CNT also takes fractions.
package enum CoAction {
    /// One network over posts already read.
    package static func network(_ network: CoActionNetwork, of input: CoActionInput,
                                parameters: CoActionParameters) -> CoActionEdgeTable {
        self.network(network, of: input, parameters: parameters, parallelWork: CoActionCounter.parallelWork)
    }

    /// `network`, split into parallel tasks from `parallelWork` on (tests force the split).
    static func network(_ network: CoActionNetwork, of input: CoActionInput, parameters: CoActionParameters,
                        parallelWork: Int) -> CoActionEdgeTable {
        precondition(input.columns.isSuperset(of: network.columns), "\(network.rawValue) needs what this input left out")
        let keyed = keys(network, input)
        let events = CoActionEvents(input: input, keyStart: keyed.start, keys: keyed.keys, keyCount: keyed.count)
        let edges: [CoActionNumberedEdges]
        if network == .coSimilarTweet {
            let similarity = CoActionSimilarity(input: input, threshold: parameters.similarityThreshold,
                                                minDocumentSize: parameters.minDocumentSize)
            edges = CoActionCounter.edges(events, input: input, window: parameters.timeWindow,
                                          minEdgeWeight: parameters.minEdgeWeight, match: similarity,
                                          parallelWork: parallelWork)
        } else {
            edges = CoActionCounter.edges(events, input: input, window: parameters.timeWindow,
                                          minEdgeWeight: parameters.minEdgeWeight, match: CoActionSameKey(),
                                          parallelWork: parallelWork)
        }
        return CoActionEdgeTable(network: network, parameters: parameters, accounts: input.accounts, parts: edges)
    }

    /// Several networks over the same posts, read once.
    package static func networks(_ networks: [CoActionNetwork], of posts: [Post],
                                 parameters: CoActionParameters) -> [CoActionEdgeTable] {
        let input = CoActionInput(posts: posts)
        return networks.map { network($0, of: input, parameters: parameters) }
    }

    /// Each message's keys in one network, numbered from 0 (`count` of them in all).
    private static func keys(_ network: CoActionNetwork, _ input: CoActionInput)
        -> (start: [Int32], keys: [Int32], count: Int) {
        var start: [Int32] = [0]
        start.reserveCapacity(input.messageCount + 1)
        var keys: [Int32] = []
        keys.reserveCapacity(input.messageCount)
        func finish(_ count: Int) -> (start: [Int32], keys: [Int32], count: Int) { (start, keys, count) }
        func single(_ key: (Int) -> Int32?) {
            for m in 0..<input.messageCount {
                if let key = key(m) { keys.append(key) }
                start.append(Int32(keys.count))
            }
        }
        switch network {
        case .coRetweet:
            single { input.repostOf[$0] >= 0 ? input.repostOf[$0] : nil }
            return finish(Int((input.repostOf.max() ?? -1) + 1))
        case .coReply:
            single { input.replyTo[$0] >= 0 ? input.replyTo[$0] : nil }
            return finish(Int((input.replyTo.max() ?? -1) + 1))
        case .coLink:
            return (input.urlStart, input.urls, Int((input.urls.max() ?? -1) + 1))
        case .coTweet:
            // Parts normalise on their own; the texts are then numbered in message order.
            let ranges = CoActionParallel.ranges(input.messageCount, parts: CoActionParallel.parts(for: input.messageCount))
            let parts = CoActionParallel.map(parts: ranges.count) { part in
                var normalised: [UInt8] = [], end: [Int] = []
                // Room for the texts as they are: normalising ASCII never makes one longer, and
                // growing would copy and touch fresh memory again.
                normalised.reserveCapacity(input.textStart[ranges[part].upperBound] - input.textStart[ranges[part].lowerBound])
                end.reserveCapacity(ranges[part].count)
                input.textBytes.withUnsafeBufferPointer { texts in
                    for m in ranges[part] {
                        if !input.isRepost[m] {
                            let text = UnsafeBufferPointer(rebasing: texts[input.textStart[m]..<input.textStart[m + 1]])
                            CoActionText.appendNormalised(text, to: &normalised)
                        }
                        end.append(normalised.count)
                    }
                }
                return (normalised: normalised, end: end)
            }
            var texts = ByteInterner(capacity: input.messageCount / 2, bytes: parts.reduce(0) { $0 + $1.normalised.count })
            for part in parts {
                part.normalised.withUnsafeBufferPointer { normalised in
                    var first = 0
                    for end in part.end {
                        if end > first { keys.append(texts.intern(UnsafeBufferPointer(rebasing: normalised[first..<end])).id) }
                        start.append(Int32(keys.count))
                        first = end
                    }
                }
            }
            return finish(texts.count)
        case .coSimilarTweet:
            single { input.isRepost[$0] ? nil : 0 }
            return finish(1)
        case .coPost:
            single { _ in 0 }
            return finish(1)
        }
    }
}
