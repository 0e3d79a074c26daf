/// One directed, weighted edge of a co-action network, as a row of CNT's network tables.
///
/// `weight` counts `user1`'s messages that have at least one message of `user2` with the same
/// key (reposted post, text, replied-to post, URL; a similar text; any message for co-post)
/// within the time window. It is not symmetric: an account that reposted a post five times next
/// to another's single repost has weight 5 towards it and 1 back.
package struct CoActionEdge: Hashable, Sendable {
    package var user1: String
    package var user2: String
    package var weight: Int

    package init(user1: String, user2: String, weight: Int) {
        self.user1 = user1
        self.user2 = user2
        self.weight = weight
    }

    /// The order edge lists are written in: by `user1`, then `user2`, as UTF-8 bytes.
    package static func tableOrder(_ a: CoActionEdge, _ b: CoActionEdge) -> Bool {
        if a.user1 != b.user1 { return a.user1.utf8.lexicographicallyPrecedes(b.user1.utf8) }
        return a.user2.utf8.lexicographicallyPrecedes(b.user2.utf8)
    }
}
