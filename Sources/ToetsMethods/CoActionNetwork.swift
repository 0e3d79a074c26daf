/// The network types of coordination-network-toolkit (CNT) 1.5.2, by the name its command line
/// and tables use (`co_retweet` is computed into `co_retweet_network`).
package enum CoActionNetwork: String, CaseIterable, Hashable, Sendable {
    /// Reposts of the same post.
    case coRetweet = "co_retweet"
    /// Non-reposts with the same text once normalised (`CoActionText.normalised`).
    case coTweet = "co_tweet"
    /// Replies to the same post.
    case coReply = "co_reply"
    /// Non-reposts sharing a URL, compared as written.
    case coLink = "co_link"
    /// Non-reposts whose word sets have a Jaccard similarity of at least the threshold.
    case coSimilarTweet = "co_similar_tweet"
    /// Any two posts: the null model, the most two accounts can co-act.
    case coPost = "co_post"
}

extension CoActionNetwork {
    /// What of a message this network reads besides its account, time and whether it is a repost.
    package var columns: CoActionInput.Columns {
        switch self {
        case .coRetweet: .reposted
        case .coTweet, .coSimilarTweet: .text
        case .coReply: .repliedTo
        case .coLink: .urls
        case .coPost: []
        }
    }
}
