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
///
/// CNT's own CSV is read straight into this form by `init(cntCSV:source:columns:)`, with the same
/// mapping.
package struct CoActionInput: Sendable {
    /// What of a message the networks read besides its account, time and whether it is a
    /// repost. An input read for some networks holds only what they read.
    package struct Columns: OptionSet, Hashable, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }

        /// The reposted post (`repostOf`).
        package static let reposted = Columns(rawValue: 1)
        /// The replied-to post (`replyTo`).
        package static let repliedTo = Columns(rawValue: 2)
        /// The text (`textBytes`, `textStart`).
        package static let text = Columns(rawValue: 4)
        /// The URLs (`urls`, `urlStart`).
        package static let urls = Columns(rawValue: 8)
        /// What the evidence names: post ids (`postIDBytes`, `postIDStart`) and the reposted and
        /// replied-to posts and URLs by their numbers (`repostedNames`, `repliedNames`, `urlNames`).
        package static let names = Columns(rawValue: 16)
        /// Every column a network reads (not the names).
        package static let all: Columns = [.reposted, .repliedTo, .text, .urls]
    }

    /// What this input holds; the other columns are empty.
    package let columns: Columns
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
    /// Message `m`'s text (UTF-8; empty for a repost) is `textBytes[textStart[m]..<textStart[m + 1]]`.
    let textBytes: [UInt8]
    let textStart: [Int]
    /// Message `m`'s URLs, numbered, are `urls[urlStart[m]..<urlStart[m + 1]]`.
    let urlStart: [Int32]
    let urls: [Int32]
    /// Account `a`'s messages, in time order, are `messagesByAccount[firstMessage[a]..<firstMessage[a + 1]]`.
    let firstMessage: [Int32]
    let messagesByAccount: [Int32]
    /// With `.names`: message `m`'s post id is `postIDBytes[postIDStart[m]..<postIDStart[m + 1]]`.
    let postIDBytes: [UInt8]
    let postIDStart: [Int]
    /// With `.names`: the reposted posts, replied-to posts and URLs by the numbers `repostOf`,
    /// `replyTo` and `urls` give them.
    let repostedNames: ByteInterner
    let repliedNames: ByteInterner
    let urlNames: ByteInterner
    /// Accounts whose every message repeated an earlier post id: seen, but with no message here.
    let skippedAccounts: [String]

    /// The number of distinct posts read.
    package var messageCount: Int { author.count }
    /// The number of distinct accounts that posted.
    package var accountCount: Int { accounts.count }

    /// The posts as CNT would see them, with `columns` (every one a network reads unless told).
    package init(posts: [Post], columns: Columns = .all) {
        var builder = Builder(columns: columns, messages: posts.count, bytes: 0)
        for post in posts { builder.add(post) }
        self = builder.input()
    }

    /// An input of these columns, messages in time order; the messages by account are found here.
    init(columns: Columns, accounts: [String], author: [Int32], time: [Int64], isRepost: [Bool], repostOf: [Int32], replyTo: [Int32],
         textBytes: [UInt8], textStart: [Int], urlStart: [Int32], urls: [Int32], postIDBytes: [UInt8] = [], postIDStart: [Int] = [0],
         repostedNames: ByteInterner = ByteInterner(), repliedNames: ByteInterner = ByteInterner(),
         urlNames: ByteInterner = ByteInterner(), skippedAccounts: [String] = []) {
        self.columns = columns
        self.accounts = accounts
        self.author = author
        self.time = time
        self.isRepost = isRepost
        self.repostOf = repostOf
        self.replyTo = replyTo
        self.textBytes = textBytes
        self.textStart = textStart
        self.urlStart = urlStart
        self.urls = urls
        self.postIDBytes = postIDBytes
        self.postIDStart = postIDStart
        self.repostedNames = repostedNames
        self.repliedNames = repliedNames
        self.urlNames = urlNames
        self.skippedAccounts = skippedAccounts

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
