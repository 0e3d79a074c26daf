import ToetsModel

extension PostAnonymiser {
    /// Puts anonymised `posts` in canonical order (`Post.canonicalOrder`), the order
    /// `Post.sortCanonically` gives. They come in the order of the raw posts, which ingest
    /// sorted by `created_at` first: pseudonymising the post ids reorders only posts of the
    /// same second, so where `created_at` never decreases only those runs are sorted, each by
    /// its post ids (ties by position, as the stable full sort keeps them). Any other order
    /// takes the full sort.
    static func sortCanonically(_ posts: inout [Post]) {
        guard posts.indices.dropFirst().allSatisfy({ posts[$0 - 1].createdAt <= posts[$0].createdAt }) else {
            Post.sortCanonically(&posts)
            return
        }
        var start = 0
        while start < posts.count {
            var end = start + 1
            while end < posts.count, posts[end].createdAt == posts[start].createdAt { end += 1 }
            if end - start > 1 {
                let order = (start..<end).sorted { a, b in
                    let (x, y) = (posts[a].postID.utf8, posts[b].postID.utf8)
                    if x.lexicographicallyPrecedes(y) { return true }
                    return y.lexicographicallyPrecedes(x) ? false : a < b
                }
                if order != Array(start..<end) {
                    let run = order.map { posts[$0] }
                    posts.replaceSubrange(start..<end, with: run)
                }
            }
            start = end
        }
    }
}
