import ToetsModel

/// The CSV formats: each decides from its header whether it can read a file, then maps rows.
enum CSVAdapters {
    /// The format a header belongs to, if any.
    static func detect(_ header: [String]) -> SourceFormat? {
        let columns = Set(header)
        if columns.isSuperset(of: ["object_id", "account_id", "content_id", "timestamp_share"]) { return .coortweet }
        if columns.isSuperset(of: ["tweetid", "userid", "tweet_time", "tweet_text"]) { return .xArchive }
        if columns.isSuperset(of: ["message_id", "user_id", "repost_id", "reply_id", "message", "timestamp"]) { return .cnt }
        if columns.isSuperset(of: ["id", "author_id", "created_at", "text"])
            && columns.contains(where: { $0.hasPrefix("referenced_tweets.") || $0.hasPrefix("author.") }) { return .twarcCSV }
        if columns.isSuperset(of: ["id", "thread_id", "author", "body"]) && (columns.contains("timestamp")
            || columns.contains("unix_timestamp")) { return .fourCATCSV }
        return nil
    }

    static func post(_ row: [String], _ columns: CSVColumns, format: SourceFormat, context: AdapterContext) throws(RecordProblem) -> RecordOutcome {
        guard row.count == columns.names.count else {
            throw RecordProblem("wrong number of fields: \(row.count) where the header has \(columns.names.count)")
        }
        switch format {
        case .coortweet: return .posts([try coortweet(row, columns, context)])
        case .cnt: return .posts([try cnt(row, columns, context)])
        case .xArchive: return .posts([try xArchive(row, columns)])
        case .twarcCSV: return .posts([try twarcCSV(row, columns)])
        case .fourCATCSV: return .posts([try fourCAT(row, columns, context)])
        default: throw RecordProblem("\(format.rawValue) is not a CSV format")
        }
    }

    private static func integer(_ text: String?, _ field: String) throws(RecordProblem) -> Int64 {
        // A number beyond Int64 (or not finite) is an error, not a trap.
        guard let text, let value = Int64(text) ?? Double(text).flatMap({ Int64(exactly: $0.rounded(.towardZero)) }) else {
            throw RecordProblem("\(field) is not a number of seconds: \(text ?? "empty")")
        }
        return value
    }

    /// CooRTweet's four columns: one row per share. `content_id` is the post that shares,
    /// `object_id` what it shares (a retweeted tweet, a URL id), kept as the post's `content_id`.
    static func coortweet(_ row: [String], _ c: CSVColumns, _ context: AdapterContext) throws(RecordProblem) -> Post {
        let platform = context.platform ?? "unknown"
        return Post(
            platform: platform, sourceFormat: SourceFormat.coortweet.rawValue,
            postID: Adapt.namespaced(platform, try Adapt.required(c.value(row, "content_id"), "content_id")),
            authorID: Adapt.namespaced(platform, try Adapt.required(c.value(row, "account_id"), "account_id")),
            createdAt: try integer(c.value(row, "timestamp_share"), "timestamp_share"),
            contentID: try Adapt.required(c.value(row, "object_id"), "object_id"))
    }

    /// coordination-network-toolkit's CSV: message_id, user_id, username, repost_id,
    /// reply_id, message, timestamp, urls (space separated).
    static func cnt(_ row: [String], _ c: CSVColumns, _ context: AdapterContext) throws(RecordProblem) -> Post {
        let platform = context.platform ?? "unknown"
        let repost = c.value(row, "repost_id")
        let reply = c.value(row, "reply_id")
        let text = c.value(row, "message") ?? ""
        let entities = Adapt.entities(in: text)
        let urls = Adapt.words(c.value(row, "urls") ?? "")
        return Post(
            platform: platform, sourceFormat: SourceFormat.cnt.rawValue,
            postID: Adapt.namespaced(platform, try Adapt.required(c.value(row, "message_id"), "message_id")),
            authorID: Adapt.namespaced(platform, try Adapt.required(c.value(row, "user_id"), "user_id")),
            authorHandle: c.value(row, "username"), createdAt: try integer(c.value(row, "timestamp"), "timestamp"),
            text: text, kind: repost != nil ? .repost : reply != nil ? .reply : .post,
            refPostID: (repost ?? reply).map { Adapt.namespaced(platform, $0) }, urls: Adapt.unique(urls),
            hashtags: Adapt.unique(entities.hashtags), mentions: Adapt.unique(entities.mentions))
    }

    /// The X information-operations archive: minute-precision times, lists as Python literals.
    static func xArchive(_ row: [String], _ c: CSVColumns) throws(RecordProblem) -> Post {
        let id = try Adapt.required(c.value(row, "tweetid"), "tweetid")
        guard let time = c.value(row, "tweet_time"), let (created, precision) = Timestamps.iso8601(time) else {
            throw RecordProblem("missing or unreadable tweet_time")
        }
        let isRetweet = c.value(row, "is_retweet")?.lowercased() == "true"
        let (kind, reference, refAuthor) = c.reference(row, (isRetweet ? [(.repost, "retweet_tweetid", "retweet_userid")] : [])
            + [(.quote, "quoted_tweet_tweetid", nil), (.reply, "in_reply_to_tweetid", "in_reply_to_userid")])
        let created_at = c.value(row, "account_creation_date").flatMap { Timestamps.iso8601($0)?.seconds }
        return Post(
            platform: "x", sourceFormat: SourceFormat.xArchive.rawValue, postID: "x:" + id,
            authorID: "x:" + (try Adapt.required(c.value(row, "userid"), "userid")),
            authorHandle: c.value(row, "user_screen_name"), displayName: c.value(row, "user_display_name"), createdAt: created, precision: precision,
            text: c.value(row, "tweet_text"), kind: kind, refPostID: reference.map { "x:" + $0 },
            refAuthorID: refAuthor.map { "x:" + $0 },
            urls: Adapt.unique(try PythonList.parse(c.value(row, "urls"))),
            hashtags: Adapt.unique(try PythonList.parse(c.value(row, "hashtags")).map(Adapt.hashtag)),
            // user_mentions lists user ids, not handles.
            mentions: Adapt.unique(try PythonList.parse(c.value(row, "user_mentions")).map { "id:" + $0 }),
            language: c.value(row, "tweet_language"), accountCreatedAt: created_at,
            followers: c.value(row, "follower_count").flatMap { Int64($0) })
    }

    /// twarc-csv: dotted column names, lists as JSON text.
    static func twarcCSV(_ row: [String], _ c: CSVColumns) throws(RecordProblem) -> Post {
        let id = try Adapt.required(c.value(row, "id"), "id")
        guard let time = c.value(row, "created_at"), let (created, precision) = Timestamps.iso8601(time) else {
            throw RecordProblem("missing or unreadable created_at")
        }
        let (kind, reference, refAuthor) = c.reference(row, [
            (.repost, "referenced_tweets.retweeted.id", "retweeted_user_id"),
            (.quote, "referenced_tweets.quoted.id", "quoted_user_id"),
            (.reply, "referenced_tweets.replied_to.id", "in_reply_to_user_id"),
        ])
        return Post(
            platform: "x", sourceFormat: SourceFormat.twarcCSV.rawValue, postID: "x:" + id,
            authorID: "x:" + (try Adapt.required(c.value(row, "author_id"), "author_id")),
            authorHandle: c.value(row, "author.username"), displayName: c.value(row, "author.name"), createdAt: created, precision: precision,
            text: c.value(row, "text"), kind: kind, refPostID: reference.map { "x:" + $0 },
            refAuthorID: refAuthor.map { "x:" + $0 }, threadID: c.value(row, "conversation_id").map { "x:" + $0 },
            urls: Adapt.unique(try jsonList(c.value(row, "entities.urls"), keys: ["unwound_url", "expanded_url", "url"])),
            hashtags: Adapt.unique(try jsonList(c.value(row, "entities.hashtags"), keys: ["tag"]).map(Adapt.hashtag)),
            mentions: Adapt.unique(try jsonList(c.value(row, "entities.mentions"), keys: ["username"]).map(Adapt.mention)),
            language: c.value(row, "lang"),
            accountCreatedAt: c.value(row, "author.created_at").flatMap { Timestamps.iso8601($0)?.seconds },
            followers: c.value(row, "author.public_metrics.followers_count").flatMap { Int64($0) })
    }

    /// A JSON list in a cell: strings, or objects from which the first present key is taken.
    private static func jsonList(_ text: String?, keys: [StaticString]) throws(RecordProblem) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        let document: JSONDocument
        do { document = try JSONDocument(Array(text.utf8)) } catch { throw RecordProblem("a list column is not JSON: \(error)") }
        return document.root.elements.compactMap { element in
            element.string ?? keys.lazy.compactMap { element[$0]?.string }.first
        }
    }

    /// 4CAT's CSV export; the platform is told by the columns each data source adds.
    static func fourCAT(_ row: [String], _ c: CSVColumns, _ context: AdapterContext) throws(RecordProblem) -> Post {
        let platform = context.platform ?? (c.has("tiktok_url") || c.has("music_id") ? "tiktok"
            : c.has("author_forwarded_from_name") || c.has("reply_to") && c.has("author_username") ? "telegram"
            : c.has("is_retweet") || c.has("is_quote_tweet") ? "x" : "unknown")
        let id = try Adapt.required(c.value(row, "id"), "id")
        let created: Int64
        if let unix = c.value(row, "unix_timestamp") {
            created = try integer(unix, "unix_timestamp")
        } else if let time = c.value(row, "timestamp"), let parsed = Timestamps.iso8601(time) {
            // Without unix_timestamp, 4CAT's timestamp is the server's local time; read as UTC.
            created = parsed.seconds
        } else {
            throw RecordProblem("missing unix_timestamp and timestamp")
        }
        let text = c.value(row, "body") ?? ""
        let entities = Adapt.entities(in: text)
        func list(_ name: String) -> [String] {
            (c.value(row, name) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var kind = Post.Kind.post
        var reference: String?
        if c.value(row, "is_retweet")?.lowercased() == "yes" || c.value(row, "is_retweet")?.lowercased() == "true" {
            kind = .repost
        } else if let quoted = c.value(row, "quote_tweet_id") {
            kind = .quote
            reference = quoted
        } else if c.has("author_forwarded_from_name"), c.value(row, "author_forwarded_from_name") != nil {
            kind = .forward
        } else if let reply = c.value(row, "reply_to") {
            kind = .reply
            let chat = c.value(row, "thread_id") ?? ""
            reference = platform == "telegram" ? "\(chat)-\(reply)" : reply
        } else if c.value(row, "is_reply")?.lowercased() == "yes" {
            kind = .reply
        }
        let author = try Adapt.required(c.value(row, "author_id") ?? c.value(row, "author"), "author")
        return Post(
            platform: platform, sourceFormat: SourceFormat.fourCATCSV.rawValue, postID: Adapt.namespaced(platform, id),
            authorID: Adapt.namespaced(platform, author),
            authorHandle: c.value(row, "author_username") ?? (c.has("author_id") ? c.value(row, "author") : nil),
            // X: author_fullname; TikTok: author_full; Telegram: author_name.
            displayName: c.value(row, "author_fullname") ?? c.value(row, "author_full") ?? c.value(row, "author_name"),
            createdAt: created, text: text, kind: kind, refPostID: reference.map { Adapt.namespaced(platform, $0) },
            threadID: c.value(row, "thread_id").map { Adapt.namespaced(platform, $0) },
            urls: Adapt.unique(c.has("urls") ? list("urls") : entities.urls),
            hashtags: Adapt.unique((c.has("hashtags") ? list("hashtags") : entities.hashtags).map(Adapt.hashtag)),
            mentions: Adapt.unique((c.has("mentions") ? list("mentions") : entities.mentions).map(Adapt.mention)),
            followers: c.value(row, "author_followers").flatMap { Int64($0) })
    }
}

/// Python list literals as the X archive writes them: `['a', "b's"]`, `[]`, or `[a, b]`.
enum PythonList {
    static func parse(_ text: String?) throws(RecordProblem) -> [String] {
        guard var text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return [] }
        guard text.hasPrefix("["), text.hasSuffix("]") else { return [text] }
        text = String(text.dropFirst().dropLast())
        var items: [String] = []
        var characters = text[...]
        while true {
            characters = characters.drop { $0 == " " }
            guard let first = characters.first else { break }
            var item = ""
            if first == "'" || first == "\"" {
                characters.removeFirst()
                var closed = false
                while let character = characters.popFirst() {
                    if character == "\\", let next = characters.popFirst() {
                        item.append(next)
                    } else if character == first {
                        closed = true
                        break
                    } else {
                        item.append(character)
                    }
                }
                guard closed else { throw RecordProblem("an unterminated string in a list: \(text)") }
                characters = characters.drop { $0 == " " }
            } else {
                item = String(characters.prefix { $0 != "," }).trimmingCharacters(in: .whitespaces)
                characters = characters.drop { $0 != "," }
            }
            items.append(item)
            guard characters.first == "," else { break }
            characters.removeFirst()
        }
        return items
    }
}
