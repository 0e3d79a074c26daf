import ToetsModel

/// Zeeschuimer NDJSON (an envelope with `source_platform` and the raw platform object in
/// `data`) and 4CAT NDJSON (the raw object with `__import_meta`). The raw objects are X
/// GraphQL tweets, TikTok items and Instagram media.
enum ZeeschuimerAdapter {
    static func posts(_ line: JSONValue, format: SourceFormat) throws(RecordProblem) -> RecordOutcome {
        let item: JSONValue
        let source: String?
        if format == .zeeschuimer {
            guard let data = line["data"] else { throw RecordProblem("no data object in the Zeeschuimer envelope") }
            item = data
            source = line["source_platform"]?.string
        } else {
            item = line
            source = line["__import_meta", "source_platform"]?.string
        }
        guard let source else { throw RecordProblem("no source_platform: cannot tell which platform the item is from") }
        let platform = Adapt.platform(fromSource: source)
        switch platform {
        case "x": return .posts([try tweet(item, format: format)])
        case "tiktok": return .posts([try tiktok(item, format: format)])
        case "instagram": return .posts([try instagram(item, format: format)])
        default: throw RecordProblem("items from \(source) are not read yet (X, TikTok and Instagram are)")
        }
    }

    /// An X GraphQL tweet result (`rest_id`, `legacy`, `core.user_results.result`).
    static func tweet(_ raw: JSONValue, format: SourceFormat) throws(RecordProblem) -> Post {
        // Some results wrap the tweet: {"__typename": "TweetWithVisibilityResults", "tweet": {...}}.
        let item = raw["tweet"] ?? raw
        guard let legacy = item["legacy"] else { throw RecordProblem("not an X tweet: no legacy object") }
        let id = try Adapt.required(item["rest_id"]?.text ?? legacy["id_str"]?.string, "rest_id")
        let user = item["core", "user_results", "result"]
        let authorID = try Adapt.required(user?["rest_id"]?.text ?? legacy["user_id_str"]?.string, "user id")
        guard let created = legacy["created_at"]?.string.flatMap(Timestamps.twitter) else {
            throw RecordProblem("missing or unreadable legacy.created_at")
        }
        var kind = Post.Kind.post
        var reference: String?
        var refAuthor: String?
        var text = legacy["full_text"]?.string
        var entities = legacy["entities"]
        if let retweeted = legacy["retweeted_status_result", "result"] {
            let original = retweeted["tweet"] ?? retweeted
            kind = .repost
            reference = original["rest_id"]?.text
            refAuthor = original["core", "user_results", "result", "rest_id"]?.text
            text = original["legacy", "full_text"]?.string ?? text
            entities = original["legacy", "entities"] ?? entities
        } else if let quoted = legacy["quoted_status_id_str"]?.string {
            kind = .quote
            reference = quoted
            refAuthor = item["quoted_status_result", "result", "core", "user_results", "result", "rest_id"]?.text
        } else if let replied = legacy["in_reply_to_status_id_str"]?.string {
            kind = .reply
            reference = replied
            refAuthor = legacy["in_reply_to_user_id_str"]?.string
        }
        let handle = user?["legacy", "screen_name"]?.string ?? user?["core", "screen_name"]?.string
        let name = user?["legacy", "name"]?.string ?? user?["core", "name"]?.string
        let created_at = user?["legacy", "created_at"]?.string ?? user?["core", "created_at"]?.string
        return Post(
            platform: "x", sourceFormat: format.rawValue, postID: "x:" + id, authorID: "x:" + authorID,
            authorHandle: handle, displayName: name, createdAt: created, text: text, kind: kind, refPostID: reference.map { "x:" + $0 },
            refAuthorID: refAuthor.map { "x:" + $0 }, threadID: legacy["conversation_id_str"]?.string.map { "x:" + $0 },
            urls: Adapt.unique(entities?["urls"]?.elements.compactMap { $0["expanded_url"]?.string } ?? []),
            hashtags: Adapt.unique(entities?["hashtags"]?.elements.compactMap { $0["text"]?.string.map(Adapt.hashtag) } ?? []),
            mentions: Adapt.unique(entities?["user_mentions"]?.elements.compactMap { $0["screen_name"]?.string.map(Adapt.mention) } ?? []),
            language: legacy["lang"]?.string, accountCreatedAt: created_at.flatMap(Timestamps.twitter),
            followers: user?["legacy", "followers_count"]?.int64)
    }

    /// A TikTok item (`id`, `createTime`, `desc`, `author`, `textExtra`, `challenges`).
    static func tiktok(_ item: JSONValue, format: SourceFormat) throws(RecordProblem) -> Post {
        let id = try Adapt.required(item["id"]?.text, "id")
        guard let created = Timestamps.epoch(item["createTime"]) else { throw RecordProblem("missing createTime") }
        let author = item["author"]
        let authorID = try Adapt.required(author?["id"]?.text ?? author?["uniqueId"]?.string ?? item["author"]?.string, "author id")
        let text = item["desc"]?.string ?? ""
        var hashtags = item["textExtra"]?.elements.compactMap { $0["hashtagName"]?.string } ?? []
        hashtags += item["challenges"]?.elements.compactMap { $0["title"]?.string } ?? []
        let duet = item["duetInfo", "duetFromId"]?.text.flatMap { $0 == "0" || $0.isEmpty ? nil : $0 }
        let stitch = item["stitchInfo", "stitchFromId"]?.text.flatMap { $0 == "0" || $0.isEmpty ? nil : $0 }
        let entities = Adapt.entities(in: text)
        return Post(
            platform: "tiktok", sourceFormat: format.rawValue, postID: "tiktok:" + id, authorID: "tiktok:" + authorID,
            authorHandle: author?["uniqueId"]?.string, displayName: author?["nickname"]?.string, createdAt: created, text: text,
            kind: duet != nil || stitch != nil ? .quote : .post, refPostID: (duet ?? stitch).map { "tiktok:" + $0 },
            urls: Adapt.unique(entities.urls), hashtags: Adapt.unique(hashtags.map(Adapt.hashtag) + entities.hashtags),
            mentions: Adapt.unique(entities.mentions), language: item["textLanguage"]?.string,
            followers: item["authorStats", "followerCount"]?.int64)
    }

    /// An Instagram media item (`code`/`id`, `taken_at`, `user`, `caption.text`).
    static func instagram(_ item: JSONValue, format: SourceFormat) throws(RecordProblem) -> Post {
        let id = try Adapt.required(item["id"]?.text ?? item["pk"]?.text ?? item["code"]?.string, "id")
        guard let created = Timestamps.epoch(item["taken_at"] ?? item["taken_at_timestamp"]) else {
            throw RecordProblem("missing taken_at")
        }
        let user = item["user"] ?? item["owner"]
        let authorID = try Adapt.required(user?["pk"]?.text ?? user?["id"]?.text, "user pk")
        let text = item["caption", "text"]?.string ?? ""
        let entities = Adapt.entities(in: text)
        return Post(
            platform: "instagram", sourceFormat: format.rawValue, postID: "instagram:" + id,
            authorID: "instagram:" + authorID, authorHandle: user?["username"]?.string, displayName: user?["full_name"]?.string, createdAt: created, text: text,
            urls: Adapt.unique(entities.urls), hashtags: Adapt.unique(entities.hashtags),
            mentions: Adapt.unique(entities.mentions))
    }
}
