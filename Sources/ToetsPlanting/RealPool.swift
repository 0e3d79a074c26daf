import ToetsModel

/// What the real (pseudonymised) posts look like, for planted accounts to look alike: the
/// identifiers' form, each platform's metadata, the accounts' rhythm, their texts (`RealTexts`),
/// and the hashtags, links and repost targets in circulation (sampled by occurrence, so by
/// popularity).
///
/// Planted accounts take everything from here and nothing from the demo world's generator: no
/// template, no name, no id range of their own.
struct RealPool {
    let posts: [Post]
    /// Posts of each account, by index into `posts`, in time order.
    let byAccount: [String: [Int]]
    /// Accounts with at least two posts, sorted: the donors of rhythm and metadata.
    let donors: [String]
    let accountsByPlatform: [String: [String]]
    let texts: RealTexts
    let hashtags: [String]
    let urls: [String]
    let mentions: [String]
    /// Indices of reposts, whose targets planted accounts repost too.
    let reposts: [Int]
    /// Indices of posts that are not reposts, for replies and quotes.
    let originals: [Int]
    let creationByPlatform: [String: [Int64]]
    let followersByPlatform: [String: [Int64]]
    let repostsCarryText: Bool
    let firstTime: Int64
    let lastTime: Int64
    /// Characters seen in the body of identifiers (after the last `.` or `:`), per kind.
    let idAlphabet: [Character]
    let handleAlphabet: [Character]
    let postAlphabet: [Character]
    var taken: Set<String>

    init(_ posts: [Post]) {
        self.posts = posts
        var byAccount: [String: [Int]] = [:]
        var hashtags: [String] = [], urls: [String] = [], mentions: [String] = []
        var reposts: [Int] = [], originals: [Int] = []
        var creation: [String: [String: Int64]] = [:], followers: [String: [String: Int64]] = [:]
        var repostsWithText = 0
        var idChars = Set<Character>(), handleChars = Set<Character>(), postChars = Set<Character>()
        var taken = Set<String>()
        for (index, post) in posts.enumerated() {
            byAccount[post.authorID, default: []].append(index)
            taken.insert(post.authorID)
            taken.insert(post.postID)
            if let handle = post.authorHandle { taken.insert(handle) }
            if index % 7 == 0 { idChars.formUnion(Self.body(post.authorID)) }
            if index % 7 == 0 { postChars.formUnion(Self.body(post.postID)) }
            if index % 7 == 0, let handle = post.authorHandle { handleChars.formUnion(Self.body(handle)) }
            hashtags += post.hashtags
            urls += post.urls
            mentions += post.mentions
            if post.kind == .repost, post.refPostID != nil {
                reposts.append(index)
                if post.text != nil { repostsWithText += 1 }
            } else {
                originals.append(index)
            }
            if let created = post.accountCreatedAt { creation[post.platform, default: [:]][post.authorID] = created }
            if let count = post.followers { followers[post.platform, default: [:]][post.authorID] = count }
        }
        self.byAccount = byAccount
        donors = byAccount.keys.filter { byAccount[$0]!.count >= 2 }.sorted()
        var accountsByPlatform: [String: [String]] = [:]
        for account in donors { accountsByPlatform[posts[byAccount[account]![0]].platform, default: []].append(account) }
        self.accountsByPlatform = accountsByPlatform
        texts = RealTexts(posts)
        self.hashtags = hashtags
        self.urls = urls
        self.mentions = mentions
        self.reposts = reposts
        self.originals = originals
        creationByPlatform = creation.mapValues { values in values.keys.sorted().map { values[$0]! } }
        followersByPlatform = followers.mapValues { values in values.keys.sorted().map { values[$0]! } }
        repostsCarryText = repostsWithText * 2 > reposts.count
        firstTime = posts.map(\.createdAt).min() ?? 0
        lastTime = posts.map(\.createdAt).max() ?? 0
        idAlphabet = idChars.sorted()
        handleAlphabet = handleChars.sorted()
        postAlphabet = postChars.sorted()
        self.taken = taken
    }

    /// The part of an identifier after its last `.` or `:` (the pseudonym or the platform's id).
    static func body(_ identifier: String) -> Substring {
        guard let cut = identifier.lastIndex(where: { $0 == "." || $0 == ":" }) else { return Substring(identifier) }
        return identifier[identifier.index(after: cut)...]
    }

    /// A new identifier of `donor`'s form: its prefix kept, every character of its body after the
    /// first drawn from the alphabet real bodies use, never one already in the data. Where short
    /// bodies leave few such identifiers free (64 draws all taken), the body grows by a character.
    mutating func mimic(_ donor: String, alphabet: [Character], random: inout SeededRandom) -> String {
        let body = Self.body(donor)
        let prefix = donor[..<body.startIndex]
        let symbols = alphabet.isEmpty ? Array("abcdefghijklmnopqrstuvwxyz234567") : alphabet
        var length = max(2, body.count)
        while true {
            for _ in 0..<64 {
                var made = String(prefix) + String(body.first ?? symbols[0])
                for _ in 1..<length { made.append(symbols[random.int(0...(symbols.count - 1))]) }
                if taken.insert(made).inserted { return made }
            }
            length += 1
        }
    }

    func pick<T>(_ items: [T], _ random: inout SeededRandom) -> T {
        items[random.int(0...(items.count - 1))]
    }
}
