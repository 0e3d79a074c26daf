import ToetsModel

/// twarc2 JSONL: one X API v2 response per line (`data`, `includes`, `meta`, `__twarc`), or
/// one flattened tweet per line (`twarc2 flatten`: `author` and full `referenced_tweets`).
/// Retweets take their full text and referenced author from `includes.tweets`, since the
/// retweet's own text is cut short.
enum Twarc2Adapter {
    static func posts(_ line: JSONValue) throws(RecordProblem) -> RecordOutcome {
        if let data = line["data"] {
            var users: [String: JSONValue] = [:]
            for user in line["includes", "users"]?.elements ?? [] { if let id = user["id"]?.text { users[id] = user } }
            var tweets: [String: JSONValue] = [:]
            for tweet in line["includes", "tweets"]?.elements ?? [] { if let id = tweet["id"]?.text { tweets[id] = tweet } }
            let items = data.kind == .array ? data.elements : [data]
            return .posts(try items.map { (tweet) throws(RecordProblem) in
                try post(tweet, users: users, tweets: tweets)
            })
        }
        guard line["id"] != nil, line["created_at"] != nil else {
            throw RecordProblem("neither an API response (data) nor a flattened tweet (id, created_at)")
        }
        // Flattened: the author and referenced tweets are inside the tweet.
        var users: [String: JSONValue] = [:]
        if let author = line["author"], let id = author["id"]?.text { users[id] = author }
        var tweets: [String: JSONValue] = [:]
        for reference in line["referenced_tweets"]?.elements ?? [] where reference["author_id"] != nil || reference["text"] != nil {
            if let id = reference["id"]?.text { tweets[id] = reference }
        }
        return .posts([try post(line, users: users, tweets: tweets)])
    }

    static func post(_ tweet: JSONValue, users: [String: JSONValue], tweets: [String: JSONValue]) throws(RecordProblem) -> Post {
        let id = try Adapt.required(tweet["id"]?.text, "id")
        let authorID = try Adapt.required(tweet["author_id"]?.text, "author_id")
        guard let createdText = tweet["created_at"]?.string, let (createdAt, precision) = Timestamps.iso8601(createdText) else {
            throw RecordProblem("missing or unreadable created_at")
        }
        var kind = Post.Kind.post
        var reference: String?
        for referenced in tweet["referenced_tweets"]?.elements ?? [] {
            guard let type = referenced["type"]?.string, let target = referenced["id"]?.text else { continue }
            switch type {
            case "retweeted": kind = .repost; reference = target
            case "quoted" where kind != .repost: kind = .quote; reference = target
            case "replied_to" where kind == .post: kind = .reply; reference = target
            default: break
            }
        }
        var text = tweet["text"]?.string
        var entities = tweet["entities"]
        var refAuthor: String?
        if let reference, let original = tweets[reference] {
            refAuthor = original["author_id"]?.text
            if kind == .repost {
                text = original["text"]?.string ?? text
                entities = original["entities"] ?? entities
            }
        }
        if kind == .reply, refAuthor == nil { refAuthor = tweet["in_reply_to_user_id"]?.text }
        let author = users[authorID]
        let hashtags = entities?["hashtags"]?.elements.compactMap { $0["tag"]?.string } ?? []
        let mentions = entities?["mentions"]?.elements.compactMap { $0["username"]?.string } ?? []
        let urls = entities?["urls"]?.elements.compactMap { $0["unwound_url"]?.string ?? $0["expanded_url"]?.string ?? $0["url"]?.string } ?? []
        return Post(
            platform: "x", sourceFormat: SourceFormat.twarc2.rawValue, postID: "x:" + id, authorID: "x:" + authorID,
            authorHandle: author?["username"]?.string, displayName: author?["name"]?.string, createdAt: createdAt, precision: precision, text: text, kind: kind,
            refPostID: reference.map { "x:" + $0 }, refAuthorID: refAuthor.map { "x:" + $0 },
            threadID: tweet["conversation_id"]?.text.map { "x:" + $0 },
            urls: Adapt.unique(urls), hashtags: Adapt.unique(hashtags.map(Adapt.hashtag)),
            mentions: Adapt.unique(mentions.map(Adapt.mention)), language: tweet["lang"]?.string,
            accountCreatedAt: author?["created_at"]?.string.flatMap { Timestamps.iso8601($0)?.seconds },
            followers: author?["public_metrics", "followers_count"]?.int64)
    }
}
