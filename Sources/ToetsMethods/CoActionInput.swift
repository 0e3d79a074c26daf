import ToetsModel

/// Posts as CNT 1.5.2's CSV preprocessing sees its rows (`message_id, user_id, username,
/// repost_id, reply_id, message, timestamp, urls`), with accounts and shared objects numbered.
///
/// The mapping from `Post`:
/// - `message_id` is `postID`; a post id seen before is skipped whole (the first record wins).
/// - `user_id` is `authorID`; `timestamp` is `createdAt` (whole seconds).
/// - `repost_id` is `refPostID` of a post of kind `repost`. Such a post takes part in co-retweet
///   (when it names the post) and co-post only: its text and URLs are the reposted post's,
///   as CNT ignores them for a row with a `repost_id`.
/// - `reply_id` is `refPostID` of a post of kind `reply`. Quotes, comments and forwards are
///   plain posts: CNT's CSV has no column for them.
/// - `message` is `text`, or the empty string.
/// - `urls` are `urls` as written (no resolving), each once per post, without empty strings.
package struct CoActionInput: Sendable {
    /// Account ids in UTF-8 byte order; an account's number is its index here.
    let accounts: [String]
    /// Per message, messages in time order: the author's number.
    let author: [Int32]
    /// Per message: epoch seconds.
    let time: [Int64]
    /// Per message: whether it is a repost.
    let isRepost: [Bool]
    /// Per message: the reposted post, numbered; -1 for other posts and a repost naming none.
    let repostOf: [Int32]
    /// Per message: the post a reply replies to, numbered; -1 for other posts.
    let replyTo: [Int32]
    /// Per message: the text of a non-repost, or "".
    let text: [String]
    /// Message `m`'s URLs, numbered, are `urls[urlStart[m]..<urlStart[m + 1]]`.
    let urlStart: [Int32]
    let urls: [Int32]
    /// Account `a`'s messages, in time order, are `messagesByAccount[firstMessage[a]..<firstMessage[a + 1]]`.
    let firstMessage: [Int32]
    let messagesByAccount: [Int32]

    /// The number of distinct posts read.
    package var messageCount: Int { author.count }
    /// The number of distinct accounts that posted.
    package var accountCount: Int { accounts.count }

    package init(posts: [Post]) {
        var seen = Set<String>()
        seen.reserveCapacity(posts.count)
        // By time; the order of equal times does not matter, no network depends on it.
        let kept = posts.indices.filter { seen.insert(posts[$0].postID).inserted }
            .map { (time: posts[$0].createdAt, index: $0) }.sorted { $0.time < $1.time }.map(\.index)

        var accountNumber: [String: Int32] = [:]
        for index in kept where accountNumber[posts[index].authorID] == nil {
            accountNumber[posts[index].authorID] = 0
        }
        let accounts = accountNumber.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (number, account) in accounts.enumerated() { accountNumber[account] = Int32(number) }

        var repostNumber: [String: Int32] = [:]
        var replyNumber: [String: Int32] = [:]
        var urlNumber: [String: Int32] = [:]
        func number(_ key: String, in table: inout [String: Int32]) -> Int32 {
            if let existing = table[key] { return existing }
            let new = Int32(table.count)
            table[key] = new
            return new
        }

        var author: [Int32] = [], time: [Int64] = [], isRepost: [Bool] = []
        var repostOf: [Int32] = [], replyTo: [Int32] = [], text: [String] = []
        var urlStart: [Int32] = [0], urls: [Int32] = []
        // Fields are read in place: copying whole posts costs more than the rest of this loop.
        for index in kept {
            let kind = posts[index].kind
            let reference = posts[index].refPostID.flatMap { $0.isEmpty ? nil : $0 }
            author.append(accountNumber[posts[index].authorID] ?? 0)
            time.append(posts[index].createdAt)
            let repost = kind == .repost
            isRepost.append(repost)
            repostOf.append(repost ? reference.map { number($0, in: &repostNumber) } ?? -1 : -1)
            replyTo.append(kind == .reply ? reference.map { number($0, in: &replyNumber) } ?? -1 : -1)
            text.append(repost ? "" : posts[index].text ?? "")
            if !repost {
                var own: [Int32] = []
                for url in posts[index].urls where !url.isEmpty {
                    let key = number(url, in: &urlNumber)
                    if !own.contains(key) { own.append(key) }
                }
                urls.append(contentsOf: own)
            }
            urlStart.append(Int32(urls.count))
        }
        self.accounts = accounts
        self.author = author
        self.time = time
        self.isRepost = isRepost
        self.repostOf = repostOf
        self.replyTo = replyTo
        self.text = text
        self.urlStart = urlStart
        self.urls = urls

        var firstMessage = [Int32](repeating: 0, count: accounts.count + 1)
        for account in author { firstMessage[Int(account) + 1] += 1 }
        for account in accounts.indices { firstMessage[account + 1] += firstMessage[account] }
        var next = firstMessage
        var messagesByAccount = [Int32](repeating: 0, count: author.count)
        for (message, account) in author.enumerated() {
            messagesByAccount[Int(next[Int(account)])] = Int32(message)
            next[Int(account)] += 1
        }
        self.firstMessage = firstMessage
        self.messagesByAccount = messagesByAccount
    }
}
